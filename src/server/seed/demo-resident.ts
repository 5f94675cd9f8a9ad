/**
 * Issue 13 demo data: a resident with accesses to look up on /warga. The demo usage history
 * (seed/demo-usage.ts) carries the keyed NIK hashes of sampled production residents; this indexes the log (the
 * same follower the server runs) and picks the sampled resident with the most accesses on the most channels.
 * Returns their identification (NIK, No KK, date of birth, mother's name) for DATA_DIR/demo.json under
 * `resident`, with how many accesses the page lists.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { nikHasher } from '../../domain/nik/hash.js';
import { ALL_DATA_CALL_ACTIONS, channelOf } from '../../domain/audit/actions.js';
import { loadAccessKeys } from '../modules/access/audit/keys.js';
import { sampleNiks } from '../modules/access/population/population.repository.js';
import { catchUpIndex } from '../modules/resident/resident-index.js';
import { MAX_ACCESSES } from '../../domain/resident/resident.js';

/** The demo resident as demo.json gives it. */
export interface DemoResident {
  nik: string;
  kk: string;
  birthDate: string;
  motherName: string;
  accesses: number;
}

/** Indexes the log and returns the demo resident (empty when the warehouse has no resident). */
export async function seedDemoResident(
  db: Kysely<DB>,
  config: Config,
  now: Date,
): Promise<{ resident?: DemoResident }> {
  await catchUpIndex(db, now);
  const hash = nikHasher(loadAccessKeys(config).nikKey);
  const niks = await sampleNiks(db, 'production', 600);
  if (!niks.length) return {};
  const byHash = new Map(niks.map((n) => [hash(n), n]));
  const rows = await db
    .selectFrom('resident_access_index as x')
    .innerJoin('audit_entries as e', 'e.seq', 'x.seq')
    .select(['x.nik_hash', 'e.action', (eb) => eb.fn.countAll<number>().as('n')])
    .where('x.nik_hash', 'in', [...byHash.keys()])
    .where('e.action', 'in', [...ALL_DATA_CALL_ACTIONS])
    .groupBy(['x.nik_hash', 'e.action'])
    .execute();
  const score = new Map<string, { channels: Set<string>; n: number }>();
  for (const r of rows) {
    const s = score.get(r.nik_hash) ?? { channels: new Set<string>(), n: 0 };
    s.channels.add(channelOf(r.action) === 'v1' ? 'web_service' : (channelOf(r.action) ?? r.action));
    s.n += Number(r.n);
    score.set(r.nik_hash, s);
  }
  // The most channels first, then the most accesses (within what the page lists), then the NIK: deterministic.
  const best = [...score.entries()]
    .filter(([, s]) => s.n <= MAX_ACCESSES)
    .sort(
      ([ha, a], [hb, b]) =>
        b.channels.size - a.channels.size || b.n - a.n || (byHash.get(ha) ?? '').localeCompare(byHash.get(hb) ?? ''),
    )[0];
  const nik = best ? (byHash.get(best[0]) as string) : (niks[0] as string);
  const person = await db
    .selectFrom('residents')
    .select(['nik', 'no_kk', 'tgl_lhr', 'nama_lgkp_ibu'])
    .where('nik', '=', nik)
    .executeTakeFirstOrThrow();
  return {
    resident: {
      nik: person.nik,
      kk: person.no_kk,
      birthDate: person.tgl_lhr,
      motherName: person.nama_lgkp_ibu,
      accesses: best ? best[1].n : 0,
    },
  };
}
