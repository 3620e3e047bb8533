import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWaitForHome } from './helpers.js';

test("a team manager opens a social worker's record from the team page and reads both employer and manager", async ({ page }) => {
  await signInAndWaitForHome(page, 'team_manager');
  await page.getByTestId('team-links').getByRole('link', { name: 'Torquay North integrated team' }).click();
  const socialWorker = page.getByTestId('worker-counts').getByRole('row').filter({ hasText: 'Social worker' }).first();
  const name = (await socialWorker.getByRole('link').textContent())!;
  await socialWorker.getByRole('link').click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  // Torbay's social workers stay council employees while the care trust manages their work.
  await expect(page.getByTestId('employer')).toHaveText('Torbay Council');
  await expect(page.getByTestId('managed-by')).toHaveText('Torbay Care Trust');
  await expect(page.getByTestId('managed-apart')).toContainText('Employed by Torbay Council and managed by Torbay Care Trust');
  await expect(page.getByTestId('staff-record')).toContainText('Council (local government) terms');
  await expect(page.getByRole('link', { name: 'Torquay North integrated team' })).toBeVisible();
  await expectAccessible(page, 'the staff record');
});
