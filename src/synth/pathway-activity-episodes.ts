import { sectorOfProfession, type Sector } from '../access/roles.js';
import type { ActivityPlace, Member, Someone, TeamInfo } from './pathway-activity-context.js';
import { membersOn } from './pathway-activity-context.js';
import { writeAssessment } from './pathway-activity-assessments.js';
import { writePackage } from './pathway-activity-packages.js';
import type { PersonIn } from './pathway-activity-context.js';
import { acceptReferral, allocateReferral, closeCase, managerOn, receiveReferral, resolveReferral, routeSynthetic, waitAtFrontDoor, waitForAllocation, type OpenCase, type Received, type SyntheticRouting } from './pathway-activity-referrals.js';
import { DAY, HOUR, dayOf, emptyRows, officeHoursAfter, plusMs, workingAfter, PersonTimeline, type ActivityRows } from './pathway-activity-rows.js';
import { carerReasons, reasons, type Need, type Source } from './pathway-activity-texts.js';
import { needsBySource, professionsForNeed, resolveShare, sourcesOlder } from './pathway-activity-mix.js';
import type { Caseloads } from './pathway-activity-caseloads.js';
import type { MdtBook } from './pathway-activity-mdt.js';
import { Random } from './random.js';
import { closingAt, plannedCourse } from './pathway-activity-course-plan.js';
import { pickOlderSource, pickResolution, pickYoungerSource, poisson, receivedTime, yearlyReferralRate } from './pathway-activity-rates.js';
import { carerCourse, type CarerOf } from './pathway-activity-courses.js';
import { spansOf, yearsOf } from './history.js';

const YEAR = 365.25 * DAY;

/**
 * A person's pathway over the two years before the as-of day: referrals arrive at the rate of
 * their age, each is triaged in at most two steps, and an allocated one runs its course —
 * assessment, eligibility, plan and package, reviews — until the case closes or the as-of day
 * comes. Each person has their own random stream, so a batch boundary never changes anyone.
 */

export type { PersonIn };

type EpisodeEnd = Date | 'open';

export class EpisodeWriter {
  private rows: ActivityRows;
  readonly counts = { legacyConverted: 0, legacyLeft: 0 };

  constructor(
    private readonly place: ActivityPlace,
    private readonly caseloads: Caseloads,
    /** None in a history pass: MDT meetings are the recent window's. */
    private readonly mdt: MdtBook | null,
  ) {
    this.rows = emptyRows();
  }

  useRows(rows: ActivityRows): void {
    this.rows = rows;
  }

  /** All of a person's activity in the window. */
  person(p: PersonIn): void {
    const place = this.place;
    const rng = new Random(place.seed, `activity:${p.id}`);
    const tl = new PersonTimeline(place, this.rows, p.id);
    // Caseload relationships the team already holds become open cases, while there is room.
    const pinned = this.pinnedCases(p);
    const firstPinned = pinned.reduce<Date | null>((t, x) => (t === null || x.at < t ? x.at : t), null);
    const pinnedReceipt = firstPinned ? plusMs(firstPinned, -rng.int(20, 140) * HOUR) : null;

    const start = Date.parse(`${place.windowStart}T00:00:00Z`);
    const span = place.end.getTime() - start;
    // The referral rates by age, times each period's own rate over the window (1 where none is given).
    const spans = spansOf(place.history, start, place.end.getTime());
    const weighted = spans.reduce((n, x) => n + (x.to - x.from) * x.period.referralRate, 0) / spans.reduce((n, x) => n + (x.to - x.from), 0);
    const count = poisson(rng, 2 * weighted * this.rateOf(p.age));
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(receivedTime(rng, start, span));
    times.sort((a, b) => a - b);
    let free: Date = new Date(start);
    let k = 0;
    for (const t of times) {
      const receivedAt = new Date(t);
      if (receivedAt <= free || receivedAt >= place.end) continue;
      // Before the referral that put them on a caseload, only what the front door resolved.
      if (pinnedReceipt && receivedAt >= plusMs(pinnedReceipt, -7 * DAY)) break;
      const ended = this.episode(p, rng, tl, `${p.id}:e${k++}`, receivedAt, pinnedReceipt);
      if (ended === 'open') break;
      free = ended;
    }
    pinned.forEach((x, i) => this.pinnedEpisode(p, rng, tl, `${p.id}:p${i}`, x, pinnedReceipt!));
  }

