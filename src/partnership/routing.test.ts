import { describe, expect, it } from 'vitest';
import { ageOn, defaultRule, routeReferral, type RoutingRule, type RoutingTeam } from './routing.js';

const teams: RoutingTeam[] = [
  { id: 't-z1', code: 'Z1-ICT', name: 'Zone 1 team', kind: 'integrated_zone', zoneId: 'z1' },
  { id: 't-mh1', code: 'Z1-CMHT', name: 'Zone 1 CMHT', kind: 'mental_health', zoneId: 'z1' },
  { id: 't-cchs', code: 'CCHS', name: "Children's community health", kind: 'children_community_health', zoneId: null },
];
const rule = (r: Partial<RoutingRule>): RoutingRule => ({ ...defaultRule, id: `r${r.position}`, ...r }) as RoutingRule;
const facts = { clientGroup: null, need: null, age: 70, gpPracticeId: 'p1', zoneId: 'z1' };

describe('routing rules', () => {
  it('counts age in whole years on the day', () => {
    expect(ageOn('1961-12-08', '2026-12-07')).toBe(64);
    expect(ageOn('1961-12-07', '2026-12-07')).toBe(65);
  });

  it('the first matching rule in order decides, and says why', () => {
    const rules = [
      rule({ position: 20, name: 'Mental health to the CMHT', clientGroups: ['mental_health'], action: 'zone_team', teamKind: 'mental_health' }),
      rule({ position: 10, name: 'Under 65 not covered', ageTo: 64, action: 'not_covered', signpost: 'Offered to the council' }),
    ];
    const young = routeReferral(rules, teams, { ...facts, age: 40, clientGroup: 'mental_health' });
    expect(young).toMatchObject({ outcome: 'not_covered', ruleId: 'r10', signpost: 'Offered to the council' });
    expect(young.reason).toContain('Under 65 not covered');
    const mh = routeReferral(rules, teams, { ...facts, clientGroup: 'mental_health' });
    expect(mh).toMatchObject({ outcome: 'team', team: { id: 't-mh1' }, ruleId: 'r20' });
  });

  it('children are routed by age when no client group is given; an ended rule is passed over', () => {
    const rules = [rule({ position: 10, name: 'Children', clientGroups: ['children'], action: 'team', teamId: 't-cchs' })];
    expect(routeReferral(rules, teams, { ...facts, age: 6 })).toMatchObject({ outcome: 'team', team: { id: 't-cchs' } });
    expect(routeReferral([{ ...rules[0]!, endedAt: new Date() }], teams, { ...facts, age: 6 })).toMatchObject({ outcome: 'team', team: { id: 't-z1' }, ruleId: null });
  });

  it('with no practice in a zone the default rule proposes nothing and says why', () => {
    const d = routeReferral([], teams, { ...facts, gpPracticeId: null, zoneId: null });
    expect(d.outcome).toBe('unrouted');
    expect(d.reason).toContain('no GP practice in a zone');
  });
});
