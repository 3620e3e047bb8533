#!/usr/bin/env node
// Builds the web app when web/dist is missing or older than its sources, so `npm start` on a
// fresh clone serves the pages and a second start does not wait for a build it does not need.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const built = path.join(web, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

// The assessment form runs the server's own Care Act lists and eligibility rule.
const shared = path.join(root, 'src', 'pathway', 'assessments');
const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < Math.max(newest(web), newest(shared));
if (stale) {
  console.log('Building the web app …');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}