  /**
   * Referrals a year at an age; none under 65 where the trust serves older people only (67 on the
   * day the age is counted: a referral may come up to two years before it).
   */
  private rateOf(age: number): number {
    return this.place.olderOnly && age < 67 ? 0 : yearlyReferralRate(age);
  }

  /**
   * A history pass (historicPlace): the person's referrals before the recent window, at each
   * period's rate and the history's sample; every case closes before its end. Today's people
   * stand in for the place's people then (a stationary population: the old of 2005 are not alive
   * in 2026 to be generated), so the rate is that of their age today, and their record the age
   * they were — an adult then, and 65 or over where the trust serves older people only.
   */
  history(p: PersonIn): void {
    const place = this.place;
    const h = place.history;
    const rng = new Random(place.seed, `history:${p.id}`);
    const tl = new PersonTimeline(place, this.rows, p.id, 'history');
    const now = place.idBase.getTime();
    const ageAt = (t: number) => p.age - Math.floor((now - t) / YEAR);
    // No referral in the last months of the history, so that its cases have run their course by its end.
    const until = place.end.getTime() - 120 * DAY;
    const times: number[] = [];
    for (const x of spansOf(h, h.start, until)) {
      const n = poisson(rng, yearsOf(x.to - x.from) * yearlyReferralRate(p.age) * x.period.referralRate * h.sample);
      for (let i = 0; i < n; i++) times.push(receivedTime(rng, x.from, x.to - x.from));
    }
    times.sort((a, b) => a - b);
    let free = h.start;
    let k = 0;
    for (const t of times) {
      const age = ageAt(t);
      if (t <= free || t >= until || age < 18 || this.rateOf(age) === 0) continue;
      const ended = this.episode({ ...p, age, caseloads: [] }, rng, tl, `${p.id}:h${k++}`, new Date(t), null);
      if (ended === 'open') break;
      free = ended.getTime();
    }
  }

  /** The people generator's caseload relationships, each matched to a worker with room. */
  private pinnedCases(p: PersonIn): { relId: string; sector: Sector; team: TeamInfo; worker: Member; at: Date }[] {
    const out: { relId: string; sector: Sector; team: TeamInfo; worker: Member; at: Date }[] = [];
    for (const rel of p.caseloads) {
      const team = this.place.teams.find((t) => t.id === rel.teamId);
      if (!team || rel.validFrom < new Date(Date.parse(`${this.place.windowStart}T00:00:00Z`) + 7 * DAY)) {
        this.counts.legacyLeft++;
        continue;
      }
      const day = dayOf(rel.validFrom);
      const candidates = membersOn(team.caseHolders, day).filter((m) => sectorOfProfession(m.profession) === rel.sector && this.caseloads.hasRoom(m));
      const worker = this.caseloads.leastLoaded(candidates);
      if (!worker) {
        this.counts.legacyLeft++;
        continue;
      }
      this.caseloads.take(worker);
      this.counts.legacyConverted++;
      out.push({ relId: rel.id, sector: rel.sector as Sector, team, worker, at: rel.validFrom });
    }
    return out;
  }

