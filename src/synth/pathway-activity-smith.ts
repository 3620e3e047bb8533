import type { Role } from '../access/roles.js';
import type { SectionName } from '../pathway/assessments/sections.js';
import type { ActivityPlace, Member, TeamInfo } from './pathway-activity-context.js';
import { membersOn } from './pathway-activity-context.js';
import { draftAssessment, writeAssessment } from './pathway-activity-assessments.js';
import type { EpisodeWriter, PersonIn } from './pathway-activity-episodes.js';
import { approverOn } from './pathway-activity-courses.js';
import type { Caseloads } from './pathway-activity-caseloads.js';
import type { MdtBook } from './pathway-activity-mdt.js';
import { equipmentLine, homeCareLine } from './pathway-activity-lines.js';
import { writePackage } from './pathway-activity-packages.js';
import { draftPackage } from './pathway-activity-plans.js';
import { acceptReferral, allocateReferral, managerOn, receiveReferral, type OpenCase, routeSynthetic } from './pathway-activity-referrals.js';
import { MINUTE, dayAt, dayOf, plusMs, PersonTimeline, type ActivityRows } from './pathway-activity-rows.js';
import { Random } from './random.js';

/**
 * Mrs Smith's own story, the same in every place and seed: her GP refers her after a fall; the
 * co-ordinator accepts it to zone 1's team, which allocates a social worker (and, for her heart
 * failure and diabetes, a district nurse); a nurse and a social worker complete one shared
 * assessment; she is eligible; equipment and home care are in place within 28 days; her six-week
 * review is done and the yearly one is due; the team's MDT discusses her. Her two caseload
 * relationships (people generator) are the cases this opens, and her triage relationship is the
 * GP's new referral after two more falls, waiting at the front door on the as-of day.
 */
