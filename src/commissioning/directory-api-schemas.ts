/** Response shapes of the service directory: Open Referral UK (HSDS 3.0) objects and its paged list. */
import { z } from 'zod';

const str = z.string().nullable();

export const hsdsTaxonomyTerm = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  parent_id: str,
  taxonomy: z.string().describe('The taxonomy the term belongs to: here the CLD Service_Component list'),
  language: z.string(),
  term_uri: str,
});

export const hsdsAttribute = z.object({
  id: z.string(),
  link_id: z.string(),
  link_type: z.string(),
  link_entity: z.string(),
  taxonomy_term_id: z.string(),
  value: str,
  taxonomy_term: hsdsTaxonomyTerm,
});

export const hsdsOrganizationIdentifier = z.object({
  id: z.string(),
  organization_id: z.string(),
  identifier_scheme: z.string().describe('ODS or CQC'),
  identifier_type: z.string(),
  identifier: z.string(),
});

export const hsdsOrganization = z.object({
  id: z.string(),
  name: z.string(),
  alternate_name: str,
  description: z.string(),
  email: str,
  website: str,
  legal_status: z.string(),
  logo: str,
  uri: str,
  parent_organization_id: str,
  organization_identifiers: z.array(hsdsOrganizationIdentifier),
  attributes: z.array(hsdsAttribute),
});

export const hsdsPhone = z.object({ id: z.string(), service_id: z.string(), number: z.string(), type: z.string(), description: str });

export const hsdsServiceArea = z.object({
  id: z.string(),
  service_id: z.string(),
  name: z.string(),
  description: z.string(),
  extent: str,
  extent_type: str,
  uri: str,
  code: z.string().describe('The zone code of the place (Caretrust extension)'),
});

export const hsdsContact = z.object({
  id: z.string(),
  service_id: z.string(),
  organization_id: z.string(),
  name: z.string(),
  title: str,
  department: str,
  email: str,
  phones: z.array(hsdsPhone),
});

const hsdsServiceFields = {
  id: z.string(),
  organization_id: z.string(),
  name: z.string(),
  alternate_name: str,
  description: z.string(),
  url: str,
  email: str,
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']),
  fees_description: str,
  accreditations: str,
  minimum_age: z.number().nullable(),
  maximum_age: z.number().nullable(),
  assured_date: str,
  assurer_email: str,
  alert: str,
  last_modified: z.string(),
  phones: z.array(hsdsPhone),
  schedules: z.array(z.unknown()),
  service_areas: z.array(hsdsServiceArea),
  service_at_locations: z.array(z.unknown()).describe('Providers here have no locations recorded yet'),
  languages: z.array(z.unknown()),
  cost_options: z.array(z.unknown()),
  funding: z.array(z.unknown()),
  contacts: z.array(hsdsContact),
  attributes: z.array(hsdsAttribute),
};

export const hsdsService = z.object({ ...hsdsServiceFields, organization: hsdsOrganization });
export const hsdsOrganizationWithServices = hsdsOrganization.extend({ services: z.array(z.object(hsdsServiceFields)) });

function paged<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    page: z.number().int(),
    per_page: z.number().int(),
    total_items: z.number().int(),
    total_pages: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    size: z.number().int().describe('Items on this page'),
    number: z.number().int().describe('This page’s number, from 1'),
    contents: z.array(item),
  });
}

export const hsdsServicesPage = paged(hsdsService);
export const hsdsOrganizationsPage = paged(hsdsOrganization);

export const hsdsApiInfo = z.object({
  version: z.string(),
  profile: z.string(),
  profile_url: z.string(),
  openapi_url: z.string(),
});