  /** A referral from arrival to the end of its course; answers when the person was free again. */
  private episode(p: PersonIn, rng: Random, tl: PersonTimeline, key: string, receivedAt: Date, mustEndBefore: Date | null): EpisodeEnd {
    const place = this.place;
    const source: Source = p.age >= 65 ? pickOlderSource(rng) : pickYoungerSource(rng);
    let need: Need = rng.weighted(needsBySource[source]);
    if (p.age < 65 && need === 'memory') need = rng.chance(0.5) ? 'mental_health' : 'disability';
    const { proposed, routing } = routeSynthetic(place, { age: p.age, zoneCode: p.zoneCode, need });
    const team = routing.decision.outcome === 'not_covered' ? null : (proposed?.caseHolders.length ? proposed : p.zoneCode ? (place.teamOfZone.get(p.zoneCode) ?? null) : null);
    const received = this.receive(p, rng, tl, key, receivedAt, source, need, proposed, routing);
    const urgency = received.row.urgency as 'routine' | 'urgent' | 'emergency';

    // Office hours to triage: within the hour for emergencies, within three working days for routine ones.
    const triageHours = urgency === 'emergency' ? 0.2 + rng.next() * 1.3 : urgency === 'urgent' ? 0.5 + rng.next() * 5.5 : 0.5 + 25 * rng.next() ** 1.5;
    const triageAt = officeHoursAfter(receivedAt, triageHours);
    if (triageAt >= place.end) {
      waitAtFrontDoor(place, this.rows, received);
      return 'open';
    }
    const coordinator = this.coordinatorOn(p, dayOf(triageAt), rng);
    let resolveChance = resolveShare[source] + (p.age < 65 ? 0.1 : 0) - (p.age >= 85 ? 0.1 : 0) - (urgency === 'emergency' ? 0.2 : 0);
    if (mustEndBefore || !team) resolveChance = 1;
    if (routing.decision.outcome === 'not_covered') {
      // No team of this place covers it: signposted at the front door, where the rule says.
      resolveReferral(this.rows, tl, received, triageAt, coordinator, 'NFA: Information and advice or signposting', routing.decision.signpost);
      return triageAt;
    }
    if (rng.chance(resolveChance)) {
      const r = pickResolution(rng);
      resolveReferral(this.rows, tl, received, triageAt, coordinator, r.outcome, rng.chance(0.85) ? rng.pick(r.notes) : '');
      return triageAt;
    }
    // A few are sent to another zone's team (the person is moving, or a worker already knows them).
    let to = team!;
    if (proposed && rng.chance(0.03)) {
      const others = [...place.teamOfZone.values()].filter((t) => t.id !== team!.id && t.kind === team!.kind);
      if (others.length) to = rng.pick(others);
    }
    acceptReferral(this.rows, tl, received, triageAt, coordinator, to);

    // Then hours (urgent) to a week or two (routine) for the team to allocate a worker.
    const allocHours = urgency === 'emergency' ? 0.5 + rng.next() * 4 : urgency === 'urgent' ? 1 + rng.next() * 12 : 2 + 70 * rng.next() ** 1.3;
    const allocAt = officeHoursAfter(triageAt, allocHours);
    if (allocAt >= place.end) {
      waitForAllocation(place, this.rows, received);
      return 'open';
    }
    const day = dayOf(allocAt);
    const worker = this.workerFor(to, need, day, rng);
    const allocator = managerOn(to, day);
    if (!worker || !allocator) {
      waitForAllocation(place, this.rows, received);
      return 'open';
    }
    const c = allocateReferral(place, this.rows, tl, received, allocAt, allocator, to, worker);
    return this.runCase(p, rng, tl, key, c, need, urgency !== 'routine', false);
  }

  /** A caseload relationship explained: the referral that opened the case, and its course so far. */
  private pinnedEpisode(p: PersonIn, rng: Random, tl: PersonTimeline, key: string, x: { relId: string; sector: Sector; team: TeamInfo; worker: Member; at: Date }, receipt: Date): void {
    const place = this.place;
    const health = x.sector === 'health';
    const source: Source = health ? (rng.chance(0.6) ? 'community_nurse' : 'gp') : rng.weighted(sourcesOlder.filter((s) => s.value !== 'community_nurse'));
    let need: Need = health ? 'nursing' : rng.weighted(needsBySource[source].filter((n) => n.value !== 'nursing'));
    if (p.age < 65 && need === 'memory') need = 'mental_health';
    const receivedAt = receipt < x.at ? receipt : plusMs(x.at, -20 * HOUR);
    const { proposed, routing } = routeSynthetic(place, { age: p.age, zoneCode: p.zoneCode, need });
    const received = this.receive(p, rng, tl, key, receivedAt, source, need, proposed, routing);
    const between = new Date(receivedAt.getTime() + Math.floor((x.at.getTime() - receivedAt.getTime()) * (0.1 + 0.5 * rng.next())));
    const office = officeHoursAfter(between, 0);
    const triageAt = office < plusMs(x.at, -HOUR) ? office : between;
    acceptReferral(this.rows, tl, received, triageAt, this.coordinatorOn(p, dayOf(triageAt), rng), x.team);
    const allocator = managerOn(x.team, dayOf(x.at)) ?? x.worker;
    const c = allocateReferral(place, this.rows, tl, received, x.at, allocator, x.team, x.worker, x.relId);
    this.runCase(p, rng, tl, key, c, need, received.row.urgency !== 'routine', true);
  }

