import { SQL, and, asc, eq, getTableColumns, getTableName, gt, inArray, is, isNull, ne, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../platform/db.js';
import { ageOn } from '../platform/dates.js';
import { relationships, users } from '../access/schema.js';
import { people, personCarers } from '../people/schema.js';
import {
  assessmentSections,
  assessmentSectionVersions,
  assessments,
  carePlans,
  cases,
  mdtActions,
  mdtCases,
  mdtMeetings,
  pathwayEvents,
  referrals,
  reviews,
  serviceLines,
  serviceLineVersions,
} from '../pathway/schema.js';
import type { Preset } from './preset.js';
import type { PlaceStructure } from './structure.js';
import type { SynthIds } from './ids.js';
import { activityPlace, historicPlace } from './pathway-activity-context.js';
import { EpisodeWriter, type PersonIn } from './pathway-activity-episodes.js';
import { Caseloads } from './pathway-activity-caseloads.js';
import { MdtBook } from './pathway-activity-mdt.js';
import { emptyRows, type ActivityRows } from './pathway-activity-rows.js';
import { mrsSmithStory } from './pathway-activity-smith.js';

/**
 * Pathway activity for a seeded place: its history (synth/history.ts) and two years of referrals, triage, cases, assessments,
 * plans and packages, reviews and MDT meetings for its population, ending on the as-of day,
 * with Mrs Smith's story in it. The people are read back in batches (by id, the order they were
 * generated in), each batch's activity is one transaction of multi-row inserts, and the MDT
 * meetings follow at the end, so memory stays flat up to a million people.
 */

export type ActivityOptions = {
  preset: Preset;
  structure: PlaceStructure;
  accounts: readonly (typeof users.$inferInsert)[];
  seed: number;
  asOf: string;
  ids: SynthIds;
  /** Overrides the preset's history.from: the first day of activity (synth/history.ts). */
  historyFrom?: string;
  /** Overrides the history's sample (the fraction of its activity generated). */
  historySample?: number;
  batchSize?: number;
  progress?: (done: number) => void;
};

export type ActivitySummary = {
  referrals: number;
  cases: number;
  events: number;
  /** Open cases per practitioner on the as-of day. */
  caseloadSizes: number[];
  /** Caseload relationships from the people generator that became open cases, and those left as they were (no room). */
  legacyConverted: number;
  legacyLeft: number;
};

type Table = Parameters<Tx['insert']>[0];

/** A table's columns as (key in the row object, SQL name, static default) — looked up once. */
const columnsOf = new Map<Table, { key: string; name: string; fallback: unknown }[]>();
function columns(table: Table) {
  let list = columnsOf.get(table);
  if (!list) {
    list = Object.entries(getTableColumns(table)).map(([key, c]) => ({
      key,
      name: c.name,
      // Defaults the database would fill (version 1, empty notes): a record set leaves them null otherwise.
      fallback: c.hasDefault && c.default !== undefined && !is(c.default, SQL) ? c.default : null,
    }));
    columnsOf.set(table, list);
  }
  return list;
}

/**
 * Inserts rows as one JSON document per few thousand rows, unpacked by json_populate_recordset:
 * one parameter instead of one per value, which on PGlite costs a quarter of a multi-row insert.
 */
async function insertAll<T extends object>(tx: Tx, table: Table, list: T[]): Promise<void> {
  if (list.length === 0) return;
  const cols = columns(table);
  const name = getTableName(table);
  for (let i = 0; i < list.length; i += 4000) {
    const records = list.slice(i, i + 4000).map((row) => {
      const out: Record<string, unknown> = {};
      for (const c of cols) out[c.name] = (row as Record<string, unknown>)[c.key] ?? c.fallback;
      return out;
    });
    await tx.execute(sql`insert into ${sql.identifier(name)} select * from json_populate_recordset(null::${sql.identifier(name)}, ${JSON.stringify(records)}::json)`);
  }
}

/** Parents before children: referrals, cases, relationships, assessments … the timeline last. */
async function insertRows(db: Db, rows: ActivityRows, trusted: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    if (trusted) await tx.execute(sql`set local session_replication_role = replica`);
    await insertAll(tx, referrals, rows.referrals);
    await insertAll(tx, cases, rows.cases);
    await insertAll(tx, relationships, rows.relationships);
    await insertAll(tx, assessments, rows.assessments);
    await insertAll(tx, assessmentSections, rows.sections);
    await insertAll(tx, assessmentSectionVersions, rows.sectionVersions);
    await insertAll(tx, carePlans, rows.plans);
    await insertAll(tx, serviceLines, rows.lines);
    await insertAll(tx, serviceLineVersions, rows.lineVersions);
    await insertAll(tx, reviews, rows.reviews);
    await insertAll(tx, mdtMeetings, rows.mdtMeetings);
    await insertAll(tx, mdtCases, rows.mdtCases);
    await insertAll(tx, mdtActions, rows.mdtActions);
    await insertAll(tx, pathwayEvents, rows.events);
  });
}

/**
 * On the embedded database (PGlite, seeded on a laptop's first start) the foreign-key checks of
 * this bulk load cost more than the rest of it together (each is a row lock in WebAssembly), so
 * its transactions skip them (session_replication_role = replica; PGlite runs as its superuser).
 * The rows are consistent by construction, and on PostgreSQL — where the test suite also seeds
 * its fixture — every constraint is checked.
 */
async function isEmbedded(db: Db): Promise<boolean> {
  const [row] = await rowsOf<{ v: string }>(db, sql`select version() as v`);
  return /PGlite/.test(row?.v ?? '');
}

