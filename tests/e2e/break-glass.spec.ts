import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, searchPeople, signInAndWaitForHome, signOut } from './helpers.js';

// One journey in steps: the co-ordinator breaks glass, the auditor reviews it, and finds it in the
// audit log. Later steps use what earlier ones did.
test.describe.configure({ mode: 'serial' });

const reason = `Daughter rang the single point of entry: urgent welfare concern (${Date.now()})`;
let person: { id: string; name: string } | null = null;

async function openRecordWithoutRelationship(page: Page): Promise<void> {
  for (const name of ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson']) {
    const rows = await searchPeople(page, name);
    const stranger = rows.filter({ hasText: 'No relationship — break glass to open' }).first();
    if ((await stranger.count()) === 0) continue;
    await stranger.getByRole('link').first().click();
    return;
  }
  throw new Error('No one without a relationship found among common surnames');
}

test('a co-ordinator breaks glass to open a record with no relationship', async ({ page }) => {
  await signInAndWaitForHome(page, 'coordinator');
  await page.getByRole('link', { name: 'Find a person' }).first().click();
  await openRecordWithoutRelationship(page);

  await expect(page.getByRole('heading', { level: 1, name: 'You do not have a relationship with this person' })).toBeVisible();
  await expect(page.getByTestId('break-glass-warning')).toContainText('opening this record will be recorded');
  await expect(page.getByTestId('break-glass-warning')).toContainText('review');
  await expectAccessible(page, 'the break-glass prompt');

  const reasonBox = page.getByLabel('Reason for access');
  const open = page.getByRole('button', { name: 'Open record (break glass)' });

  await reasonBox.fill('Urgent');
  await open.click();
  await expect(page.locator('#break-glass-reason--error-message')).toContainText(
    'Reason for access must be at least 10 characters',
  );
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Reason for access must be at least 10 characters');
  await expect(page.getByRole('heading', { level: 1, name: 'You do not have a relationship with this person' })).toBeVisible();
  await expectAccessible(page, 'the break-glass prompt with an error');

  await reasonBox.fill(reason);
  await open.click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(page.getByTestId('access-notice')).toContainText('You opened this record by breaking glass');
  await expect(page.getByTestId('access')).toContainText('Break glass');
  await expect(page.getByTestId('gp-and-zone')).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  person = { id, name: (await heading.innerText()).trim() };
  await expectAccessible(page, 'a record opened by breaking glass');

  await signOut(page);
});

test('the auditor sees the break-glass in the review queue and marks it reviewed', async ({ page }) => {
  expect(person, 'needs the break-glass of the step before').toBeTruthy();
  await signInAndWaitForHome(page, 'auditor');
  await expect(page.getByTestId('pending-count')).toContainText(/\d+ break-glass access(es)? waiting for review/);
  await expect(page.getByRole('link', { name: 'Audit log' }).first()).toBeVisible();
  await expectAccessible(page, 'the auditor home page');

  await page.getByRole('link', { name: 'Break-glass review queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Break-glass reviews' })).toBeVisible();
  const item = page.getByTestId('review-item').filter({ hasText: reason });
  await expect(item).toBeVisible();
  await expect(item).toContainText('Health and social care co-ordinator');
  await expectAccessible(page, 'the review queue');

  await item.getByLabel('Appropriate', { exact: true }).check();
  await item.getByLabel('Review note').fill('Daughter confirmed the call; the access was needed.');
  await item.getByRole('button', { name: 'Record review' }).click();
  await expect(page.getByTestId('review-confirmation')).toContainText('as appropriate');
  await expect(page.getByTestId('review-item').filter({ hasText: reason })).toHaveCount(0);

  await page.getByRole('link', { name: 'Reviewed' }).click();
  const reviewed = page.getByTestId('reviewed-item').filter({ hasText: reason });
  await expect(reviewed).toBeVisible();
  await expect(reviewed.getByTestId('review-outcome')).toHaveText('Appropriate');
  await expect(reviewed).toContainText('Daughter confirmed the call');
  await expectAccessible(page, 'the reviewed list');
});

test("the auditor's audit view lists the break-glass for that person", async ({ page }) => {
  expect(person, 'needs the break-glass of the first step').toBeTruthy();
  await signInAndWaitForHome(page, 'auditor');
  await page.getByRole('link', { name: 'Audit log' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Person ID').fill(person!.id);
  await page.getByRole('button', { name: 'Show entries' }).click();
  await expect(page.getByTestId('audit-heading')).toContainText(`Entries for person ${person!.id}`);

  const rows = page.getByTestId('audit-table').locator('tbody tr');
  const breakGlass = rows.filter({ hasText: 'Broke glass to open a record' }).filter({ hasText: reason });
  await expect(breakGlass).toHaveCount(1);
  await expect(breakGlass).toContainText('Health and social care co-ordinator');
  await expect(breakGlass).toContainText(person!.id);
  await expectAccessible(page, 'the audit view');
});
