import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gpOdsPattern, loadPreset, parsePreset, presetNames, type Preset } from './preset.js';

const presetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'presets');
const all = () => presetNames().map(loadPreset);
const periods = (p: Preset, fn: string) => p.delegations.filter((d) => d.function === fn);
const staffGroups = (p: Preset) => p.teams.flatMap((t) => [{ ...t.manager, count: 1 }, ...t.staff]);

describe('presets', () => {
  it('ship one file for each organisation in the seeds, and every one loads and validates', () => {
    expect(presetNames()).toEqual(['bexley', 'blackburn', 'ne-lincolnshire', 'northumbria', 'somerset', 'torbay', 'wbh']);
    for (const p of all()) {
      expect(p.partners.length).toBeGreaterThan(3);
      expect(p.delegations.length).toBeGreaterThan(0);
      expect(p.zones.length).toBeGreaterThan(0);
    }
  });

  it('name the known presets when asked for an unknown one', () => {
    expect(() => loadPreset('atlantis')).toThrow(/Unknown preset "atlantis". Known presets: bexley, blackburn, .*torbay, wbh/);
    expect(() => loadPreset('../package')).toThrow(/Unknown preset/);
  });

  it('put every GP practice in a zone with a letter-and-five-digits ODS code, and every zone has a practice', () => {
    for (const p of all()) {
      const zoneCodes = new Set(p.zones.map((z) => z.code));
      const practices = p.partners.filter((x) => x.kind === 'gp_practice');
      for (const gp of practices) {
        expect(gp.odsCode, `${p.name} ${gp.name}`).toMatch(gpOdsPattern);
        expect(zoneCodes.has(gp.zone ?? ''), `${p.name} ${gp.name}`).toBe(true);
      }
      for (const z of p.zones) expect(practices.some((gp) => gp.zone === z.code), `${p.name} ${z.code}`).toBe(true);
    }
  });

  it('give Torbay five zones around about twenty practices, an integrated team in each and one point of entry', () => {
    const t = loadPreset('torbay');
    expect(t.zones.map((z) => z.code)).toEqual(['Z1', 'Z2', 'Z3', 'Z4', 'Z5']);
    expect(t.partners.filter((p) => p.kind === 'gp_practice').length).toBeGreaterThanOrEqual(18);
    for (const kind of ['care_trust', 'council', 'nhs_trust', 'provider', 'voluntary']) expect(t.partners.some((p) => p.kind === kind)).toBe(true);
    for (const z of t.zones) expect(t.teams.filter((team) => team.kind === 'integrated_zone' && team.zone === z.code)).toHaveLength(1);
    const spoe = t.teams.filter((team) => team.kind === 'single_point_of_entry');
    expect(spoe).toHaveLength(1);
    expect(spoe[0]!.staff.some((g) => g.profession === 'health_social_care_coordinator' && g.alignToZones)).toBe(true);

    const professions = new Set(staffGroups(t).map((g) => g.profession));
    for (const p of ['social_worker', 'community_care_worker', 'district_nurse', 'physiotherapist', 'occupational_therapist', 'community_matron', 'mental_health_worker', 'health_social_care_coordinator']) {
      expect(professions.has(p), p).toBe(true);
    }
    // Some social workers stay employed by the council while the trust manages them.
    expect(staffGroups(t).some((g) => g.profession === 'social_worker' && g.employer === 'council' && g.managedBy === 'care_trust' && g.terms === 'council')).toBe(true);
    expect(staffGroups(t).some((g) => g.terms === 'agenda_for_change')).toBe(true);

    expect(t.establishedOn.startsWith('2005')).toBe(true);
    for (const fn of ['asc_assessment', 'asc_provision', 'asc_commissioning']) {
      const [d] = periods(t, fn);
      expect(d).toMatchObject({ from: 'council', to: 'care_trust' });
      expect(d!.validFrom.startsWith('2005')).toBe(true);
    }
  });

  it("record Bexley's provision as two periods: delegated in June 2003, taken back in April 2009", () => {
    const b = loadPreset('bexley');
    const provision = periods(b, 'asc_provision');
    expect(provision).toHaveLength(2);
    expect(provision[0]).toMatchObject({ from: 'council', to: 'care_trust', validFrom: '2003-06-01', validTo: '2009-03-31' });
    expect(provision[1]).toMatchObject({ to: 'council', validFrom: '2009-04-01', supersedes: provision[0]!.key });
    expect(provision[1]!.validTo).toBeUndefined();
    // Commissioning stays with the council; joint commissioning for mental health and learning disability continues.
    const commissioning = periods(b, 'asc_commissioning');
    expect(commissioning.some((d) => d.to === 'council' && !d.validTo)).toBe(true);
    expect(commissioning.some((d) => d.to === 'care_trust' && !d.validTo && d.clientGroups.includes('mental_health') && d.clientGroups.includes('learning_disability'))).toBe(true);
  });

  it('carry what each other organisation must show', () => {
    const somerset = loadPreset('somerset');
    expect(staffGroups(somerset).some((g) => g.profession === 'approved_social_worker' && g.employer === 'council' && g.managedBy === 'partnership_trust')).toBe(true);
    expect(somerset.delegations.some((d) => d.function === 'asc_commissioning' && d.clientGroups.includes('mental_health'))).toBe(true);

    const nel = loadPreset('ne-lincolnshire');
    expect(nel.delegations.map((d) => d.function)).toEqual(expect.arrayContaining(['public_health', 'children_community_health']));
    expect(nel.partners.some((p) => p.name.includes('Accord'))).toBe(true);

    const blackburn = loadPreset('blackburn');
    expect(blackburn.delegations.map((d) => d.function)).toEqual(expect.arrayContaining(['asc_commissioning', 'public_health', 'children_commissioning']));
    expect(periods(blackburn, 'asc_assessment').every((d) => d.to === 'council')).toBe(true);

    const wbh = loadPreset('wbh');
    expect(wbh.clientGroups).toEqual(['older_people']);
    expect(wbh.dissolvedOn?.startsWith('2006')).toBe(true);
    expect(wbh.delegations.every((d) => d.clientGroups.join() === 'older_people')).toBe(true);

    const north = loadPreset('northumbria');
    expect(staffGroups(north).some((g) => g.profession === 'home_care_worker' && g.employer === 'nhs_trust' && g.terms === 'agenda_for_change')).toBe(true);
  });

  it('hold no staff or people names, and none of the real people in the seed articles', () => {
    const seedNames = ['Wallwark', 'Stefanics', 'McAuley', 'Causley', 'Charters', 'Millin', 'Cooney', 'Mackey', 'Burnham', 'Glasby', 'Webber', 'Valios', 'Revans', 'Brindle', 'Ralph'];
    for (const file of fs.readdirSync(presetsDir)) {
      const text = fs.readFileSync(path.join(presetsDir, file), 'utf8');
      expect(text).not.toMatch(/givenName|familyName/);
      for (const n of seedNames) expect(text.includes(n), `${file} mentions ${n}`).toBe(false);
    }
  });

  it('reject a preset whose references do not hold together', () => {
    const t = JSON.parse(fs.readFileSync(path.join(presetsDir, 'torbay.json'), 'utf8'));
    const broken = structuredClone(t);
    broken.partners.find((p: { kind: string }) => p.kind === 'gp_practice').zone = 'Z9';
    expect(() => parsePreset(broken)).toThrow(/GP practice must belong to one of the zones/);

    const badOds = structuredClone(t);
    badOds.partners.find((p: { kind: string }) => p.kind === 'gp_practice').odsCode = 'AB123';
    expect(() => parsePreset(badOds)).toThrow(/letter and five digits/);

    const overlapping = structuredClone(t);
    overlapping.delegations.push({ ...t.delegations[0], key: 'again', validFrom: '2010-01-01', supersedes: t.delegations[0].key });
    expect(() => parsePreset(overlapping)).toThrow(/must end before this one starts/);

    const typo = structuredClone(t);
    typo.teams[0].staff[0].proffesion = 'x';
    expect(() => parsePreset(typo)).toThrow(/proffesion/);
  });
});