/**
 * Foreign-key checks find parent rows with plans made from the statistics the tables had when the
 * load began (empty), and scan instead of using the primary key. Refreshed as they grow (after
 * batches 1, 2, 4, 8 …), the checks use the keys: at 100,000 people on PostgreSQL the activity's
 * inserts took a quarter of the time.
 */
async function refreshStatistics(db: Db, withPeople: boolean): Promise<void> {
  await db.execute(withPeople ? sql`analyze person, referral, assessment, care_plan, service_line` : sql`analyze referral, assessment, care_plan, service_line`);
}

/** Mrs Smith is always the first person generated (people.ts). */
export const mrsSmithId = (ids: SynthIds) => ids.id('person', 0, 0);

export async function seedPathwayActivity(db: Db, opts: ActivityOptions): Promise<ActivitySummary> {
  const place = activityPlace(opts.preset, opts.structure, opts.accounts, { asOf: opts.asOf, seed: opts.seed, ids: opts.ids, historyFrom: opts.historyFrom, historySample: opts.historySample });
  const caseloads = new Caseloads(place);
  const mdt = new MdtBook(place);
  const writer = new EpisodeWriter(place, caseloads, mdt);
  // The years before the recent window, written with the same batches (synth/history.ts).
  const past = historicPlace(place);
  const historyWriter = past ? new EpisodeWriter(past, new Caseloads(past), null) : null;
  const smithId = mrsSmithId(opts.ids);
  const trusted = await isEmbedded(db);
  const batchSize = opts.batchSize ?? 2000;
  const summary: ActivitySummary = { referrals: 0, cases: 0, events: 0, caseloadSizes: [], legacyConverted: 0, legacyLeft: 0 };
  const count = (rows: ActivityRows) => {
    summary.referrals += rows.referrals.length;
    summary.cases += rows.cases.length;
    summary.events += rows.events.length;
  };

  let last: string | null = null;
  let done = 0;
  let batches = 0;
  for (;;) {
    const batch = await db
      .select({ id: people.id, birthDate: people.birthDate, gpPracticeId: people.gpPracticeId, objects: people.objectsToHealthSocialCareSharing })
      .from(people)
      .where(last ? and(eq(people.placeId, place.placeId), gt(people.id, last)) : eq(people.placeId, place.placeId))
      .orderBy(asc(people.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    last = batch[batch.length - 1]!.id;
    const ids = batch.map((b) => b.id);
    const carerRows = await db
      .select({ personId: personCarers.personId, carerId: personCarers.carerPersonId, relationship: personCarers.relationship, given: people.givenName, family: people.familyName })
      .from(personCarers)
      .innerJoin(people, and(eq(people.placeId, personCarers.placeId), eq(people.id, personCarers.carerPersonId)))
      .where(and(eq(personCarers.placeId, place.placeId), inArray(personCarers.personId, ids)));
    // The people generator's relationships only (a carer's case from an earlier batch is ours).
    const relRows = await db
      .select({ id: relationships.id, personId: relationships.personId, kind: relationships.kind, sector: relationships.sector, teamId: relationships.teamId, validFrom: relationships.validFrom, reason: relationships.reason })
      .from(relationships)
      .where(
        and(
          eq(relationships.placeId, place.placeId),
          inArray(relationships.personId, ids),
          inArray(relationships.kind, ['caseload', 'triage']),
          isNull(relationships.validTo),
          isNull(relationships.grantedBy),
          ne(relationships.reason, 'on the caseload'),
        ),
      )
      .orderBy(asc(relationships.validFrom), asc(relationships.id));
    const carersOf = new Map<string, PersonIn['carers']>();
    for (const c of carerRows) carersOf.set(c.personId, [...(carersOf.get(c.personId) ?? []), { carerId: c.carerId, name: `${c.given} ${c.family}`, relationship: c.relationship }]);
    const relsOf = new Map<string, typeof relRows>();
    for (const r of relRows) if (r.teamId && !r.reason.startsWith('referral ')) relsOf.set(r.personId, [...(relsOf.get(r.personId) ?? []), r]);

    const rows = emptyRows();
    writer.useRows(rows);
    historyWriter?.useRows(rows);
    for (const b of batch) {
      const practice = b.gpPracticeId ? place.zoneOfPractice.get(b.gpPracticeId) : undefined;
      const rels = relsOf.get(b.id) ?? [];
      const p: PersonIn = {
        id: b.id,
        age: ageOn(b.birthDate, opts.asOf),
        zoneCode: practice?.zoneCode ?? null,
        practiceName: practice?.name ?? '',
        objects: b.objects,
        carers: carersOf.get(b.id) ?? [],
        caseloads: rels.filter((r) => r.kind === 'caseload').map((r) => ({ id: r.id, sector: r.sector, teamId: r.teamId, validFrom: r.validFrom })),
      };
      if (b.id !== smithId) historyWriter?.history(p);
      if (b.id === smithId) {
        const triage = rels.find((r) => r.kind === 'triage');
        mrsSmithStory(place, rows, writer, caseloads, mdt, p, triage ? { id: triage.id, validFrom: triage.validFrom } : null);
      } else {
        writer.person(p);
      }
    }
    count(rows);
    await insertRows(db, rows, trusted);
    batches++;
    if (!trusted && (batches & (batches - 1)) === 0) await refreshStatistics(db, batches === 1);
    done += batch.length;
    opts.progress?.(done);
  }

  const meetings = emptyRows();
  mdt.write(meetings);
  count(meetings);
  await insertRows(db, meetings, trusted);
  summary.caseloadSizes = caseloads.sizes();
  summary.legacyConverted = writer.counts.legacyConverted;
  summary.legacyLeft = writer.counts.legacyLeft;
  return summary;
}
