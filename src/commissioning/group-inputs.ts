/** Inputs of commissioning groups: a new group, a member, the end of a membership, a decision. */
import { z } from 'zod';
import { clientGroups } from '../partnership/functions.js';
import { isIsoDate } from '../platform/dates.js';

export const memberRoles = ['chair', 'member', 'councillor', 'clinician', 'lay_member', 'officer'] as const;
export const memberBases = ['appointed', 'elected'] as const;
export const groupKinds = ['group', 'joint_board'] as const;

const day = z.string({ message: 'must be a date written YYYY-MM-DD' }).refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });
const uuid = z.uuid({ message: 'must be an id (UUID)' });

export const groupParams = z.object({ id: uuid });
export const memberParams = z.object({ id: uuid, memberId: uuid });

export const newGroupInput = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  kind: z.enum(groupKinds, { message: 'must be group or joint_board' }).default('group'),
  clientGroups: z.array(z.enum(clientGroups, { message: `must be one of ${clientGroups.join(', ')}` })).min(1, 'must name at least one client group'),
  budgetLineCodes: z.array(z.string().trim()).max(200, 'must be at most 200 budget lines').default([]),
  leadPartnerId: uuid.nullable().default(null),
  validFrom: day,
  validTo: day.nullable().default(null),
});
export type NewGroupInput = z.infer<typeof newGroupInput>;

export const newMemberInput = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  role: z.enum(memberRoles, { message: `must be one of ${memberRoles.join(', ')}` }),
  basis: z.enum(memberBases, { message: 'must be appointed or elected' }).default('appointed'),
  partnerId: uuid.nullable().default(null),
  fromOn: day,
  toOn: day.nullable().default(null),
});
export type NewMemberInput = z.infer<typeof newMemberInput>;

export const endMembershipInput = z.strictObject({ toOn: day });

export const newDecisionInput = z.strictObject({
  decidedOn: day,
  reference: z.string().trim().min(1, 'is required').max(60, 'must be at most 60 characters'),
  title: z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters'),
  text: z.string().trim().min(1, 'is required').max(20000, 'must be at most 20,000 characters'),
  contractIds: z.array(uuid).max(100, 'must be at most 100 contracts').default([]),
});
export type NewDecisionInput = z.infer<typeof newDecisionInput>;
