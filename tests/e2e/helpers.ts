import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export const demoPassword = 'caretrust-demo';
export const demoEmail = (role: string) => `${role}@torbay.demo`;

/** Every page a journey visits must have no accessibility violations axe can find. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Let NHS.UK frontend finish initialising its components before axe looks.
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

export async function signIn(page: Page, role: string, password = demoPassword): Promise<void> {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Caretrust' })).toBeVisible();
  await page.getByLabel('Email address').fill(demoEmail(role));
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAndWaitForHome(page: Page, role: string): Promise<void> {
  await signIn(page, role);
  await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
}

export function searchBox(page: Page): Locator {
  return page.getByLabel('Search by NHS number, name or date of birth');
}

/** Types a search and waits for the results the server gives for it. */
export async function searchPeople(page: Page, q: string): Promise<Locator> {
  await searchBox(page).fill(q);
  await expect(page.getByTestId('search-status')).toContainText(`for “${q}”`);
  return page.getByTestId('people-table').locator('tbody tr');
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Caretrust' })).toBeVisible();
  await expect(page.getByText('You have signed out.')).toBeVisible();
}
