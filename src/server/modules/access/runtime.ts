/**
 * The data-access runtime of one server process: compiled grants in memory (rebuilt on every provisioning
 * change, refreshed at most a second old so changes made elsewhere — institution suspended, PKS terminated,
 * another process — arrive within a second), daily quota counters in memory (persisted with the audit group
 * commit), the resident reader, the keys and the audit writer. The request path reads none of this from the
 * database in the steady state.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AccessGrantTable } from '../../db/schema-access.js';
import type { Deps } from '../../deps.js';
import { prepareGrant, quotaDay, quotaDayNumber, type CompiledGrant, type Grant } from '../../../domain/grant/grant.js';
import { nikHasher } from '../../../domain/nik/nik.js';
import { AuditLog } from './audit/audit-log.js';
import { loadAccessKeys, type AccessKeys } from './audit/keys.js';
import BetterSqlite3 from 'better-sqlite3';
import { kyselyReader, sqliteReader, type ResidentReader } from './population/population.repository.js';
import { liveGrantRow, usageOn } from './provisioning/grant.repository.js';
import { sqliteBatchWriter, type BatchWriter, type UsageRow } from './audit/audit.repository.js';
import { startWalCheckpointer, type WalCheckpointer } from '../../db/wal-checkpointer.js';

/** How old a cached grant may be before it is reloaded (changes made outside this process). */
export const GRANT_TTL_MS = 1000;

/** A grant as the request path holds it. */
export interface LiveGrant {
  id: string;
  kind: AccessGrantTable['kind'];
  institutionId: string;
  agreementId: string;
  customerId: string | null;
  userId: string | null;
  environment: AccessGrantTable['environment'];
  /** SHA-256 of the secret, raw bytes, for a constant-time comparison. */
  secretHash: Buffer | null;
  secretExpiresMs: number;
  compiled: CompiledGrant;
  institutionActive: boolean;
  pksInForce: boolean;
  loadedAt: number;
}

interface Usage {
  day: number;
  dayText: string;
  count: number;
}

function toLive(row: NonNullable<Awaited<ReturnType<typeof liveGrantRow>>>): LiveGrant {
  const stored = JSON.parse(row.compiled) as Grant;
  // The row's status is authoritative: suspend/resume/revoke update it and the compiled copy together.
  const compiled = prepareGrant({ ...stored, status: row.status });
  return {
    id: row.id,
    kind: row.kind,
    institutionId: row.institution_id,
    agreementId: row.agreement_id,
    customerId: row.customer_id,
    userId: row.user_id,
    environment: row.environment,
    secretHash: row.secret_hash ? Buffer.from(row.secret_hash, 'hex') : null,
    secretExpiresMs: row.secret_expires_at ? Date.parse(row.secret_expires_at) : Infinity,
    compiled,
    institutionActive: row.institution_status === 'verified',
    pksInForce: row.agreement_status === 'active' || row.agreement_status === 'expiring',
    loadedAt: Date.now(),
  };
}

/** The runtime; one per app. */
export class AccessRuntime {
  readonly keys: AccessKeys;
  readonly audit: AuditLog;
  readonly hashNik: (nik: string) => string;
  private readerInstance: ResidentReader | null = null;
  private byUser = new Map<string, { grant: LiveGrant | null; loadedAt: number }>();
  private byId = new Map<string, LiveGrant>();
  private loading = new Map<string, Promise<LiveGrant | null>>();
  /** Bumped by every invalidation: a load that started before one does not fill the cache. */
  private generation = 0;
  private usage = new Map<string, Usage>();
  private dirty = new Set<string>();
  private sqliteWriter: BatchWriter | null = null;
  private hot: BetterSqlite3.Database | null = null;
  private checkpointer: WalCheckpointer | null = null;

