/**
 * The usage ledger (issue 12): the signed audit log's data calls folded into counters, off the request path. Each
 * step reads the entries after the cursor (sealed ones only) in chunks, folds them (domain/usage/fold.ts) and, in
 * ONE transaction, moves the cursor — only if nobody moved it meanwhile — and adds the counters. Two processes
 * folding at once never count an entry twice (the loser rolls back and reads again) and a crash loses nothing
 * (the counters and the cursor commit together). The gateway is untouched: it only writes the log.
 *
 * Who folds: the scheduler's `usage-ledger` job each tick, and in a serving process a light follower that looks
 * every ~2 s whether the log grew (`UsageLedger`). `rebuildLedger` empties the ledger and folds again from the
 * start, `reconcileLedger` holds the ledger against a GROUP BY over the log up to the cursor.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { dayBoundaryUtc, localDayOfGroup } from '../../../domain/audit/oversight.js';
import { channelOf } from '../../../domain/audit/actions.js';
import {
  DEFAULT_OFFSET_MINUTES,
  differences,
  foldEntries,
  type FoldEntry,
  type ReconcileDifference,
  type ReconcileTotal,
} from '../../../domain/usage/fold.js';
import { catchUpSteps, LogFollower } from '../access/audit/log-follower.js';
import * as repo from './ledger.repository.js';

/** Entries read and folded per transaction. */
export const FOLD_CHUNK = 2000;

/** How the ledger logs trouble that does not stop it. */
export type LedgerLog = (message: string, err?: unknown) => void;

/**
 * Folds the log into the ledger with caches of what places entries: each office's offset (its calendar's time
 * zone), each institution's office, each device's grant, each operator's grant.
 */
export class LedgerFolder {
  private readonly officeOf = new Map<string, string | null>();
  private readonly offsetOfOffice = new Map<string, number>();
  private readonly deviceGrant = new Map<string, string>();
  private readonly operatorGrant = new Map<string, string>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: LedgerLog = () => undefined,
  ) {}

  /** The UTC offset of an office's calendar (cached), WIB when it cannot be read. */
  async offsetOf(officeId: string): Promise<number> {
    let o = this.offsetOfOffice.get(officeId);
    if (o === undefined) {
      try {
        o = (await calendarFor(this.db, officeId)).offsetMinutes;
      } catch (e) {
        this.log(`usage ledger: office ${officeId} has no usable calendar; its days are counted in WIB`, e);
        o = DEFAULT_OFFSET_MINUTES;
      }
      this.offsetOfOffice.set(officeId, o);
    }
    return o;
  }

  private async contextFor(entries: readonly FoldEntry[]) {
    const institutions = new Set<string>();
    const devices = new Set<string>();
    const operators = new Set<string>();
    for (const e of entries) {
      if (e.institutionId && !this.officeOf.has(e.institutionId)) institutions.add(e.institutionId);
      if (e.grantId) continue;
      if (e.actorKind === 'device' && !this.deviceGrant.has(e.actorId)) devices.add(e.actorId);
      if (e.actorKind === 'operator' && !this.operatorGrant.has(e.actorId)) operators.add(e.actorId);
    }
    const [offices, dg, og] = await Promise.all([
      repo.officesOf(this.db, [...institutions]),
      repo.deviceGrants(this.db, [...devices]),
      repo.operatorGrants(this.db, [...operators]),
    ]);
    for (const id of institutions) this.officeOf.set(id, offices.get(id) ?? null);
    for (const [k, v] of dg) this.deviceGrant.set(k, v);
    for (const [k, v] of og) this.operatorGrant.set(k, v);
    const offsetOf = new Map<string, number>();
    for (const e of entries) {
      if (!e.institutionId || offsetOf.has(e.institutionId)) continue;
      const office = this.officeOf.get(e.institutionId);
      offsetOf.set(e.institutionId, office ? await this.offsetOf(office) : DEFAULT_OFFSET_MINUTES);
    }
    return { offsetOf, deviceGrant: this.deviceGrant, operatorGrant: this.operatorGrant };
  }

  /**
   * One step: folds up to `chunk` sealed entries after the cursor in one conditional transaction. Returns the
   * entries folded (0 when the ledger is caught up), or -1 when another process moved the cursor first.
   */
  async step(now: Date, chunk = FOLD_CHUNK): Promise<number> {
    const cursor = await repo.readCursor(this.db);
    const end = await repo.sealedEnd(this.db);
    if (end <= cursor.lastSeq) return 0;
    const entries = await repo.entriesAfter(this.db, cursor.lastSeq, end, chunk);
    const last = entries[entries.length - 1];
    if (!last) return 0;
    const fold = foldEntries(entries, await this.contextFor(entries));
    const moved = await this.db.transaction().execute(async (trx) => {
      if (!(await repo.advanceCursor(trx, cursor.lastSeq, last.seq, fold.newest, now.toISOString()))) return false;
      await repo.addCalls(trx, fold.calls);
      await repo.addElements(trx, fold.elements);
      return true;
    });
    return moved ? entries.length : -1;
  }

  /** Folds until caught up with the sealed log; returns the entries folded by this process. */
  catchUp(now: Date, onProgress?: (folded: number) => void): Promise<number> {
    return catchUpSteps(() => this.step(now), onProgress);
  }
}

