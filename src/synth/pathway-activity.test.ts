import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openPglite, rowsOf, sql, type Database } from '../platform/db.js';
import { computeEligibility, type EligibilityFacts } from '../pathway/assessments/eligibility.js';
import { sectionSchemas, type SectionName } from '../pathway/assessments/sections.js';
import { eventOutcomes, frontDoorOutcomes, routesOfAccess, serviceComponents, serviceTypes } from '../pathway/codes.js';
import { seedPlace } from './seed.js';
import { mrsSmith } from './people.js';
import { withinTwentyEightShare } from './pathway-activity-rates.js';
import { assessedForPackage } from '../pathway/measures/queries.js';
import { packageTiming, tally } from '../pathway/measures/rule.js';

const asOf = '2026-11-01';
const population = 2000;

async function freshDatabase(): Promise<Database> {
  const d = await openPglite();
  await migrateDatabase(d);
  return d;
}

const pathwayTables = [
  'referral',
  'care_case',
  'care_relationship',
  'assessment',
  'assessment_section',
  'assessment_section_version',
  'care_plan',
  'service_line',
  'service_line_version',
  'review',
  'mdt_meeting',
  'mdt_case',
  'mdt_action',
  'pathway_event',
];

type Row = Record<string, unknown>;

describe('pathway activity of a synthetic place', () => {
  let a: Database;
  let b: Database;
  let placeId: string;
  const stages: string[] = [];
  const q = <T = Row>(text: string) => rowsOf<T>(a.db, sql.raw(text));

  beforeAll(async () => {
    [a, b] = await Promise.all([freshDatabase(), freshDatabase()]);
    ({ placeId } = await seedPlace(a.db, { preset: 'torbay', population, seed: 7, asOf, progress: (s) => (stages.at(-1) === s ? undefined : stages.push(s)) }));
    await seedPlace(b.db, { preset: 'torbay', population, seed: 7, asOf });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('reports its own progress stage, after the people', () => {
    expect(stages).toEqual(['partnership', 'people', 'activity']);
  });

  it('is deterministic: the same seed gives identical pathway rows', async () => {
    for (const table of pathwayTables) {
      const all = sql.raw(`select * from ${table} order by 1, 2, 3`);
      const [x, y] = [await rowsOf(a.db, all), await rowsOf(b.db, all)];
      expect(x.length, table).toBeGreaterThan(0);
      expect(y, table).toEqual(x);
    }
  });

  it('refers older people far more often, and resolves a third or more at the front door', async () => {
    const [r] = await q<{ older: number; younger: number; resolved: number; triaged: number }>(`
      select count(*) filter (where age >= 65)::float / nullif((select count(*) from person where birth_date <= date '${asOf}' - interval '65 years'), 0) / 2 older,
             count(*) filter (where age between 18 and 64)::float / nullif((select count(*) from person where birth_date between date '${asOf}' - interval '65 years' and date '${asOf}' - interval '18 years'), 0) / 2 younger,
             count(*) filter (where r.resolved_at is not null)::float resolved,
             count(*) filter (where r.resolved_at is not null or r.accepted_at is not null)::float triaged
      from referral r join (select id, date_part('year', age(date '${asOf}', birth_date)) age from person) p on p.id = r.person_id
      -- the recent two years, at the ages people are now (the history before them is sampled)
      where r.received_at >= date '${asOf}' - interval '730 days'`);
    expect(r!.older).toBeGreaterThan(0.08);
    expect(r!.older).toBeLessThan(0.22);
    expect(r!.younger).toBeLessThan(0.05);
    expect(r!.older).toBeGreaterThan(3 * r!.younger);
    expect(r!.resolved / r!.triaged).toBeGreaterThan(0.25);
    expect(r!.resolved / r!.triaged).toBeLessThan(0.55);
  });

  it('takes no referral through more than two triage steps, and keeps each status consistent', async () => {
    const [bad] = await q<{ n: number }>(`
      select count(*)::int n from referral r left join care_case c on c.referral_id = r.id where
        (r.resolved_at is not null and (r.accepted_at is not null or r.allocated_at is not null))
        or (r.status = 'received' and (r.resolved_at is not null or r.accepted_at is not null))
        or (r.status = 'resolved' and (r.resolved_at is null or r.outcome is null))
        or (r.status = 'accepted' and (r.accepted_at is null or r.allocated_at is not null))
        or (r.status in ('allocated', 'closed') and (r.allocated_at is null or c.id is null))
        or (r.status = 'allocated' and c.closed_at is not null)
        or (r.status = 'closed' and (c.closed_at is null or r.closed_at <> c.closed_at))
        or not (r.received_at <= coalesce(r.resolved_at, r.accepted_at, r.received_at) and coalesce(r.accepted_at, r.received_at) <= coalesce(r.allocated_at, r.accepted_at, r.received_at))`);
    expect(bad!.n).toBe(0);
    const outcomes = await q<{ outcome: string }>(`select distinct outcome from referral where outcome is not null`);
    for (const o of outcomes) expect(frontDoorOutcomes).toContain(o.outcome);
    const routes = await q<{ route: string; source: string }>(`select distinct route_of_access route, source from referral`);
    for (const r of routes) expect(routesOfAccess).toContain(r.route);
    expect(routes.some((r) => r.source === 'hospital' && r.route === 'Discharge from hospital')).toBe(true);
    // The live queue and the waiting list: triage relationships only for referrals still received.
    const [queue] = await q<{ received: number; triage: number; accepted: number; waiting: number }>(`
      select (select count(*) from referral where status = 'received')::int received,
             (select count(*) from care_relationship where kind = 'triage' and valid_to is null)::int triage,
             (select count(*) from referral where status = 'accepted')::int accepted,
             (select count(*) from care_relationship where kind = 'referral' and valid_to is null)::int waiting`);
    expect(queue!.received).toBeGreaterThan(0);
    expect(queue!.triage).toBe(queue!.received);
    expect(queue!.waiting).toBe(queue!.accepted);
    const [ended] = await q<{ n: number }>(`select count(*)::int n from care_relationship where kind in ('triage', 'referral') and valid_to is not null`);
    expect(ended!.n).toBe(0);
  });

  it('gives every open case its caseload relationships, and ends them for closed ones', async () => {
    const [open] = await q<{ open: number; missing: number; userless: number }>(`
      select count(*)::int open,
             count(*) filter (where t.id is null or t.valid_to is not null or t.kind <> 'caseload' or t.team_id <> c.team_id or t.sector <> c.sector
                              or (u.id is not null and (w.id is null or w.valid_to is not null or w.user_id <> u.id or w.kind <> 'caseload')))::int missing,
             count(*) filter (where u.id is null and c.worker_relationship_id is not null)::int userless
      from care_case c
      left join care_relationship t on t.id = c.team_relationship_id
      left join care_relationship w on w.id = c.worker_relationship_id
      left join app_user u on u.staff_id = c.worker_staff_id
      where c.closed_at is null`);
    expect(open!.open).toBeGreaterThan(0);
    expect(open!.missing).toBe(0);
    expect(open!.userless).toBe(0);
    const [closed] = await q<{ closed: number; still: number }>(`
      select count(distinct c.id)::int closed, count(*) filter (where r.valid_to is distinct from c.closed_at)::int still
      from care_case c join care_relationship r on r.id in (c.team_relationship_id, c.worker_relationship_id)
      where c.closed_at is not null`);
    expect(closed!.closed).toBeGreaterThan(0);
    expect(closed!.still).toBe(0);
    const reasons = await q<{ n: number }>(`select count(*)::int n from care_case where closed_at is not null and coalesce(close_reason, '') = ''`);
    expect(reasons[0]!.n).toBe(0);
    // Open caseloads stay within what a practitioner holds.
    const [most] = await q<{ n: number }>(`select coalesce(max(n), 0)::int n from (select count(*) n from care_case where closed_at is null group by worker_staff_id) x`);
    expect(most!.n).toBeLessThanOrEqual(30);
  });

  it('writes assessment sections that the assessment module accepts, authored by a nurse and a social worker', async () => {
    const sections = await q<{ assessment_id: string; section: string; content: unknown; author_role: string }>(`select assessment_id, section, content, author_role from assessment_section`);
    expect(sections.length).toBeGreaterThan(100);
    for (const s of sections) {
      const parsed = sectionSchemas[s.section as SectionName].safeParse(s.content);
      expect(parsed.success, `${s.section}: ${JSON.stringify(parsed.error?.issues ?? [])}`).toBe(true);
    }
    const versions = await q<{ content: unknown; section: string }>(`select section, content from assessment_section_version`);
    for (const v of versions) expect(sectionSchemas[v.section as SectionName].safeParse(v.content).success).toBe(true);
    const [shared] = await q<{ n: number }>(`select count(*)::int n from (select assessment_id from assessment_section group by 1 having count(distinct author_role) filter (where author_role in ('nurse', 'social_worker')) = 2) x`);
    expect(shared!.n).toBeGreaterThan(10);

    // Eligibility is the three-condition rule on what was written, confirmed or overridden with a reason.
    const done = await q<{ id: string; kind: string; eligibility_computed: unknown; eligibility_decision: string | null; override_reason: string | null; assessment_type: string; outcome: string }>(
      `select id, kind, eligibility_computed, eligibility_decision, override_reason, assessment_type, outcome from assessment where status = 'completed'`,
    );
    const bySection = new Map<string, Map<string, unknown>>();
    for (const s of sections) bySection.set(s.assessment_id, (bySection.get(s.assessment_id) ?? new Map()).set(s.section, s.content));
    for (const d of done) {
      const s = bySection.get(d.id)!;
      const facts = { kind: d.kind, impairment: s.get('impairment'), outcomes: s.get('outcomes'), wellbeing: s.get('wellbeing'), carers: s.get('carers') } as EligibilityFacts;
      const computed = computeEligibility(facts);
      expect(d.eligibility_computed).toEqual(computed);
      expect(eventOutcomes).toContain(d.outcome);
      expect(d.assessment_type).toBe(d.eligibility_decision ? 'Long term assessment' : 'Short term assessment');
      if (d.eligibility_decision && (d.eligibility_decision === 'eligible') !== computed.eligible) expect(d.override_reason?.length).toBeGreaterThanOrEqual(10);
      if (d.eligibility_decision && (d.eligibility_decision === 'eligible') === computed.eligible) expect(d.override_reason).toBeNull();
    }
    const [carers] = await q<{ n: number }>(`select count(*)::int n from assessment where kind = 'carer' and cared_for_person_id is not null`);
    expect(carers!.n).toBeGreaterThan(0);
    // A completed carer's assessment keeps the CLD carer fields, linked to the person cared for.
    const [kept] = await q<{ n: number; bad: number }>(
      `select count(*)::int n, count(*) filter (where carer_return->>'clientType' is distinct from 'Unpaid carer'
                                                 or carer_return->'linkedPersonIds'->>0 is distinct from cared_for_person_id::text)::int bad
       from assessment where kind = 'carer' and status = 'completed'`,
    );
    expect(kept!.n).toBeGreaterThan(0);
    expect(kept!.bad).toBe(0);
  });

  it('puts packages in place from eligible assessments only, at the council rate, with a version for every state', async () => {
    const [plans] = await q<{ n: number; bad: number }>(`select count(*)::int n, count(*) filter (where a.eligibility_decision is distinct from 'eligible' or a.status <> 'completed')::int bad from care_plan p join assessment a on a.id = p.assessment_id`);
    expect(plans!.n).toBeGreaterThan(20);
    expect(plans!.bad).toBe(0);
    const lines = await q<{ service_type: string; component: string; unit_cost_pence: number; status: string; version: number; versions: number; states: string; approved_by: string | null; started_on: string | null }>(`
      select l.service_type, l.component, l.unit_cost_pence, l.status, l.version, count(v.*)::int versions, string_agg(v.change, ',' order by v.version) states, l.approved_by, l.started_on
      from service_line l join service_line_version v on v.line_id = l.id group by l.place_id, l.id`);
    for (const l of lines) {
      expect(serviceTypes).toContain(l.service_type);
      expect(serviceComponents).toContain(l.component);
      expect(l.versions).toBe(l.version);
      expect(['proposed', 'proposed,approved', 'proposed,approved,in_place', 'proposed,approved,in_place,ended', 'proposed,cancelled', 'proposed,approved,cancelled']).toContain(l.states);
      expect(l.states.split(',').at(-1)).toBe(l.status);
    }
    expect(lines.filter((l) => l.component === 'Home support or domiciliary care').every((l) => l.unit_cost_pence === 1636)).toBe(true);
    expect(new Set(lines.map((l) => l.component))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    for (const c of ['Home support or domiciliary care', 'Reablement', 'Equipment']) expect(lines.map((l) => l.component)).toContain(c);
    // Providers are the preset's providers.
    const [providers] = await q<{ n: number }>(`select count(*)::int n from service_line l join partner p on p.id = l.provider_partner_id where p.kind <> 'provider'`);
    expect(providers!.n).toBe(0);
  });

  it('puts more packages in place within 28 days of the assessment in the second year than in the first (Torbay: 67% to 97%)', async () => {
    expect(withinTwentyEightShare({ end: new Date(`${asOf}T00:00:00Z`), windowStart: '2024-11-01' } as never, new Date('2024-11-01T00:00:00Z'))).toBeCloseTo(0.67, 2);
    expect(withinTwentyEightShare({ end: new Date(`${asOf}T00:00:00Z`), windowStart: '2024-11-01' } as never, new Date(`${asOf}T00:00:00Z`))).toBeCloseTo(0.97, 2);
    // The measure as the measures module computes it: eligible assessments, in place within 28 days
    // of completion, of those decided (in place, or still awaited after 28 days).
    const share = async (from: string, to: string) => {
      const rows = await assessedForPackage(a.db, placeId, from, to);
      return tally(rows.map((r) => packageTiming(r.completedOn, r.firstInPlaceOn, asOf)));
    };
    const [first, second] = [await share('2024-11-01', '2025-10-31'), await share('2025-11-01', '2026-10-31')];
    expect(first.assessments).toBeGreaterThan(20);
    expect(second.percentWithin!).toBeGreaterThan(first.percentWithin!);
    expect(first.percentWithin!).toBeGreaterThan(55);
    expect(second.percentWithin!).toBeGreaterThan(80);
  });

  it('schedules planned reviews within a year of a package starting, completes most past-due ones, and holds weekly MDTs', async () => {
    const [r] = await q<{ planned: number; late: number; pastDue: number; overdue: number }>(`
      with first as (select plan_id, min(started_on) started from service_line where started_on is not null group by 1)
      select count(*)::int planned,
             count(*) filter (where r.due_on > f.started + interval '1 year' and r.id = (select id from review x where x.plan_id = r.plan_id and x.kind = 'planned' order by due_on limit 1))::int late,
             count(*) filter (where r.due_on < date '${asOf}')::int "pastDue",
             count(*) filter (where r.due_on < date '${asOf}' and r.status = 'due')::int overdue
      from review r join first f on f.plan_id = r.plan_id where r.kind = 'planned'`);
    expect(r!.planned).toBeGreaterThan(20);
    expect(r!.late).toBe(0);
    expect(r!.overdue).toBeLessThan(r!.pastDue / 2);
    const [m] = await q<{ teams: number; meetings: number; per: number; actions: number; overdue: number; strangers: number }>(`
      select (select count(distinct team_id) from mdt_meeting)::int teams, (select count(*) from mdt_meeting)::int meetings,
             (select avg(n) from (select count(*) n from mdt_case group by meeting_id) x)::float per,
             (select count(*) from mdt_action)::int actions,
             (select count(*) from mdt_action where done_at is null and due_on < date '${asOf}')::int overdue,
             (select count(*) from mdt_action a join mdt_meeting m on m.id = a.meeting_id
                left join team_member tm on tm.team_id = m.team_id and tm.staff_id = a.owner_staff_id and tm.valid_from <= m.held_on where tm.staff_id is null)::int strangers`);
    expect(m!.teams).toBe(5);
    expect(m!.meetings).toBeGreaterThan(5 * 80);
    expect(m!.actions).toBeGreaterThan(0);
    expect(m!.overdue).toBeGreaterThan(0);
    expect(m!.overdue).toBeLessThan(m!.actions / 5);
    expect(m!.strangers).toBe(0);
  });

  it('records every step on the timeline, and nothing after the as-of day', async () => {
    const kinds = await q<{ kind: string }>(`select distinct kind from pathway_event order by 1`);
    expect(kinds.map((k) => k.kind)).toEqual(['allocation', 'assessment', 'case', 'eligibility', 'mdt', 'package', 'plan', 'referral', 'review', 'triage']);
    const [counts] = await q<Record<string, number>>(`
      select (select count(*) from referral)::int - (select count(*) from pathway_event where action = 'referral.received')::int received,
             (select count(*) from referral where allocated_at is not null)::int - (select count(*) from pathway_event where action = 'referral.allocated')::int allocated,
             (select count(*) from care_case where closed_at is not null)::int - (select count(*) from pathway_event where action = 'case.closed')::int closed,
             (select count(*) from assessment)::int - (select count(*) from pathway_event where action = 'assessment.started')::int started,
             (select count(*) from service_line_version)::int - (select count(*) from pathway_event where kind = 'package')::int package,
             (select count(*) from mdt_case)::int - (select count(*) from pathway_event where action = 'mdt.discussed')::int discussed,
             (select count(*) from pathway_event where at >= timestamptz '${asOf}T00:00:00Z')::int future`);
    expect(counts).toEqual({ received: 0, allocated: 0, closed: 0, started: 0, package: 0, discussed: 0, future: 0 });
    // Every referenced row exists (the embedded database skips foreign-key checks during the bulk load).
    const [orphans] = await q<Record<string, number>>(`
      select (select count(*) from referral r left join person p on p.id = r.person_id where p.id is null)::int referral_person,
             (select count(*) from care_case c left join referral r on r.id = c.referral_id where r.id is null)::int case_referral,
             (select count(*) from care_case c left join staff s on s.id = c.worker_staff_id where s.id is null)::int case_worker,
             (select count(*) from assessment a left join referral r on r.id = a.referral_id where a.referral_id is not null and r.id is null)::int assessment_referral,
             (select count(*) from assessment_section s left join assessment a on a.id = s.assessment_id where a.id is null)::int section_assessment,
             (select count(*) from assessment_section_version s left join assessment a on a.id = s.assessment_id where a.id is null)::int version_assessment,
             (select count(*) from care_plan p left join assessment a on a.id = p.assessment_id where a.id is null)::int plan_assessment,
             (select count(*) from service_line l left join care_plan p on p.id = l.plan_id where p.id is null)::int line_plan,
             (select count(*) from service_line l left join partner p on p.id = l.provider_partner_id where p.id is null)::int line_provider,
             (select count(*) from service_line_version v left join service_line l on l.id = v.line_id where l.id is null)::int version_line,
             (select count(*) from review r left join care_plan p on p.id = r.plan_id where p.id is null)::int review_plan,
             (select count(*) from mdt_case c left join mdt_meeting m on m.id = c.meeting_id where m.id is null)::int mdt_case_meeting,
             (select count(*) from mdt_action a left join mdt_meeting m on m.id = a.meeting_id where m.id is null)::int mdt_action_meeting,
             (select count(*) from pathway_event e left join person p on p.id = e.person_id where p.id is null)::int event_person,
             (select count(*) from care_relationship r left join person p on p.id = r.person_id where p.id is null)::int relationship_person`);
    expect(Object.values(orphans!).every((n) => n === 0), JSON.stringify(orphans)).toBe(true);
  });

  it('tells Mrs Smith’s story on her timeline, in order', async () => {
    const [smith] = await q<{ id: string }>(`select id from person where given_name = '${mrsSmith.givenName}' and family_name = '${mrsSmith.familyName}' and title = 'Mrs' and place_id = '${placeId}'`);
    const events = await q<{ action: string; summary: string; at: Date }>(`select action, summary, at from pathway_event where person_id = '${smith!.id}' order by at, id`);
    const first = (action: string) => events.findIndex((e) => e.action === action);
    const order = [
      'referral.received',
      'triage.accepted',
      'referral.allocated',
      'assessment.started',
      'assessment.section_started',
      'assessment.completed',
      'eligibility.decided',
      'plan.created',
      'package.proposed',
      'package.approved',
      'review.scheduled',
      'package.in_place',
      'review.completed',
    ];
    const positions = order.map(first);
    expect(positions.every((p) => p >= 0), JSON.stringify(Object.fromEntries(order.map((o, i) => [o, positions[i]])))).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    // The team's MDT discusses her once she is on its caseload (and again this month).
    const discussed = events.flatMap((e, i) => (e.action === 'mdt.discussed' ? [i] : []));
    expect(discussed.length).toBeGreaterThanOrEqual(2);
    expect(discussed[0]!).toBeGreaterThan(first('referral.allocated'));
    expect(events[0]!.summary).toMatch(/^GP referral .*Fall at home/);
    expect(events.filter((e) => e.action === 'eligibility.decided')[0]!.summary).toMatch(/^Eligible for care and support \(the three conditions/);
    // The GP's new referral waits at the front door: her triage relationship.
    expect(events.at(-1)!.action).toBe('referral.received');

    const [assessment] = await q<{ roles: string; status: string; decision: string; completed_on: string; in_place: string }>(`
      select string_agg(distinct s.author_role, ',' order by s.author_role) roles, a.status, a.eligibility_decision decision,
             (a.completed_at at time zone 'Europe/London')::date::text completed_on,
             (select min(l.started_on)::text from care_plan p join service_line l on l.plan_id = p.id where p.assessment_id = a.id) in_place
      from assessment a join assessment_section s on s.assessment_id = a.id where a.person_id = '${smith!.id}' group by a.place_id, a.id`);
    expect(assessment).toMatchObject({ roles: 'nurse,social_worker', status: 'completed', decision: 'eligible' });
    expect((Date.parse(assessment!.in_place) - Date.parse(assessment!.completed_on)) / 86_400_000).toBeLessThanOrEqual(28);
    const lines = await q<{ component: string; status: string; unit_cost_pence: number }>(`select component, status, unit_cost_pence from service_line where person_id = '${smith!.id}' order by component`);
    expect(lines).toEqual([
      { component: 'Equipment', status: 'in_place', unit_cost_pence: 4500 },
      { component: 'Home support or domiciliary care', status: 'in_place', unit_cost_pence: 1636 },
    ]);
    const reviews = await q<{ status: string; due_on: string }>(`select status, due_on::text from review where person_id = '${smith!.id}' order by due_on`);
    expect(reviews.at(-1)).toMatchObject({ status: 'due' });
    expect(reviews.at(-1)!.due_on > asOf).toBe(true);

    // Her relationships as before: the front door triaging, zone 1's team holding her health and social care.
    const held = await q<{ kind: string; sector: string; code: string | null; open: boolean }>(`
      select r.kind, r.sector, t.code, r.valid_to is null open from care_relationship r left join team t on t.id = r.team_id
      where r.person_id = '${smith!.id}' and r.team_id is not null order by r.kind, r.sector`);
    expect(held).toEqual([
      { kind: 'caseload', sector: 'health', code: 'Z1-ICT', open: true },
      { kind: 'caseload', sector: 'social_care', code: 'Z1-ICT', open: true },
      { kind: 'triage', sector: 'integrated', code: 'SPOE', open: true },
    ]);
    const cases = await q<{ n: number }>(`select count(*)::int n from care_case c join care_relationship r on r.id = c.team_relationship_id where c.person_id = '${smith!.id}' and c.closed_at is null`);
    expect(cases[0]!.n).toBe(2);
    const [queued] = await q<{ n: number }>(`
      select count(*)::int n from referral f join care_relationship r on r.person_id = f.person_id and r.kind = 'triage' and r.valid_from = f.received_at
      where f.person_id = '${smith!.id}' and f.status = 'received'`);
    expect(queued!.n).toBe(1);
  });
});