export function mrsSmithStory(
  place: ActivityPlace,
  rows: ActivityRows,
  writer: EpisodeWriter,
  caseloads: Caseloads,
  mdt: MdtBook,
  p: PersonIn,
  triage: { id: string; validFrom: Date } | null,
): void {
  const rng = new Random(place.seed, `activity:mrs-smith:${place.preset}`);
  const tl = new PersonTimeline(place, rows, p.id);
  const social = p.caseloads.find((c) => c.sector === 'social_care');
  const health = p.caseloads.find((c) => c.sector === 'health');
  const team = place.teams.find((t) => t.id === (social ?? health)?.teamId) ?? (p.zoneCode ? place.teamOfZone.get(p.zoneCode) : undefined);
  const { proposed, routing } = routeSynthetic(place, { age: p.age, zoneCode: p.zoneCode, need: 'falls' });
  if (!team) return;
  // Her caseload began 400 days before the as-of day (the people generator's relationships).
  const allocAt = social?.validFrom ?? health?.validFrom ?? dayAt(dayOf(plusMs(place.end, -400 * 86_400_000)), 9, 30);
  const day = dayOf(allocAt);
  const demo = (role: Role, fallback: (m: Member) => boolean) => pickOn(team, day, place.demo.get(role), fallback);
  const socialWorker = demo('social_worker', (m) => m.profession === 'social_worker');
  const nurse = demo('nurse', (m) => m.role === 'nurse');
  if (!socialWorker) return;
  const manager = managerOn(team, day) ?? socialWorker;
  const coordinator = pickOn(null, day, place.demo.get('coordinator'), () => false, place.coordinatorsOfZone.get(p.zoneCode ?? '') ?? place.coordinators) ?? manager;

  const receivedAt = plusMs(allocAt, -22 * 60 * MINUTE + 10 * MINUTE);
  const fall = receiveReferral(place, rows, tl, {
    key: `${p.id}:smith:fall`,
    personId: p.id,
    source: 'gp',
    sourceName: p.practiceName,
    routeOfAccess: 'Community or other route',
    reason: 'Fall at home: found on the floor by her daughter this morning; bruised and shaken, struggling with washing, dressing and meals',
    urgency: 'urgent',
    receivedAt,
    channel: 'api',
    recorder: place.integration,
    externalRef: `gp-smith-fall-${day}`,
    proposedTeam: proposed,
    routing,
  });
  acceptReferral(rows, tl, fall, plusMs(receivedAt, 150 * MINUTE), coordinator, team);
  const socialCase = allocateReferral(place, rows, tl, fall, allocAt, manager, team, socialWorker, social?.id ?? null);
  caseloads.take(socialWorker);
  let nursingCase: OpenCase | null = null;
  if (nurse) {
    const nursing = receiveReferral(place, rows, tl, {
      key: `${p.id}:smith:nursing`,
      personId: p.id,
      source: 'gp',
      sourceName: p.practiceName,
      routeOfAccess: 'Community or other route',
      reason: 'District nursing: heart failure and type 2 diabetes; ankles swollen, needs help with insulin and leg care',
      urgency: 'routine',
      receivedAt: plusMs(receivedAt, 20 * MINUTE),
      channel: 'api',
      recorder: place.integration,
      externalRef: `gp-smith-nursing-${day}`,
      proposedTeam: proposed,
    routing,
    });
    acceptReferral(rows, tl, nursing, plusMs(receivedAt, 160 * MINUTE), coordinator, team);
    nursingCase = allocateReferral(place, rows, tl, nursing, plusMs(allocAt, health && health.validFrom > allocAt ? health.validFrom.getTime() - allocAt.getTime() : 0), manager, team, nurse, health?.id ?? null);
    caseloads.take(nurse);
  }

  // One shared assessment: the nurse writes the health sections, the social worker the rest.
  const startedAt = dayAt(dayOf(plusMs(allocAt, 2 * 86_400_000)), 10, 5);
  const completedAt = dayAt(dayOf(plusMs(allocAt, 6 * 86_400_000)), 15, 40);
  const assessment = draftAssessment(place, rng, {
    key: `${p.id}:smith:assessment`,
    kind: 'needs',
    personId: p.id,
    caredForPersonId: null,
    referralId: fall.row.id!,
    startedAt,
    completedAt,
    nurse,
    socialWorker,
    starter: socialWorker,
    sections: smithSections(),
    verdict: 'eligible',
    outcome: 'Progress to support planning or services',
    mayOverride: false,
  });
  writeAssessment(place, rows, tl, assessment, place.end, false);

  // Equipment first (rails, a perching stool and a bath board), then home care: in place in ten days.
  const equipment = equipmentLine(place, rng, 0);
  equipment.quantityHundredths = 300;
  equipment.unitCostPence = 4500;
  const homeCare = homeCareLine(place, rng, 4);
  homeCare.quantityHundredths = 1050;
  homeCare.deliveryMechanism = 'CASSR commissioned support';
  const pkg = draftPackage(place, rng, {
    key: `${p.id}:smith:plan`,
    personId: p.id,
    assessmentId: assessment.id,
    assessedAt: completedAt,
    daysToInPlace: 6,
    kind: 'homeCare',
    unable: ['personalHygiene', 'appropriatelyClothed', 'nutrition', 'homeSafely'],
    worker: socialWorker,
    approver: (d, weekly) => approverOn(place, team, d, weekly, socialWorker),
    lastsMonths: 1000,
    ending: { reason: '', outcome: '' },
    continuesAfterReablement: true,
    lines: [equipment, homeCare],
    overdueChance: 0,
    unplannedChance: 0,
  });
  const { inPlaceOn } = writePackage(place, rows, tl, pkg, place.end, null);

  // The MDT: when she joined the caseload, and this month after two more falls.
  const entry = { personId: p.id, team, worker: socialWorker, sector: socialCase.sector, assessedAt: completedAt, inPlaceOn, until: place.end };
  mdt.pin(entry, dayOf(plusMs(allocAt, 86_400_000)), 'New to the caseload after a fall: joint visit by the nurse and the social worker this week; home care to be arranged', {
    owner: nurse ?? socialWorker,
    description: 'Ask the GP for a medication review',
    dueInDays: 14,
    done: true,
  });
  const therapist = pickOn(team, dayOf(plusMs(place.end, -12 * 86_400_000)), place.demo.get('therapist'), (m) => m.role === 'therapist') ?? socialWorker;
  mdt.pin(entry, dayOf(plusMs(place.end, -12 * 86_400_000)), 'Two more falls this month; daughter worried. Review the package and the equipment.', {
    owner: therapist,
    description: 'Home visit to assess for a stair rail',
    dueInDays: 16,
    done: false,
  });
  void nursingCase;

  // The GP's new referral, still waiting at the front door: her triage relationship.
  if (triage) {
    receiveReferral(place, rows, tl, {
      key: `${p.id}:smith:again`,
      personId: p.id,
      source: 'gp',
      sourceName: p.practiceName,
      routeOfAccess: 'Community or other route',
      reason: 'Two falls at home this month, struggling with medicines and meals; daughter worried',
      urgency: 'urgent',
      receivedAt: triage.validFrom,
      channel: 'api',
      recorder: place.integration,
      externalRef: `gp-smith-falls-${dayOf(triage.validFrom)}`,
      proposedTeam: proposed,
    routing,
    });
  }
}