  /**
   * `serving` comes from the server (access.routes.ts), whose runtime lasts as long as the process: its SQLite
   * checkpoints move to a worker thread and trouble that does not stop it is told to `warn`. Short-lived runtimes
   * (the demo seed, CLI tools) keep SQLite's own checkpoints and start no thread.
   */
  constructor(
    readonly deps: Deps,
    private readonly serving?: { warn: (message: string) => void },
  ) {
    this.keys = loadAccessKeys(deps.config.dataDir);
    this.hashNik = nikHasher(this.keys.nikKey);
    const usage = { take: () => this.takeUsage(), restore: (rows: readonly UsageRow[]) => this.restoreUsage(rows) };
    // SQLite: the group commit writes through its own connection with prepared statements (audit.repository).
    // The connection opens at the first flush, when migrations have created the tables.
    const writer: BatchWriter | undefined =
      deps.config.database === 'sqlite'
        ? (entries, batch, rows, sealed) => {
            this.sqliteWriter ??= sqliteBatchWriter(this.hotConnection());
            return this.sqliteWriter(entries, batch, rows, sealed);
          }
        : undefined;
    this.audit = new AuditLog(deps.db, this.keys, { writer, usage });
  }

  /** The database (provisioning and the channels use it off the hot path). */
  get db(): Kysely<DB> {
    return this.deps.db;
  }

  /** The warehouse reader (opened at first use: the SQLite file exists once migrations ran). */
  get reader(): ResidentReader {
    if (!this.readerInstance)
      this.readerInstance =
        this.deps.config.database === 'sqlite' ? sqliteReader(this.hotConnection()) : kyselyReader(this.deps.db);
    return this.readerInstance;
  }

  /**
   * SQLite only: the request path's own connection — warehouse lookups and the audit group commit, both with
   * statements prepared once (Kysely compiles and re-prepares every query). One connection for both because a
   * connection's own commits keep its page cache while another's empty it. Never holds a transaction across an
   * await; busy_timeout 0 so it never sleeps the event loop in SQLite's busy handler (the writer retries on a timer).
   * When serving, its WAL checkpoints run on a worker thread (db/wal-checkpointer.ts), not in a group commit.
   */
  private hotConnection(): BetterSqlite3.Database {
    if (!this.hot) {
      const sqlite = new BetterSqlite3(this.deps.config.sqlitePath, { fileMustExist: true });
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('busy_timeout = 0');
      sqlite.pragma('cache_size = -131072');
      const serving = this.serving;
      if (serving)
        this.checkpointer = startWalCheckpointer(this.deps.config.sqlitePath, sqlite, {
          onError: (e) => serving.warn(`WAL checkpoints are back on the request path: ${e.message}`),
        });
      this.hot = sqlite;
    }
    return this.hot;
  }

  /** Loads the audit chain head. */
  async init(): Promise<void> {
    await this.audit.init(this.deps.now());
  }

  /** Drains the audit log and closes the reader. */
  async close(): Promise<void> {
    await this.audit.close();
    this.sqliteWriter = null;
    this.readerInstance?.close();
    this.readerInstance = null;
    await this.checkpointer?.stop();
    this.checkpointer = null;
    this.hot?.close();
    this.hot = null;
  }

  /** The cached grant of a web-service user id: undefined when it must be (re)loaded. */
  cachedByUser(userId: string): LiveGrant | null | undefined {
    const hit = this.byUser.get(userId);
    if (!hit || Date.now() - hit.loadedAt > GRANT_TTL_MS) return undefined;
    return hit.grant;
  }

  /**
   * Loads a grant by web-service user id into the cache (null, cached too, when there is none). Calls that
   * arrive while a load of the same user id is in flight share it: when the cached copy expires under load,
   * one query refreshes it instead of one per waiting request.
   */
  loadByUser(userId: string): Promise<LiveGrant | null> {
    let pending = this.loading.get(userId);
    if (!pending) {
      const load: Promise<LiveGrant | null> = this.fetchByUser(userId).finally(() => {
        if (this.loading.get(userId) === load) this.loading.delete(userId);
      });
      this.loading.set(userId, load);
      pending = load;
    }
    return pending;
  }

