/**
 * Activity attributed to the partner accountable on its day (decision 0010): each kind of activity
 * is the exercise of one function, and its client group follows from the person's age on the day
 * (under 18 children, 65 and over older people, otherwise physical disability) until the record
 * carries a client group of its own. reporting/ reads across modules and only reads.
 *
 * | activity   | its day                          | function                   |
 * | referral   | received (Europe/London)         | asc_assessment             |
 * | assessment | completed                        | asc_assessment             |
 * | package    | care plan agreed (created)       | asc_provision              |
 * | stay       | admitted                         | community_health_provision |
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { accountablePartners, type AccountabilityQuestion } from '../partnership/accountable.js';
import type { DelegableFunction } from '../partnership/functions.js';
import { rowsOf, sql, type Executor } from '../platform/db.js';

export const activityKinds = ['referral', 'assessment', 'package', 'stay'] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const functionOfActivity: Record<ActivityKind, DelegableFunction> = {
  referral: 'asc_assessment',
  assessment: 'asc_assessment',
  package: 'asc_provision',
  stay: 'community_health_provision',
};

export type Attribution = {
  kind: ActivityKind;
  function: DelegableFunction;
  from: string;
  to: string;
  total: number;
  byPartner: { partnerId: string | null; partnerName: string; basis: 'delegation' | 'statutory'; delegationId: string | null; count: number }[];
};

const london = (column: string) => sql.raw(`(${column} at time zone 'Europe/London')::date`);

function activitySql(placeId: string, kind: ActivityKind, from: string, to: string) {
  const source = {
    referral: { table: 'referral', day: london('a.received_at'), where: sql`true` },
    assessment: { table: 'assessment', day: london('a.completed_at'), where: sql`a.status = 'completed'` },
    package: { table: 'care_plan', day: london('a.created_at'), where: sql`true` },
    stay: { table: 'hospital_stay', day: sql.raw('a.admitted_on'), where: sql`true` },
  }[kind];
  return sql`select to_char(${source.day}, 'YYYY-MM-DD') as "on",
                    case when p.birth_date > ${source.day} - interval '18 years' then 'children'
                         when p.birth_date <= ${source.day} - interval '65 years' then 'older_people'
                         else 'physical_disability' end as "clientGroup",
                    count(*)::int as n
               from ${sql.raw(source.table)} a
               join person p on p.place_id = a.place_id and p.id = a.person_id
              where a.place_id = ${placeId} and ${source.where}
                and ${source.day} between ${from}::date and ${to}::date
              group by 1, 2`;
}

/** Counts of one kind of activity between two days (inclusive) per partner accountable on each day. */
export async function attributeActivity(db: Executor, placeId: string, kind: ActivityKind, from: string, to: string): Promise<Attribution> {
  const fn = functionOfActivity[kind];
  const rows = await rowsOf<{ on: string; clientGroup: string; n: number }>(db, activitySql(placeId, kind, from, to));
  const questions: AccountabilityQuestion[] = rows.map((r) => ({ function: fn, clientGroup: r.clientGroup, on: r.on }));
  const answers = await accountablePartners(db, placeId, questions);
  const byKey = new Map<string, Attribution['byPartner'][number]>();
  answers.forEach((a, i) => {
    const key = `${a.partner?.id ?? 'none'}|${a.delegation?.id ?? 'statutory'}`;
    const entry = byKey.get(key) ?? { partnerId: a.partner?.id ?? null, partnerName: a.partner?.name ?? 'No partner of the owning kind', basis: a.basis, delegationId: a.delegation?.id ?? null, count: 0 };
    entry.count += rows[i]!.n;
    byKey.set(key, entry);
  });
  const byPartner = [...byKey.values()].sort((x, y) => y.count - x.count);
  return { kind, function: fn, from, to, total: rows.reduce((s, r) => s + r.n, 0), byPartner };
}

/** The same, for a signed-in user: counts only, no person named; the read is audited. */
export async function attributionFor(ctx: Ctx, kind: ActivityKind, from: string, to: string): Promise<Attribution> {
  const result = await attributeActivity(ctx.db, ctx.actor.placeId, kind, from, to);
  await auditAllowed(ctx.db, ctx.actor, ctx.clock.now(), { action: 'delegation.attribution', personIds: [], detail: { kind, from, to, total: result.total } });
  return result;
}
