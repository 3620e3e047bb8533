/**
 * The service directory as Open Referral UK (the UK profile of HSDS 3.0): each provider or
 * voluntary partner with a directory profile is an organization; each CLD service component it
 * offers is a service of that organization, tagged with a taxonomy term of the CLD Service_Component
 * list, covering the zones of its profile (none: the whole place). A directory is a few hundred
 * services at most, so it is built in memory from the profiles and filtered and paged here.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../platform/db.js';
import { NotFoundError } from '../platform/errors.js';
import { uuidPattern } from '../platform/ids.js';
import { directoryProfileRows, zonesOfPlace, type DirectoryProfileRow, type ZoneRow } from './directory-queries.js';

export const HSDS_VERSION = '3.0';
export const HSDS_PROFILE = 'UK';
export const HSDS_PROFILE_URL = 'https://openreferraluk.org';
export const SERVICE_COMPONENT_TAXONOMY = 'CLD Service_Component';

/** A stable identifier made from the parts it stands for (UUID shaped, as HSDS asks). */
function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function taxonomyTermOf(component: string) {
  return {
    id: stableId('taxonomy_term', SERVICE_COMPONENT_TAXONOMY, component),
    code: slug(component),
    name: component,
    description: `Adult Social Care Client Level Data service component: ${component}`,
    parent_id: null,
    taxonomy: SERVICE_COMPONENT_TAXONOMY,
    language: 'en',
    term_uri: null,
  };
}

export type HsdsOrganization = ReturnType<typeof organizationOf>;
export type HsdsService = ReturnType<typeof serviceOf>;

function organizationOf(p: DirectoryProfileRow) {
  const identifiers = [
    ...(p.odsCode ? [{ id: stableId('org_id', p.partnerId, 'ODS', p.odsCode), organization_id: p.partnerId, identifier_scheme: 'ODS', identifier_type: 'ODS code', identifier: p.odsCode }] : []),
    ...p.cqcLocationIds.map((c) => ({ id: stableId('org_id', p.partnerId, 'CQC', c), organization_id: p.partnerId, identifier_scheme: 'CQC', identifier_type: 'CQC location id', identifier: c })),
  ];
  return {
    id: p.partnerId,
    name: p.name,
    alternate_name: null,
    description: p.description || `${p.name} (${p.kind === 'voluntary' ? 'voluntary sector' : 'care provider'})`,
    email: p.email,
    website: p.website,
    legal_status: p.kind === 'voluntary' ? 'Voluntary or community organisation' : 'Care provider',
    logo: null,
    uri: null,
    parent_organization_id: null,
    organization_identifiers: identifiers,
    attributes: [] as never[],
  };
}

function isActive(p: DirectoryProfileRow, on: string): boolean {
  return (p.validFrom === null || p.validFrom <= on) && (p.validTo === null || p.validTo >= on);
}

function serviceOf(p: DirectoryProfileRow, component: string, zones: ZoneRow[], on: string) {
  const id = stableId('service', p.partnerId, component);
  const term = taxonomyTermOf(component);
  const covered = p.areas.length === 0 ? zones : zones.filter((z) => p.areas.includes(z.code));
  const phones = p.phone ? [{ id: stableId('phone', id), service_id: id, number: p.phone, type: 'voice', description: null }] : [];
  return {
    id,
    organization_id: p.partnerId,
    name: `${component} — ${p.name}`,
    alternate_name: null,
    description: p.description || `${component} from ${p.name}.`,
    url: p.website,
    email: p.email,
    status: (isActive(p, on) ? 'active' : 'inactive') as 'active' | 'inactive',
    fees_description: null,
    accreditations: p.cqcLocationIds.length ? `CQC registered (${p.cqcLocationIds.join(', ')})` : null,
    minimum_age: null,
    maximum_age: null,
    assured_date: null,
    assurer_email: null,
    alert: null,
    last_modified: new Date(p.updatedAt).toISOString(),
    phones,
    schedules: [] as never[],
    service_areas: covered.map((z) => ({ id: stableId('service_area', id, z.code), service_id: id, name: z.name, description: `Zone ${z.code}`, extent: null, extent_type: null, uri: null, code: z.code })),
    service_at_locations: [] as never[],
    languages: [] as never[],
    cost_options: [] as never[],
    funding: [] as never[],
    contacts: p.email || p.phone ? [{ id: stableId('contact', id), service_id: id, organization_id: p.partnerId, name: p.name, title: null, department: null, email: p.email, phones }] : [],
    attributes: [{ id: stableId('attribute', id, term.id), link_id: id, link_type: 'service', link_entity: 'service', taxonomy_term_id: term.id, value: null, taxonomy_term: term }],
    organization: organizationOf(p),
  };
}