  private async fetchByUser(userId: string): Promise<LiveGrant | null> {
    const generation = this.generation;
    const row = await liveGrantRow(this.db, { userId });
    const grant = row ? toLive(row) : null;
    if (grant) await this.loadUsage(grant, this.deps.now().getTime());
    // A provisioning change during the query (invalidate) makes this copy possibly stale: answer the callers
    // that were already waiting with it, but do not cache it; the next request loads afresh.
    if (generation === this.generation) {
      if (grant) this.byId.set(grant.id, grant);
      // Bound the negative cache: unknown user ids are attacker-chosen.
      if (this.byUser.size > 100_000) this.byUser.clear();
      this.byUser.set(userId, { grant, loadedAt: Date.now() });
    }
    return grant;
  }

  /** A grant by id (devices, portal operators), from the cache when fresh. */
  async grantById(id: string): Promise<LiveGrant | null> {
    const hit = this.byId.get(id);
    if (hit && Date.now() - hit.loadedAt <= GRANT_TTL_MS) return hit;
    const row = await liveGrantRow(this.db, { id });
    if (!row) return null;
    const grant = toLive(row);
    this.byId.set(id, grant);
    if (grant.userId) this.byUser.set(grant.userId, { grant, loadedAt: grant.loadedAt });
    await this.loadUsage(grant, this.deps.now().getTime());
    return grant;
  }

  /** Drops a grant from the cache: the next request rebuilds it from the database. */
  invalidate(grant: { id: string; user_id?: string | null }): void {
    this.generation++;
    const live = this.byId.get(grant.id);
    if (live?.userId) this.loading.delete(live.userId);
    if (grant.user_id) this.loading.delete(grant.user_id);
    this.byId.delete(grant.id);
    if (live?.userId) this.byUser.delete(live.userId);
    if (grant.user_id) this.byUser.delete(grant.user_id);
  }

  /** Calls already counted today for this grant, or undefined when the day's counter must be loaded. */
  usedToday(grant: LiveGrant, now: number): number | undefined {
    const u = this.usage.get(grant.id);
    return u && u.day === quotaDayNumber(grant.compiled, now) ? u.count : undefined;
  }

  /** Loads the day's counter from the database (first call of a grant, or a new day). */
  async loadUsage(grant: LiveGrant, now: number): Promise<number> {
    const day = quotaDayNumber(grant.compiled, now);
    const current = this.usage.get(grant.id);
    if (current && current.day === day) return current.count;
    const dayText = quotaDay(grant.compiled, now);
    const count = await usageOn(this.db, grant.id, dayText);
    const again = this.usage.get(grant.id);
    if (again && again.day === day) return again.count; // another request loaded it meanwhile
    this.usage.set(grant.id, { day, dayText, count });
    return count;
  }

  /** Counts one call (after the checks passed); persisted with the next audit flush. */
  countCall(grant: LiveGrant): number {
    const u = this.usage.get(grant.id);
    if (!u) return 0; // loadUsage always runs first; nothing to count against otherwise
    u.count++;
    this.dirty.add(grant.id);
    return u.count;
  }

  private takeUsage(): UsageRow[] {
    if (!this.dirty.size) return [];
    const rows: UsageRow[] = [];
    for (const id of this.dirty) {
      const u = this.usage.get(id);
      if (u) rows.push({ grant_id: id, day: u.dayText, count: u.count });
    }
    this.dirty.clear();
    return rows;
  }

  private restoreUsage(rows: readonly UsageRow[]): void {
    for (const r of rows) this.dirty.add(r.grant_id);
  }
}

/** Constant-time comparison of a presented secret with a stored SHA-256. */
export function secretMatches(stored: Buffer | null, presented: string): boolean {
  if (!stored) return false;
  const h = crypto.hash('sha256', presented, 'buffer');
  return h.length === stored.length && crypto.timingSafeEqual(h, stored);
}
