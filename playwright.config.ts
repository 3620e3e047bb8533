import { execSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Project } from '@playwright/test';
import { resolveBrowserOnce, type BrowserChoice } from './tests/support/browser.js';

const root = path.dirname(fileURLToPath(import.meta.url));
// Another port can be chosen so that two checkouts can run their journeys at once.
const port = Number(process.env.CARETRUST_E2E_PORT ?? 3123);

// Playwright loads this file in the runner and again in every worker. The runner decides the data
// folder once and hands it to the workers (and the server) through the environment, so one run has
// one fresh database. Playwright empties test-results/ before it starts the server.
process.env.CARETRUST_E2E_DATA_DIR ??= path.join(root, 'test-results', `e2e-data-${Date.now()}`);
const dataDir = process.env.CARETRUST_E2E_DATA_DIR;

// The server serves web/dist as it finds it at start, so the app must be built first (only when a
// source is newer than the build, and only once per run, not in each worker).
if (!process.env.CARETRUST_E2E_WEB_CHECKED) {
  process.env.CARETRUST_E2E_WEB_CHECKED = '1';
  execSync('node scripts/build-web-if-stale.mjs', { cwd: root, stdio: 'inherit' });
}

// Debian's Chromium when installed, else the one from the npm registry (tests/support/browser.ts);
// Playwright must never download a browser.
const browser = await resolveBrowserOnce();
const project = (name: string, choice: BrowserChoice): Project => ({
  name,
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: choice.executablePath, args: choice.args },
  },
});
const projects: Project[] = [project(`chromium (${browser.source})`, browser)];
// Where Debian's is the default, the sign-in journey also runs in the npm registry's Chromium, so
// the fallback a machine without Debian's would use is proven on every run.
if (browser.source === 'debian') {
  projects.push({ ...project('chromium (bundled)', await resolveBrowserOnce('bundled')), testMatch: 'sign-in.spec.ts', grep: /wrong password/ });
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects,
  webServer: {
    command: 'npx tsx src/main.ts serve',
    cwd: root,
    url: `http://127.0.0.1:${port}/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      CARETRUST_DATA_DIR: dataDir,
      CARETRUST_POPULATION: '1000',
      // The journeys sign in more often than a person would; the limit itself is tested in Vitest.
      CARETRUST_SIGNIN_LIMIT: '1000',
    },
  },
});