  private receive(p: PersonIn, rng: Random, tl: PersonTimeline, key: string, receivedAt: Date, source: Source, need: Need, proposed: TeamInfo | null, routing: SyntheticRouting): Received {
    const place = this.place;
    const urgency = rng.weighted<'routine' | 'urgent' | 'emergency'>(
      source === 'hospital' || source === 'police'
        ? [
            { value: 'routine', weight: 45 },
            { value: 'urgent', weight: 45 },
            { value: 'emergency', weight: 10 },
          ]
        : [
            { value: 'routine', weight: 72 },
            { value: 'urgent', weight: 24 },
            { value: 'emergency', weight: 4 },
          ],
    );
    let route = 'Community or other route';
    if (source === 'hospital') route = need === 'discharge' ? 'Discharge from hospital' : 'Diversion from hospital services';
    else if (source === 'self' && rng.chance(0.08)) route = 'Self-funder';
    else if (p.age <= 25 && need === 'disability' && rng.chance(0.5)) route = 'Planned entry (transition)';
    else if (rng.chance(0.01)) route = 'Transfer from other LA';
    const channel = source === 'hospital' ? (rng.chance(0.7) ? 'discharge' : 'api') : source === 'gp' && rng.chance(0.7) ? 'api' : 'coordinator';
    const recorder = channel === 'coordinator' ? this.coordinatorOn(p, dayOf(receivedAt), rng) : place.integration;
    const sourceName =
      source === 'gp'
        ? p.practiceName
        : source === 'hospital'
          ? place.hospitalName
          : source === 'community_nurse'
            ? 'District nursing'
            : source === 'other'
              ? rng.pick(['Housing officer', 'Community pharmacist', 'Age Concern', 'Fire and rescue safe and well visit'])
              : '';
    return receiveReferral(place, this.rows, tl, {
      key,
      personId: p.id,
      source,
      sourceName,
      routeOfAccess: route,
      reason: rng.pick(reasons[need]),
      urgency,
      receivedAt,
      channel,
      recorder,
      externalRef: channel === 'api' ? `${source}-${key.slice(-12)}-${Math.floor(receivedAt.getTime() / 1000).toString(36)}` : null,
      proposedTeam: proposed,
      routing,
    });
  }

  private coordinatorOn(p: PersonIn, day: string, rng: Random): Someone {
    const place = this.place;
    const aligned = membersOn(p.zoneCode ? (place.coordinatorsOfZone.get(p.zoneCode) ?? place.coordinators) : place.coordinators, day);
    const any = aligned.length ? aligned : membersOn(place.coordinators, day);
    if (any.length) return rng.pick(any);
    const team = p.zoneCode ? place.teamOfZone.get(p.zoneCode) : place.teams[0];
    return (team && managerOn(team, day)) ?? { staffId: null, userId: null, name: 'Front door', role: 'coordinator', sector: 'integrated', profession: '' };
  }

  private workerFor(team: TeamInfo, need: Need, day: string, rng: Random): Member | null {
    const present = membersOn(team.caseHolders, day);
    if (!present.length) return null;
    const weights = professionsForNeed[need].filter((w) => present.some((m) => m.profession === w.value));
    const profession = weights.length ? rng.weighted(weights) : rng.pick(present).profession;
    return rng.pick(present.filter((m) => m.profession === profession));
  }

