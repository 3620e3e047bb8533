import fs from 'node:fs';

/**
 * The Chromium the browser tests drive, found without a manual step and never downloaded from a
 * browser CDN (the machines we test on cannot reach one):
 * - Debian's `/usr/bin/chromium` when it is installed (CI installs it; developers may);
 * - otherwise the Chromium that `@sparticuz/chromium` (a dev dependency from the npm registry)
 *   carries compressed in its package and unpacks on first use (a few seconds, into the system's
 *   temporary folder, reused by later runs).
 * `CARETRUST_BROWSER=bundled` forces the npm one even where Debian's is installed, so the fallback
 * is tested on every machine; `CARETRUST_BROWSER=debian` insists on Debian's.
 */
export type BrowserChoice = { source: 'debian' | 'bundled'; executablePath: string; args: string[] };

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags for Debian's build: headless, no sandbox (CI runs as root), and nothing that calls home. */
const debianArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The serverless build's recommended flags minus three: `--single-process` (a serverless function
 * opens one page; Playwright opens a context per test in one browser, and in one process closing
 * a context ends the browser), and the two that would turn off protections our pages rely on
 * being checked (same-origin and mixed content): the tests should see the app as a user's
 * browser does.
 */
const unwantedBundledArgs = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

export type BrowserPreference = 'auto' | 'debian' | 'bundled';

export function browserPreference(value = process.env.CARETRUST_BROWSER): BrowserPreference {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'auto') return 'auto';
  if (v === 'debian' || v === 'bundled') return v;
  throw new Error(`CARETRUST_BROWSER must be "debian", "bundled" or unset (found "${value}").`);
}

export async function bundledChromium(): Promise<BrowserChoice> {
  const { default: chromium } = await import('@sparticuz/chromium');
  const executablePath = await chromium.executablePath();
  return { source: 'bundled', executablePath, args: chromium.args.filter((a) => !unwantedBundledArgs.has(a)) };
}

export async function resolveBrowser(preference: BrowserPreference = browserPreference()): Promise<BrowserChoice> {
  const hasDebian = fs.existsSync(DEBIAN_CHROMIUM);
  if (preference === 'debian' && !hasDebian) throw new Error(`CARETRUST_BROWSER=debian, but there is no ${DEBIAN_CHROMIUM} (apt-get install chromium).`);
  if (preference !== 'bundled' && hasDebian) return { source: 'debian', executablePath: DEBIAN_CHROMIUM, args: debianArgs };
  return bundledChromium();
}

/**
 * For Playwright's config, which is loaded by the runner and again by each worker: the runner
 * resolves (and, for the bundled one, unpacks) once and hands the answer to the workers through
 * the environment they inherit.
 */
export async function resolveBrowserOnce(preference: BrowserPreference = browserPreference()): Promise<BrowserChoice> {
  const variable = `CARETRUST_E2E_BROWSER_${preference.toUpperCase()}`;
  const known = process.env[variable];
  if (known) return JSON.parse(known) as BrowserChoice;
  const choice = await resolveBrowser(preference);
  process.env[variable] = JSON.stringify(choice);
  return choice;
}