export type DirectoryFilter = { text?: string; taxonomyTermId?: string; serviceComponent?: string; zone?: string; includeInactive?: boolean };

type Built = { services: HsdsService[]; organizations: HsdsOrganization[] };

async function build(db: Executor, placeId: string, on: string, partnerId?: string): Promise<Built> {
  const [profiles, zones] = await Promise.all([directoryProfileRows(db, placeId, partnerId), zonesOfPlace(db, placeId)]);
  const services = profiles.flatMap((p) => [...p.services].sort().map((c) => serviceOf(p, c, zones, on)));
  return { services, organizations: profiles.map(organizationOf) };
}

function matches(s: HsdsService, f: DirectoryFilter): boolean {
  if (!f.includeInactive && s.status !== 'active') return false;
  const term = s.attributes[0]!.taxonomy_term;
  if (f.taxonomyTermId && term.id !== f.taxonomyTermId && term.code !== f.taxonomyTermId) return false;
  if (f.serviceComponent && term.name !== f.serviceComponent) return false;
  if (f.zone && !s.service_areas.some((a) => a.code === f.zone)) return false;
  if (f.text) {
    const needle = f.text.toLowerCase();
    const hay = `${s.name} ${s.description} ${s.organization.name} ${term.name}`.toLowerCase();
    if (!needle.split(/\s+/).filter(Boolean).every((w) => hay.includes(w))) return false;
  }
  return true;
}

export type Paged<T> = {
  page: number;
  per_page: number;
  total_items: number;
  total_pages: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  size: number;
  number: number;
  contents: T[];
};

export function pageOf<T>(all: T[], page: number, perPage: number): Paged<T> {
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const contents = all.slice((page - 1) * perPage, page * perPage);
  return { page, per_page: perPage, total_items: all.length, total_pages: totalPages, first_page: page === 1, last_page: page >= totalPages, empty: contents.length === 0, size: contents.length, number: page, contents };
}

/** The directory's services matching the filter (active ones unless asked), by name. */
export async function directoryServices(db: Executor, placeId: string, on: string, f: DirectoryFilter = {}): Promise<HsdsService[]> {
  const { services } = await build(db, placeId, on);
  return services.filter((s) => matches(s, f)).sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id));
}

/** One service by its id, whatever its status; NotFoundError names what to ask instead. */
export async function directoryService(db: Executor, placeId: string, on: string, id: string): Promise<HsdsService> {
  const found = (await build(db, placeId, on)).services.find((s) => s.id === id);
  if (!found) throw new NotFoundError(`No service ${id} in this place's directory: list them at /api/commissioning/directory/services.`);
  return found;
}

export async function directoryOrganizations(db: Executor, placeId: string, on: string): Promise<HsdsOrganization[]> {
  return (await build(db, placeId, on)).organizations;
}

export async function directoryOrganization(db: Executor, placeId: string, on: string, id: string) {
  // An id that is not a UUID cannot name a partner (and must not reach a uuid comparison).
  const { organizations, services } = uuidPattern.test(id) ? await build(db, placeId, on, id) : { organizations: [], services: [] };
  const org = organizations[0];
  if (!org) throw new NotFoundError(`No organization ${id} in this place's directory: list them at /api/commissioning/directory/organizations.`);
  return { ...org, services: services.map(({ organization: _o, ...s }) => s) };
}

/**
 * The front door's signposting choices: active services covering the person's zone (any zone when
 * the person has none) for the need's service components (all components when none is given).
 */
export async function signpostingChoices(db: Executor, placeId: string, on: string, q: { zone: string | null; serviceComponents: readonly string[] }) {
  const all = await directoryServices(db, placeId, on, q.zone ? { zone: q.zone } : {});
  const wanted = q.serviceComponents.length ? all.filter((s) => q.serviceComponents.includes(s.attributes[0]!.taxonomy_term.name)) : all;
  return (wanted.length ? wanted : all).map((s) => ({ id: s.id, name: s.name, organizationName: s.organization.name, serviceComponent: s.attributes[0]!.taxonomy_term.name, email: s.email, phone: s.phones[0]?.number ?? null, matchesNeed: wanted.length > 0 }));
}
