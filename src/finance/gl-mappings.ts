/**
 * Which budget line a partner's cost centre × subjective code pays for, over a period. Periods of
 * one partner's code pair never overlap; a mapping is ended (its last day set), never edited.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { clientGroups } from '../partnership/functions.js';
import { placeOverview, zonesOfPlace } from '../partnership/service.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { mustHoldRole } from './agreement-access.js';
import { parseBudgetLineCode } from './budget-lines.js';
import * as q from './gl-queries.js';
import type { GlMapping } from './gl-schema.js';

export type MappingInput = { partnerId: string; costCentre: string; subjective: string; budgetLineCode: string; validFrom: string; validTo?: string | null };

export type MappingView = {
  id: string;
  partnerId: string;
  partnerName: string;
  costCentre: string;
  subjective: string;
  budgetLineCode: string;
  validFrom: string;
  validTo: string | null;
  createdAt: string;
  endedAt: string | null;
};

export function mappingView(m: GlMapping, names: Map<string, string>): MappingView {
  return {
    id: m.id,
    partnerId: m.partnerId,
    partnerName: names.get(m.partnerId) ?? '',
    costCentre: m.costCentre,
    subjective: m.subjective,
    budgetLineCode: m.budgetLineCode,
    validFrom: m.validFrom,
    validTo: m.validTo,
    createdAt: m.createdAt.toISOString(),
    endedAt: m.endedAt ? m.endedAt.toISOString() : null,
  };
}

export async function partnerNamesOf(db: Executor, placeId: string): Promise<Map<string, string>> {
  return new Map((await placeOverview(db, placeId)).partners.map((p) => [p.id, p.name]));
}

/** The mapping in force for a line on its day, from a partner's mappings. */
export function mappingOn(mappings: readonly GlMapping[], costCentre: string, subjective: string, day: string): GlMapping | null {
  return mappings.find((m) => m.costCentre === costCentre && m.subjective === subjective && m.validFrom <= day && (m.validTo === null || m.validTo >= day)) ?? null;
}

async function checkMapping(db: Executor, placeId: string, m: MappingInput, names: Map<string, string>): Promise<void> {
  const problems: { field: string; problem: string }[] = [];
  if (!names.has(m.partnerId)) problems.push({ field: 'partnerId', problem: 'is not a partner of this place' });
  if (!m.costCentre.trim()) problems.push({ field: 'costCentre', problem: 'is empty' });
  if (!m.subjective.trim()) problems.push({ field: 'subjective', problem: 'is empty' });
  const key = parseBudgetLineCode(m.budgetLineCode);
  if (!key) problems.push({ field: 'budgetLineCode', problem: 'is not a budget line code BL/<service area>/<client group>/<zone code or ALL>, e.g. BL/home_care/older_people/ALL' });
  else {
    if (!(clientGroups as readonly string[]).includes(key.clientGroup)) problems.push({ field: 'budgetLineCode', problem: `names client group ${key.clientGroup}; use one of ${clientGroups.join(', ')}` });
    if (key.zoneCode !== null) {
      const zones = await zonesOfPlace(db, placeId);
      if (!zones.some((z) => z.code === key.zoneCode)) problems.push({ field: 'budgetLineCode', problem: `names zone ${key.zoneCode}, which this place does not have; use ${[...zones.map((z) => z.code), 'ALL'].join(', ')}` });
    }
  }
  if (m.validTo && m.validTo < m.validFrom) problems.push({ field: 'validTo', problem: 'is before validFrom' });
  if (problems.length) throw new InvalidError(problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);
}

function overlaps(a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }): boolean {
  return a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
}

function rowOf(placeId: string, m: MappingInput, at: Date, by: string | null): GlMapping {
  return {
    placeId,
    id: newId(),
    partnerId: m.partnerId,
    costCentre: m.costCentre.trim(),
    subjective: m.subjective.trim(),
    budgetLineCode: m.budgetLineCode,
    validFrom: m.validFrom,
    validTo: m.validTo ?? null,
    createdAt: at,
    createdBy: by,
    endedAt: null,
    endedBy: null,
  };
}

/**
 * Mappings as plain rows (a preset's seed): checked like any other, with no audit entry and no
 * user, in the caller's transaction.
 */
