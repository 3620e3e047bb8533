/**
 * Synthetic hospital flow: admissions at realistic rates by age over the two years before the
 * as-of day, readiness, discharge pathways and a small number of delays (Torbay's delayed
 * transfers were "negligible"), so the flow measures have shape. Deterministic: its own random
 * stream, identifiers from (seed, kind, counter). People are handled in the batches the people
 * generator yields, in the same transaction as their batch.
 *
 * Rates (emergency admissions a person-year, rounded from Hospital Episode Statistics for
 * England): under 18 0.05, 18–64 0.06, 65–74 0.14, 75–84 0.26, 85+ 0.48; elective overnight
 * stays about half as often. Mrs Smith has no synthetic stays: her journey is demonstrated live.
 */
import type { relationships } from '../access/schema.js';
import { awaitedItems, delayDays, hospitalStays, readinessPeriods, stayEvents, wardSpells } from '../flow/schema.js';
import { addBedDaysSql, type EndedSpell } from '../flow/bed-days.js';
import { delayReasons, type Attribution, type DelayReason } from '../flow/codes.js';
import { addDaysIso, daysBetween, delayedDays, londonDateOf } from '../flow/rules.js';
import { ageOn } from '../platform/dates.js';
import type { Tx } from '../platform/db.js';
import type { SynthIds } from './ids.js';
import type { NewPerson } from './people.js';
import { Random } from './random.js';
import { instantOn } from './dates.js';
import { periodAt, spansOf, yearsOf, type ResolvedHistory } from './history.js';

export type FlowContext = {
  placeId: string;
  seed: number;
  preset: string;
  asOf: string;
  /** The years of activity, their periods (delays) and the history's sample (synth/history.ts). */
  history: ResolvedHistory;
  ids: SynthIds;
  hospitalId: string;
  /** The hospital discharge team, which holds a relationship with everyone still in hospital. */
  dischargeTeamId: string | null;
  zoneOfPractice: Map<string, string>;
};

type Rows = {
  stays: (typeof hospitalStays.$inferInsert)[];
  events: (typeof stayEvents.$inferInsert)[];
  periods: (typeof readinessPeriods.$inferInsert)[];
  items: (typeof awaitedItems.$inferInsert)[];
  days: (typeof delayDays.$inferInsert)[];
  spells: (typeof wardSpells.$inferInsert)[];
  relationships: (typeof relationships.$inferInsert)[];
};

const wards = ['Ainslie', 'Allerton', 'Cheetham Hill', 'Dunlop', 'Forrest', 'George Earle', 'Midgley', 'Simpson'];
const electiveWards = ['Day Surgery', 'Ella Rowcroft', 'Turner'];
/** Where many emergency admissions spend their first hours before a ward has a bed. */
const admissionsUnit = 'Acute Medical Unit';
const SOURCE = 'synthetic-pas';

function emergencyRate(age: number): number {
  if (age >= 85) return 0.48;
  if (age >= 75) return 0.26;
  if (age >= 65) return 0.14;
  if (age >= 18) return 0.06;
  return 0.05;
}

/** The flow rows of one batch of people; deterministic given the batch order. */
export class FlowActivity {
  private rng: Random;
  /** Ward moves draw from a stream of their own, so the stays themselves are those of earlier versions. */
  private wardRng: Random;
  /** The history's stays draw from streams of their own, so the recent years do not depend on it. */
  private readonly recent: [Random, Random];
  private readonly past: [Random, Random];
  private count = 0;
  private pastCount = 0;
  private historic = false;
  private readonly start: string;
  /** Midnight after the last day anything happens: the as-of day's end, or a dissolved place's. */
  private readonly endAt: Date;

  constructor(private readonly ctx: FlowContext) {
    this.recent = [new Random(ctx.seed, `flow:${ctx.preset}`), new Random(ctx.seed, `flow-wards:${ctx.preset}`)];
    this.past = [new Random(ctx.seed, `flow-history:${ctx.preset}`), new Random(ctx.seed, `flow-history-wards:${ctx.preset}`)];
    [this.rng, this.wardRng] = this.recent;
    this.start = new Date(ctx.history.recentStart).toISOString().slice(0, 10);
    const asOfEnd = instantOn(addDaysIso(ctx.asOf, 1));
    this.endAt = ctx.history.end < instantOn(ctx.asOf).getTime() ? new Date(ctx.history.end) : asOfEnd;
  }

