import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';

let t: TestApp;
let manager: Client;
let auditor: Client;
let teamId: string;

beforeAll(async () => {
  t = await startTestApp();
  [manager, auditor] = await Promise.all([t.signIn('team_manager'), t.signIn('auditor')]);
  // The manager's team with the most open cases, so that small pages make several.
  const sizes = await Promise.all(manager.user.teams.map(async (team) => ({ id: team.id, open: (await manager.get(`/api/caseloads?teamId=${team.id}&limit=1`)).body.counts?.open ?? 0 })));
  teamId = sizes.sort((a, b) => b.open - a.open)[0]!.id;
});
afterAll(() => t.close());

type Case = { id: string; openedAt: string; person: { id: string }; worker: { id: string } | null };
const caseload = (query: string) => manager.get(`/api/caseloads?teamId=${teamId}${query}`);

describe('a team caseload, page by page', () => {
  it('continues each page where the last ended, without repeats or gaps, most recently opened first', async () => {
    const whole = await caseload('&limit=200');
    expect(whole.status).toBe(200);
    const total: number = whole.body.counts.open;
    expect(total).toBeGreaterThan(5);
    expect(total).toBeLessThanOrEqual(200);
    expect(whole.body.cases).toHaveLength(total);
    const openedAt = whole.body.cases.map((c: Case) => c.openedAt);
    expect(openedAt).toEqual([...openedAt].sort().reverse());

    const seen: string[] = [];
    let query = '&limit=2';
    for (let n = 1; ; n++) {
      const page = await caseload(query);
      expect(page.status).toBe(200);
      expect(page.body.counts.open).toBe(total);
      expect(page.body.page).toMatchObject({ limit: 2, from: seen.length + 1, to: seen.length + page.body.cases.length });
      expect(page.body.page.previousBefore).toBe(n === 1 ? null : page.body.cases[0].id);
      seen.push(...page.body.cases.map((c: Case) => c.id));
      if (!page.body.page.nextAfter) break;
      expect(page.body.page.nextAfter).toBe(seen[seen.length - 1]);
      query = `&limit=2&after=${page.body.page.nextAfter}`;
    }
    expect(seen).toEqual(whole.body.cases.map((c: Case) => c.id));
  });

  it('goes back with Previous to the page before, and from the second page to a full first page', async () => {
    const first = await caseload('&limit=3');
    const second = await caseload(`&limit=3&after=${first.body.page.nextAfter}`);
    const third = await caseload(`&limit=3&after=${second.body.page.nextAfter}`);
    const back = await caseload(`&limit=3&before=${third.body.page.previousBefore}`);
    expect(back.body.cases).toEqual(second.body.cases);
    expect(back.body.page).toMatchObject({ from: 4, to: 6, previousBefore: second.body.cases[0].id, nextAfter: second.body.page.nextAfter });
    const start = await caseload(`&limit=3&before=${second.body.page.previousBefore}`);
    expect(start.body.cases).toEqual(first.body.cases);
    expect(start.body.page).toMatchObject({ from: 1, to: 3, previousBefore: null });
  });

  it('counts every open case per worker and without one, whichever page is shown', async () => {
    const whole = (await caseload('&limit=200')).body;
    const page = (await caseload('&limit=2')).body;
    const perWorker = new Map<string, number>();
    for (const c of whole.cases as Case[]) if (c.worker) perWorker.set(c.worker.id, (perWorker.get(c.worker.id) ?? 0) + 1);
    expect(page.counts).toEqual(whole.counts);
    expect(page.counts.unallocatedCases).toBe((whole.cases as Case[]).filter((c) => !c.worker).length);
    for (const m of page.members) expect(m.openCases).toBe(perWorker.get(m.id) ?? 0);
    expect(page.counts.waiting).toBe(whole.waiting.length);
  });

  it('keeps a worker’s own caseload (staffId) paged in the same order', async () => {
    const whole = (await caseload('&limit=200')).body;
    const busiest = [...whole.members].sort((a: { openCases: number }, b: { openCases: number }) => b.openCases - a.openCases)[0];
    const theirs = await manager.get(`/api/caseloads?staffId=${busiest.id}&limit=1`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.counts.open).toBe(busiest.openCases);
    expect(theirs.body.cases.map((c: Case) => c.id)).toEqual([whole.cases.find((c: Case) => c.worker?.id === busiest.id).id]);
  });

  it('audits the people shown on the page and the waiting list, not the rest of the caseload', async () => {
    const page = (await caseload('&limit=2')).body;
    const log = await auditor.get(`/api/audit?userId=${manager.user.id}&limit=1`);
    const [entry] = log.body.entries;
    expect(entry.action).toBe('case.list');
    const shown = new Set([...page.cases.map((c: Case) => c.person.id), ...page.waiting.map((w: { person: { id: string } }) => w.person.id)]);
    expect(new Set(entry.personIds)).toEqual(shown);
  });

  it('continues without skipping a case when the last case of the page closes before Next', async () => {
    const whole = (await caseload('&limit=200')).body.cases.map((c: Case) => c.id);
    const first = (await caseload('&limit=2')).body;
    const last = first.cases[1];
    const closed = await manager.post(`/api/cases/${last.id}/close`, { reason: 'Needs met, case closes', version: last.version });
    expect(closed.status).toBe(200);
    const next = await caseload(`&limit=2&after=${first.page.nextAfter}`);
    expect(next.body.cases.map((c: Case) => c.id)).toEqual(whole.slice(2, 4));
    expect(next.body.counts.open).toBe(whole.length - 1);
  });
});

describe('bad page parameters', () => {
  it.each([
    ['&limit=0', 'limit'],
    ['&limit=201', 'limit'],
    ['&limit=ten', 'limit'],
    ['&limit=2.5', 'limit'],
    ['&after=page-2', 'after'],
    ['&before=0190a3c5-0000-7000-8000-00000000000z', 'before'],
    ['&after=0190a3c5-0000-7000-8000-000000000001', 'after'],
  ])('%s answers 400 naming %s', async (query, field) => {
    const res = await caseload(query);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses after and before together', async () => {
    const first = (await caseload('&limit=2')).body;
    const res = await caseload(`&after=${first.cases[0].id}&before=${first.cases[1].id}`);
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('before');
  });
});
