import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectAccessible, signInAndWaitForHome, signOut } from './helpers.js';

type Schedule = {
  version: number;
  partners: { partnerId: string; contributions: { stream: string; plannedPence: number }[] }[];
  budgets: { code: string; budgetPence: number }[];
  riskShare: unknown;
};

async function csrfOf(api: APIRequestContext): Promise<string> {
  return ((await (await api.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
}

/**
 * The demo place's agreement and a year's schedule, made through the API as the pooled fund
 * manager when the place has none (a preset may already have seeded them): then a new version of
 * the year's schedule, so the page has a superseded version to show. Returns the year.
 */
async function agreementWithTwoVersions(page: Page): Promise<string> {
  const api = page.request;
  const headers = { 'x-csrf-token': await csrfOf(api) };
  let agreement = await api.get('/api/finance/agreement');
  if (agreement.status() === 404) {
    const place = (await (await api.get('/api/place')).json()) as { partners: { id: string; kind: string }[] };
    const host = place.partners.find((p) => p.kind === 'care_trust') ?? place.partners.find((p) => p.kind === 'council')!;
    const made = await api.post('/api/finance/agreement', {
      headers,
      data: {
        reference: 'S75-JOURNEY',
        title: 'Pooled fund agreement',
        signedOn: '2005-12-01',
        hostPartnerId: host.id,
        fundManagerPost: 'Director of Finance',
        functions: ['asc_assessment', 'asc_provision', 'asc_commissioning'],
        clientGroups: ['older_people'],
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    agreement = await api.get('/api/finance/agreement');
  }
  const a = (await agreement.json()) as { financialYears: string[]; clientGroups: string[]; hostPartnerId: string };
  const fy = a.financialYears[a.financialYears.length - 1] ?? '2009-10';
  let current = await api.get(`/api/finance/years/${fy}/schedule`);
  if (current.status() === 404) {
    const first = await api.post(`/api/finance/years/${fy}/schedule`, {
      headers,
      data: {
        partners: [{ partnerId: a.hostPartnerId, contributions: [{ stream: 'nhs_minimum', plannedPence: 25_000_000_000 }] }],
        budgets: [{ budgetLineCode: `BL/home_care/${a.clientGroups[0]}/ALL`, budgetPence: 25_000_000_000 }],
        riskShare: { overspend: { method: 'pro_rata' }, underspend: { method: 'pro_rata' } },
        boardDecisionRef: 'JB-01',
      },
    });
    expect(first.status(), await first.text()).toBe(201);
    current = await api.get(`/api/finance/years/${fy}/schedule`);
  }
  const s = (await current.json()) as Schedule;
  const next = await api.post(`/api/finance/years/${fy}/schedule`, {
    headers: { ...headers, 'if-match': `"${s.version}"` },
    data: {
      partners: s.partners.map((p) => ({ partnerId: p.partnerId, contributions: p.contributions })),
      budgets: s.budgets.map((b) => ({ budgetLineCode: b.code, budgetPence: b.budgetPence })),
      riskShare: s.riskShare,
      reason: 'Budgets confirmed at the mid-year review',
      boardDecisionRef: 'JB-MIDYEAR',
    },
  });
  expect(next.status(), await next.text()).toBe(201);
  return fy;
}

test('the pooled fund manager reads the agreement, its schedule versions side by side, and records a receipt and a variation; a board member only reads', async ({ page }) => {
  await signInAndWaitForHome(page, 'pooled_fund_manager');
  const fy = await agreementWithTwoVersions(page);

  await page.getByRole('link', { name: 'Pool agreement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Section 75 agreement' })).toBeVisible();
  await expect(page.getByTestId('agreement-summary')).toContainText('Host partner');
  await page.getByLabel('Financial year').selectOption(fy);
  await expect(page.getByRole('heading', { name: `The ${fy} schedule and its versions` })).toBeVisible();
  await expect(page.getByTestId('schedule-version-heading').last()).toContainText('Current');
  await expect(page.getByTestId('schedule-version-heading').first()).toContainText('Superseded by version');
  await expect(page.getByTestId('schedule-history')).toContainText('Superseded by version');
  await expect(page.getByTestId('schedule-history-item').last()).toContainText('Budgets confirmed at the mid-year review');
  await expect(page.getByTestId('schedule-history-item').last()).toContainText('In force now');
  await expect(page.getByTestId('risk-share-rules')).toContainText('An overspend');
  await expect(page.getByTestId('contributions-chart')).toBeVisible();
  await expectAccessible(page, 'the Section 75 agreement page');

  // A receipt: money the API posts to the ledger, shown at once among the year's movements; dated
  // today, as the months before this one are closed in the demo place's ledger.
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const reference = `REM-J-${Date.now().toString(36)}`;
  const receipt = page.getByTestId('receipt-form');
  await receipt.getByLabel('Amount in pounds').fill('1000.00');
  await receipt.getByLabel('Date received').fill(today);
  await receipt.getByLabel('Remittance reference').fill(reference);
  await receipt.getByRole('button', { name: 'Record the receipt' }).click();
  await expect(page.getByTestId('receipt-done')).toContainText('Recorded £1,000.00 received');
  await expect(page.getByTestId('movements')).toContainText(reference);

  // A variation the API refuses says why, naming the field; then a sound one is recorded.
  const variation = page.getByTestId('variation-form');
  await variation.getByLabel('Amount in pounds').fill('-250.00');
  await variation.getByLabel('Date it takes effect').fill(`${Number(fy.slice(0, 4)) + 2}-10-01`);
  await variation.getByLabel('Board decision reference').fill('JB-VAR-1');
  await variation.getByLabel('Reason').fill('Winter pressures eased');
  await variation.getByRole('button', { name: 'Record the variation' }).click();
  await expect(variation.locator('.nhsuk-error-summary')).toContainText(`must fall in ${fy}`);
  await expectAccessible(page, 'the variation form with a problem');
  await variation.getByLabel('Date it takes effect').fill(today);
  await variation.getByRole('button', { name: 'Record the variation' }).click();
  await expect(page.getByTestId('variation-done')).toContainText('Recorded a variation of −£250.00');
  await expect(page.getByTestId('movements')).toContainText('Winter pressures eased (board decision JB-VAR-1)');
  await signOut(page);

  await signInAndWaitForHome(page, 'board_member');
  await page.goto(`/finance/agreement?year=${fy}`);
  await expect(page.getByTestId('movements')).toContainText(reference);
  await expect(page.getByTestId('agreement-read-only')).toBeVisible();
  await expect(page.getByTestId('receipt-form')).toHaveCount(0);
});
