import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWaitForHome } from './helpers.js';

test('an administrator supersedes a delegation, sees it on the timeline, and asks who was accountable on a day', async ({ page }) => {
  await signInAndWaitForHome(page, 'administrator');
  await page.getByRole('link', { name: /Delegations over time/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Delegations over time' })).toBeVisible();
  await expect(page.getByTestId('delegation-timeline')).toContainText('Adult social care provision');
  await expectAccessible(page, 'the delegations page');

  // Torbay's council takes adult social care provision back from April 2031.
  const sup = page.getByRole('region', { name: 'End or supersede an open period' });
  const period = await page.locator('#sup-period option', { hasText: 'Adult social care provision: Torbay Care Trust' }).getAttribute('value');
  await sup.getByLabel('Open period', { exact: true }).selectOption(period!);
  await sup.getByLabel('First day of the new period').fill('2031-04-01');
  await sup.getByLabel('Partner holding it from then').selectOption({ label: 'Torbay Council' });
  await sup.getByLabel('Legal basis').selectOption('other');
  await sup.getByLabel('Board decision reference').fill('TB-2030-12');
  await sup.getByLabel('Why').fill('Provision returns to the council');
  await page.getByRole('button', { name: 'Supersede the period' }).click();
  await expect(page.getByTestId('delegation-changed')).toContainText('Torbay Council holds it from 1 April 2031');
  const periods = page.getByTestId('delegation-periods');
  await expect(periods).toContainText('Provision returns to the council');
  await expect(periods).toContainText('TB-2030-12');

  const acc = page.getByRole('region', { name: 'Who was accountable on a day' });
  await acc.getByLabel('Function', { exact: true }).selectOption('asc_provision');
  await acc.getByLabel('Client group').selectOption('older_people');
  await acc.getByLabel('Date').fill('2032-01-01');
  await page.getByRole('button', { name: 'Find who was accountable' }).click();
  await expect(page.getByTestId('accountable-answer')).toContainText('Torbay Council was accountable');
  await acc.getByLabel('Date').fill('2020-01-01');
  await page.getByRole('button', { name: 'Find who was accountable' }).click();
  await expect(page.getByTestId('accountable-answer')).toContainText('Torbay Care Trust was accountable');
  await expectAccessible(page, 'the delegations page after a change');
});
