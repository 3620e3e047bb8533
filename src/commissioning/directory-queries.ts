/**
 * The directory's SQL: provider_profile rows of partners of kind provider or voluntary, and the
 * place's zones (the service areas). Until the providers part's `providerProfiles` is merged this
 * reads the profile and partner itself (same module).
 */
import { rowsOf, sql, type Executor } from '../platform/db.js';

export type DirectoryProfileRow = {
  partnerId: string;
  name: string;
  kind: 'provider' | 'voluntary';
  odsCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  description: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  services: string[];
  areas: string[];
  cqcLocationIds: string[];
  updatedAt: Date | string;
};

export type ZoneRow = { id: string; code: string; name: string };

export async function directoryProfileRows(db: Executor, placeId: string, partnerId?: string): Promise<DirectoryProfileRow[]> {
  const one = partnerId ? sql`and p.id = ${partnerId}` : sql``;
  return rowsOf<DirectoryProfileRow>(
    db,
    sql`select p.id as "partnerId", p.name, p.kind, p.ods_code as "odsCode", p.valid_from::text as "validFrom", p.valid_to::text as "validTo",
               pp.description, pp.email, pp.phone, pp.website, pp.services, pp.areas, pp.cqc_location_ids as "cqcLocationIds", pp.updated_at as "updatedAt"
          from provider_profile pp
          join partner p on p.place_id = pp.place_id and p.id = pp.partner_id
         where pp.place_id = ${placeId} and p.kind in ('provider','voluntary') ${one}
         order by p.name, p.id`,
  );
}

export async function zonesOfPlace(db: Executor, placeId: string): Promise<ZoneRow[]> {
  return rowsOf<ZoneRow>(db, sql`select id, code, name from zone where place_id = ${placeId} order by code`);
}
