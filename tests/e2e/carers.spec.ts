import { expect, request, test } from '@playwright/test';
import { demoEmail, demoPassword, expectAccessible, signInAndWaitForHome } from './helpers.js';

/**
 * A social worker records that Dorothy's daughter Margaret cares for her, sees the relationship on
 * both records, starts Margaret's carer's assessment from Dorothy's record and records her
 * eligibility under regulation 3.
 */
test('a carer is recorded on a person’s record, shows on both records, and has a carer’s assessment', async ({ page, baseURL }) => {
  // Both people are registered by the social worker (a registration relationship lets her open them).
  const api = await request.newContext({ baseURL });
  const session = await api.post('/api/session', { data: { email: demoEmail('social_worker'), password: demoPassword } });
  expect(session.status()).toBe(200);
  const csrf = (await session.json()).csrfToken as string;
  const register = async (givenName: string, birthDate: string, gender: string) => {
    const res = await api.post('/api/people', {
      headers: { 'x-csrf-token': csrf },
      data: { givenName, familyName: 'Quenneville', birthDate, gender, postcode: 'TQ2 5AB', allowPossibleDuplicate: true },
    });
    expect(res.status(), `register ${givenName}`).toBe(201);
    return (await res.json()).id as string;
  };
  const dorothy = await register('Dorothy', '1936-05-09', '2');
  const margaret = await register('Margaret', '1962-11-23', '2');
  await api.dispose();

  await signInAndWaitForHome(page, 'social_worker');
  await page.goto(`/people/${dorothy}`);
  const carers = page.getByTestId('person-carers');
  await expect(carers).toContainText('No carers recorded.');

  await carers.getByText('Record a carer').click();
  const form = page.getByRole('form', { name: 'Record a carer' });
  // Asking without choosing anyone is refused with the problems named.
  await form.getByRole('button', { name: 'Record carer' }).click();
  await expect(page.getByText('There is a problem')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Search for the carer and choose them from the register' })).toBeVisible();

  await form.getByLabel('Find the carer on the register').fill('Margaret Quenneville');
  await form.getByRole('button', { name: 'Search' }).click();
  await form.getByLabel(/Margaret Quenneville, born 23 November 1962/).check();
  await form.getByLabel('Relationship to the person').selectOption({ label: 'Daughter' });
  await form.getByLabel('Main carer').check();
  await form.getByRole('group', { name: 'Date the caring began' }).getByLabel('Year').fill('2023');
  await form.getByRole('button', { name: 'Record carer' }).click();

  const row = page.getByTestId('carers-table').getByTestId('carer-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Margaret Quenneville');
  await expect(row).toContainText('Main carer');
  await expect(row).toContainText('Daughter');
  await expectAccessible(page, 'a person’s record with a carer');

  // The carer's own record shows whom she cares for.
  await row.getByRole('link', { name: 'Margaret Quenneville' }).click();
  await expect(page.getByTestId('person-name')).toContainText('Margaret');
  await expect(page.getByTestId('cares-for-table')).toContainText('Dorothy Quenneville');
  await expectAccessible(page, 'a carer’s record with the person she cares for');

  // Back on Dorothy's record: Margaret's carer's assessment.
  await page.goto(`/people/${dorothy}`);
  await page.getByRole('button', { name: 'Start a carer’s assessment for Margaret Quenneville' }).click();
  await expect(page).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
  const section = page.getByTestId('section-carers');
  await section.getByLabel('Hours caring each week').fill('40');
  await section.getByRole('group', { name: "Do the carer's needs arise from providing necessary care?" }).getByLabel('Yes').check();
  await section.getByRole('group', { name: "Is the carer's physical or mental health at risk?" }).getByLabel('Yes').check();
  await expect(page.getByTestId('section-carers-status')).toContainText('Saved at');
  const wellbeing = page.getByTestId('section-wellbeing');
  await wellbeing.getByRole('radio', { name: 'Yes' }).check();
  await wellbeing.getByLabel('Physical and mental health and emotional wellbeing').check();
  await expect(page.getByTestId('section-wellbeing-status')).toContainText('Saved at');
  await expect(page.getByTestId('eligibility-live')).toContainText('Eligible');
  await expectAccessible(page, 'a carer’s assessment');

  const complete = page.getByTestId('complete-assessment');
  await expect(complete.getByLabel('Eligible', { exact: true })).toBeChecked();
  await complete.getByRole('button', { name: 'Complete assessment' }).click();
  await expect(page.getByTestId('eligibility-decision')).toHaveText('Eligible');
  await expect(page.getByTestId('carer-return')).toContainText('Unpaid carer; Social support: Support to unpaid carer');

  // Her assessment is on her record.
  await page.goto(`/people/${margaret}`);
  await expect(page.getByTestId('person-assessments')).toContainText("Carer's assessment");
});
