import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoEmail, demoPassword, expectAccessible, signInAndWaitForHome, signOut } from './helpers.js';

/**
 * Mrs Smith's journey through the care pathway, in the browser, one step per role:
 * her GP's system refers her after a fall → the co-ordinator accepts her to her zone team → the
 * team manager allocates a social worker → a district nurse and the social worker complete one
 * shared assessment together → eligible → a package of home care and equipment, approved by the
 * team manager and in place → her timeline shows it all.
 *
 * Mrs Smith may already carry activity (the generator's, or an earlier journey's): every step
 * works from the referral, assessment and plan this journey makes, found by their ids.
 */

type Account = { id: string; displayName: string; staffId: string | null; csrfToken: string; api: APIRequestContext };

async function apiSignIn(baseURL: string, role: string): Promise<Account> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/session', { data: { email: demoEmail(role), password: demoPassword } });
  expect(res.status(), `API sign-in as ${role}`).toBe(200);
  const body = await res.json();
  return { id: body.user.id, displayName: body.user.displayName, staffId: body.user.staffId, csrfToken: body.csrfToken, api };
}

const journey = {
  personId: '',
  nhsNumber: '',
  birthDate: '',
  referralId: '',
  assessmentId: '',
  planId: '',
  socialWorker: { name: '', staffId: '' },
  nurse: { name: '' },
  reason: '',
};

test.describe.configure({ mode: 'serial' });

async function openAssessment(page: Page): Promise<void> {
  await page.goto(`/assessments/${journey.assessmentId}`);
  await expect(page.getByTestId('assessment-heading')).toContainText('Elsie');
}

test("Mrs Smith's GP practice system sends a referral after a fall", async ({ baseURL }) => {
  const coordinator = await apiSignIn(baseURL!, 'coordinator');
  const found = await coordinator.api.get('/api/people?q=Elsie%20Smith');
  const mrsSmith = (await found.json()).results.find((p: { title: string; age: number }) => p.title === 'Mrs' && p.age === 85);
  expect(mrsSmith, 'Mrs Smith on the register').toBeTruthy();
  journey.personId = mrsSmith.id;
  journey.nhsNumber = mrsSmith.nhsNumber;
  journey.birthDate = mrsSmith.birthDate;

  const sw = await apiSignIn(baseURL!, 'social_worker');
  journey.socialWorker = { name: sw.displayName, staffId: sw.staffId ?? '' };
  const nurse = await apiSignIn(baseURL!, 'nurse');
  journey.nurse = { name: nurse.displayName };

  // The GP system knows her by NHS number, name and date of birth; the front door matches her.
  const gp = await apiSignIn(baseURL!, 'integration');
  const stamp = Date.now();
  journey.reason = `Fell at home on the stairs (journey ${stamp}); bruised hip, struggling to wash and to get meals.`;
  const sent = await gp.api.post('/api/referrals', {
    headers: { 'x-csrf-token': gp.csrfToken },
    data: {
      person: { nhsNumber: journey.nhsNumber, givenName: 'Elsie', familyName: 'Smith', birthDate: journey.birthDate },
      source: 'gp',
      sourceName: 'Shiphay Green Surgery',
      routeOfAccess: 'Community or other route',
      reason: journey.reason,
      urgency: 'urgent',
      externalRef: `gp-fall-${stamp}`,
    },
  });
  expect(sent.status()).toBe(201);
  const referral = await sent.json();
  expect(referral.person.id).toBe(journey.personId);
  expect(referral.status).toBe('received');
  journey.referralId = referral.id;
  for (const a of [coordinator, sw, nurse, gp]) await a.api.dispose();
});

