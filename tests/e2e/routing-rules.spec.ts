import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWaitForHome, signOut } from './helpers.js';

test('an administrator adds a routing rule and a co-ordinator’s new referral is proposed to its team, with the rule as the reason', async ({ page }) => {
  await signInAndWaitForHome(page, 'administrator');
  await page.getByRole('link', { name: /Routing rules/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Routing rules' })).toBeVisible();
  const rules = page.getByTestId('routing-rules');
  await expect(rules).toContainText("Everyone else goes to the integrated team of their GP practice's zone");
  await expectAccessible(page, 'the routing rules page');

  // The catch-all moves to the end (a change at the version read), so a rule can come before it.
  await page.getByRole('button', { name: /Change the rule Everyone else/ }).click();
  await page.getByLabel('Position', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Save the change' }).click();
  await expect(page.getByTestId('rule-changed')).toContainText('has been changed');

  // A rule the API refuses says why, in the error summary, naming the field.
  await page.getByRole('button', { name: 'Add a rule' }).click();
  await page.getByLabel('Position', { exact: true }).fill('1');
  await page.getByLabel('What the rule does').fill('People with a sensory impairment go to the Brixham team');
  await page.getByLabel('Client groups').selectOption('sensory_impairment');
  await page.getByRole('button', { name: 'Add the rule' }).click();
  await expect(page.getByTestId('rule-problem')).toContainText('Team is required when the rule sends to a team');
  await expectAccessible(page, 'the routing rule form with a problem');

  await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Brixham integrated team' });
  await page.getByRole('button', { name: 'Add the rule' }).click();
  await expect(page.getByTestId('rule-changed')).toContainText('has been added at position 1');
  const first = rules.getByTestId('routing-rule').first();
  await expect(first).toContainText('People with a sensory impairment go to the Brixham team');
  await expect(first).toContainText(/Client group: sensory impairment/i);
  await expect(first).toContainText('Brixham integrated team');
  await signOut(page);

  await signInAndWaitForHome(page, 'coordinator');
  await page.goto('/front-door/new');
  await page.getByLabel('Enter their details').check();
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill(`Rulewright-${(Date.now() % 100000).toString(26).replace(/\d/g, (n) => 'qrstuvwxyz'[Number(n)]!)}`);
  const born = page.getByRole('group', { name: 'Date of birth' });
  await born.getByLabel('Day').fill('3');
  await born.getByLabel('Month').fill('4');
  await born.getByLabel('Year').fill('1950');
  await page.getByLabel('Who is the referral from?').selectOption({ label: 'Family or carer' });
  await page.getByLabel('Client group (optional)').selectOption('sensory_impairment');
  await page.getByLabel('Reason for the referral').fill('Losing her sight; cannot read her post or manage the stairs safely.');
  await page.getByRole('button', { name: 'Send referral' }).click();
  const routing = page.getByTestId('referral-routing');
  await expect(routing).toContainText('Brixham integrated team');
  await expect(routing.getByTestId('routing-reason')).toContainText('People with a sensory impairment go to the Brixham team');
  await expectAccessible(page, 'the referral routed by the new rule');

  // A co-ordinator reads the rules but is told she cannot change them.
  await page.goto('/routing-rules');
  await expect(page.getByTestId('rules-read-only')).toContainText('cannot change them');
  await expect(page.getByRole('button', { name: 'Add a rule' })).toHaveCount(0);
});
