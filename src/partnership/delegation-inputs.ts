import { z } from 'zod';
import { isIsoDate } from '../platform/dates.js';
import { clientGroups, delegableFunctions, legalBases } from './functions.js';

/** The bodies and querystrings of the delegation endpoints; the web types its forms by them. */

const day = z.string({ message: 'must be a date written YYYY-MM-DD' }).refine(isIsoDate, 'must be a real date written YYYY-MM-DD');
const fn = z.enum(delegableFunctions, { message: `must be one of the functions: ${delegableFunctions.join(', ')}` });
const group = z.enum(clientGroups, { message: `must be one of the client groups: ${clientGroups.join(', ')}` });
const partnerId = z.uuid('must be a partner id (a UUID)');
const words = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const reason = z
  .string({ message: 'must say why the period ends' })
  .trim()
  .min(3, 'must say why the period ends (3 characters or more)')
  .max(1000, 'must be at most 1000 characters');

const periodFields = {
  toPartnerId: partnerId,
  validFrom: day,
  validTo: day.nullable().optional(),
  legalBasis: z.enum(legalBases, { message: `must be one of: ${legalBases.join(', ')}` }),
  legalBasisText: words(500).optional(),
  boardDecisionRef: words(200).optional(),
  note: words(2000).optional(),
};

export const newDelegationInput = z.strictObject({
  function: fn,
  clientGroups: z.array(group, { message: 'must be a list of client groups' }).min(1, 'must name at least one client group'),
  fromPartnerId: partnerId,
  ...periodFields,
});
export type NewDelegationInput = z.output<typeof newDelegationInput>;

export const endDelegationInput = z.strictObject({ validTo: day, reason });
export type EndDelegationInput = z.output<typeof endDelegationInput>;

export const supersedeDelegationInput = z.strictObject({
  ...periodFields,
  clientGroups: z.array(group, { message: 'must be a list of client groups' }).min(1, 'must name at least one client group').optional(),
  fromPartnerId: partnerId.optional(),
  reason,
});
export type SupersedeDelegationInput = z.output<typeof supersedeDelegationInput>;

export const delegationParams = z.strictObject({ id: z.uuid('must be a delegation period id (a UUID)') });

export const accountableQuery = z.strictObject({ function: fn, clientGroup: group, on: day });