/** The demo account's staff member if they were in post that day, else someone like them. */
function pickOn(team: TeamInfo | null, day: string, preferred: Member | undefined, like: (m: Member) => boolean, pool?: readonly Member[]): Member | null {
  if (preferred && preferred.startedOn <= day) return preferred;
  const from = membersOn(pool ?? team?.caseHolders ?? [], day);
  return from.find(like) ?? from[0] ?? null;
}

function smithSections(): Map<SectionName, Record<string, unknown>> {
  return new Map<SectionName, Record<string, unknown>>([
    ['personsView', { ownView: 'I want to stay in my own home. I don’t want to keep falling and I don’t want to be a worry to my daughter.', goals: ['Wash and dress without falling', 'A hot meal every day', 'Feel safe on the stairs'] }],
    [
      'health',
      {
        conditions: 'Heart failure; type 2 diabetes; osteoarthritis of both knees',
        medicinesSupport: 'Eleven tablets a day and insulin; mixes them up when tired',
        mobilityAndFalls: 'Walks with a stick indoors; three falls this year, the last one on the landing',
        skin: 'Fragile on the shins; small wound on the left shin',
        continence: 'Urgency at night',
        cognition: 'No concerns; some forgetfulness when unwell',
        mood: 'Low since the fall; frightened of falling again',
      },
    ],
    ['impairment', { hasImpairmentOrIllness: true, description: 'Heart failure and diabetes with reduced mobility after repeated falls' }],
    [
      'outcomes',
      {
        nutrition: { canAchieve: false, ways: ['takes_significantly_longer', 'endangers_health_safety'], note: 'Skips meals; cannot stand long enough to cook' },
        personalHygiene: { canAchieve: false, ways: ['needs_assistance'], note: 'Cannot get in or out of the bath' },
        toiletNeeds: { canAchieve: true },
        appropriatelyClothed: { canAchieve: false, ways: ['significant_pain_distress_anxiety'], note: 'Knees too painful to dress her lower half' },
        homeSafely: { canAchieve: false, ways: ['endangers_health_safety'], note: 'Falls on the stairs and the landing' },
        habitableHome: { canAchieve: true, note: 'Daughter cleans weekly' },
        relationships: { canAchieve: true },
        workTrainingEducationVolunteering: { canAchieve: true, note: 'Not relevant: retired' },
        communityFacilities: { canAchieve: true, note: 'Daughter takes her shopping' },
        caringForChild: { canAchieve: true, note: 'Not relevant: retired' },
      },
    ],
    [
      'wellbeing',
      {
        significantImpact: true,
        areas: ['personal_dignity', 'physical_mental_health_emotional_wellbeing', 'control_over_day_to_day_life'],
        note: 'Unable to wash or eat properly; losing confidence and afraid to move about the house.',
      },
    ],
    [
      'risks',
      {
        summary: 'High risk of further falls',
        items: [
          { description: 'Falls on the stairs at night', level: 'high', mitigation: 'Stair rail, night lights and a pendant alarm' },
          { description: 'Missed insulin', level: 'medium', mitigation: 'District nurse visits and a blister pack' },
        ],
      },
    ],
    ['strengths', { personalStrengths: 'Determined and knows what she wants', networkSupport: 'Her daughter visits three times a week', communityResources: 'Lunch club at the church hall' }],
    ['fluctuatingNeeds', { hasFluctuatingNeeds: true, description: 'Worse when her heart failure flares; breathless on bad days', periodConsidered: 'The last three months' }],
    ['carers', { hasCarer: true, carerName: 'Her daughter', relationship: 'daughter', hoursCaringPerWeek: 15, willingAndAble: true, carerAssessmentOffered: true }],
  ]);
}
