/** Input schemas of placements and delivered care (staff side and the provider portal). */
import { z } from 'zod';
import { isoDate, requiredText, versionField } from '../pathway/assessments/fields.js';

export const placementStatuses = ['offered', 'accepted', 'declined', 'withdrawn', 'started', 'ended'] as const;
/** What a provider sees of its placements: never the offers it declined or that were withdrawn. */
export const portalStatuses = ['offered', 'accepted', 'started', 'ended'] as const;

export const placementParams = z.strictObject({ id: z.uuid('must be a placement id (a UUID)') });

const paging = {
  limit: z.coerce.number({ message: 'must be a number from 1 to 500' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
  offset: z.coerce.number({ message: 'must be a number, 0 or more' }).int('must be a whole number').min(0, 'must not be negative').default(0),
};

export const placementListQuery = z.strictObject({
  status: z.enum(placementStatuses, { message: `must be one of ${placementStatuses.join(', ')}` }).optional(),
  providerId: z.uuid('must be a provider’s partner id (a UUID)').optional(),
  personId: z.uuid('must be a person id (a UUID)').optional(),
  ...paging,
});
export type PlacementListQuery = z.infer<typeof placementListQuery>;

export const portalListQuery = z.strictObject({
  status: z.enum(portalStatuses, { message: `must be one of ${portalStatuses.join(', ')}` }).optional(),
  ...paging,
});
export type PortalListQuery = z.infer<typeof portalListQuery>;

export const withdrawInput = z.strictObject({ reason: requiredText(1000, 'must say why the offer is withdrawn'), version: versionField });
export type WithdrawInput = z.infer<typeof withdrawInput>;

export const reofferInput = z.strictObject({
  providerPartnerId: z.uuid('must be the partner id of the provider to offer the line to (a UUID)'),
  reason: requiredText(1000, 'must say why the line goes to this provider'),
});
export type ReofferInput = z.infer<typeof reofferInput>;

export const acceptInput = z.strictObject({ version: versionField });
export const declineInput = z.strictObject({ reason: requiredText(1000, 'must say why you decline the offer (for example, no carers in the area)'), version: versionField });
export const startInput = z.strictObject({ startedOn: isoDate, version: versionField });

export const deliveryInput = z.strictObject({
  deliveredOn: isoDate,
  quantity: z
    .number({ message: 'must be a number of the line’s unit, for example 1.5' })
    .positive('must be more than 0')
    .max(1000, 'must be at most 1000')
    .refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'may have at most two decimal places'),
});
export type DeliveryInput = z.infer<typeof deliveryInput>;
