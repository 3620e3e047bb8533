import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWaitForHome } from './helpers.js';

// Provider staff sign in to the provider portal: their home page leads to their invoices and
// remittances, and a staff page of the record is not theirs to open.
test('provider staff find their invoices and remittances, and nothing else of the record', async ({ page }) => {
  await signInAndWaitForHome(page, 'provider_staff');
  await expect(page.getByTestId('your-role')).toContainText('provider staff');
  await page.getByRole('link', { name: 'Your remittances' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Remittances:');
  await expect(page.getByText('No remittances yet')).toBeVisible();
  await expectAccessible(page, 'provider portal remittances');
  await page.getByRole('link', { name: 'Your invoices' }).first().click();
  await expect(page).toHaveURL(/\/portal\/invoices$/);

  // The pooled budget is not the provider's: the API refuses and the page says so.
  const refused = await page.request.get('/api/finance/pool');
  expect(refused.status()).toBe(403);
  expect((await refused.json()).message).toMatch(/provider portal/);
  await page.goto('/finance');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot use this page');
});