test('the co-ordinator sees the referral at the front door and accepts it to her zone team', async ({ page }) => {
  expect(journey.referralId, 'needs the referral').toBeTruthy();
  await signInAndWaitForHome(page, 'coordinator');
  const row = page.locator(`[data-testid=queue-row][data-referral-id="${journey.referralId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('Urgent');
  await expect(row).toContainText('Elsie Smith');
  await expect(row).toContainText('GP');
  await expect(row).toContainText('Fell at home on the stairs');
  await expect(row).toContainText(/ago\)/);
  await expect(row).toContainText('Torquay North integrated team');
  await expectAccessible(page, 'the co-ordinator home page with the front door queue');

  await page.getByRole('link', { name: 'Front door', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Front door' })).toBeVisible();
  await expect(page.locator(`[data-testid=queue-row][data-referral-id="${journey.referralId}"]`).getByTestId('routing-reason')).toContainText('Everyone else goes to the integrated team');
  await expectAccessible(page, 'the front door');
  await page.locator(`[data-testid=queue-row][data-referral-id="${journey.referralId}"]`).getByRole('link', { name: /^Triage/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Referral for Elsie Smith' })).toBeVisible();
  await expect(page.getByTestId('referral-details')).toContainText('Shiphay Green Surgery');
  await expect(page.getByTestId('referral-steps')).toHaveText('0 of at most 2');
  // The proposed team comes with the routing rule that chose it, in words.
  await expect(page.getByTestId('referral-routing')).toContainText('Torquay North integrated team');
  await expect(page.getByTestId('referral-routing').getByTestId('routing-reason')).toContainText(/Why: Rule \d+: Everyone else goes to the integrated team of their GP practice's zone/);
  const team = page.getByLabel('Team', { exact: true });
  await expect(team.locator('option:checked')).toHaveText(/Torquay North integrated team \(proposed\)/);
  await expect(page.getByLabel('Outcome')).toContainText('No further action: information and advice or signposting');
  await expectAccessible(page, 'the referral triage page');
  await page.screenshot({ path: 'test-results/e2e/pathway-triage.png', fullPage: true });

  await page.getByRole('button', { name: 'Accept and send to team' }).click();
  await expect(page.getByTestId('confirmation')).toContainText("Elsie Smith's referral was accepted and sent to Torquay North integrated team");
  await expect(page.locator(`[data-testid=queue-row][data-referral-id="${journey.referralId}"]`)).toHaveCount(0);
  await signOut(page);
});

test('the team manager allocates her to a social worker from the waiting list', async ({ page }) => {
  expect(journey.referralId, 'needs the referral').toBeTruthy();
  await signInAndWaitForHome(page, 'team_manager');
  await expect(page.getByTestId('team-links')).toContainText('Torquay North integrated team');
  await page.getByTestId('team-links').getByRole('link', { name: 'Torquay North integrated team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Torquay North integrated team' })).toBeVisible();
  const waiting = page.locator(`[data-testid=waiting-item][data-referral-id="${journey.referralId}"]`);
  await expect(waiting).toContainText('Fell at home on the stairs');
  await expectAccessible(page, 'the team page');

  await waiting.getByLabel('Worker for Elsie Smith').selectOption(journey.socialWorker.staffId);
  await waiting.getByRole('button', { name: 'Allocate' }).click();
  await expect(page.getByTestId('confirmation')).toContainText(`Elsie Smith was allocated to ${journey.socialWorker.name}`);
  await expect(page.locator(`[data-testid=waiting-item][data-referral-id="${journey.referralId}"]`)).toHaveCount(0);
  const caseRow = page.getByTestId('case-row').filter({ hasText: 'Elsie Smith' }).filter({ hasText: journey.socialWorker.name });
  await expect(caseRow.first()).toBeVisible();
  await expect(page.getByTestId('worker-counts').getByRole('row').filter({ hasText: journey.socialWorker.name })).toContainText(/[1-9]\d*$/);
  await expect(page.getByTestId('caseload-showing')).toContainText(/Showing 1 to \d+ of \d+ open cases, the most recently opened first/);
  await page.screenshot({ path: 'test-results/e2e/pathway-team.png', fullPage: true });

  // Smaller pages of the same caseload: Next continues where the page ended, Previous comes back.
  await page.goto(`${new URL(page.url()).pathname}?limit=3`);
  await expect(page.getByTestId('caseload-showing')).toContainText(/Showing 1 to 3 of \d+ open cases/);
  const firstPage = await page.getByTestId('case-row').allInnerTexts();
  await page.getByRole('link', { name: /Next/ }).click();
  await expect(page.getByTestId('caseload-showing')).toContainText(/Showing 4 to 6 of \d+ open cases/);
  await expectAccessible(page, 'the second page of the team caseload');
  expect(await page.getByTestId('case-row').allInnerTexts()).not.toEqual(firstPage);
  await page.getByRole('link', { name: /Previous/ }).click();
  await expect(page.getByTestId('caseload-showing')).toContainText(/Showing 1 to 3 of/);
  expect(await page.getByTestId('case-row').allInnerTexts()).toEqual(firstPage);

  await page.goto(`/referrals/${journey.referralId}`);
  await expect(page.getByTestId('referral-steps')).toHaveText('2 of at most 2');
  await expect(page.getByTestId('referral-worker')).toContainText(journey.socialWorker.name);
  await expect(page.getByTestId('referral-time-to-allocation')).toContainText(/minute|hour|day/);
  await expectAccessible(page, 'an allocated referral');
  await signOut(page);
});

test('the district nurse starts the shared assessment and records her health needs', async ({ page }) => {
  expect(journey.referralId, 'needs the allocation').toBeTruthy();
  await signInAndWaitForHome(page, 'nurse');
  await page.goto(`/people/${journey.personId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Mrs .*SMITH/);
  await page.getByRole('button', { name: 'Start or continue a needs assessment' }).click();
  await expect(page).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
  journey.assessmentId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expect(page.getByTestId('assessment-heading')).toContainText('Elsie');

  await page.getByLabel('Conditions').fill('Heart failure and type 2 diabetes; bruised left hip after the fall.');
  await page.getByLabel('Medicines support').fill('Blister pack; forgets the evening doses.');
  await page.getByLabel('Mobility and falls').fill('Two falls this month on the stairs; walks with a stick.');
  await expect(page.getByTestId('section-health-status')).toContainText('Saved at');
  await expect(page.getByTestId('section-health-author')).toContainText(`Last saved by ${journey.nurse.name} (district nurse)`);

  const impairment = page.getByTestId('section-impairment');
  await impairment.getByRole('radio', { name: 'Yes' }).check();
  await impairment.getByLabel('The impairment or illness').fill('Heart failure limits her stamina; reduced mobility since the falls.');
  await expect(page.getByTestId('section-impairment-status')).toContainText('Saved at');
  await expectAccessible(page, 'the assessment, health needs recorded');
  await signOut(page);
});

test('an assessment survives a page reload mid-way, before and after the save', async ({ page }) => {
  expect(journey.assessmentId, 'needs the assessment').toBeTruthy();
  await signInAndWaitForHome(page, 'nurse');
  await openAssessment(page);
  const mood = page.getByLabel('Mood');

  // Reload before the save has had time to fire: the typing comes back from this device.
  const unsaved = 'Low in mood since the fall; afraid of falling again.';
  await mood.fill(unsaved);
  await page.reload();
  await expect(page.getByTestId('assessment-heading')).toContainText('Elsie');
  await expect(page.getByLabel('Mood')).toHaveValue(unsaved);
  const restored = page.getByTestId('section-health-restored');
  await expect(restored).toContainText('not saved');
  await expectAccessible(page, 'the assessment with restored typing');
  await restored.getByRole('button', { name: /Save it now/ }).click();
  await expect(page.getByTestId('section-health-status')).toContainText('Saved at');
  await expect(page.getByTestId('section-health-restored')).toHaveCount(0);

  // Reload after the save: the server has it.
  const saved = `${unsaved} Sleeping poorly.`;
  await page.getByLabel('Mood').fill(saved);
  await expect(page.getByTestId('section-health-status')).toContainText('Saved at');
  await page.reload();
  await expect(page.getByLabel('Mood')).toHaveValue(saved);
  await expect(page.getByTestId('section-health-restored')).toHaveCount(0);
  await signOut(page);
});

test('typing survives an ended session: sign in again and it is still there', async ({ page }) => {
  expect(journey.assessmentId, 'needs the assessment').toBeTruthy();
  await signInAndWaitForHome(page, 'nurse');
  await openAssessment(page);
  // The session ends on the server while she types (expiry, or signed out elsewhere).
  await page.context().clearCookies();
  const text = 'Skin intact; a bruise on the left hip, healing.';
  await page.getByLabel('Skin').fill(text);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Caretrust' })).toBeVisible();
  await expect(page.getByText('Your session has ended. Sign in again to carry on.')).toBeVisible();
  await page.getByLabel('Email address').fill(demoEmail('nurse'));
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('assessment-heading')).toContainText('Elsie');
  await expect(page.getByLabel('Skin')).toHaveValue(text);
  await page.getByTestId('section-health-restored').getByRole('button', { name: /Save it now/ }).click();
  await expect(page.getByTestId('section-health-status')).toContainText('Saved at');
  await signOut(page);
});

