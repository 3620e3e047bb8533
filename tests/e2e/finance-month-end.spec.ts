import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers.js';

/** The month before this one, as YYYY-MM: it has ended, so it may close. */
function lastMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return d.toISOString().slice(0, 7);
}

test('the pooled fund manager closes a month, sees it closed, and a posting dated in it is refused', async ({ page }) => {
  await signIn(page, 'pooled_fund_manager');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  const session = await (await page.request.get('/api/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken };
  const month = lastMonth();
  const fresh = `e2e-month-end-${Date.now()}`;
  const line = (postedOn: string, key: string) => ({
    headers: { ...headers, 'idempotency-key': key },
    data: {
      postedOn,
      description: 'Journey: home care invoice',
      reason: 'Posted by the month-end journey',
      lines: [
        { accountCode: 'BL/home_care/older_people/ALL', amountPence: 12_345 },
        { accountCode: 'BL/reablement/older_people/ALL', amountPence: -12_345 },
      ],
    },
  });
  // The demo place may have no ledger yet: the journey posts its own journal in the month first.
  const posted = await page.request.post('/api/finance/ledger/journals', line(`${month}-10`, fresh));
  expect(posted.status()).toBe(201);

  await page.goto('/finance/month-end');
  await expect(page.getByRole('heading', { level: 1, name: 'Month-end close' })).toBeVisible();
  await expect(page.getByTestId('trial-balance')).toContainText('BL/home_care/older_people/ALL');
  await expectAccessible(page, 'the month-end close page');
  await page.getByRole('button', { name: `Close ${month}` }).click();
  await page.getByRole('button', { name: `Yes, close ${month} for good` }).click();
  await expect(page.getByTestId('month-closed')).toContainText(`${month} is closed`);
  await expect(page.getByTestId('months-table').getByRole('row', { name: new RegExp(month) })).toContainText('closed');

  const refused = await page.request.post('/api/finance/ledger/journals', line(`${month}-20`, `${fresh}-late`));
  expect(refused.status()).toBe(409);
  expect((await refused.json()).message).toContain(`${month} is closed`);
});
