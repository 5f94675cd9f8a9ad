/**
 * The index of accesses by keyed NIK hash (issue 13), off the request path: the gateway only writes the signed
 * log; this follower reads the sealed entries after its cursor in chunks and, in ONE transaction per chunk,
 * moves the cursor — only if nobody moved it meanwhile — and adds a row (NIK hash, seq) per data call carrying a
 * NIK hash (every channel, refusals too: the resident sees the result; not calls refused at their login, which no institution made: `byItsPrincipal`). Two processes indexing at once never
 * double-index (the loser rolls back and reads again) and a crash loses nothing (rows and cursor commit
 * together). Run by the scheduler's `resident-index` job each tick and, in a serving process, by `ResidentIndex`,
 * which looks every ~2 s whether the log grew (the usage ledger's pattern, modules/usage/ledger.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isDataCall, byItsPrincipal } from '../../../domain/audit/actions.js';
import { entryRowsBetween, sealedEnd } from '../access/audit/audit.repository.js';
import { catchUpSteps, LogFollower } from '../access/audit/log-follower.js';
import * as repo from './resident.repository.js';

/** Entries read and indexed per transaction. */
export const INDEX_CHUNK = 2000;

/**
 * One step: indexes up to `chunk` sealed entries after the cursor. Returns the entries read (0 when caught up),
 * or -1 when another process moved the cursor first.
 */
export async function indexStep(db: Kysely<DB>, now: Date, chunk = INDEX_CHUNK): Promise<number> {
  const cursor = await repo.readCursor(db);
  const end = await sealedEnd(db);
  if (end <= cursor) return 0;
  const rows = await entryRowsBetween(db, cursor + 1, end, chunk);
  const last = rows[rows.length - 1];
  if (!last) return 0;
  const index = rows
    .filter((r) => r.nik_hash && isDataCall(r.action) && byItsPrincipal(r.result_code, r.actor_id))
    .map((r) => ({ nikHash: r.nik_hash as string, seq: Number(r.seq) }));
  const moved = await db.transaction().execute(async (trx) => {
    if (!(await repo.advanceCursor(trx, cursor, Number(last.seq), now.toISOString()))) return false;
    await repo.addIndexRows(trx, index);
    return true;
  });
  return moved ? rows.length : -1;
}

/** Indexes until caught up with the sealed log; returns the entries read by this process. */
export function catchUpIndex(db: Kysely<DB>, now: Date): Promise<number> {
  return catchUpSteps(() => indexStep(db, now));
}

/** The in-process follower of a serving process (access/audit/log-follower.ts); `catchUp()` for tests. */
export class ResidentIndex extends LogFollower {
  constructor(db: Kysely<DB>, now: () => Date, log: (message: string, err?: unknown) => void = () => undefined) {
    super(db, () => catchUpIndex(db, now()), log, 'resident index: indexing failed; retried at the next look');
  }
}
