import { z } from 'zod';
import { routingRuleFields, routingRuleProblems } from '../partnership/routing.js';

/**
 * A preset's routing rules (the top-level `routing` array): the front door's rules in order, with
 * zones, practices and teams named by their preset codes and keys. The order is the position; the
 * last rule must match everything (the place's default), so every referral is decided.
 */
const code = z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be upper-case letters, digits or -');
const key = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _');

export const presetRoutingRuleSchema = z.strictObject({
  name: routingRuleFields.name,
  clientGroups: routingRuleFields.clientGroups,
  needs: routingRuleFields.needs,
  ageFrom: routingRuleFields.ageFrom,
  ageTo: routingRuleFields.ageTo,
  action: routingRuleFields.action,
  teamKind: routingRuleFields.teamKind,
  signpost: routingRuleFields.signpost,
  /** A zone code and a GP practice's partner key the rule is limited to. */
  zone: code.optional(),
  gpPractice: key.optional(),
  /** For action team: the team's code. */
  team: code.optional(),
});
export type PresetRoutingRule = z.output<typeof presetRoutingRuleSchema>;

/** Cross-references to the preset's zones, practices and teams, and the closing default rule. */
export function presetRoutingProblems(
  rules: PresetRoutingRule[],
  p: { zones: { code: string }[]; partners: { key: string; kind: string }[]; teams: { code: string; kind: string }[] },
): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const zones = new Set(p.zones.map((z) => z.code));
  const practices = new Set(p.partners.filter((x) => x.kind === 'gp_practice').map((x) => x.key));
  const teams = new Set(p.teams.map((t) => t.code));
  const kinds = new Set(p.teams.map((t) => t.kind));
  rules.forEach((r, i) => {
    for (const x of routingRuleProblems(r, r.team !== undefined)) out.push({ path: ['routing', i, x.field === 'teamId' ? 'team' : x.field], message: x.problem });
    if (r.zone && !zones.has(r.zone)) out.push({ path: ['routing', i, 'zone'], message: `no zone ${r.zone}` });
    if (r.gpPractice && !practices.has(r.gpPractice)) out.push({ path: ['routing', i, 'gpPractice'], message: `no GP practice "${r.gpPractice}"` });
    if (r.team && !teams.has(r.team)) out.push({ path: ['routing', i, 'team'], message: `no team ${r.team}` });
    if (r.teamKind && !kinds.has(r.teamKind)) out.push({ path: ['routing', i, 'teamKind'], message: `no team of kind ${r.teamKind}` });
  });
  const last = rules.at(-1);
  const catchAll = last && !last.clientGroups.length && !last.needs.length && last.ageFrom === null && last.ageTo === null && !last.zone && !last.gpPractice;
  if (rules.length && !catchAll) out.push({ path: ['routing', rules.length - 1], message: 'the last rule must match every referral (the place’s default)' });
  return out;
}
