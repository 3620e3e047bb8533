/**
 * A preset's commissioning groups (its top-level "commissioningGroups" key) and the directory
 * profiles of its voluntary partners ("directory"), validated here and seeded with the place, so
 * each demo place has its groups, their members and decisions, and somewhere for the front door to
 * signpost people. Budget lines are given as codes, or as service areas expanded to the group's
 * client groups (BL/<area>/<group>/ALL).
 */
import { z } from 'zod';
import { commissioningDecisions, commissioningGroupMembers, commissioningGroups, providerProfiles } from '../commissioning/schema.js';
import { groupKinds, memberBases, memberRoles } from '../commissioning/group-inputs.js';
import { budgetLineProblems } from '../commissioning/group-rules.js';
import { budgetLineCode, serviceAreas } from '../finance/budget-lines.js';
import { clientGroups } from '../partnership/functions.js';
import { serviceComponents } from '../pathway/codes.js';
import type { Tx } from '../platform/db.js';
import { isIsoDate } from '../platform/dates.js';
import type { SynthIds } from './ids.js';
import type { Preset } from './preset.js';

const day = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });
const key = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _');

const memberSchema = z.strictObject({
  name: z.string().min(1),
  role: z.enum(memberRoles),
  basis: z.enum(memberBases).default('appointed'),
  partner: key.optional(),
  from: day,
  to: day.optional(),
});

const decisionSchema = z.strictObject({ decidedOn: day, reference: z.string().min(1), title: z.string().min(1), text: z.string().min(1) });

const groupSchema = z.strictObject({
  key,
  name: z.string().min(1),
  kind: z.enum(groupKinds).default('group'),
  clientGroups: z.array(z.enum(clientGroups)).min(1),
  lead: key,
  budgetLines: z.array(z.string()).default([]),
  serviceAreas: z.array(z.enum(serviceAreas)).default([]),
  validFrom: day,
  validTo: day.optional(),
  members: z.array(memberSchema).default([]),
  decisions: z.array(decisionSchema).default([]),
});

const directorySchema = z.strictObject({
  partner: key,
  services: z.array(z.enum(serviceComponents)).min(1),
  areas: z.array(z.string()).default([]),
  description: z.string().min(1),
  email: z.email().optional(),
  phone: z.string().optional(),
  website: z.url().optional(),
});

export const presetCommissioningSchema = z.object({
  commissioningGroups: z.array(groupSchema).default([]),
  directory: z.array(directorySchema).default([]),
});
export type PresetCommissioning = z.infer<typeof presetCommissioningSchema>;

/** The budget line codes a preset group holds. */
export function heldCodesOf(g: PresetCommissioning['commissioningGroups'][number]): string[] {
  const expanded = g.serviceAreas.flatMap((a) => g.clientGroups.map((cg) => budgetLineCode({ serviceArea: a, clientGroup: cg, zoneCode: null })));
  return [...new Set([...g.budgetLines, ...expanded])];
}

/** The preset's groups and directory, or an error naming each problem. */
export function presetCommissioning(preset: Preset): PresetCommissioning {
  const raw = preset as Record<string, unknown>;
  const parsed = presetCommissioningSchema.safeParse({ commissioningGroups: raw.commissioningGroups, directory: raw.directory });
  const where = `presets/${preset.name}.json`;
  if (!parsed.success) throw new Error(`${where} has bad commissioning groups: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const partnerKinds = new Map(preset.partners.map((p) => [p.key, p.kind]));
  const zoneCodes = new Set(preset.zones.map((z) => z.code));
  const problems: string[] = [];
  const names = new Set<string>();
  parsed.data.commissioningGroups.forEach((g, i) => {
    if (names.has(g.name)) problems.push(`commissioningGroups.${i}.name: "${g.name}" is used twice`);
    names.add(g.name);
    if (!partnerKinds.has(g.lead)) problems.push(`commissioningGroups.${i}.lead: no partner "${g.lead}"`);
    if (g.validTo && g.validTo < g.validFrom) problems.push(`commissioningGroups.${i}.validTo: must not be before validFrom`);
    for (const p of budgetLineProblems(heldCodesOf(g), g.clientGroups, `commissioningGroups.${i}.budgetLines`)) problems.push(`${p.field}: ${p.problem}`);
    g.members.forEach((m, j) => {
      if (m.partner && !partnerKinds.has(m.partner)) problems.push(`commissioningGroups.${i}.members.${j}.partner: no partner "${m.partner}"`);
      if (m.to && m.to < m.from) problems.push(`commissioningGroups.${i}.members.${j}.to: must not be before from`);
    });
    const refs = new Set<string>();
    g.decisions.forEach((d, j) => {
      if (refs.has(d.reference)) problems.push(`commissioningGroups.${i}.decisions.${j}.reference: "${d.reference}" is used twice in the group`);
      refs.add(d.reference);
    });
  });
  parsed.data.directory.forEach((d, i) => {
    if (partnerKinds.get(d.partner) !== 'voluntary') problems.push(`directory.${i}.partner: "${d.partner}" is not a voluntary partner (providers' profiles come with their contracts)`);
    d.areas.forEach((a, j) => {
      if (!zoneCodes.has(a)) problems.push(`directory.${i}.areas.${j}: no zone ${a}`);
    });
  });
  if (problems.length) throw new Error(`${where} has bad commissioning groups: ${problems.join('; ')}`);
  return parsed.data;
}

/** Inserts the preset's groups, members, decisions and voluntary directory profiles, in the caller's transaction. */
export async function seedCommissioningGroups(tx: Tx, o: { preset: Preset; placeId: string; partnerIds: Map<string, string>; ids: SynthIds; at: Date }): Promise<void> {
  const c = presetCommissioning(o.preset);
  const partner = (k: string) => o.partnerIds.get(k)!;
  const groups = c.commissioningGroups.map((g) => ({
    placeId: o.placeId,
    id: o.ids.id('commissioning_group', g.key),
    name: g.name,
    kind: g.kind,
    clientGroups: g.clientGroups,
    budgetLineCodes: heldCodesOf(g),
    leadPartnerId: partner(g.lead),
    validFrom: g.validFrom,
    validTo: g.validTo ?? null,
    createdAt: o.at,
  }));
  const members = c.commissioningGroups.flatMap((g, gi) =>
    g.members.map((m, i) => ({ placeId: o.placeId, id: o.ids.id('commissioning_member', `${g.key}:${i}`), groupId: groups[gi]!.id, name: m.name, role: m.role, basis: m.basis, partnerId: m.partner ? partner(m.partner) : null, fromOn: m.from, toOn: m.to ?? null })),
  );
  const decisions = c.commissioningGroups.flatMap((g, gi) =>
    g.decisions.map((d) => ({ placeId: o.placeId, id: o.ids.id('commissioning_decision', `${g.key}:${d.reference}`), groupId: groups[gi]!.id, decidedOn: d.decidedOn, reference: d.reference, title: d.title, text: d.text, recordedAt: o.at })),
  );
  const profiles = c.directory.map((d) => ({ placeId: o.placeId, partnerId: partner(d.partner), services: d.services, areas: d.areas, description: d.description, email: d.email ?? null, phone: d.phone ?? null, website: d.website ?? null, updatedAt: o.at }));
  if (groups.length) await tx.insert(commissioningGroups).values(groups);
  if (members.length) await tx.insert(commissioningGroupMembers).values(members);
  if (decisions.length) await tx.insert(commissioningDecisions).values(decisions);
  if (profiles.length) await tx.insert(providerProfiles).values(profiles);
}