/** Folds what the log holds beyond the cursor (the scheduler job's run, the CLI, tests). */
export function catchUpLedger(db: Kysely<DB>, now: Date, log?: LedgerLog): Promise<number> {
  return new LedgerFolder(db, log).catchUp(now);
}

/**
 * Rebuilds the ledger from the log: one transaction empties it and sets the cursor to 0, then the ordinary
 * conditional steps fold everything again. Safely resumable: at every commit the ledger equals the log up to
 * its cursor, so a rebuild interrupted half-way is finished by the next catch-up (or rebuild).
 */
export async function rebuildLedger(
  db: Kysely<DB>,
  now: Date,
  options: { onProgress?: (folded: number, total: number) => void; log?: LedgerLog } = {},
): Promise<{ folded: number; total: number }> {
  await db.transaction().execute((trx) => repo.truncateLedger(trx, now.toISOString()));
  const total = await repo.sealedEnd(db);
  options.onProgress?.(0, total);
  const folder = new LedgerFolder(db, options.log);
  const folded = await folder.catchUp(now, (n) => options.onProgress?.(n, total));
  return { folded, total };
}

/** What reconciliation found. */
export interface Reconciliation {
  /** The cursor the comparison ran up to. */
  cursor: number;
  ok: boolean;
  differences: ReconcileDifference[];
}

/**
 * The ledger's calls per day, institution, grant, channel and result code against a GROUP BY over the log's data
 * calls (with an institution: unknown callers are nobody's usage) up to the cursor. Run it when nothing folds
 * meanwhile (the CLI, tests), or expect the entries folded during the comparison to show as differences.
 */
export async function reconcileLedger(db: Kysely<DB>, log?: LedgerLog): Promise<Reconciliation> {
  const folder = new LedgerFolder(db, log);
  const cursor = (await repo.readCursor(db)).lastSeq;
  const institutions = await repo.allInstitutions(db);
  const offsetOf = new Map<string, number>();
  for (const i of institutions) offsetOf.set(i.id, await folder.offsetOf(i.officeId));
  const boundaries = new Map<number, string>([[DEFAULT_OFFSET_MINUTES, dayBoundaryUtc(DEFAULT_OFFSET_MINUTES)]]);
  for (const o of offsetOf.values()) boundaries.set(o, dayBoundaryUtc(o));
  const [ledger, groups] = await Promise.all([repo.ledgerTotals(db), repo.logGroups(db, cursor, boundaries)]);
  const fromLog: ReconcileTotal[] = groups.map((g) => {
    const offset = offsetOf.get(g.institutionId) ?? DEFAULT_OFFSET_MINUTES;
    return {
      day: localDayOfGroup(g.utcDate, g.late.get(offset) ?? false),
      institutionId: g.institutionId,
      grantId: g.grantId,
      channel: channelOf(g.action) ?? g.action,
      resultCode: g.resultCode,
      count: g.count,
    };
  });
  const diff = differences(ledger, fromLog);
  return { cursor, ok: diff.length === 0, differences: diff };
}

/** How often the follower looks whether the log grew. */
export { FOLLOW_MS } from '../access/audit/log-follower.js';

/**
 * The in-process follower of a serving process (access/audit/log-follower.ts): every ~2 s it reads the log's
 * sealed end and folds only when the log grew past what it last folded. Stopped on close, waiting for a running fold.
 */
export class UsageLedger extends LogFollower {
  constructor(db: Kysely<DB>, now: () => Date, log: LedgerLog = () => undefined) {
    const folder = new LedgerFolder(db, log);
    super(db, () => folder.catchUp(now()), log, 'usage ledger: folding failed; retried at the next look');
  }
}
