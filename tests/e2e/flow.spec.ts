import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { demoEmail, demoPassword, expectAccessible, signInAndWaitForHome } from './helpers.js';

// Mrs Smith falls at home and is admitted; the next day she no longer meets the criteria to
// reside and waits a day for her reablement package; she goes home on pathway 1 with reablement
// starting the next day. Her one delayed day is on the board, on her record and in the measures,
// awaiting a care package at home and attributed to social care. The acute trust's system sends
// the events (the integration account); the co-ordinator works the board in the browser.
test.describe.configure({ mode: 'serial' });

type Signed = { api: APIRequestContext; csrf: string };
const day = 86_400_000;
const now = Date.now();
const iso = (t: number) => new Date(t).toISOString();
const londonMonth = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' }).format(new Date(t)).slice(0, 7);
const londonDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(t));
const spell = `E2E-${now}`;
let trust: Signed;
let smith: { id: string; nhsNumber: string };
let stayId = '';

async function signInApi(baseURL: string, role: string): Promise<Signed> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/session', { data: { email: demoEmail(role), password: demoPassword } });
  expect(res.status()).toBe(200);
  return { api, csrf: (await res.json()).csrfToken };
}

async function send(path: string, data: Record<string, unknown>) {
  const res = await trust.api.post(path, { data: { sourceSystem: 'TSDFT-PAS', ...data }, headers: { 'x-csrf-token': trust.csrf } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

test.beforeAll(async ({ baseURL }) => {
  const coordinator = await signInApi(baseURL!, 'coordinator');
  const found = await (await coordinator.api.get('/api/people?q=elsie%20smith')).json();
  const p = found.results.find((r: { age: number; familyName: string }) => r.age === 85 && r.familyName === 'Smith');
  smith = { id: p.id, nhsNumber: p.nhsNumber };
  await coordinator.api.dispose();
  trust = await signInApi(baseURL!, 'integration');
});
test.afterAll(async () => trust?.api.dispose());

test('Mrs Smith is admitted after a fall and becomes ready; the board shows what she waits for', async ({ page }) => {
  const admitted = await send('/api/stays', {
    sourceStayId: spell,
    eventId: `${spell}-admit`,
    person: { nhsNumber: smith.nhsNumber },
    hospital: '9SD01',
    ward: 'Ainslie',
    admissionMethod: '21',
    at: iso(now - 2 * day - 3_600_000),
  });
  stayId = admitted.id;
  await send(`/api/stays/${stayId}/ward-moves`, { eventId: `${spell}-move`, at: iso(now - 2 * day), ward: 'Cheetham Hill' });
  const ready = await send(`/api/stays/${stayId}/ready`, {
    eventId: `${spell}-ready`,
    at: iso(now - day),
    pathway: 1,
    awaiting: [{ reason: 'E', ownerName: 'Zone 1 reablement team', note: 'Reablement at home, four visits a day' }],
  });
  expect(ready.referralId).toBeTruthy();

  await signInAndWaitForHome(page, 'coordinator');
  await page.getByRole('link', { name: 'Discharge board' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Discharge board' })).toBeVisible();
  const row = page.getByTestId('discharge-board').locator('tbody tr').filter({ hasText: 'Elsie Smith' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Pathway 1');
  await expect(row).toContainText('Package of care at home, owner Zone 1 reablement team (Social care)');
  await expect(row.locator('td').nth(5)).toContainText('1');
  await expectAccessible(page, 'the discharge board');

  await page.getByLabel('Discharge pathway').selectOption('3');
  await expect(page.getByTestId('discharge-board').locator('tbody tr').filter({ hasText: 'Elsie Smith' })).toHaveCount(0);
  // The filter is kept in the address: a reload (or a link sent to a colleague) shows the same board.
  await expect(page).toHaveURL(/[?&]pathway=3\b/);
  await page.reload();
  await expect(page.getByLabel('Discharge pathway')).toHaveValue('3');
  await expect(page.getByTestId('discharge-board').locator('tbody tr').filter({ hasText: 'Elsie Smith' })).toHaveCount(0);
  await page.getByLabel('Discharge pathway').selectOption('1');
  await row.getByRole('link', { name: 'Elsie Smith' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Mrs .*SMITH/);
  await expect(page.getByTestId('hospital-stays')).toContainText('Ready to leave');
  const wards = page.getByTestId('stay-wards').first().locator('li');
  await expect(wards).toHaveCount(2);
  await expect(wards.nth(0)).toContainText('Ainslie, from');
  await expect(wards.nth(1)).toContainText('Cheetham Hill, from');
  await expect(wards.nth(1)).toContainText('(now)');
});

test('she goes home on pathway 1 with reablement the next day; her record and the measures show one delayed day for social care', async ({ page }) => {
  const tomorrow = londonDay(now + day);
  const discharged = await send(`/api/stays/${stayId}/discharge`, { eventId: `${spell}-discharge`, at: iso(now - 60_000), destination: '19', reablementStart: tomorrow });
  expect(discharged.delayDays).toBe(1);

  await signInAndWaitForHome(page, 'coordinator');
  await page.goto(`/people/${smith.id}`);
  const stays = page.getByTestId('hospital-stays');
  await expect(stays).toContainText('Discharged');
  await expect(page.getByTestId('stay-discharge').first()).toContainText('usual place of residence; 1 delayed day');
  await expect(page.getByTestId('reablement-start').first()).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('Discharged from Torbay Hospital');
  await expectAccessible(page, 'Mrs Smith’s record after discharge');

  await page.goto('/');
  await page.getByRole('link', { name: 'Hospital flow measures' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hospital flow measures' })).toBeVisible();
  await page.goto(`/flow/measures?from=${londonMonth(now - day)}&to=${londonMonth(now)}`);
  const delayed = page.getByTestId('measure-delayed-days');
  await expect(delayed.locator('tbody tr').filter({ hasText: 'Awaiting care package in own home' }).filter({ hasText: 'Social care' }).first()).toBeVisible();
  await expect(delayed.getByRole('link', { name: /Download delayed days by attribution and reason as CSV/ })).toBeVisible();
  await expectAccessible(page, 'the measures page');
});
