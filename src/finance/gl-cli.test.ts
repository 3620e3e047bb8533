import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { londonDateOf } from '../platform/dates.js';
import { openPglite, rowsOf, sql } from '../platform/db.js';
import { financialYearBounds, financialYearOf } from '../platform/financial-year.js';
import { insertMappings } from './gl-mappings.js';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caretrust-gl-cli-'));
// The embedded database in a folder of its own, whatever the developer's environment says.
const { DATABASE_URL: _ignored, ...inherited } = process.env;
const env = { ...inherited, CARETRUST_DATA_DIR: dataDir, CARETRUST_PRESET: 'torbay' };
type Outcome = { stdout: string; stderr: string; code?: number };
const cli = (...args: string[]): Promise<Outcome> =>
  run(process.execPath, ['bin/caretrust.mjs', ...args], { env, timeout: 120_000 }).then(
    (r) => ({ ...r, code: 0 }),
    (e: Outcome) => e,
  );
// Today: the seed closes every month before this one, and the import refuses days ahead of today.
const today = londonDateOf(new Date());
const header = 'transaction_date,cost_centre,subjective,description,amount,reference';
const write = (name: string, rows: string[]) => {
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, [header, ...rows].join('\n') + '\n');
  return file;
};

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('caretrust import gl', () => {
  it('posts and holds a partner’s GL file, says so when it comes again, and lists rejected rows by line with exit code 1', { timeout: 240_000 }, async () => {
    expect((await cli('seed', '--preset', 'torbay', '--population', '1000', '--history-from', '2026-06-01')).stdout).toMatch(/Loaded in/);
    const d = await openPglite(path.join(dataDir, 'pglite'));
    const [council] = await rowsOf<{ id: string; name: string; place_id: string }>(d.db, sql`select p.id, p.name, p.place_id from partner p join place on place.place_id = p.place_id where place.preset = 'torbay' and p.kind = 'council'`);
    await insertMappings(d.db, council!.place_id, [{ partnerId: council!.id, costCentre: 'C100', subjective: '5110', budgetLineCode: 'BL/home_care/older_people/ALL', validFrom: financialYearBounds(financialYearOf(today)).from }]);
    await d.close();

    const good = write('council-today.csv', [`${today},C100,5110,Home care,1234.56,INV-1`, `${today},C999,5110,Unknown centre,10.00,INV-2`]);
    const as = ['--as', 'finance_officer@torbay.demo'];
    const first = await cli('import', 'gl', '--file', good, '--partner', council!.name.toUpperCase(), ...as);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/2 rows from .*: 1 posted, 1 held, 0 already received, 0 rejected/);
    expect(first.stdout).toContain(`held line 3: no mapping for cost centre C999 subjective 5110 on ${today}`);

    const again = await cli('import', 'gl', '--file', good, '--partner', council!.id, ...as);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/was imported before .*nothing posted again/);

    const bad = write('council-bad.csv', [`${today},C100,5110,Fine,1.00,INV-3`, `${today},C100,5110,Three decimals,1.005,INV-4`]);
    const rejected = await cli('import', 'gl', '--file', bad, '--partner', council!.id, ...as);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toMatch(/0 posted, 0 held, 0 already received, 1 rejected/);
    expect(rejected.stdout).toContain('line 3: amount: "1.005" has more than 2 decimal places');

    const nobody = await cli('import', 'gl', '--file', good, '--partner', 'Atlantis Council', ...as);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/No partner "Atlantis Council"/);
    const refused = await cli('import', 'gl', '--file', bad, '--partner', council!.id, '--as', 'commissioner@torbay.demo');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Only Finance officer, Pooled fund manager may import general-ledger files/);
  });
});
