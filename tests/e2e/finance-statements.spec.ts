import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signInAndWaitForHome } from './helpers.js';
import { pdfText } from './pdf-text.js';

/**
 * The year to show: the demo place's agreement and a schedule made through the API as the pooled
 * fund manager when the place has none (a preset may already have seeded them; then its latest year).
 */
async function yearWithSchedule(page: Page): Promise<string> {
  const api = page.request;
  const { csrfToken } = (await (await api.get('/api/session')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  let agreement = await api.get('/api/finance/agreement');
  if (agreement.status() === 404) {
    const place = (await (await api.get('/api/place')).json()) as { partners: { id: string; kind: string }[] };
    const host = place.partners.find((p) => p.kind === 'care_trust') ?? place.partners.find((p) => p.kind === 'council')!;
    const made = await api.post('/api/finance/agreement', {
      headers,
      data: { reference: 'S75-STATEMENTS', title: 'Pooled fund agreement', signedOn: '2005-12-01', hostPartnerId: host.id, fundManagerPost: 'Director of Finance', functions: ['asc_assessment', 'asc_provision', 'asc_commissioning'], clientGroups: ['older_people'] },
    });
    expect(made.status(), await made.text()).toBe(201);
    agreement = await api.get('/api/finance/agreement');
  }
  const a = (await agreement.json()) as { financialYears: string[]; clientGroups: string[]; hostPartnerId: string };
  const latest = a.financialYears[a.financialYears.length - 1];
  if (latest) return latest;
  const fy = '2026-27';
  const schedule = await api.post(`/api/finance/years/${fy}/schedule`, {
    headers,
    data: {
      partners: [{ partnerId: a.hostPartnerId, contributions: [{ stream: 'nhs_minimum', plannedPence: 25_000_000_000 }] }],
      budgets: [{ budgetLineCode: `BL/home_care/${a.clientGroups[0]}/ALL`, budgetPence: 25_000_000_000 }],
      riskShare: { overspend: { method: 'pro_rata' }, underspend: { method: 'pro_rata' } },
      boardDecisionRef: 'JB-STATEMENTS',
    },
  });
  expect(schedule.status(), await schedule.text()).toBe(201);
  const receipt = await api.post(`/api/finance/years/${fy}/receipts`, {
    headers,
    data: { partnerId: a.hostPartnerId, stream: 'nhs_minimum', amountPence: 6_250_000_000, receivedOn: '2026-04-15', reference: 'JOURNEY-STATEMENTS-1' },
  });
  expect(receipt.status(), await receipt.text()).toBeLessThan(300);
  return fy;
}

test('the pooled fund manager reads the quarterly statement, downloads it as CSV and XLSX, prints it to PDF, and turns to the board report', async ({ page }) => {
  await signInAndWaitForHome(page, 'pooled_fund_manager');
  const fy = await yearWithSchedule(page);
  await page.getByRole('link', { name: 'Pool statements' }).click();
  await page.getByLabel('Financial year', { exact: true }).fill(fy);
  await page.getByRole('button', { name: 'Show the year' }).click();
  await page.getByLabel('Quarter', { exact: true }).selectOption('1');
  const title = `quarterly statement, ${fy} quarter 1`;
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(title);
  await expect(page.getByRole('table', { name: 'Income: contributions by partner and funding stream' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Expenditure by budget line' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Memorandum: risk share of the forecast variance' })).toBeVisible();
  await expectAccessible(page, 'the quarterly statement');
  const fullTitle = (await heading.textContent())!;

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(new RegExp(`-pool-${fy}-Q1\\.csv$`));
  const csvText = readFileSync((await csv.path())!, 'utf8');
  // The title is the first row (quoted, as it has a comma).
  expect(csvText.split('\r\n')[0]!.replace(/^"|"$/g, '')).toBe(fullTitle);
  expect(csvText).toContain('Expenditure by budget line\r\n');

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download XLSX' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(new RegExp(`-pool-${fy}-Q1\\.xlsx$`));
  expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');

  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  // Printed, the statement stands alone: no header, no form, no buttons.
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(page.getByLabel('Statement', { exact: true })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const squash = (s: string) => s.replace(/\s+/g, '');
  expect(squash(pdfText(pdf))).toContain(squash(fullTitle));
  await page.emulateMedia({ media: 'screen' });

  await page.getByLabel('Statement', { exact: true }).selectOption('board-monitoring');
  await expect(heading).toContainText('budget monitoring report to the board, April');
  await expect(page.getByRole('table', { name: 'By service area and client group' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'RAG' }).first()).toBeVisible();
  await expectAccessible(page, 'the board monitoring report');
});

test('a year with no schedule says so, and a role outside the open book is not offered the page', async ({ page }) => {
  await signInAndWaitForHome(page, 'board_member');
  await page.goto('/finance/statements?statement=annual-return&fy=2040-41');
  await expect(page.getByRole('alert')).toContainText('no schedule for 2040-41');
  await page.goto('/sign-out');
  await signInAndWaitForHome(page, 'social_worker');
  await expect(page.getByRole('link', { name: 'Pool statements' })).toHaveCount(0);
});
