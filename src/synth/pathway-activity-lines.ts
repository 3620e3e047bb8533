import type { CareActOutcome } from '../pathway/assessments/sections.js';
import { pounds } from '../pathway/assessments/fields.js';
import { lineCost } from '../pathway/plans/cost.js';
import type { ActivityPlace, ProviderKind, ProviderRef } from './pathway-activity-context.js';
import type { Random } from './random.js';

/**
 * The service lines of the common kinds of package, in CLD codes: home care at the council's
 * rate, reablement for six weeks, equipment (one-off), day support, meals, direct payments,
 * residential and nursing care, and support for carers; and the needs a plan records.
 */

/** The council's home care rate in the seeds: £16.36 an hour. */
export const homeCareRatePence = 1636;

export type PackageKind = 'reablement' | 'homeCare' | 'directPayment' | 'equipmentOnly' | 'dayMeals' | 'residential' | 'nursingHome' | 'carer';

export type LineSpec = {
  serviceType: string;
  component: string;
  provider: ProviderRef;
  /** The kind of provider it came from (for in-house support, see ActivityPlace.provisionOn). */
  providerKind?: ProviderKind;
  deliveryMechanism: string;
  unit: string;
  quantityHundredths: number;
  frequency: 'per_week' | 'per_day' | 'one_off';
  unitCostPence: number;
  /** Days after the first line starts. */
  startOffset: number;
  /** Reablement: planned to last six weeks. */
  lastsDays: number | null;
};

const commissioned = 'CASSR commissioned support';
/** Hours of home care a week, as they are commonly commissioned (quarter-hour visits). */
export const hoursAWeek = [3.5, 5.25, 7, 7, 8.75, 10.5, 10.5, 12.25, 14, 17.5, 21];

function line(place: ActivityPlace, kind: ProviderKind, s: Omit<LineSpec, 'provider'>): LineSpec {
  return { ...s, provider: place.providers[kind], providerKind: kind };
}

export function homeCareLine(place: ActivityPlace, rng: Random, startOffset: number): LineSpec {
  return line(place, 'homeCare', {
    serviceType: 'Long term support: Community',
    component: 'Home support or domiciliary care',
    deliveryMechanism: rng.chance(0.15) ? 'CASSR managed personal budget' : commissioned,
    unit: 'hour',
    quantityHundredths: Math.round(rng.pick(hoursAWeek) * 100),
    frequency: 'per_week',
    unitCostPence: homeCareRatePence,
    startOffset,
    lastsDays: null,
  });
}

export function equipmentLine(place: ActivityPlace, rng: Random, startOffset: number): LineSpec {
  return line(place, 'equipment', {
    serviceType: 'Short term support: Other short term',
    component: 'Equipment',
    deliveryMechanism: commissioned,
    unit: 'item',
    quantityHundredths: rng.int(1, 3) * 100,
    frequency: 'one_off',
    // £35 to £300 an item: a one-off within the team manager's limit.
    unitCostPence: rng.int(7, 60) * 500,
    startOffset,
    lastsDays: null,
  });
}