test('when someone else saved a section first, their newer text is shown and merged', async ({ page, baseURL }) => {
  expect(journey.assessmentId, 'needs the assessment').toBeTruthy();
  await signInAndWaitForHome(page, 'nurse');
  await openAssessment(page);

  // Meanwhile the social worker saves the same section from her own screen.
  const sw = await apiSignIn(baseURL!, 'social_worker');
  const current = await (await sw.api.get(`/api/assessments/${journey.assessmentId}`)).json();
  const strengths = current.sections.find((x: { section: string }) => x.section === 'strengths');
  const theirs = 'Her daughter Susan visits every evening and does the shopping.';
  const put = await sw.api.put(`/api/assessments/${journey.assessmentId}/sections/strengths`, {
    headers: { 'x-csrf-token': sw.csrfToken },
    data: { content: { networkSupport: theirs }, version: strengths?.version ?? 0 },
  });
  expect(put.status()).toBe(200);
  await sw.api.dispose();

  const mine = 'Close friends at the church lunch club.';
  await page.getByLabel('Support from family, friends and neighbours').fill(mine);
  const conflict = page.getByTestId('section-strengths-conflict');
  await expect(conflict).toContainText(`${journey.socialWorker.name} saved a newer version`);
  await expect(page.getByTestId('section-strengths-theirs')).toContainText(theirs);
  await expect(page.getByTestId('section-strengths-status')).toContainText('someone else saved this section first');
  await expectAccessible(page, 'the assessment with a newer version to merge');

  await conflict.getByRole('button', { name: 'Add their text to mine' }).click();
  await expect(page.getByLabel('Support from family, friends and neighbours')).toHaveValue(`${mine}\n\n${theirs}`);
  await page.getByTestId('section-strengths').getByRole('button', { name: /^Save strengths/ }).click();
  await expect(page.getByTestId('section-strengths-status')).toContainText('Saved at');
  await expect(page.getByTestId('section-strengths-author')).toContainText(`Last saved by ${journey.nurse.name}`);
  await page.reload();
  await expect(page.getByLabel('Support from family, friends and neighbours')).toHaveValue(`${mine}\n\n${theirs}`);
  await signOut(page);
});

