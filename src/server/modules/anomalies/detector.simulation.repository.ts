/**
 * What `gerbang traffic simulate` reads from the instance's database before it plays traffic over HTTP: the
 * credential's population and service area, and found NIKs of that area and of elsewhere (the scenarios'
 * pools). Read-only; the traffic itself goes through the running server like any caller's.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { areaPrefixOf } from '../../../domain/anomalies/features.js';

/** The web-service credential of a user id: its population and its office's area (NIK prefix). */
export async function credentialPlacement(db: Kysely<DB>, userId: string) {
  const r = await db
    .selectFrom('access_grants')
    .innerJoin('institutions', 'institutions.id', 'access_grants.institution_id')
    .innerJoin('offices', 'offices.id', 'institutions.office_id')
    .select(['access_grants.environment', 'access_grants.customer_id', 'offices.code', 'offices.timezone'])
    .where('access_grants.user_id', '=', userId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    population: r.environment === 'trial' ? ('sandbox' as const) : ('production' as const),
    customerId: r.customer_id,
    areaPrefix: areaPrefixOf(r.code),
    // The scenarios' office hours: WIB, WITA or WIT.
    offsetMinutes: r.timezone === 'Asia/Jayapura' ? 540 : r.timezone === 'Asia/Makassar' ? 480 : 420,
  };
}

/** Found (alive, active) NIKs of the area and of elsewhere, at most `n` each. */
export async function nikPools(
  db: Kysely<DB>,
  population: 'sandbox' | 'production',
  areaPrefix: string | null,
  n: number,
) {
  const table = population === 'sandbox' ? 'residents_sandbox' : 'residents';
  const base = () => db.selectFrom(table).select('nik').where('alive', '=', 1).where('active', '=', 1);
  const inArea = areaPrefix ? await base().where('nik', 'like', `${areaPrefix}%`).limit(n).execute() : [];
  const outside = await (areaPrefix ? base().where('nik', 'not like', `${areaPrefix}%`) : base()).limit(n).execute();
  return { inArea: inArea.map((r) => r.nik), outside: outside.map((r) => r.nik) };
}
