import { expect, test } from '@playwright/test';
import { demoEmail, expectAccessible, searchBox, signIn, signInAndWaitForHome } from './helpers.js';

test('a wrong password is refused with the message the server gives', async ({ page }) => {
  await page.goto('/sign-in');
  await expectAccessible(page, 'the sign-in page');
  await page.screenshot({ path: '/tmp/caretrust-sign-in.png', fullPage: true });

  await signIn(page, 'coordinator', 'not-the-password');
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(summary).toContainText('The email address or password is not right.');
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expectAccessible(page, 'the sign-in page with an error');
});

test('empty fields are named in NHS-style error messages', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter your email address');
  await expect(page.locator('#email--error-message')).toContainText('Enter your email address');
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter your password');
  await expectAccessible(page, 'the sign-in page with field errors');
});

test('a page behind sign-in sends you to sign in, then back to it', async ({ page }) => {
  await page.goto('/people?q=Smith');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Caretrust' })).toBeVisible();
  await expect(page.getByText('You need to sign in to see that page.')).toBeVisible();
  await page.getByLabel('Email address').fill(demoEmail('coordinator'));
  await page.getByLabel('Password', { exact: true }).fill('caretrust-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find a person' })).toBeVisible();
  await expect(searchBox(page)).toHaveValue('Smith');
});

test('a finance officer sees the place, and no person search', async ({ page }) => {
  await signInAndWaitForHome(page, 'finance_officer');
  await expect(page.getByTestId('signed-in-user')).toContainText('Finance officer');
  await expect(page.getByTestId('no-person-detail')).toContainText('You see no person-level clinical or care detail');
  await expect(page.getByRole('heading', { level: 2, name: /Torbay/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Delegations in force' })).toBeVisible();
  await expect(page.getByTestId('delegations-in-force')).toContainText('Adult social care');
  // Who delegated to whom: the council's functions are held by the care trust.
  const firstDelegation = page.getByTestId('delegations-in-force').getByRole('row').nth(1);
  await expect(firstDelegation.getByRole('cell').nth(1)).toHaveText('Torbay Council');
  await expect(firstDelegation.getByRole('cell').nth(2)).toHaveText('Torbay Care Trust');

  await expect(searchBox(page)).toHaveCount(0);
  await expect(page.getByRole('search')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Find a person' })).toHaveCount(0);
  await expect(page.getByText('People you have a relationship with')).toHaveCount(0);
  await expectAccessible(page, 'the finance officer home page');

  // Going to the search by its address does not help either.
  await page.goto('/people');
  await expect(page.getByRole('heading', { level: 1, name: 'You cannot use this page' })).toBeVisible();
  await expect(searchBox(page)).toHaveCount(0);

  // When the server no longer knows the session (401), the app asks to sign in again.
  await page.context().clearCookies();
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Home', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Caretrust' })).toBeVisible();
  await expect(page.getByText('Your session has ended. Sign in again to carry on.')).toBeVisible();
});

test('an address that does not exist shows the page not found', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectAccessible(page, 'the 404 page');
});