  /** A person's stays before the recent window, at the rates of their age then, for the history's sample. */
  private history(out: Rows, p: NewPerson, ageNow: number): void {
    const h = this.ctx.history;
    const until = h.historyEnd - 60 * 86_400_000;
    if (until <= h.start) return;
    this.historic = true;
    [this.rng, this.wardRng] = this.past;
    const now = instantOn(this.ctx.asOf).getTime();
    const days: string[] = [];
    const emergencies: boolean[] = [];
    for (const x of spansOf(h, h.start, until)) {
      const age = ageNow - Math.round((now - (x.from + x.to) / 2) / (365.25 * 86_400_000));
      if (age < 0) continue;
      const years = yearsOf(x.to - x.from) * h.sample;
      const n = this.poisson(emergencyRate(age) * years) + this.poisson(emergencyRate(age) * 0.5 * years);
      for (let k = 0; k < n; k++) days.push(new Date(x.from + Math.floor(this.rng.next() * (x.to - x.from))).toISOString().slice(0, 10));
    }
    days.sort();
    for (let k = 0; k < days.length; k++) emergencies.push(this.rng.chance(2 / 3));
    let freeFrom = '';
    days.forEach((d, k) => {
      if (d < freeFrom || daysBetween(d, this.ctx.asOf) > ageNow * 365) return;
      const length = this.stay(out, p, ageNow, d, emergencies[k]!);
      freeFrom = addDaysIso(d, length + 1);
    });
    this.historic = false;
    [this.rng, this.wardRng] = this.recent;
  }

  rowsFor(people: NewPerson[], skip: (p: NewPerson) => boolean): Rows {
    const out: Rows = { stays: [], events: [], periods: [], items: [], days: [], spells: [], relationships: [] };
    for (const p of people) {
      if (skip(p)) continue;
      const age = ageOn(String(p.birthDate), this.ctx.asOf);
      const emergency = emergencyRate(age) * 2;
      const elective = emergencyRate(age) * 0.5 * 2;
      this.history(out, p, age);
      const n = this.poisson(emergency) + this.poisson(elective);
      if (n === 0) continue;
      const days = Array.from({ length: n }, () => this.rng.int(0, 729)).sort((a, b) => a - b);
      let freeFrom = 0;
      for (const d of days) {
        if (d < freeFrom) continue;
        const stayLength = this.stay(out, p, age, addDaysIso(this.start, d), this.rng.chance(emergency / (emergency + elective)));
        freeFrom = d + stayLength + 1;
      }
    }
    return out;
  }

  private poisson(mean: number): number {
    let k = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = this.rng.next();
    while (u > s && k < 20) {
      k++;
      p *= mean / k;
      s += p;
    }
    return k;
  }