/** The lines of a package of this kind. */
export function packageLines(place: ActivityPlace, rng: Random, kind: PackageKind): LineSpec[] {
  const out: LineSpec[] = [];
  switch (kind) {
    case 'equipmentOnly':
      out.push(equipmentLine(place, rng, 0));
      if (rng.chance(0.3)) out.push(equipmentLine(place, rng, rng.int(0, 7)));
      break;
    case 'reablement':
      out.push(
        line(place, 'reablement', {
          serviceType: 'Short term support: ST-Max',
          component: 'Reablement',
          deliveryMechanism: commissioned,
          unit: 'hour',
          quantityHundredths: Math.round(rng.pick([5.25, 7, 8.75, 10.5]) * 100),
          frequency: 'per_week',
          unitCostPence: homeCareRatePence,
          startOffset: 0,
          lastsDays: 42,
        }),
      );
      if (rng.chance(0.5)) out.push(equipmentLine(place, rng, rng.int(0, 3)));
      break;
    case 'homeCare':
      if (rng.chance(0.45)) out.push(equipmentLine(place, rng, 0));
      out.push(homeCareLine(place, rng, out.length ? rng.int(0, 5) : 0));
      if (rng.chance(0.15)) out.push(mealsLine(place, rng, rng.int(0, 7)));
      break;
    case 'directPayment':
      out.push(
        line(place, 'homeCare', {
          serviceType: 'Long term support: Community',
          component: 'Direct payment',
          deliveryMechanism: 'Direct payment',
          unit: 'hour',
          quantityHundredths: rng.pick([6, 8, 10, 12, 15, 20]) * 100,
          frequency: 'per_week',
          unitCostPence: 1500,
          startOffset: 0,
          lastsDays: null,
        }),
      );
      break;
    case 'dayMeals':
      out.push(
        line(place, 'day', {
          serviceType: 'Long term support: Community',
          component: 'Day support',
          deliveryMechanism: commissioned,
          unit: 'day',
          quantityHundredths: rng.int(1, 3) * 100,
          frequency: 'per_week',
          unitCostPence: 6200,
          startOffset: 0,
          lastsDays: null,
        }),
      );
      if (rng.chance(0.5)) out.push(mealsLine(place, rng, rng.int(0, 5)));
      break;
    case 'residential':
      out.push(
        line(place, 'residential', {
          serviceType: 'Long term support: Residential care',
          component: 'Long term residential care',
          deliveryMechanism: commissioned,
          unit: 'week',
          quantityHundredths: 100,
          frequency: 'per_week',
          unitCostPence: rng.int(1680, 1840) * 50,
          startOffset: 0,
          lastsDays: null,
        }),
      );
      break;
    case 'nursingHome':
      out.push(
        line(place, 'nursing', {
          serviceType: 'Long term support: Nursing care',
          component: 'Long term nursing care',
          deliveryMechanism: commissioned,
          unit: 'week',
          quantityHundredths: 100,
          frequency: 'per_week',
          unitCostPence: rng.int(2080, 2240) * 50,
          startOffset: 0,
          lastsDays: null,
        }),
      );
      break;
    case 'carer':
      if (rng.chance(0.6)) {
        out.push(
          line(place, 'carers', {
            serviceType: 'Unpaid carer support: Direct to unpaid carer',
            component: 'Direct payment',
            deliveryMechanism: 'Direct payment',
            unit: 'item',
            quantityHundredths: 100,
            frequency: 'one_off',
            unitCostPence: rng.int(6, 12) * 5000,
            startOffset: 0,
            lastsDays: null,
          }),
        );
      } else {
        out.push(
          line(place, 'carers', {
            serviceType: 'Unpaid carer support: Support involving the person cared-for',
            component: 'Unpaid carer sitting service',
            deliveryMechanism: commissioned,
            unit: 'hour',
            quantityHundredths: rng.pick([3, 4, 6]) * 100,
            frequency: 'per_week',
            unitCostPence: homeCareRatePence,
            startOffset: 0,
            lastsDays: null,
          }),
        );
      }
      break;
  }
  return out;
}

function mealsLine(place: ActivityPlace, rng: Random, startOffset: number): LineSpec {
  return line(place, 'meals', {
    serviceType: 'Long term support: Community',
    component: 'Meals',
    deliveryMechanism: commissioned,
    unit: 'item',
    quantityHundredths: rng.pick([5, 7]) * 100,
    frequency: 'per_week',
    unitCostPence: 575,
    startOffset,
    lastsDays: null,
  });
}


const frequencyWords: Record<string, string> = { per_day: 'a day', per_week: 'a week', one_off: 'once' };

/** The plans service's one-line description of a line (its describeLine). */
export function describe(l: { component: string; quantityHundredths: number; unit: string; frequency: string; unitCostPence: number }, provider: string): string {
  const c = lineCost(l);
  const qty = `${l.quantityHundredths / 100} ${l.unit}${l.quantityHundredths === 100 ? '' : 's'} ${frequencyWords[l.frequency] ?? ''}`.trim();
  const money = l.frequency === 'one_off' ? pounds(c.oneOffPence) : `${pounds(c.weeklyPence)} a week`;
  return `${l.component}: ${qty} at ${pounds(l.unitCostPence)} (${money}), ${provider}`;
}

const needWords: Partial<Record<CareActOutcome, { need: string; outcome: string }>> = {
  personalHygiene: { need: 'Help to wash and dress each morning', outcome: 'To feel clean and comfortable' },
  nutrition: { need: 'Help to prepare meals and eat regularly', outcome: 'To eat a hot meal every day' },
  toiletNeeds: { need: 'Help with the toilet at night', outcome: 'To stay continent and safe at night' },
  appropriatelyClothed: { need: 'Help with dressing', outcome: 'To be dressed for the day' },
  homeSafely: { need: 'Equipment and support to move around safely', outcome: 'To stay safe at home without falls' },
  habitableHome: { need: 'Help to keep the home clean and warm', outcome: 'To live in a clean, warm home' },
  relationships: { need: 'Support to keep in touch with family and friends', outcome: 'To see people each week' },
  communityFacilities: { need: 'Support to get out into the community', outcome: 'To get to the shops and the lunch club' },
  workTrainingEducationVolunteering: { need: 'Support to get to work or college', outcome: 'To keep working' },
};

export function planNeeds(unable: readonly string[], kind: PackageKind): { need: string; outcome: string; careActOutcome?: CareActOutcome }[] {
  if (kind === 'carer') return [{ need: 'A regular break from caring', outcome: 'To keep caring without becoming ill' }];
  const out = unable.flatMap((u) => {
    const w = needWords[u as CareActOutcome];
    return w ? [{ ...w, careActOutcome: u as CareActOutcome }] : [];
  });
  return out.length ? out : [{ need: 'Support to manage at home', outcome: 'To stay living at home' }];
}

