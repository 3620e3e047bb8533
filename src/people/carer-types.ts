import { z } from 'zod';
import { isoDate } from './types.js';

/** How a carer is related to the person they care for. */
export const carerRelationships = ['spouse', 'partner', 'daughter', 'son', 'parent', 'sibling', 'other_relative', 'friend', 'neighbour', 'other'] as const;
export type CarerRelationship = (typeof carerRelationships)[number];
export const carerRelationshipLabels: Record<CarerRelationship, string> = {
  spouse: 'Spouse',
  partner: 'Partner',
  daughter: 'Daughter',
  son: 'Son',
  parent: 'Parent',
  sibling: 'Brother or sister',
  other_relative: 'Other relative',
  friend: 'Friend',
  neighbour: 'Neighbour',
  other: 'Other',
};

export const carerRelationshipLabel = (code: string) => carerRelationshipLabels[code as CarerRelationship] ?? code;

const reasonText = z
  .string()
  .trim()
  .max(500, 'must be at most 500 characters')
  .refine((s) => ![...s].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127), 'contains control characters');

export const newCarerInput = z.strictObject({
  carerPersonId: z.uuid('must be the id of the carer’s own record on the register (a UUID)'),
  relationship: z.enum(carerRelationships, { message: `must be one of ${carerRelationships.join(', ')}` }),
  livesWith: z.boolean({ message: 'must be true or false' }).default(false),
  mainCarer: z.boolean({ message: 'must be true or false' }).default(false),
  /** The day the caring began; today when not given. */
  validFrom: isoDate.optional(),
});
export type NewCarerInput = z.output<typeof newCarerInput>;

export const endCarerInput = z.strictObject({
  validTo: isoDate,
  reason: reasonText.default(''),
});
export type EndCarerInput = z.output<typeof endCarerInput>;

export const carerParams = z.strictObject({
  id: z.uuid('must be a person id (a UUID)'),
  relationshipId: z.uuid('must be a carer relationship id (a UUID)'),
});
