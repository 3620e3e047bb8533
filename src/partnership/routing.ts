import { z } from 'zod';
import { clientGroups, type ClientGroup } from './functions.js';

/**
 * Routing at the front door, as data per place: ordered rules, the first that matches a referral
 * decides. A rule matches on the referral's client group and need, the person's age on the day the
 * referral arrived, and their GP practice or zone; it sends the referral to a named team, to the team
 * of a kind in the person's zone, or answers that no team of this place covers it, with where to
 * signpost. Pure: the service and the synthetic generator both route with routeReferral.
 */

/** Referrals are routed by the place's client groups: one list, in functions.ts. */
export const routingClientGroups = clientGroups;
export type RoutingClientGroup = ClientGroup;

export const clientGroupLabels: Record<RoutingClientGroup, string> = {
  older_people: 'older people',
  physical_disability: 'physical disability',
  learning_disability: 'learning disability',
  mental_health: 'mental health',
  sensory_impairment: 'sensory impairment',
  substance_misuse: 'substance misuse',
  carers: 'carers',
  children: 'children',
};

/** What the referral asks for, in the front door's words (beside the client group). */
export const referralNeeds = ['care_and_support', 'community_health', 'mental_health', 'public_health', 'children_community_health'] as const;
export type ReferralNeed = (typeof referralNeeds)[number];
export const needLabels: Record<ReferralNeed, string> = {
  care_and_support: 'care and support',
  community_health: 'community health care',
  mental_health: 'mental-health care',
  public_health: 'public health',
  children_community_health: "children's community health",
};

export const routingActions = ['team', 'zone_team', 'not_covered'] as const;
export type RoutingAction = (typeof routingActions)[number];

/** A rule as the router reads it. */
export type RoutingRule = {
  id: string;
  position: number;
  name: string;
  clientGroups: string[];
  needs: string[];
  ageFrom: number | null;
  ageTo: number | null;
  zoneId: string | null;
  gpPracticeId: string | null;
  action: RoutingAction;
  teamId: string | null;
  teamKind: string | null;
  signpost: string;
  endedAt: Date | null;
};

/** What is known of a referral when it is routed. */
export type RoutingFacts = {
  clientGroup: string | null;
  need: string | null;
  /** Whole years on the day the referral arrived; null when the birth date is unknown. */
  age: number | null;
  gpPracticeId: string | null;
  zoneId: string | null;
};

export type RoutingTeam = { id: string; code: string; name: string; kind: string; zoneId: string | null };

export type RoutingDecision =
  | { outcome: 'team'; team: RoutingTeam; ruleId: string | null; reason: string }
  | { outcome: 'not_covered'; ruleId: string | null; reason: string; signpost: string }
  | { outcome: 'unrouted'; ruleId: string | null; reason: string };

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The client group a referral is routed by when the sender named none: children under 18 and
 * older people from 65, as the place's services count them; otherwise unknown.
 */
export function clientGroupOf(facts: Pick<RoutingFacts, 'clientGroup' | 'age'>): string | null {
  if (facts.clientGroup) return facts.clientGroup;
  if (facts.age === null) return null;
  if (facts.age < 18) return 'children';
  if (facts.age >= 65) return 'older_people';
  return null;
}

export function ruleMatches(rule: RoutingRule, facts: RoutingFacts): boolean {
  if (rule.endedAt) return false;
  const group = clientGroupOf(facts);
  if (rule.clientGroups.length && !(group && rule.clientGroups.includes(group))) return false;
  if (rule.needs.length && !(facts.need && rule.needs.includes(facts.need))) return false;
  if (rule.ageFrom !== null && !(facts.age !== null && facts.age >= rule.ageFrom)) return false;
  if (rule.ageTo !== null && !(facts.age !== null && facts.age <= rule.ageTo)) return false;
  if (rule.zoneId && rule.zoneId !== facts.zoneId) return false;
  if (rule.gpPracticeId && rule.gpPracticeId !== facts.gpPracticeId) return false;
  return true;
}

/** The rule that applies when a place has none of its own: today's zone team of the GP practice. */
export const defaultRule: RoutingRule = {
  id: '',
  position: Number.MAX_SAFE_INTEGER,
  name: "Everyone else goes to the integrated team of their GP practice's zone",
  clientGroups: [],
  needs: [],
  ageFrom: null,
  ageTo: null,
  zoneId: null,
  gpPracticeId: null,
  action: 'zone_team',
  teamId: null,
  teamKind: 'integrated_zone',
  signpost: '',
  endedAt: null,
};

