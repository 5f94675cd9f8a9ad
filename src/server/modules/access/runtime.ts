/**
 * The data-access runtime of one server process, a façade over its parts (runtime/): the compiled grants in
 * memory (grant-cache.ts, dropped by every access change before the change's response returns — in other
 * processes through a PostgreSQL notification, access-changes.ts and pg-listener.ts), the daily quota counters
 * (usage-counter.ts, persisted with the audit group commit), SQLite's hot connection (hot-sqlite.ts), the
 * resident reader, the keys and the audit writer. The request path reads none of this from the database in the
 * steady state.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { nikHasher } from '../../../domain/nik/hash.js';
import { nikBlockHasher } from '../../../domain/anomalies/features.js';
import { AuditLog } from './audit/audit-log.js';
import { loadAccessKeys, type AccessKeys } from './audit/keys.js';
import { kyselyReader, sqliteReader, type ResidentReader } from './population/population.repository.js';
import { liveGrantRow } from './provisioning/grant.repository.js';
import { sqliteBatchWriter, type BatchWriter } from './audit/audit.repository.js';
import type { CountedCall } from './audit/audit-log.js';
import { GrantCache } from './runtime/grant-cache.js';
import { UsageCounter } from './runtime/usage-counter.js';
import { Balances } from './runtime/balance.js';
import { HotSqlite } from './runtime/hot-sqlite.js';
import { toLive, type LiveGrant } from './runtime/live-grant.js';
import { holdGrants } from './runtime/access-changes.js';
import { AccessChangeListener } from './runtime/pg-listener.js';
import { CredentialGuard } from './gateway/credential-guard.js';

export { GRANT_TTL_MS } from './runtime/grant-cache.js';
export { secretMatches, type LiveGrant } from './runtime/live-grant.js';

/** The runtime; one per app. */
export class AccessRuntime {
  readonly keys: AccessKeys;
  readonly audit: AuditLog;
  /** Failed web-service logins, throttled per user id and client address (gateway/credential-guard.ts). */
  readonly credentialGuard: CredentialGuard;
  readonly hashNik: (nik: string) => string;
  /** The keyed hash of a NIK's first 12 digits (the anomaly detector's enumeration feature), same key. */
  readonly hashNikBlock: (nik: string) => string;
  private readerInstance: ResidentReader | null = null;
  private readonly grants: GrantCache;
  private readonly usage: UsageCounter;
  /** Prepaid PNBP balances of profit-oriented institutions, drawn in the request path (runtime/balance.ts). */
  readonly balances: Balances;
  private readonly hot: HotSqlite;
  private sqliteWriter: BatchWriter | null = null;
  private listener: AccessChangeListener | null = null;
  private readonly release: () => void;

  /**
   * `serving` comes from the server (access.routes.ts), whose runtime lasts as long as the process: its SQLite
   * checkpoints move to a worker thread, on PostgreSQL it LISTENs for other processes' access changes, and
   * trouble that does not stop it is told to `warn`. Short-lived runtimes (the demo seed, CLI tools) start
   * neither.
   */
  constructor(
    readonly deps: Deps,
    private readonly serving?: { warn: (message: string) => void },
  ) {
    this.keys = loadAccessKeys(deps.config);
    this.hashNik = nikHasher(this.keys.nikKey);
    this.hashNikBlock = nikBlockHasher(this.keys.nikKey);
    this.hot = new HotSqlite(deps.config.sqlitePath, serving);
    this.usage = new UsageCounter(() => this.db);
    // No user-id oracle by timing: the day's usage is not loaded with the grant but by the first call that passes
    // the login (gateway.service admit), so a failed login costs one query whether its user id exists or not; and
    // a user id without a grant decodes the last grant loaded all the same (and drops it), as a known one would.
    let decoy: Awaited<ReturnType<typeof liveGrantRow>>;
    this.grants = new GrantCache(async (by) => {
      const row = await liveGrantRow(this.db, by);
      if (row) {
        decoy = row;
        return toLive(row);
      }
      if (decoy) toLive(decoy);
      return null;
    });
    this.balances = new Balances(() => this.db);
    const releaseGrants = holdGrants(this.grants);
    const releaseBalances = holdGrants(this.balances);
    this.release = () => {
      releaseGrants();
      releaseBalances();
    };
    // SQLite: the group commit writes through its own connection with prepared statements (audit.repository).
    // The connection opens at the first flush, when migrations have created the tables.
    const writer: BatchWriter | undefined =
      deps.config.database === 'sqlite'
        ? (...args) => {
            this.sqliteWriter ??= sqliteBatchWriter(this.hot.connection());
            return this.sqliteWriter(...args);
          }
        : undefined;
    this.audit = new AuditLog(deps.db, this.keys, { writer });
    this.credentialGuard = new CredentialGuard(
      (entry) => this.audit.append(entry),
      () => this.deps.now().getTime(),
    );
  }

  /** The database (provisioning and the channels use it off the hot path). */
  get db(): Kysely<DB> {
    return this.deps.db;
  }

  /** The warehouse reader (opened at first use: the SQLite file exists once migrations ran). */
  get reader(): ResidentReader {
    if (!this.readerInstance)
      this.readerInstance =
        this.deps.config.database === 'sqlite' ? sqliteReader(this.hot.connection()) : kyselyReader(this.deps.db);
    return this.readerInstance;
  }

  /** Loads the audit chain head; when serving on PostgreSQL, starts listening for access changes. */
  async init(): Promise<void> {
    await this.audit.init(this.deps.now());
    const url = this.deps.config.databaseUrl;
    if (this.serving && this.deps.config.database === 'postgres' && url && !this.listener) {
      const warn = this.serving.warn;
      this.listener = new AccessChangeListener(
        url,
        () => {
          this.grants.invalidateAll();
          this.balances.invalidateAll();
        },
        warn,
      );
      await this.listener.start();
    }
  }

  /** Drains the audit log and closes the reader. */
  async close(): Promise<void> {
    this.release();
    await this.listener?.stop();
    this.listener = null;
    this.credentialGuard.close();
    await this.audit.close();
    this.sqliteWriter = null;
    this.readerInstance?.close();
    this.readerInstance = null;
    await this.hot.close();
  }

  /** The cached grant of a web-service user id: undefined when it must be (re)loaded. */
  cachedByUser(userId: string): LiveGrant | null | undefined {
    return this.grants.cachedByUser(userId);
  }

  /** Loads a grant by web-service user id into the cache; concurrent loads of one user id share one query. */
  loadByUser(userId: string): Promise<LiveGrant | null> {
    return this.grants.loadByUser(userId);
  }

  /** A grant by id (devices, portal operators), from the cache when fresh. */
  grantById(id: string): Promise<LiveGrant | null> {
    return this.grants.grantById(id);
  }

  /** Drops a grant from the cache: the next request rebuilds it from the database. */
  invalidate(grant: { id: string; user_id?: string | null }): void {
    this.grants.invalidate(grant);
  }

  /** Drops every cached grant. */
  invalidateAll(): void {
    this.grants.invalidateAll();
  }

  /** Calls already counted today for this grant, or undefined when the day's counter must be loaded. */
  usedToday(grant: LiveGrant, now: number): number | undefined {
    return this.usage.usedToday(grant, now);
  }

  /** Loads the day's counter from the database (first call of a grant, or a new day). */
  loadUsage(grant: LiveGrant, now: number): Promise<number> {
    return this.usage.load(grant, now);
  }

  /** Counts one call (after the checks passed); the returned counter goes with the call's audit entry. */
  countCall(grant: LiveGrant): CountedCall | undefined {
    return this.usage.count(grant);
  }
}