  /** Adds one stay; returns its length in days (to the as-of day when still in hospital). */
  private stay(out: Rows, p: NewPerson, ageNow: number, admittedOn: string, emergency: boolean): number {
    const rng = this.rng;
    const ctx = this.ctx;
    // The history's stays are numbered apart, so the recent ones keep theirs.
    const i = this.historic ? 1_000_000_000 + this.pastCount++ : this.count++;
    const id = ctx.ids.id('hospital_stay', i, i);
    const admittedAt = instantOn(admittedOn, rng.int(7, 21), rng.int(0, 59));
    const age = Math.max(0, ageNow - Math.round(daysBetween(admittedOn, ctx.asOf) / 365));
    const older = age >= 65;
    // Length of stay until ready (criteria to reside): longer for the oldest.
    const meanLos = emergency ? (age >= 85 ? 8 : age >= 75 ? 6 : older ? 4.5 : 3) : 2.5;
    const toReady = Math.max(0, Math.round(-Math.log(1 - rng.next()) * meanLos));
    const pathway = emergency && older ? rng.weighted([
      { value: 0, weight: 55 },
      { value: 1, weight: 28 },
      { value: 2, weight: 11 },
      { value: 3, weight: 6 },
    ]) : rng.chance(0.06) ? 1 : 0;
    // Most go on the day they are ready; a few wait, longer on pathways 2 and 3.
    const delayRate = periodAt(ctx.history, admittedAt.getTime()).delayedDischargeRate;
    const delayed = rng.chance(Math.min(0.9, (pathway === 0 ? 0.03 : pathway === 1 ? 0.12 : 0.25) * delayRate));
    const delay = delayed ? Math.min(40, 1 + Math.round(-Math.log(1 - rng.next()) * (pathway >= 2 ? 6 : 2.5))) : 0;
    const readyOn = addDaysIso(admittedOn, toReady);
    const readyAt = toReady === 0 ? new Date(admittedAt.getTime() + rng.int(2, 8) * 3_600_000) : instantOn(readyOn, rng.int(9, 12), rng.int(0, 59));
    const dischargeDay = addDaysIso(londonDateOf(readyAt), delay);
    const plannedOut = instantOn(dischargeDay, rng.int(13, 18), rng.int(0, 59));
    // Never before the person was ready (a late-evening admission ready the same night).
    const dischargedAt = plannedOut.getTime() > readyAt.getTime() ? plannedOut : new Date(readyAt.getTime() + 3_600_000);
    const dischargeOn = londonDateOf(dischargedAt);
    const died = age >= 85 && rng.chance(0.03);
    const destination = died ? '79' : pathway === 3 ? rng.pick(['85', '54', '65']) : pathway === 2 ? rng.pick(['51', '29']) : '19';
    const ward = emergency ? rng.pick(wards) : rng.pick(electiveWards);
    const reason: DelayReason = pathway === 1 ? (rng.chance(0.8) ? 'E' : 'F') : pathway === 2 ? (rng.chance(0.6) ? 'C' : 'A') : pathway === 3 ? (rng.chance(0.5) ? 'Di' : 'Dii') : rng.pick(['G', 'I', 'O'] as const);
    const attribution = delayReasons[reason].default as Attribution;

    const asOfEnd = this.endAt;
    const readyYet = readyAt.getTime() < asOfEnd.getTime();
    const dischargedYet = dischargedAt.getTime() < asOfEnd.getTime() && readyYet;
    const isReady = readyYet && !dischargedYet && !died;
    const drd = londonDateOf(readyAt);
    const status = dischargedYet ? 'discharged' : isReady ? 'ready' : 'in_hospital';
    const delayCount = dischargedYet ? daysBetween(drd, dischargeOn) : null;
    const ev = (kind: string, at: Date, detail: Record<string, unknown>, drdBefore: string | null, drdAfter: string | null) =>
      out.events.push({
        placeId: ctx.placeId,
        id: ctx.ids.id('stay_event', `${i}:${kind}`, i),
        stayId: id,
        kind,
        at,
        sourceSystem: SOURCE,
        eventId: `${id}:${kind}`,
        detail,
        drdBefore,
        drdAfter,
        recordedAt: at,
        recordedBy: null,
      });
    let relationshipId: string | null = null;
    if (!dischargedYet && ctx.dischargeTeamId) {
      relationshipId = ctx.ids.id('relationship', `hospital:${i}`);
      out.relationships.push({
        placeId: ctx.placeId,
        id: relationshipId,
        personId: p.id!,
        kind: 'hospital',
        teamId: ctx.dischargeTeamId,
        userId: null,
        sector: 'integrated',
        reason: `In hospital, ${ward}: the hospital discharge team works the stay`,
        validFrom: admittedAt,
        validTo: null,
      });
    }
    out.stays.push({
      placeId: ctx.placeId,
      id,
      personId: p.id!,
      hospitalId: ctx.hospitalId,
      ward,
      admissionMethod: emergency ? rng.pick(['21', '21', '21', '22', '2B']) : rng.pick(['11', '12', '13']),
      admissionGroup: emergency ? 'emergency' : 'elective',
      admittedAt,
      admittedOn: londonDateOf(admittedAt),
      zoneId: p.gpPracticeId ? (ctx.zoneOfPractice.get(p.gpPracticeId) ?? null) : null,
      ageAtAdmission: age,
      status,
      dischargeReadyDate: status === 'in_hospital' ? null : drd,
      readySince: isReady ? readyAt : null,
      pathway: readyYet ? pathway : null,
      dischargedAt: dischargedYet ? dischargedAt : null,
      dischargedOn: dischargedYet ? dischargeOn : null,
      dischargeDestination: dischargedYet ? destination : null,
      delayDays: delayCount,
      referralId: null,
      reablementStart: dischargedYet && pathway === 1 && !died ? addDaysIso(dischargeOn, 1) : null,
      relationshipId,
      sourceSystem: SOURCE,
      sourceStayId: id,
      version: 1,
      createdAt: admittedAt,
      updatedAt: dischargedYet ? dischargedAt : readyYet ? readyAt : admittedAt,
    });
    // The wards of the stay: four in ten emergency admissions come through the admissions unit
    // for a few hours (before readiness, discharge and the as-of day), then go to their ward. Only a
    // stay that moved keeps ward spells; the others spent every night on their one ward.
    const through = emergency && this.wardRng.chance(0.4) ? new Date(admittedAt.getTime() + this.wardRng.int(4, 30) * 3_600_000) : null;
    const until = Math.min(readyYet ? readyAt.getTime() : Infinity, dischargedYet ? dischargedAt.getTime() : Infinity, asOfEnd.getTime());
    const movedAt = through && through.getTime() < until ? through : null;
    const spell = (seq: number, name: string, from: Date, to: Date | null) =>
      out.spells.push({ placeId: ctx.placeId, stayId: id, seq, ward: name, fromAt: from, fromOn: londonDateOf(from), toAt: to, toOn: to ? londonDateOf(to) : null });
    ev('admit', admittedAt, { hospital: null, ward: movedAt ? admissionsUnit : ward, admissionMethod: emergency ? '21' : '11' }, null, null);
    if (movedAt) {
      spell(1, admissionsUnit, admittedAt, movedAt);
      spell(2, ward, movedAt, dischargedYet ? dischargedAt : null);
      ev('ward_move', movedAt, { from: admissionsUnit, to: ward }, null, null);
    }
    if (!readyYet) return daysBetween(admittedOn, ctx.asOf);
    const waits = delay > 0 || isReady;
    const itemId = ctx.ids.id('awaited_item', i, i);
    if (waits && pathway + delay > 0) {
      out.items.push({
        placeId: ctx.placeId,
        id: itemId,
        stayId: id,
        reason,
        note: '',
        ownerTeamId: null,
        ownerName: reason === 'C' ? 'Community hospital' : pathway >= 1 ? 'Hospital discharge team' : 'Ward team',
        attribution,
        openedAt: readyAt,
        resolvedAt: dischargedYet ? dischargedAt : null,
      });
    }
    ev('not_meeting_criteria', readyAt, { pathway, awaiting: waits ? [{ id: itemId, reason, attribution }] : [] }, null, drd);
    out.periods.push({
      placeId: ctx.placeId,
      stayId: id,
      seq: 1,
      readyFrom: readyAt,
      readyOn: drd,
      readyTo: dischargedYet ? dischargedAt : null,
      endedBy: dischargedYet ? 'discharged' : null,
      pathway,
    });
    if (!dischargedYet) return daysBetween(admittedOn, ctx.asOf);
    ev('discharge', dischargedAt, { destination, pathway }, drd, drd);
    for (const d of delayedDays(drd, dischargeOn, [{ reason, attribution, openedAt: readyAt, resolvedAt: dischargedAt }])) {
      out.days.push({ placeId: ctx.placeId, stayId: id, day: d.day, reason: d.reason, attribution: d.attribution, zoneId: out.stays[out.stays.length - 1]!.zoneId });
    }
    return daysBetween(admittedOn, dischargeOn);
  }
}