test('the social worker adds her part to the same assessment, which finds her eligible, and completes it', async ({ page }) => {
  expect(journey.assessmentId, 'needs the assessment').toBeTruthy();
  await signInAndWaitForHome(page, 'social_worker');
  await expect(page.getByTestId('my-caseload')).toContainText('Elsie Smith');
  await expect(page.getByRole('heading', { level: 2, name: 'Your MDT actions' })).toBeVisible();
  await expectAccessible(page, 'the social worker home page with caseload and MDT actions');
  await openAssessment(page);
  // One form: the nurse's section is there with her name on it.
  await expect(page.getByTestId('section-health-author')).toContainText(`Last saved by ${journey.nurse.name}`);
  await expect(page.getByLabel('Conditions')).toHaveValue(/Heart failure/);

  await page.getByLabel('In their own words').fill('"I want to stay in my own home and see my friends at the church lunch club."');
  await page.getByRole('textbox', { name: 'Goals' }).fill('Wash and dress safely every morning\nEat a hot meal every day');

  const outcomes = page.getByTestId('section-outcomes');
  const cannot: Record<string, string> = { nutrition: 'Needs help', personalHygiene: 'Needs help', homeSafely: 'Endangers health or safety' };
  for (const key of ['nutrition', 'personalHygiene', 'toiletNeeds', 'appropriatelyClothed', 'homeSafely', 'habitableHome', 'relationships', 'workTrainingEducationVolunteering', 'communityFacilities', 'caringForChild']) {
    const row = outcomes.getByTestId(`outcome-${key}`);
    if (cannot[key]) {
      await row.getByLabel('Cannot').check();
      await row.getByLabel(cannot[key]!).check();
    } else {
      await row.getByLabel('Can achieve').check();
    }
  }
  await expect(page.getByTestId('section-outcomes-status')).toContainText('Saved at');

  const wellbeing = page.getByTestId('section-wellbeing');
  await wellbeing.getByRole('radio', { name: 'Yes' }).check();
  await wellbeing.getByLabel('Personal dignity').check();
  await wellbeing.getByLabel('Physical and mental health and emotional wellbeing').check();
  await expect(page.getByTestId('section-wellbeing-status')).toContainText('Saved at');

  await page.getByTestId('section-carers').getByLabel("Carer's name").fill('Susan Smith');
  await page.getByTestId('section-carers').getByLabel('Relationship').fill('Daughter');
  await expect(page.getByTestId('section-carers-status')).toContainText('Saved at');

  // The rule, live: impairment (the nurse's), three outcomes she cannot achieve, significant impact.
  await expect(page.getByTestId('eligibility-live')).toContainText('Eligible');
  await expect(page.getByTestId('eligibility')).toContainText('Unable to achieve two or more outcomes (now 3)');
  await expectAccessible(page, 'the shared assessment, filled in by two professions');
  await page.screenshot({ path: 'test-results/e2e/pathway-assessment.png', fullPage: true });

  const complete = page.getByTestId('complete-assessment');
  await expect(complete.getByLabel('Eligible', { exact: true })).toBeChecked();
  await complete.getByRole('button', { name: 'Complete assessment' }).click();
  await expect(page.getByTestId('assessment-confirmation')).toContainText('eligible for care and support');
  await expect(page.getByTestId('eligibility-decision')).toHaveText('Eligible');
  await expect(page.getByLabel('Conditions')).toBeDisabled();
  await expectAccessible(page, 'the completed assessment');

  // The plan: needs and the outcomes they serve, one for each outcome she cannot achieve.
  const plan = page.getByTestId('make-plan');
  await plan.getByLabel('The need').nth(0).fill('Cannot prepare a hot meal safely since the falls.');
  await plan.getByLabel('The outcome wanted').nth(0).fill('A hot meal every day at home.');
  await plan.getByLabel('The need').nth(1).fill('Cannot wash and dress without help.');
  await plan.getByLabel('The outcome wanted').nth(1).fill('Washed and dressed every morning, safely.');
  await plan.getByLabel('The need').nth(2).fill('At risk of falling on the stairs and in the bathroom.');
  await plan.getByLabel('The outcome wanted').nth(2).fill('Moves around her home safely.');
  await plan.getByRole('button', { name: 'Make the plan' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  journey.planId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expect(page.getByTestId('plan-needs')).toContainText('A hot meal every day at home.');

  // Home care: 7 hours a week at £16.36 an hour = £114.52 a week.
  const add = page.getByTestId('add-line');
  await add.getByLabel('Service type').selectOption('Long term support: Community');
  await add.getByLabel('Service component').selectOption('Home support or domiciliary care');
  await add.getByLabel('Provider').selectOption({ label: 'Bayside Home Care Ltd' });
  await add.getByLabel('Delivery mechanism').selectOption('CASSR commissioned support');
  await add.getByLabel('Quantity').fill('7');
  await add.getByLabel('Unit', { exact: true }).selectOption('hour');
  await add.getByLabel('Frequency').selectOption('per_week');
  await add.getByLabel('Unit cost in pounds').fill('16.36');
  await expect(page.getByTestId('line-cost-preview')).toHaveText('Cost: £114.52 a week');
  await add.getByRole('button', { name: 'Propose this service' }).click();
  await expect(page.getByTestId('plan-confirmation')).toContainText('Home support or domiciliary care from Bayside Home Care Ltd proposed: £114.52 a week');

  // Equipment: a perching stool and grab rails, once, £85.50.
  await add.getByLabel('Service component').selectOption('Equipment');
  await add.getByLabel('Provider').selectOption({ label: 'Torbay Care Trust' });
  await add.getByLabel('Quantity').fill('1');
  await add.getByLabel('Unit', { exact: true }).selectOption('item');
  await add.getByLabel('Frequency').selectOption('one_off');
  await add.getByLabel('Unit cost in pounds').fill('85.50');
  await add.getByRole('button', { name: 'Propose this service' }).click();
  await expect(page.getByTestId('plan-confirmation')).toContainText('Equipment from Torbay Care Trust proposed: £85.50 once');

  await expect(page.getByTestId('service-line')).toHaveCount(2);
  await expect(page.locator('[data-testid=service-line][data-status=proposed]')).toHaveCount(2);
  await expect(page.getByTestId('plan-weekly-cost')).toHaveText('£114.52 a week');
  await expect(page.getByTestId('plan-28-days')).toContainText('should be in place within 28 days');
  await expectAccessible(page, 'the plan with two proposed services');
  await signOut(page);
});

test('the team manager approves the package and records it in place', async ({ page }) => {
  expect(journey.planId, 'needs the plan').toBeTruthy();
  await signInAndWaitForHome(page, 'team_manager');
  // The 28-day clock is running: the package is awaited.
  await expect(page.getByTestId('packages-awaited').getByRole('row').filter({ hasText: 'Elsie Smith' }).first()).toContainText('left');
  // The manager's home lists what waits for approval on the team's caseload, each within her limit or not.
  const approvals = page.getByTestId('approvals-waiting');
  const waitingRow = approvals.getByRole('row').filter({ hasText: 'Home support or domiciliary care, Bayside Home Care Ltd' }).filter({ hasText: 'Elsie Smith' });
  await expect(waitingRow.first()).toBeVisible();
  await expect(waitingRow.first().getByRole('button', { name: /^Approve/ })).toBeVisible();
  await expect(page.getByTestId('my-mdt-actions')).toBeVisible();
  await expectAccessible(page, 'the team manager home page with approvals waiting');
  await page.goto(`/plans/${journey.planId}`);
  await expect(page.getByTestId('plan-heading')).toContainText('Elsie');
  await expectAccessible(page, 'the plan waiting for approval');

  for (const component of ['Home support or domiciliary care', 'Equipment']) {
    const line = page.locator(`[data-testid=service-line][data-component="${component}"]`);
    await line.getByRole('button', { name: /^Approve/ }).click();
    await expect(page.getByTestId('plan-confirmation')).toContainText(`${component}, `);
    await expect(page.getByTestId('plan-confirmation')).toContainText('approved');
    await expect(line).toHaveAttribute('data-status', 'approved');
  }
  await expectAccessible(page, 'the approved plan');

  for (const component of ['Home support or domiciliary care', 'Equipment']) {
    const line = page.locator(`[data-testid=service-line][data-component="${component}"]`);
    await line.getByRole('button', { name: /^Mark in place/ }).click();
    await expect(page.getByTestId('plan-confirmation')).toContainText('is in place from');
    await expect(line).toHaveAttribute('data-status', 'in_place');
  }
  await expect(page.getByTestId('plan-28-days')).toContainText('within 28 days');
  await expect(page.locator('[data-testid=plan-costs]')).toContainText('£114.52 a week');
  await expectAccessible(page, 'the plan in place');
  await page.screenshot({ path: 'test-results/e2e/pathway-plan.png', fullPage: true });
  await signOut(page);
});

test('a package above the manager’s limit waits for the funding panel, which approves it without seeing whom it is for', async ({ page, baseURL }) => {
  expect(journey.planId, 'needs the plan').toBeTruthy();
  // Her needs grow: ten hours of home care a day, more than a team manager may approve.
  const sw = await apiSignIn(baseURL!, 'social_worker');
  const proposed = await sw.api.post(`/api/plans/${journey.planId}/lines`, {
    headers: { 'x-csrf-token': sw.csrfToken },
    data: {
      serviceType: 'Long term support: Community',
      component: 'Home support or domiciliary care',
      providerPartnerId: (await (await sw.api.get('/api/place')).json()).partners.find((p: { name: string }) => p.name === 'Bayside Home Care Ltd').id,
      deliveryMechanism: 'CASSR commissioned support',
      unit: 'hour',
      quantity: 70,
      frequency: 'per_week',
      unitCostPence: 1636,
      plannedStart: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
    },
  });
  expect(proposed.status()).toBe(201);
  const line = await proposed.json();
  await sw.api.dispose();

  await signInAndWaitForHome(page, 'team_manager');
  const atManager = page.locator(`[data-testid=approval-row][data-line-id="${line.id}"]`);
  await expect(atManager).toContainText('Elsie Smith');
  await expect(atManager).toContainText('Above your limit');
  await signOut(page);

  await signInAndWaitForHome(page, 'commissioner');
  const atPanel = page.locator(`[data-testid=approval-row][data-line-id="${line.id}"]`);
  await expect(atPanel).toContainText('Torquay North integrated team');
  await expect(atPanel).toContainText('£1,145.20 a week');
  await expect(atPanel).not.toContainText('Elsie');
  await expectAccessible(page, 'the funding panel’s services waiting for approval');
  await atPanel.getByRole('button', { name: /^Approve/ }).click();
  await expect(page.getByTestId('approvals-confirmation')).toContainText('Home support or domiciliary care, Bayside Home Care Ltd approved. The plan now costs £1,259.72 a week.');
  await expect(page.locator(`[data-testid=approval-row][data-line-id="${line.id}"]`)).toHaveCount(0);
  await signOut(page);
});

test("her timeline shows the whole journey, newest first, and filters by kind", async ({ page }) => {
  expect(journey.planId, 'needs the package in place').toBeTruthy();
  await signInAndWaitForHome(page, 'social_worker');
  await page.goto(`/people/${journey.personId}`);
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  const items = timeline.getByTestId('timeline-item');
  await expect(items.first()).toBeVisible();

  // Every step of this journey, each with when and who.
  const steps: [string, RegExp][] = [
    ['referral', /Fell at home on the stairs/],
    ['triage', /Accepted and sent to Torquay North integrated team/],
    ['allocation', new RegExp(`Allocated to ${journey.socialWorker.name}`)],
    ['assessment', /contributed Health needs/],
    ['plan', /A hot meal every day at home/],
    ['package', /Approved by/],
  ];
  for (const [kind, text] of steps) {
    await expect(timeline.locator(`[data-testid=timeline-item][data-kind=${kind}]`).filter({ hasText: text }).first()).toBeVisible();
  }
  await expect(items.filter({ hasText: journey.nurse.name }).first()).toBeVisible();
  await expect(timeline.locator('[data-kind=package][data-action="package.in_place"]').first()).toBeVisible();
  // A step about a service line leads to the plan the line belongs to.
  await expect(timeline.locator('[data-subject=service_line][data-action="package.in_place"]').first().getByRole('link')).toHaveAttribute('href', `/plans/${journey.planId}`);

  // Newest first.
  const times = await items.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
  expect(times.length).toBeGreaterThan(6);
  expect([...times].sort().reverse()).toEqual(times);
  await expect(page.getByTestId('person-assessments').getByTestId('assessment-row').first()).toBeVisible();
  await expect(page.getByTestId('person-plans').getByRole('link', { name: /\d{4}/ }).first()).toBeVisible();
  await expect(page.getByTestId('person-reviews')).toContainText(/Planned|No reviews/);
  await expect(page.getByTestId('person-referrals')).toContainText('Fell at home on the stairs');
  await expectAccessible(page, 'the record with its timeline');

  await timeline.getByText('Filter by kind').click();
  await timeline.getByLabel('Packages').check();
  await expect(timeline.locator('[data-testid=timeline-item]:not([data-kind=package])')).toHaveCount(0);
  await expect(timeline.locator('[data-testid=timeline-item][data-kind=package]').first()).toBeVisible();
  await expectAccessible(page, 'the timeline filtered to packages');
  await page.screenshot({ path: 'test-results/e2e/pathway-timeline.png', fullPage: true });
});

test('the team discusses her at an MDT meeting; an overdue action shows on her record and its owner’s home', async ({ page }) => {
  expect(journey.planId, 'needs the journey').toBeTruthy();
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10).split('-');
  const fillDate = async (group: string, [y, m, d]: string[]) => {
    const g = page.getByRole('group', { name: group });
    await g.getByLabel('Day').fill(String(Number(d)));
    await g.getByLabel('Month').fill(String(Number(m)));
    await g.getByLabel('Year').fill(y!);
  };
  await signInAndWaitForHome(page, 'team_manager');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your team' }).click();
  const mdt = page.getByTestId('team-mdt');
  await mdt.getByText('Record a meeting').click();
  await fillDate('Date of the meeting', daysAgo(10));
  await mdt.getByLabel(`${journey.socialWorker.name}, social worker`).check();
  await mdt.getByLabel(`${journey.nurse.name}, district nurse`).check();
  await mdt.getByRole('button', { name: 'Record the meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^MDT meeting, / })).toBeVisible();

  await page.getByText('Add a person to the case list').click();
  // The team's caseload may hold more than one Elsie Smith case; any of them is her.
  await page.getByLabel("Person (from the team's caseload)").selectOption(journey.personId);
  await page.getByLabel('Discussion note').fill('Package in place after her fall; check the stairs at home and her medicines.');
  await page.getByRole('button', { name: 'Add to the case list' }).click();
  await expect(page.getByTestId('mdt-cases')).toContainText('check the stairs at home');

  await page.getByText('Add an action').click();
  await page.getByLabel('About').selectOption(journey.personId);
  await page.getByLabel('Owner').selectOption(journey.socialWorker.staffId);
  await page.getByLabel('What is to be done').fill('Ask the OT to assess for a stair rail');
  await fillDate('Due', daysAgo(3));
  await page.getByRole('button', { name: 'Add the action' }).click();
  await expect(page.getByTestId('mdt-actions')).toContainText('Ask the OT to assess for a stair rail');
  await expect(page.getByTestId('mdt-actions').getByRole('row').filter({ hasText: 'stair rail' })).toContainText('Overdue');
  await expectAccessible(page, 'the MDT meeting');
  await signOut(page);

  await signInAndWaitForHome(page, 'social_worker');
  const mine = page.getByTestId('my-mdt-actions');
  await expect(mine).toContainText(/\d+ actions? overdue/);
  await expect(mine.getByRole('row').filter({ hasText: 'Ask the OT to assess for a stair rail' })).toContainText('Overdue');
  await page.goto(`/people/${journey.personId}`);
  await expect(page.getByTestId('mdt-overdue')).toContainText('overdue');
  await expect(page.getByTestId('person-mdt-actions')).toContainText('Ask the OT to assess for a stair rail');
  await expectAccessible(page, 'the record with an overdue MDT action');
  await signOut(page);
});

test('the team manager transfers the case to the nurse, then closes it', async ({ page, baseURL }) => {
  expect(journey.planId, 'needs the journey').toBeTruthy();
  await signInAndWaitForHome(page, 'team_manager');
  const manager = await apiSignIn(baseURL!, 'team_manager');
  const teamId = (await manager.api.get('/api/session').then((r) => r.json())).user.teams[0].id as string;
  const caseOf = async () => {
    const caseload = await (await manager.api.get(`/api/caseloads?teamId=${teamId}`)).json();
    return caseload.cases.find((c: { referralId: string | null }) => c.referralId === journey.referralId) as { id: string; worker: { name: string } | null } | undefined;
  };
  const first = await caseOf();
  expect(first?.worker?.name).toBe(journey.socialWorker.name);

  await page.goto(`/teams/${teamId}`);
  await page.locator(`a[href="/teams/${teamId}/cases/${first!.id}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Case of Elsie Smith' })).toBeVisible();
  await expectAccessible(page, 'the case page');
  await page.getByRole('button', { name: 'Transfer the case' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Select a worker or team to transfer to');
  await page.getByLabel('Transfer to').selectOption({ label: `${journey.nurse.name}, district nurse` });
  await page.getByLabel('Why the case is transferred').fill('Her needs are now mostly nursing: wound care and medicines.');
  await page.getByRole('button', { name: 'Transfer the case' }).click();
  await expect(page.getByTestId('confirmation')).toContainText('The case of Elsie Smith was transferred.');

  const second = await caseOf();
  expect(second?.worker?.name).toBe(journey.nurse.name);
  await page.locator(`a[href="/teams/${teamId}/cases/${second!.id}"]`).click();
  await page.getByLabel('Why the case closes').fill('Package in place and reviewed; no further work for the team.');
  await page.getByRole('button', { name: 'Close the case' }).click();
  await expect(page.getByTestId('confirmation')).toContainText('The case of Elsie Smith was closed.');
  expect(await caseOf()).toBeUndefined();
  await manager.api.dispose();
});

test('a co-ordinator types a referral into the form and resolves it at the front door', async ({ page }) => {
  await signInAndWaitForHome(page, 'coordinator');
  await page.getByRole('link', { name: 'New referral' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'New referral' })).toBeVisible();
  await expectAccessible(page, 'the new referral form');

  await page.getByRole('button', { name: 'Send referral' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Search for the person and select them');
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Select who the referral is from');
  await expectAccessible(page, 'the new referral form with errors');

  // Someone not on the register yet: the front door matches on name and date of birth, then registers her.
  const familyName = `Quill${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
  await page.getByLabel('Enter their details').check();
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill(familyName);
  const birth = page.getByRole('group', { name: 'Date of birth' });
  await birth.getByLabel('Day').fill('20');
  await birth.getByLabel('Month').fill('5');
  await birth.getByLabel('Year').fill('1941');
  await page.getByLabel('Who is the referral from?').selectOption('family_carer');
  await page.getByLabel('Name of the person or organisation referring').fill('Her son, by phone');
  await page.getByLabel('Route of access').selectOption('Community or other route');
  await page.getByLabel('Client group (optional)').selectOption('older_people');
  await page.getByLabel('What is asked for (optional)').selectOption('care_and_support');
  await page.getByLabel('Reason for the referral').fill('<b>Asks</b> about lunch clubs & befriending near her home.');
  await page.getByRole('button', { name: 'Send referral' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Referral for Ada ${familyName}` })).toBeVisible();
  // Text is shown as typed, never as markup.
  await expect(page.getByTestId('referral-details')).toContainText('<b>Asks</b> about lunch clubs & befriending');
  await page.getByLabel('Outcome').selectOption('NFA: Information and advice or signposting');
  await page.getByLabel('Note').fill('Gave the details of the Age Concern lunch club and the befriending service.');
  await page.getByRole('button', { name: 'Resolve at the front door' }).click();
  await expect(page.getByTestId('confirmation')).toContainText('resolved at the front door: no further action: information and advice or signposting');
  await expectAccessible(page, 'the front door after resolving');
});
