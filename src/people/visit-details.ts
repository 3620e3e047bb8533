/**
 * The least a provider needs to deliver care to someone (issue #15, the provider portal): their
 * name, where to go and a phone number. Nothing else of the record: no NHS number, date of birth,
 * GP, carers or sharing preferences. The caller has checked the provider holds a placement for
 * the person and audits the read with the person's id.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { people } from './schema.js';

export type VisitDetails = { id: string; name: string; addressLine: string; postcode: string; phone: string | null };

export async function visitDetailsOf(db: Executor, placeId: string, ids: string[]): Promise<Map<string, VisitDetails>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: people.id, givenName: people.givenName, familyName: people.familyName, addressLines: people.addressLines, postcode: people.postcode, phone: people.phone })
    .from(people)
    .where(and(eq(people.placeId, placeId), inArray(people.id, [...new Set(ids)])));
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: `${r.givenName} ${r.familyName}`, addressLine: r.addressLines[0] ?? '', postcode: r.postcode, phone: r.phone.trim() === '' ? null : r.phone },
    ]),
  );
}
