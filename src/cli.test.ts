import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, rowsOf, sql } from './platform/db.js';
import { appendAudit } from './access/audit.js';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caretrust-cli-'));
// The embedded database in a folder of its own, whatever the developer's environment says.
const { DATABASE_URL: _ignored, ...inherited } = process.env;
const env = { ...inherited, CARETRUST_DATA_DIR: dataDir };
const cli = (...args: string[]) => run(process.execPath, ['bin/caretrust.mjs', ...args], { env, timeout: 120_000 });

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the command line', () => {
  // Each command starts the program afresh (and migrates), so this one test takes a while.
  it('seeds a place, lists its demo accounts, loads a referral feed, and verifies then catches a tampered audit log', { timeout: 240_000 }, async () => {
    const seeded = await cli('seed', '--preset', 'wbh', '--population', '1000');
    expect(seeded.stdout).toMatch(/Loaded in/);

    const again = await cli('seed', '--preset', 'wbh', '--population', '1000').catch((e: { stderr: string; code: number }) => e);
    expect((again as { code: number }).code).toBe(1);
    expect((again as { stderr: string }).stderr).toMatch(/already loaded/);

    const users = await cli('users', '--preset', 'wbh');
    expect(users.stdout).toContain('coordinator@wbh.demo');
    expect(users.stdout).toContain('auditor@wbh.demo');
    const other = await cli('users', '--preset', 'bexley').catch((e: { stderr: string }) => e);
    expect((other as { stderr: string }).stderr).toMatch(/"bexley" is not loaded in this database; loaded: wbh/);

    const wrong = await cli('seed', '--preset', 'atlantis').catch((e: { stderr: string }) => e);
    expect((wrong as { stderr: string }).stderr).toMatch(/no preset "atlantis".*torbay/);

    const feed = path.join(dataDir, 'referrals.csv');
    fs.writeFileSync(
      feed,
      [
        'external_ref,received_at,source,source_name,route_of_access,urgency,reason,nhs_number,given_name,family_name,birth_date,gender,postcode,gp_practice_ods',
        'R-1,2026-10-01T09:00:00Z,gp,Riverside Surgery,Community or other route,routine,"Falls, and lives alone",,Iris,Feedwell,1939-02-03,2,CM7 1AA,',
        'R-1,2026-10-01T09:00:00Z,gp,Riverside Surgery,Community or other route,routine,"Falls, and lives alone",,Iris,Feedwell,1939-02-03,2,CM7 1AA,',
        'R-2,2026-10-02T10:00:00Z,gp,Riverside Surgery,Community or other route,routine,Memory worse,9434765918,Basil,Feedwell,1936-08-08,1,CM7 1AB,',
      ].join('\n'),
    );
    const loaded = await cli('import', 'referrals', feed, '--preset', 'wbh').catch((e: { stdout: string; code: number }) => e);
    expect((loaded as { code: number }).code).toBe(2);
    expect((loaded as { stdout: string }).stdout).toMatch(/3 rows: 1 new referrals, 1 already received, 1 rejected/);
    expect((loaded as { stdout: string }).stdout).toMatch(/line 4: person\.nhsNumber: is not a valid NHS number/);

    // The dissolved trust's records go to its successors whole: one line per person, each audited.
    const out = path.join(dataDir, 'wbh-records.ndjson');
    const refused = await cli('export', 'records', '--preset', 'wbh', '--as', 'coordinator@wbh.demo', '--reason', 'Transfer to the successor bodies', '--out', out).catch((e: { stderr: string; code: number }) => e);
    expect((refused as { stderr: string }).stderr).toMatch(/an administrator does/);
    expect(fs.existsSync(out)).toBe(false);
    const exported = await cli('export', 'records', '--preset', 'wbh', '--as', 'administrator@wbh.demo', '--reason', 'Transfer to the successor bodies', '--out', out);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(exported.stdout).toContain(`${lines.length.toLocaleString('en-GB')} records written`);
    const iris = lines.find((l) => l.person.familyName === 'Feedwell' && l.person.givenName === 'Iris');
    expect(iris.events.map((e: { action: string }) => e.action)).toContain('referral.received');

    const d = await openPglite(path.join(dataDir, 'pglite'));
    const [place] = await rowsOf<{ place_id: string }>(d.db, sql`select place_id from place where preset = 'wbh'`);
    const [everyone] = await rowsOf<{ n: number }>(d.db, sql`select count(*)::int as n from person where place_id = ${place!.place_id}`);
    expect(lines.length).toBe(everyone!.n);
    const [audited] = await rowsOf<{ n: number }>(d.db, sql`select count(distinct p)::int as n from audit_entry, unnest(person_ids) p where action = 'records.export' and outcome = 'allowed'`);
    expect(audited!.n).toBe(everyone!.n);
    // Put two audit entries in the log as the service would, then verify, then tamper.
    await d.db.transaction((tx) =>
      appendAudit(
        tx,
        [1, 2].map(() => ({ placeId: place!.place_id, userId: null, role: 'administrator', action: 'person.read', personIds: [], outcome: 'allowed' as const })),
        new Date('2026-11-02T10:00:00Z'),
      ),
    );
    await d.close();
    const ok = await cli('audit', 'verify');
    expect(ok.stdout).toMatch(/wbh: \d+ entries in 16 chains, intact/);

    const t = await openPglite(path.join(dataDir, 'pglite'));
    await t.db.execute(sql`update audit_entry set action = 'person.search' where seq = 1`);
    await t.close();
    const broken = await cli('audit', 'verify').catch((e: { stdout: string; code: number }) => e);
    expect((broken as { code: number }).code).toBe(1);
    expect((broken as { stdout: string }).stdout).toMatch(/entry 1: content does not match its hash/);
  });

  it('says, on an empty database, that no place is loaded and how to load one', { timeout: 120_000 }, async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'caretrust-cli-empty-'));
    try {
      const answer = await run(process.execPath, ['bin/caretrust.mjs', 'users'], { env: { ...inherited, CARETRUST_DATA_DIR: empty }, timeout: 120_000 }).catch(
        (e: { stdout: string; stderr: string; code: number }) => e,
      );
      expect((answer as { code: number }).code).toBe(1);
      const said = (answer as { stderr: string }).stderr;
      expect(said).toMatch(/No place is loaded in this database/);
      expect(said).toMatch(/caretrust seed --preset NAME/);
      expect(said).toMatch(/npm start/);
      expect(said).toMatch(/torbay/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
