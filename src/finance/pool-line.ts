/**
 * A budget line's drill-down: its forecast, its actuals month by month, the postings behind the
 * actuals (a page at a time) and the package lines behind the commitment. Package lines carry no
 * name or person id unless the access policy opens that person to the viewer (a practitioner with
 * a relationship); the finance roles see provider, service, client group, zone and cost only.
 */
import type { Ctx } from '../access/actor.js';
import { decidePersonAccess } from '../access/policy.js';
import { isPractitioner } from '../access/roles.js';
import { partnersByIds } from '../partnership/lookups.js';
import { personForPolicy, personRefs } from '../people/service.js';
import type { Executor } from '../platform/db.js';
import { together } from '../platform/in-turn.js';
import { InvalidError, NotFoundError } from '../platform/errors.js';
import { financialYearBounds, monthsOfFinancialYear } from '../platform/financial-year.js';
import { parseBudgetLineCode } from './budget-lines.js';
import { lineCommitmentPence } from './commitment-rules.js';
import { commitmentRows } from './commitments.js';
import { dayAfter, poolForecast, type PoolLineForecast } from './forecast.js';
import { accountBalances, entriesOf, monthlyMovements, type EntryView, type Trace } from './ledger.js';

export type PackageLineView = {
  serviceLineId: string;
  /** The care package (plan) the line belongs to. */
  packageRef: string;
  providerPartnerId: string;
  providerName: string;
  serviceType: string;
  component: string;
  clientGroup: string;
  zoneCode: string | null;
  weeklyPence: number;
  startOn: string;
  endOn: string | null;
  commitmentPence: number;
  /** Only when the policy opens the person to the viewer. */
  person: { id: string; name: string } | null;
};

export type PostingView = Omit<EntryView, 'trace'> & { trace: Omit<Trace, 'personId'> };

export type LineDrillDown = {
  financialYear: string;
  on: string;
  line: PoolLineForecast;
  monthlyActuals: { month: string; pence: number }[];
  postings: { entries: PostingView[]; nextAfter: string | null };
  packageLines: PackageLineView[];
  /** Package lines whose person is shown (audited as seen). */
  personIdsShown: string[];
};

/** A budget line code as a person gave it; 400 when it is not one. */
export function checkLineCode(code: string): void {
  if (!parseBudgetLineCode(code))
    throw new InvalidError(`${code} is not a budget line code: give BL/<service area>/<client group>/<zone or ALL>, e.g. BL/home_care/older_people/ALL.`, [
      { field: 'code', problem: 'not a budget line code' },
    ]);
}

/** The people of these whom the viewer may see: a practitioner with a relationship the person's sharing allows. */
async function visiblePeople(db: Executor, ctx: Ctx, personIds: string[], at: Date): Promise<Set<string>> {
  const shown = new Set<string>();
  if (!isPractitioner(ctx.actor.role)) return shown;
  for (const id of new Set(personIds)) {
    const person = await personForPolicy(db, ctx.actor.placeId, id);
    if ((await decidePersonAccess(db, ctx.actor, person, at)).allowed) shown.add(id);
  }
  return shown;
}

function withoutPerson(e: EntryView): PostingView {
  const { personId: _, ...trace } = e.trace;
  return { ...e, trace };
}

/** The drill-down of one line for `fy` as at `on`; 404 when the pool has nothing on that line. */
export async function lineDrillDown(db: Executor, ctx: Ctx, q: { fy: string; on: string; code: string; limit: number; after?: string }): Promise<LineDrillDown> {
  checkLineCode(q.code);
  const placeId = ctx.actor.placeId;
  const { from } = financialYearBounds(q.fy);
  const [forecast, account] = await together(db, [() => poolForecast(db, placeId, q.fy, q.on), () => accountBalances(db, placeId, { kinds: ['budget_line'], codePrefix: q.code })]);
  const line = forecast.lines.find((l) => l.code === q.code);
  const hasAccount = account.some((a) => a.code === q.code);
  if (!line) throw new NotFoundError(`The ${q.fy} pool has no budget, spend or commitment on ${q.code}.`);
  const [moves, entries, rows] = await together(db, [
    () => monthlyMovements(db, placeId, { from, to: q.on, codePrefix: q.code }),
    () => hasAccount ? entriesOf(db, placeId, { accountCode: q.code, from, to: q.on, limit: q.limit + 1, after: q.after }) : Promise.resolve([] as EntryView[]),
    () => commitmentRows(db, placeId, q.code),
  ]);
  const byMonth = new Map(moves.filter((m) => m.code === q.code).map((m) => [m.month, m.netPence]));
  // As the forecast: committed from the morning after the day, nothing after 31 March.
  const commitFrom = dayAfter(q.on) <= financialYearBounds(q.fy).to ? dayAfter(q.on) : null;
  const inYear = rows
    .filter((r) => r.startOn <= financialYearBounds(q.fy).to && (r.endOn === null || r.endOn >= from))
    .sort((a, b) => a.startOn.localeCompare(b.startOn) || a.serviceLineId.localeCompare(b.serviceLineId));
  const at = ctx.clock.now();
  const [providers, shown] = await together(db, [
    () => partnersByIds(db, placeId, inYear.map((r) => r.providerPartnerId)),
    () => visiblePeople(db, ctx, inYear.map((r) => r.personId), at),
  ]);
  const names = shown.size ? await personRefs(db, placeId, [...shown]) : new Map<string, { name: string }>();
  const page = entries.slice(0, q.limit);
  return {
    financialYear: q.fy,
    on: q.on,
    line,
    monthlyActuals: monthsOfFinancialYear(q.fy)
      .filter((m) => `${m}-01` <= q.on)
      .map((month) => ({ month, pence: byMonth.get(month) ?? 0 })),
    postings: { entries: page.map(withoutPerson), nextAfter: entries.length > q.limit ? page[page.length - 1]!.entryId : null },
    packageLines: inYear.map((r) => ({
      serviceLineId: r.serviceLineId,
      packageRef: r.planId,
      providerPartnerId: r.providerPartnerId,
      providerName: providers.get(r.providerPartnerId)?.name ?? '',
      serviceType: r.serviceType,
      component: r.component,
      clientGroup: r.clientGroup,
      zoneCode: r.zoneCode,
      weeklyPence: r.weeklyPence,
      startOn: r.startOn,
      endOn: r.endOn,
      commitmentPence: commitFrom ? lineCommitmentPence(r, commitFrom) : 0,
      person: shown.has(r.personId) ? { id: r.personId, name: names.get(r.personId)?.name ?? '' } : null,
    })),
    personIdsShown: [...shown],
  };
}
