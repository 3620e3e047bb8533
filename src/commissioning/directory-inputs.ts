/** Query inputs of the service directory (HSDS 3.0 API parameters). */
import { z } from 'zod';

const pageFields = {
  page: z.coerce.number({ message: 'must be a page number from 1' }).int('must be a whole number').min(1, 'must be 1 or more').default(1),
  per_page: z.coerce.number({ message: 'must be a number of items a page' }).int('must be a whole number').min(1, 'must be 1 or more').max(200, 'must be at most 200').default(50),
};

export const servicesQuery = z.object({
  ...pageFields,
  text: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  taxonomy_term_id: z.string().trim().max(200).optional().describe('A taxonomy term id or code (CLD Service_Component)'),
  service_component: z.string().trim().max(200).optional().describe('A CLD Service_Component, as worded in the return'),
  zone: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be a zone code such as Z1').optional(),
});

export const organizationsQuery = z.object(pageFields);

export const idParams = z.object({ id: z.string().trim().min(1, 'is required').max(100, 'is too long') });
