import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { demoEmail, demoPassword, expectAccessible, signInAndWaitForHome } from './helpers.js';

// Someone on zone 1's caseload, with a care plan already, is admitted and becomes ready to leave,
// waiting for a package of care at home. The social worker proposes home care from Bayside, the
// team manager agrees it: the board shows the agreed package, its provider and planned start.
// When the home care starts the wait is met: the board no longer lists it, and the person's record
// says it started that day.
test.describe.configure({ mode: 'serial' });

type Signed = { api: APIRequestContext; csrf: string };
const day = 86_400_000;
const now = Date.now();
const iso = (t: number) => new Date(t).toISOString();
const londonDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(t));
/** As the web app writes a date: 6 November 2026. */
const shown = (isoDay: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
const spell = `E2E-PKG-${now}`;
let trust: Signed;
let worker: Signed;
let manager: Signed;
let person: { id: string; name: string };
let stayId = '';
let lineId = '';
const plannedStart = londonDay(now + 3 * day);

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

test.beforeAll(async ({ baseURL }) => {
  trust = await signInApi(baseURL!, 'integration');
  worker = await signInApi(baseURL!, 'social_worker');
  manager = await signInApi(baseURL!, 'team_manager');
});
test.afterAll(async () => {
  for (const s of [trust, worker, manager]) await s?.api.dispose();
});

test('a person on the caseload with a plan becomes ready in hospital, waiting for home care; the package agreed shows on the board', async ({ page }) => {
  // Someone of zone 1 with a package in place and an active plan, not in hospital, and not Mrs Smith (the other journeys').
  const lines = (await (await worker.api.get('/api/service-lines?status=in_place&limit=200')).json()).lines as { planId: string; person: { id: string; name: string } | null }[];
  let planId = '';
  for (const l of lines) {
    if (!l.person || /Smith/.test(l.person.name)) continue;
    const stays = (await (await worker.api.get(`/api/people/${l.person.id}/stays`)).json()).stays as { status: string }[];
    const plan = await (await worker.api.get(`/api/plans/${l.planId}`)).json();
    // Within the team manager's £1,000 a week once 7 hours of home care (£114.52) are added.
    if (stays.some((s) => s.status !== 'discharged') || plan.status !== 'active' || plan.cost.committedWeeklyPence + 11_452 > 100_000) continue;
    person = l.person;
    planId = l.planId;
    break;
  }
  expect(planId, 'a synthetic person of zone 1 with an active plan and no open stay').not.toBe('');

  const admitted = await post(trust, '/api/stays', {
    sourceSystem: 'TSDFT-PAS',
    sourceStayId: spell,
    eventId: `${spell}-admit`,
    person: { id: person.id },
    hospital: '9SD01',
    ward: 'Ainslie',
    admissionMethod: '21',
    at: iso(now - 3 * day),
  });
  stayId = admitted.id;
  await post(trust, `/api/stays/${stayId}/ready`, { sourceSystem: 'TSDFT-PAS', eventId: `${spell}-ready`, at: iso(now - 2 * day), pathway: 1, awaiting: [{ reason: 'E', ownerName: 'Zone 1 team' }] });

  const bayside = (await (await worker.api.get('/api/place')).json()).partners.find((p: { name: string }) => p.name === 'Bayside Home Care Ltd').id;
  const line = await post(worker, `/api/plans/${planId}/lines`, {
    serviceType: 'Long term support: Community',
    component: 'Home support or domiciliary care',
    providerPartnerId: bayside,
    deliveryMechanism: 'CASSR commissioned support',
    unit: 'hour',
    quantity: 7,
    frequency: 'per_week',
    unitCostPence: 1636,
    plannedStart,
  });
  lineId = line.id;
  await post(manager, `/api/service-lines/${lineId}/approve`, { version: 1 });

  await signInAndWaitForHome(page, 'social_worker');
  await page.goto('/flow/board');
  const row = page.getByTestId('discharge-board').locator('tbody tr').filter({ hasText: person.name });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Package of care at home, owner Zone 1 team (Social care), 2 days');
  const pkg = row.getByTestId('awaited-package');
  await expect(pkg).toContainText(`agreed package from Bayside Home Care Ltd, planned start ${shown(plannedStart)}`);
  await expect(pkg).toContainText('Agreed, not started');
  await expect(pkg.getByRole('link', { name: 'agreed package' })).toHaveAttribute('href', `/plans/${planId}`);
  await expectAccessible(page, 'the discharge board with an agreed package');
});

test('the home care starts today: the wait is met, the board no longer lists it, and the record says so', async ({ page }) => {
  await post(worker, `/api/service-lines/${lineId}/start`, { startedOn: londonDay(now), version: 2 });

  await signInAndWaitForHome(page, 'social_worker');
  await page.goto('/flow/board');
  const row = page.getByTestId('discharge-board').locator('tbody tr').filter({ hasText: person.name });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText('Package of care at home');
  await expect(row.getByTestId('awaited-package')).toHaveCount(0);

  await page.goto(`/people/${person.id}`);
  const stay = page.getByTestId('hospital-stays');
  await expect(stay.getByTestId('awaited-package').first()).toContainText(`Started on ${shown(londonDay(now))}`);
  await expect(stay.getByTestId('awaited-package').first()).toContainText('Bayside Home Care Ltd');
  await expectAccessible(page, 'the record of a stay whose package started');

  // Home the same day, so the other journeys find the place as they expect.
  await post(trust, `/api/stays/${stayId}/discharge`, { sourceSystem: 'TSDFT-PAS', eventId: `${spell}-out`, at: iso(Date.now() - 1000), destination: '19' });
});
