import { expect, test } from '@playwright/test';
import { expectAccessible, searchPeople, signInAndWaitForHome } from './helpers.js';

test('a co-ordinator finds Mrs Smith, 85, and sees her GP practice and zone', async ({ page }) => {
  await signInAndWaitForHome(page, 'coordinator');
  await expect(page.getByTestId('signed-in-user')).toContainText('Health and social care co-ordinator');
  await expect(page.getByRole('heading', { level: 2, name: 'People you have a relationship with' })).toBeVisible();
  await expectAccessible(page, 'the co-ordinator home page');

  await page.getByRole('link', { name: 'Find a person' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find a person' })).toBeVisible();
  await page.getByLabel('Search by NHS number, name or date of birth').fill('S');
  await expect(page.getByTestId('search-status')).toHaveText('Type at least 2 characters to search.');
  const rows = await searchPeople(page, 'Smith');
  const mrsSmith = rows.filter({ hasText: /\bMrs\b/ }).filter({ hasText: '(age 85)' }).first();
  await expect(mrsSmith).toBeVisible();
  await expect(mrsSmith).toContainText(/\d{3} \d{3} \d{4}/); // NHS number as 943 476 5919
  await expect(mrsSmith).toContainText(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
  const gpPractice = (await mrsSmith.locator('td').nth(4).innerText()).replace(/^GP practice\s*/, '').trim();
  const zone = (await mrsSmith.locator('td').nth(5).innerText()).replace(/^Zone\s*/, '').trim();
  await expectAccessible(page, 'the search results');
  // The search is kept in the address, so a reload shows the same results.
  await expect(page).toHaveURL(/[?&]q=Smith\b/);

  await mrsSmith.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Mrs .*SMITH/);
  const gpAndZone = page.getByTestId('gp-and-zone');
  await expect(gpAndZone).toContainText('GP practice');
  await expect(gpAndZone).toContainText(gpPractice);
  await expect(gpAndZone).toContainText('Zone');
  await expect(gpAndZone).toContainText(zone);
  await expect(page.getByTestId('personal-details')).toContainText('(85 years)');
  await expect(page.getByRole('heading', { level: 2, name: 'Timeline' })).toBeVisible();
  // Her timeline may already hold the pathway journey's steps (or the generator's), so only its presence is checked here.
  await expect(page.getByTestId('timeline').getByText(/Nothing recorded yet\.|\d{4} at \d{2}:\d{2}/).first()).toBeVisible();
  await expectAccessible(page, 'the record page');
  await page.screenshot({ path: '/tmp/caretrust-record.png', fullPage: true });
});