/** The ward spells of the batch's stays that have ended, as the engine counts them (bed-days.ts). */
function endedSpellsOf(r: Rows): EndedSpell[] {
  const spellsOf = new Map<string, Rows['spells']>();
  for (const w of r.spells) {
    const list = spellsOf.get(w.stayId);
    if (list) list.push(w);
    else spellsOf.set(w.stayId, [w]);
  }
  return r.stays.flatMap((s) => {
    const stay = { placeId: s.placeId, zoneId: s.zoneId ?? null, hospitalId: s.hospitalId };
    const spells = spellsOf.get(s.id);
    if (!spells) return s.dischargedOn ? [{ ...stay, ward: s.ward, fromOn: s.admittedOn, toOn: s.dischargedOn }] : [];
    return spells.flatMap((w) => (w.toOn ? [{ ...stay, ward: w.ward, fromOn: w.fromOn, toOn: w.toOn }] : []));
  });
}

// PostgreSQL allows 65,535 parameters a statement.
function chunks<T extends object>(rows: T[]): T[][] {
  const first = rows[0];
  if (!first) return [];
  const per = Math.max(1, Math.floor(60_000 / Object.keys(first).length));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}

export async function insertFlowRows(tx: Tx, r: Rows, insertRelationships: (tx: Tx, rows: Rows['relationships']) => Promise<void>): Promise<void> {
  for (const part of chunks(r.stays)) await tx.insert(hospitalStays).values(part);
  for (const part of chunks(r.events)) await tx.insert(stayEvents).values(part);
  for (const part of chunks(r.periods)) await tx.insert(readinessPeriods).values(part);
  for (const part of chunks(r.items)) await tx.insert(awaitedItems).values(part);
  for (const part of chunks(r.days)) await tx.insert(delayDays).values(part);
  for (const part of chunks(r.spells)) await tx.insert(wardSpells).values(part);
  const bedDays = addBedDaysSql(endedSpellsOf(r));
  if (bedDays) await tx.execute(bedDays);
  if (r.relationships.length) await insertRelationships(tx, r.relationships);
}