  /**
   * The case's course: assessment (most), eligibility, plan and package for those eligible, then
   * closing by itself, or open at the as-of day if the worker has room (pinned cases always).
   */
  private runCase(p: PersonIn, rng: Random, tl: PersonTimeline, key: string, c: OpenCase, need: Need, urgent: boolean, pinned: boolean, carerOf?: CarerOf): EpisodeEnd {
    const place = this.place;
    const course = carerOf ? carerCourse(this.place, rng, key, c, carerOf) : plannedCourse(this.place, p, rng, key, c, need, urgent, pinned);
    let cut = place.end;
    let closing: { reason: string; outcome: string } | null = null;
    if (course.naturalEnd < place.end && !pinned) {
      cut = course.naturalEnd;
      closing = { reason: course.reason, outcome: course.outcome };
    } else if (!pinned) {
      // The caseload is full: this one closed some weeks before the as-of day — once its package
      // had started (or its assessment was done), so that no package is cut off before it begins.
      const opened = c.row.openedAt!.getTime();
      const settled = course.pkg ? course.pkg.firstStartAt.getTime() : course.assessment ? course.assessment.completedAt.getTime() : opened;
      const earliest = Math.max(opened + 14 * DAY, settled + DAY, place.end.getTime() - 60 * DAY);
      if (!place.historic && (this.caseloads.hasRoom(c.worker) || earliest >= place.end.getTime() - DAY)) {
        this.caseloads.take(c.worker);
      } else {
        // A history pass closes every case before its end (nothing of it is open today).
        cut = earliest < place.end.getTime() - DAY ? new Date(earliest + Math.floor(rng.next() * (place.end.getTime() - DAY - earliest))) : new Date(Math.max(opened + DAY, place.end.getTime() - 3 * HOUR));
        closing = closingAt(course, cut);
      }
    }
    let assessed: Date | null = null;
    let inPlaceOn: string | null = null;
    if (course.assessment) {
      const status = writeAssessment(place, this.rows, tl, course.assessment, cut, closing !== null);
      if (status === 'completed') assessed = course.assessment.completedAt;
      if (status === 'completed' && course.pkg) inPlaceOn = writePackage(place, this.rows, tl, course.pkg, cut, closing).inPlaceOn;
    }
    if (closing) closeCase(tl, c, cut, c.worker.startedOn <= dayOf(cut) ? c.worker : (managerOn(c.team, dayOf(cut)) ?? c.worker), closing.reason);
    if (!carerOf) this.mdt?.offer({ personId: c.row.personId!, team: c.team, worker: c.worker, sector: c.sector, assessedAt: assessed, inPlaceOn, until: cut }, c.row.openedAt!);

    // Some carers of people assessed as eligible ask for a carer's assessment of their own.
    if (!carerOf && assessed && course.assessment?.decision === 'eligible' && p.carers.length && rng.chance(0.35)) {
      const carer = rng.pick(p.carers);
      const startAt = workingAfter(assessed, rng.int(24, 240), rng);
      if (startAt < plusMs(cut, -10 * DAY)) this.carerEpisode(p, rng, carer, c, startAt);
    }
    return closing ? cut : 'open';
  }

  // —— carers ——

  private carerEpisode(caredFor: PersonIn, rng: Random, carer: PersonIn['carers'][number], caredForCase: OpenCase, receivedAt: Date): void {
    const place = this.place;
    const scope = `carer-of:${caredFor.id}:${caredForCase.row.id}`;
    const tl = new PersonTimeline(place, this.rows, carer.carerId, scope);
    const key = `${carer.carerId}:${scope}`;
    const team = caredForCase.team;
    const carerPerson: PersonIn = { ...caredFor, id: carer.carerId, carers: [], caseloads: [], objects: false };
    const coordinator = this.coordinatorOn(caredFor, dayOf(receivedAt), rng);
    // The carer's own age is not known here: routed as a carer of the cared-for person's area.
    const carerRoute = routeSynthetic(place, { age: null, zoneCode: caredFor.zoneCode, need: 'carer_strain', clientGroup: 'carers' });
    const received = receiveReferral(place, this.rows, tl, {
      key,
      personId: carer.carerId,
      source: 'family_carer',
      sourceName: '',
      routeOfAccess: 'Community or other route',
      reason: rng.pick(carerReasons),
      urgency: 'routine',
      receivedAt,
      channel: 'coordinator',
      recorder: coordinator,
      externalRef: null,
      proposedTeam: carerRoute.proposed,
      routing: carerRoute.routing,
    });
    const acceptedAt = workingAfter(receivedAt, 1 + rng.next() * 20, rng);
    if (acceptedAt >= place.end) return waitAtFrontDoor(place, this.rows, received);
    acceptReferral(this.rows, tl, received, acceptedAt, coordinator, team);
    const allocAt = workingAfter(acceptedAt, 2 + rng.next() * 40, rng);
    const day = dayOf(allocAt);
    const worker = caredForCase.worker.startedOn <= day ? caredForCase.worker : this.workerFor(team, 'carer_strain', day, rng);
    const allocator = managerOn(team, day);
    if (allocAt >= place.end || !worker || !allocator) return waitForAllocation(place, this.rows, received);
    const c = allocateReferral(place, this.rows, tl, received, allocAt, allocator, team, worker);
    this.runCase(carerPerson, rng, tl, key, c, 'carer_strain', false, false, { caredFor, carer });
  }

}
