import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWaitForHome } from './helpers.js';

test('a commissioner records a decision on the joint board, and a missing title is named in the error summary', async ({ page }) => {
  await signInAndWaitForHome(page, 'commissioner');
  await page.getByRole('link', { name: 'Commissioning', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Commissioning' })).toBeVisible();
  await expectAccessible(page, 'the commissioning page');
  await page.getByRole('link', { name: 'Commissioning groups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Commissioning groups' })).toBeVisible();
  await expectAccessible(page, 'the commissioning groups');
  await page.getByRole('link', { name: 'Torbay mental health joint commissioning board' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Torbay mental health joint commissioning board' })).toBeVisible();
  await expect(page.getByTestId('group-budget-lines')).toContainText('BL/mental_health_services/mental_health/ALL');
  await expectAccessible(page, 'the joint board');
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('Date of the decision').fill(today);
  await page.getByLabel('Reference').fill('JCB-E2E-1');
  await page.getByLabel('What was decided').fill('The board agrees to commission two crisis beds.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByRole('alert')).toContainText('Give the title');
  await page.getByLabel('Title', { exact: true }).fill('Crisis beds');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByRole('status')).toContainText('Decision JCB-E2E-1 recorded.');
  await expect(page.getByTestId('group-decisions')).toContainText('Crisis beds');
});
