import { z } from 'zod';
import { newPersonInput } from '../../people/types.js';
import { frontDoorOutcomeCode, routeOfAccessCode } from '../codes.js';
import { referralNeeds, routingClientGroups } from '../../partnership/routing.js';

export const referralSources = ['gp', 'hospital', 'community_nurse', 'self', 'family_carer', 'police', 'other'] as const;
export const sourceLabels: Record<(typeof referralSources)[number], string> = {
  gp: 'GP',
  hospital: 'Hospital',
  community_nurse: 'Community nurse',
  self: 'Self-referral',
  family_carer: 'Family or carer',
  police: 'Police',
  other: 'Other',
};
export const urgencies = ['routine', 'urgent', 'emergency'] as const;

const personRef = z.union([
  z.strictObject({ id: z.uuid('must be a person id') }),
  // Someone perhaps not on the register yet: matched on NHS number, or name and date of birth.
  newPersonInput,
]);

export const newReferralInput = z.strictObject({
  person: personRef,
  source: z.enum(referralSources, { message: `must be one of ${referralSources.join(', ')}` }),
  sourceName: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  routeOfAccess: routeOfAccessCode.default('Community or other route'),
  reason: z.string().trim().min(3, 'must say why support is asked for').max(4000, 'must be at most 4000 characters'),
  urgency: z.enum(urgencies, { message: 'must be routine, urgent or emergency' }).default('routine'),
  /** Who the referral is for, as the place's services are organised; from the person's age when left out. */
  clientGroup: z.enum(routingClientGroups, { message: `must be one of ${routingClientGroups.join(', ')}` }).optional(),
  /** What is asked for: the place's routing rules may send some needs to their own teams. */
  need: z.enum(referralNeeds, { message: `must be one of ${referralNeeds.join(', ')}` }).optional(),
  receivedAt: z.iso.datetime({ offset: true, message: 'must be an instant like 2026-11-02T09:30:00Z' }).optional(),
  externalRef: z.string().trim().min(1).max(100, 'must be at most 100 characters').optional(),
  /** Join an open referral for the same person instead of making a second one. */
  joinOpen: z.boolean().default(false),
});
export type NewReferral = z.input<typeof newReferralInput>;
export type NewReferralParsed = z.output<typeof newReferralInput>;

export const versionBody = { version: z.number({ message: 'must be the version you read' }).int().min(1) };

export const resolveInput = z.strictObject({
  outcome: frontDoorOutcomeCode,
  note: z.string().trim().max(4000).default(''),
  ...versionBody,
});

export const acceptInput = z.strictObject({
  /** The zone team; proposed from the person's GP practice when left out. */
  teamId: z.uuid('must be a team id').optional(),
  ...versionBody,
});

export const allocateInput = z.strictObject({
  workerStaffId: z.uuid('must be a staff id'),
  ...versionBody,
});

export const referralQuery = z.strictObject({
  status: z.enum(['received', 'resolved', 'accepted', 'allocated', 'closed']).optional(),
  teamId: z.uuid().optional(),
  personId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const transferInput = z
  .strictObject({
    teamId: z.uuid('must be a team id').optional(),
    workerStaffId: z.uuid('must be a staff id').nullable().optional(),
    reason: z.string().trim().min(3, 'must say why').max(1000),
    ...versionBody,
  })
  .refine((t) => t.teamId !== undefined || t.workerStaffId !== undefined, { message: 'name a team or a worker to transfer to', path: ['teamId'] });

export const closeCaseInput = z.strictObject({
  reason: z.string().trim().min(3, 'must say why the case closes').max(1000),
  ...versionBody,
});

/** A caseload page: 50 cases unless asked, at most 200. */
export const caseloadPageSize = { default: 50, max: 200 } as const;

export const caseloadQuery = z
  .strictObject({
    teamId: z.uuid().optional(),
    staffId: z.uuid().optional(),
    zoneId: z.uuid().optional(),
    limit: z.coerce
      .number({ message: 'must be a number of cases' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(caseloadPageSize.max, `must be at most ${caseloadPageSize.max}`)
      .default(caseloadPageSize.default),
    /** The next page: the cases after this one (the page's `nextAfter`). */
    after: z.uuid('must be a case id (nextAfter of the page before)').optional(),
    /** The previous page: the cases before this one (the page's `previousBefore`). */
    before: z.uuid('must be a case id (previousBefore of the page after)').optional(),
  })
  .refine((q) => [q.teamId, q.staffId, q.zoneId].filter(Boolean).length === 1, { message: 'give exactly one of teamId, staffId or zoneId', path: ['teamId'] })
  .refine((q) => !(q.after && q.before), { message: 'give after or before, not both', path: ['before'] });
export type CaseloadQuery = z.output<typeof caseloadQuery>;
