import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { demoEmail, demoPassword, expectAccessible, signInAndWaitForHome } from './helpers.js';

// A finance officer opens the pooled budget: a home care package agreed today shows as a
// commitment on its budget line; the line's drill-down lists the package line without a name,
// and the officer comments on the line's variance, which the page then shows.
type Signed = { api: APIRequestContext; csrf: string };
const day = 86_400_000;
const now = Date.now();
const londonDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(t));
let worker: Signed;
let manager: Signed;
let finance: Signed;
let personName = '';
let code = '';

async function signInApi(baseURL: string, role: string): Promise<Signed> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/session', { data: { email: demoEmail(role), password: demoPassword } });
  expect(res.status()).toBe(200);
  return { api, csrf: (await res.json()).csrfToken };
}

async function post(as: Signed, path: string, data: Record<string, unknown>) {
  const res = await as.api.post(path, { data, headers: { 'x-csrf-token': as.csrf } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

const committed = async () => (await (await finance.api.get('/api/finance/commitments')).json()).lines as { code: string; lines: number }[];

test.beforeAll(async ({ baseURL }) => {
  worker = await signInApi(baseURL!, 'social_worker');
  manager = await signInApi(baseURL!, 'team_manager');
  finance = await signInApi(baseURL!, 'finance_officer');
  // An active plan of someone on the caseload, with room under the manager's limit for 2 hours a week more.
  const lines = (await (await worker.api.get('/api/service-lines?status=in_place&limit=200')).json()).lines as { planId: string; person: { name: string } | null }[];
  let planId = '';
  for (const l of lines) {
    if (!l.person) continue;
    const plan = await (await worker.api.get(`/api/plans/${l.planId}`)).json();
    if (plan.status !== 'active' || plan.cost.committedWeeklyPence + 3_272 > 100_000) continue;
    planId = l.planId;
    personName = l.person.name;
    break;
  }
  expect(planId, 'a synthetic person with an active plan').not.toBe('');
  const before = new Map((await committed()).map((l) => [l.code, l.lines]));
  const bayside = (await (await worker.api.get('/api/place')).json()).partners.find((p: { name: string }) => p.name === 'Bayside Home Care Ltd').id;
  const line = await post(worker, `/api/plans/${planId}/lines`, {
    serviceType: 'Long term support: Community',
    component: 'Home support or domiciliary care',
    providerPartnerId: bayside,
    deliveryMechanism: 'CASSR commissioned support',
    unit: 'hour',
    quantity: 2,
    frequency: 'per_week',
    unitCostPence: 1636,
    plannedStart: londonDay(now + 3 * day),
  });
  await post(manager, `/api/service-lines/${line.id}/approve`, { version: 1 });
  code = (await committed()).find((l) => l.lines > (before.get(l.code) ?? 0))!.code;
});
test.afterAll(async () => {
  for (const s of [worker, manager, finance]) await s?.api.dispose();
});

test('a finance officer sees a package agreed today on its budget line, drills down to it without a name, and comments on the variance', async ({ page }) => {
  await signInAndWaitForHome(page, 'finance_officer');
  await page.getByRole('link', { name: 'Pooled budget' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Pooled budget \d{4}-\d{2}$/ })).toBeVisible();
  await expect(page.getByTestId('pool-totals')).toContainText('Forecast outturn');
  await expect(page.getByTestId('budget-forecast-chart')).toBeVisible();
  const lineLink = page.getByTestId('pool-lines').locator(`th a[href^="/finance/lines/${encodeURIComponent(code)}"]`);
  await expect(lineLink).toContainText('Home care');
  await expect(page.getByTestId('spend-by-group')).toBeVisible();
  await expectAccessible(page, 'the pool dashboard');

  await lineLink.click();
  await expect(page.getByRole('heading', { level: 1, name: /^Home care, / })).toBeVisible();
  await expect(page.getByTestId('line-figures')).toContainText('Commitments to 31 March');
  const packages = page.getByTestId('package-lines');
  await expect(packages).toContainText('Bayside Home Care Ltd');
  await expect(packages).toContainText('£32.72');
  await expect(page.getByText('without names: your role sees no person detail')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(personName);
  await expectAccessible(page, 'a budget line’s drill-down');

  // Too short a comment is refused with the API's reason in the error summary.
  await page.getByLabel('Why the line varies').fill('x');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('at least 3 characters');
  await page.getByLabel('Why the line varies').fill('A new home care package agreed this month');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByTestId('comment-saved')).toContainText('is saved');
  await expect(page.getByTestId('comments')).toContainText('A new home care package agreed this month');
  await expectAccessible(page, 'the drill-down with its commentary');
});
