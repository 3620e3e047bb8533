import { roleLabels, roles, sectorOfProfession } from '../../access/roles.js';
import { attributionLabels, attributions, delayReasonCodes, delayReasons } from '../../flow/codes.js';
import { providingPartnerKinds } from '../../partnership/lookups.js';
import { carerRelationshipLabels, carerRelationships } from '../../people/carer-types.js';
import { professionLabel, professions } from '../../partnership/professions.js';
import { careActOutcomeLabels, careActOutcomes, sectionLabels, sectionNames } from '../assessments/sections.js';
import {
  assessmentTypes,
  costFrequencyUnitTypes,
  deliveryMechanisms,
  eventOutcomeLabel,
  eventOutcomes,
  frontDoorOutcomeLabel,
  frontDoorOutcomes,
  primarySupportReasons,
  routesOfAccess,
  serviceComponents,
  serviceTypes,
} from '../codes.js';
import { subjectTypeLabels, subjectTypes, timelineKindLabels, timelineKinds } from '../events.js';
import { referralSources, sourceLabels, urgencies } from '../front-door/types.js';
import { clientGroupLabels, needLabels, referralNeeds, routingClientGroups } from '../../partnership/routing.js';
import { frequencies } from '../plans/cost.js';
import { stateWords, lineStates } from '../plans/states.js';
import { frequencyWords, unitWords, units } from '../plans/types.js';

export type Code = { code: string; label: string };

const asIs = (values: readonly string[]): Code[] => values.map((code) => ({ code, label: code }));
const labelled = <K extends string>(values: readonly K[], label: (k: K) => string): Code[] => values.map((code) => ({ code, label: label(code) }));

const sectorLabels = { health: 'Health', social_care: 'Social care', integrated: 'Health and social care' } as const;
const sentenceCase = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
const urgencyLabels: Record<(typeof urgencies)[number], string> = { routine: 'Routine', urgent: 'Urgent', emergency: 'Emergency' };
const providerKindLabels: Record<(typeof providingPartnerKinds)[number], string> = {
  provider: 'Provider',
  voluntary: 'Voluntary organisation',
  nhs_trust: 'NHS trust',
  care_trust: 'Care trust',
  council: 'Council',
};

/**
 * Every coded list a page offers or reads, with the words for each code, from the lists the
 * server validates against: a select can then never offer a code the server refuses, and a label
 * reads the same on every page. The CLD lists are the Client Level Data wording, so their codes
 * are their labels (outcomes excepted, which read as sentences).
 */
export function codeLists() {
  return {
    routesOfAccess: asIs(routesOfAccess),
    eventOutcomes: labelled(eventOutcomes, eventOutcomeLabel),
    frontDoorOutcomes: labelled(frontDoorOutcomes, frontDoorOutcomeLabel),
    assessmentTypes: asIs(assessmentTypes),
    primarySupportReasons: asIs(primarySupportReasons),
    serviceTypes: asIs(serviceTypes),
    serviceComponents: asIs(serviceComponents),
    deliveryMechanisms: asIs(deliveryMechanisms),
    costFrequencyUnitTypes: asIs(costFrequencyUnitTypes),
    referralSources: labelled(referralSources, (s) => sourceLabels[s]),
    urgencies: labelled(urgencies, (u) => urgencyLabels[u]),
    clientGroups: labelled(routingClientGroups, (g) => sentenceCase(clientGroupLabels[g])),
    referralNeeds: labelled(referralNeeds, (n) => sentenceCase(needLabels[n])),
    careActOutcomes: labelled(careActOutcomes, (o) => careActOutcomeLabels[o]),
    assessmentSections: labelled(sectionNames, (s) => sectionLabels[s]),
    units: units.map((code) => ({ code, ...unitWords[code] })),
    frequencies: frequencies.map((code) => ({ code, ...frequencyWords[code] })),
    lineStatuses: labelled(lineStates, (s) => stateWords[s].charAt(0).toUpperCase() + stateWords[s].slice(1)),
    providerPartnerKinds: labelled(providingPartnerKinds, (k) => providerKindLabels[k]),
    roles: labelled(roles, (r) => roleLabels[r]),
    professions: professions.map((code) => ({ code, label: professionLabel(code), sector: sectorOfProfession(code) })),
    sectors: labelled(Object.keys(sectorLabels) as (keyof typeof sectorLabels)[], (s) => sectorLabels[s]),
    timelineKinds: labelled(timelineKinds, (k) => timelineKindLabels[k]),
    timelineSubjects: labelled(subjectTypes, (s) => subjectTypeLabels[s]),
    delayReasons: delayReasonCodes.map((code) => ({
      code,
      label: delayReasons[code].label,
      short: delayReasons[code].short,
      attributions: [...delayReasons[code].allowed],
      defaultAttribution: delayReasons[code].default,
    })),
    delayAttributions: labelled(attributions, (a) => attributionLabels[a]),
    carerRelationships: labelled(carerRelationships, (r) => carerRelationshipLabels[r]),
  };
}

export type CodeLists = ReturnType<typeof codeLists>;
