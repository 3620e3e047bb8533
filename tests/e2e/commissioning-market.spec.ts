import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWaitForHome } from './helpers.js';

// A commissioner opens the market view from the menu, switches to "by zone", reads the zone
// table and downloads it as CSV: the file holds the same rows by zone.
test('a commissioner reads the market by zone and downloads it as CSV', async ({ page }) => {
  await signInAndWaitForHome(page, 'commissioner');
  await page.getByRole('link', { name: 'Commissioning', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Commissioning' })).toBeVisible();
  await expectAccessible(page, 'the commissioning page');
  await page.getByRole('link', { name: 'Market view' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Market view' })).toBeVisible();
  await expect(page.getByTestId('market-table')).toBeVisible();
  await page.getByLabel('Show by').selectOption('zone');
  await expect(page).toHaveURL(/by=zone/);
  const table = page.getByTestId('market-table');
  await expect(table.getByRole('columnheader', { name: 'Zone' })).toBeVisible();
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const rows = await table.getByTestId('market-row').allInnerTexts();
  await expect(page.getByTestId('market-spend-chart')).toBeVisible();
  await expect(page.getByTestId('utilisation-table')).toBeVisible();
  await expect(page.getByTestId('in-house-panel')).toBeVisible();
  await expectAccessible(page, 'market view by zone');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('market-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^market-by-zone-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const lines = text.split('\r\n');
  expect(lines[0]).toMatch(/^Month,Zone,Committed spend/);
  // The file holds the table's rows, then a total for each month of the range.
  const dataLines = lines.filter((l) => /^\d{4}-\d{2},/.test(l));
  expect(dataLines.filter((l) => !/^\d{4}-\d{2},All,/.test(l)).length).toBe(rows.length);
  expect(dataLines.filter((l) => /^\d{4}-\d{2},All,/.test(l)).length).toBe(12);
});