/** The first rule in order that matches decides; a place's default rule closes the list. */
export function routeReferral(rules: readonly RoutingRule[], teams: readonly RoutingTeam[], facts: RoutingFacts): RoutingDecision {
  const ordered = [...rules].filter((r) => !r.endedAt).sort((a, b) => a.position - b.position);
  const rule = ordered.find((r) => ruleMatches(r, facts)) ?? defaultRule;
  const ruleId = rule.id || null;
  const reason = `Rule ${rule.position === defaultRule.position ? '(default)' : rule.position}: ${rule.name}`;
  if (rule.action === 'not_covered') return { outcome: 'not_covered', ruleId, reason, signpost: rule.signpost };
  if (rule.action === 'team') {
    const team = teams.find((t) => t.id === rule.teamId);
    if (team) return { outcome: 'team', team, ruleId, reason };
    return { outcome: 'unrouted', ruleId, reason: `${reason} — but its team is not a team of this place: choose one.` };
  }
  const kind = rule.teamKind ?? 'integrated_zone';
  const ofKind = teams.filter((t) => t.kind === kind).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  // The team of the kind in the person's zone; a team of the kind serving no one zone serves all.
  const team = (facts.zoneId ? ofKind.find((t) => t.zoneId === facts.zoneId) : undefined) ?? ofKind.find((t) => t.zoneId === null);
  if (team) return { outcome: 'team', team, ruleId, reason };
  const why = facts.zoneId ? `this place has no ${kind.replaceAll('_', ' ')} team for the person's zone` : 'the person has no GP practice in a zone of this place';
  return { outcome: 'unrouted', ruleId, reason: `${reason} — but ${why}: choose a team.` };
}

const ageField = z.number({ message: 'must be a whole number of years' }).int('must be a whole number of years').min(0, 'must be at least 0').max(130, 'must be at most 130');

/** A rule as an administrator writes it (and as a preset lists it, with codes instead of ids). */
export const routingRuleFields = {
  position: z.number({ message: 'must be a number: the rule’s place in the order' }).int('must be a whole number').min(1, 'must be at least 1').max(9999, 'must be at most 9999'),
  name: z.string({ message: 'must say in words what the rule does' }).trim().min(3, 'must say in words what the rule does').max(300, 'must be at most 300 characters'),
  clientGroups: z.array(z.enum(routingClientGroups, { message: `must be one of ${routingClientGroups.join(', ')}` })).default([]),
  needs: z.array(z.enum(referralNeeds, { message: `must be one of ${referralNeeds.join(', ')}` })).default([]),
  ageFrom: ageField.nullable().default(null),
  ageTo: ageField.nullable().default(null),
  action: z.enum(routingActions, { message: 'must be team, zone_team or not_covered' }),
  teamKind: z.string().regex(/^[a-z0-9_]+$/, 'must be a team kind such as integrated_zone').nullable().default(null),
  signpost: z.string().trim().max(1000, 'must be at most 1000 characters').default(''),
};

type RuleShape = { ageFrom: number | null; ageTo: number | null; action: RoutingAction; signpost: string; teamKind: string | null };

/** What a field-by-field schema cannot see; `team` says whether a team was named. */
export function routingRuleProblems(r: RuleShape, team: boolean): { field: string; problem: string }[] {
  const out: { field: string; problem: string }[] = [];
  if (r.ageFrom !== null && r.ageTo !== null && r.ageTo < r.ageFrom) out.push({ field: 'ageTo', problem: 'must not be below ageFrom' });
  if (r.action === 'team' && !team) out.push({ field: 'teamId', problem: 'is required when the rule sends to a team' });
  if (r.action !== 'team' && team) out.push({ field: 'teamId', problem: 'is only for a rule that sends to a team' });
  if (r.action === 'not_covered' && r.signpost.length < 3) out.push({ field: 'signpost', problem: 'must say where to signpost when no team covers the referral' });
  if (r.action !== 'zone_team' && r.teamKind !== null) out.push({ field: 'teamKind', problem: 'is only for a rule that sends to the zone’s team of a kind' });
  return out;
}
