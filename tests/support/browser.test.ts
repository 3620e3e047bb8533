import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { browserPreference, resolveBrowser } from './browser.js';

// The browser tests need a Chromium without a manual step. This proves the fallback a machine
// without Debian's Chromium uses — the one from the npm registry — launches and draws a page and
// runs its script, on every machine (forced, since Debian's would win where it is installed).
describe('the browser the tests drive', () => {
  it('comes from the npm registry when forced, and renders a page with its script', { timeout: 120_000 }, async () => {
    const choice = await resolveBrowser('bundled');
    expect(choice.source).toBe('bundled');
    const browser = await chromium.launch({ executablePath: choice.executablePath, args: choice.args, headless: true });
    try {
      // Playwright gives each test a context of its own in one browser: the browser outlives them.
      await (await browser.newContext()).close();
      const page = await browser.newPage();
      await page.goto(
        'data:text/html,' +
          encodeURIComponent(
            '<!doctype html><title>Sign in</title><label for=e>Email address</label><input id=e>' +
              '<p id=out></p><script>e.addEventListener("input", () => out.textContent = "Hello " + e.value)</script>',
          ),
      );
      await page.getByLabel('Email address').fill('coordinator@torbay.demo');
      expect(await page.locator('#out').textContent()).toBe('Hello coordinator@torbay.demo');
      const shot = await page.screenshot();
      expect(shot.length).toBeGreaterThan(1000);
    } finally {
      await browser.close();
    }
  });

  it('is chosen by CARETRUST_BROWSER, and a misspelt choice is refused with the ones allowed', () => {
    expect(browserPreference(undefined)).toBe('auto');
    expect(browserPreference('Bundled')).toBe('bundled');
    expect(browserPreference('debian')).toBe('debian');
    expect(() => browserPreference('firefox')).toThrow(/"debian", "bundled" or unset/);
  });
});
