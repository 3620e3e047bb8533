import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible, signInAndWaitForHome } from './helpers.js';

test('a finance officer maps a cost centre, imports a council GL file, sees a held line with its reason, maps it and releases it', async ({ page }) => {
  // A day a few days back, so the lines fall in an open month whatever day the journey runs.
  const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const tag = Date.now().toString(36).toUpperCase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caretrust-gl-e2e-'));
  const file = path.join(dir, `council-${tag}.csv`);
  fs.writeFileSync(
    file,
    ['transaction_date,cost_centre,subjective,description,amount,reference', `${day},HC${tag},5110,Home care,1234.56,INV-${tag}-1`, `${day},DC${tag},5120,Day centre,25.50,INV-${tag}-2`].join('\n') + '\n',
  );

  await signInAndWaitForHome(page, 'finance_officer');
  await page.getByRole('link', { name: 'GL import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'General ledger import' })).toBeVisible();
  await expectAccessible(page, 'the GL import page');

  const addMapping = async (costCentre: string, subjective: string, line: string) => {
    const form = page.getByRole('form', { name: 'Add a mapping' });
    await form.getByLabel('Partner').selectOption({ label: 'Torbay Council' });
    await form.getByLabel('Cost centre').fill(costCentre);
    await form.getByLabel('Subjective code').fill(subjective);
    await form.getByLabel('Budget line').fill(line);
    await form.getByLabel('From').fill(`${day.slice(0, 4)}-01-01`);
    await form.getByRole('button', { name: 'Add the mapping' }).click();
    await expect(page.getByTestId('gl-mapping-added')).toContainText(`${costCentre} / ${subjective} to ${line}`);
  };
  await addMapping(`HC${tag}`, '5110', 'BL/home_care/older_people/ALL');
  await expect(page.getByTestId('gl-mappings')).toContainText(`HC${tag}`);

  await page.getByLabel('Partner', { exact: true }).first().selectOption({ label: 'Torbay Council' });
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('button', { name: 'Import the file' }).click();
  const outcome = page.getByTestId('gl-outcome');
  await expect(outcome).toContainText('1 posted, 1 held, 0 already received, of 2 rows.');
  await expect(outcome).toContainText(`no mapping for cost centre DC${tag} subjective 5120 on ${day}`);
  await expect(page.getByTestId('gl-imports')).toContainText(`council-${tag}.csv`);
  await expectAccessible(page, 'the GL import page with an outcome');

  // The same file again posts nothing, and says so.
  await page.getByRole('button', { name: 'Import the file' }).click();
  await expect(outcome).toContainText('was imported before');

  await addMapping(`DC${tag}`, '5120', 'BL/day_support/older_people/ALL');
  await page.getByRole('button', { name: 'Release held lines that now map' }).click();
  await expect(page.getByTestId('gl-released')).toContainText('1 released, 0 still held.');
  fs.rmSync(dir, { recursive: true, force: true });
});