export async function insertMappings(tx: Executor, placeId: string, rows: MappingInput[], at: Date = new Date()): Promise<void> {
  const names = await partnerNamesOf(tx, placeId);
  const existing = await q.selectMappings(tx, placeId);
  const made: GlMapping[] = [];
  for (const m of rows) {
    await checkMapping(tx, placeId, m, names);
    const row = rowOf(placeId, m, at, null);
    const clash = [...existing, ...made].find((e) => e.partnerId === row.partnerId && e.costCentre === row.costCentre && e.subjective === row.subjective && overlaps(e, row));
    if (clash) throw new ConflictError(`Cost centre ${row.costCentre} subjective ${row.subjective} is already mapped from ${clash.validFrom} (to ${clash.validTo ?? 'open'}).`);
    made.push(row);
  }
  await q.insertMappingRows(tx, made);
}

export async function listMappings(ctx: Ctx, partnerId?: string): Promise<MappingView[]> {
  await mustHoldRole(ctx, 'read', 'finance.gl.mappings_read', 'read the GL mappings');
  const placeId = ctx.actor.placeId;
  const [rows, names] = await Promise.all([q.selectMappings(ctx.db, placeId, partnerId), partnerNamesOf(ctx.db, placeId)]);
  await auditAllowed(ctx.db, ctx.actor, ctx.clock.now(), { action: 'finance.gl.mappings_read', personIds: [], detail: { partnerId: partnerId ?? null, mappings: rows.length } });
  return rows.map((m) => mappingView(m, names));
}

/** Adds a mapping; a period overlapping another of the same partner's cost centre × subjective is a 409. */
export async function addMapping(ctx: Ctx, input: MappingInput): Promise<MappingView> {
  await mustHoldRole(ctx, 'post', 'finance.gl.mapping.add', 'add GL mappings');
  const placeId = ctx.actor.placeId;
  const names = await partnerNamesOf(ctx.db, placeId);
  return ctx.db.transaction(async (tx) => {
    await checkMapping(tx, placeId, input, names);
    await q.lockPartnerMappings(tx, placeId, input.partnerId);
    const at = ctx.clock.now();
    const row = rowOf(placeId, input, at, ctx.actor.userId);
    const clash = (await q.selectMappings(tx, placeId, input.partnerId)).find((e) => e.costCentre === row.costCentre && e.subjective === row.subjective && overlaps(e, row));
    if (clash)
      throw new ConflictError(
        `Cost centre ${row.costCentre} subjective ${row.subjective} is already mapped to ${clash.budgetLineCode} from ${clash.validFrom}${clash.validTo ? ` to ${clash.validTo}` : ''}; end that mapping first or start this one after it.`,
        { mappingId: clash.id },
      );
    await q.insertMappingRows(tx, [row]);
    await auditAllowed(tx, ctx.actor, at, { action: 'finance.gl.mapping.add', personIds: [], detail: { mappingId: row.id, partnerId: row.partnerId, costCentre: row.costCentre, subjective: row.subjective, budgetLineCode: row.budgetLineCode, validFrom: row.validFrom, validTo: row.validTo } });
    return mappingView(row, names);
  });
}

/** Ends a mapping on its last day; a mapping already ended is a 409. */
export async function endMapping(ctx: Ctx, id: string, validTo: string): Promise<MappingView> {
  await mustHoldRole(ctx, 'post', 'finance.gl.mapping.end', 'end GL mappings');
  const placeId = ctx.actor.placeId;
  const names = await partnerNamesOf(ctx.db, placeId);
  return ctx.db.transaction(async (tx) => {
    const m = await q.selectMapping(tx, placeId, id);
    if (!m) throw new NotFoundError(`No GL mapping ${id}.`);
    if (m.validTo !== null) throw new ConflictError(`The mapping already ends on ${m.validTo}.`);
    if (validTo < m.validFrom) throw new InvalidError(`validTo must be on or after the mapping's first day, ${m.validFrom}.`, [{ field: 'validTo', problem: `is before ${m.validFrom}` }]);
    const at = ctx.clock.now();
    const ended = await q.endMappingRow(tx, placeId, id, validTo, at, ctx.actor.userId);
    if (!ended) throw new ConflictError('The mapping was ended by someone else meanwhile.');
    await auditAllowed(tx, ctx.actor, at, { action: 'finance.gl.mapping.end', personIds: [], detail: { mappingId: id, validTo } });
    return mappingView(ended, names);
  });
}
