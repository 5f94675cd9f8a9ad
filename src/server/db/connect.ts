import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from 'kysely';
import type { DB } from './schema.js';
import { migrations } from './migrations/index.js';
import type { DatabaseKind } from '../config.js';

/** An open database: the typed query builder and the engine behind it. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

/** Where to connect: a SQLite file, or a PostgreSQL URL. */
export type ConnectOptions = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

// int8 (COUNT(*), bigint columns) arrives as text from pg; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Creates the SQLite file owner-only (0600: it holds password hashes and sessions) or narrows an existing one;
 * SQLite gives its -wal and -shm files the mode of the database file.
 */
function ownerOnly(file: string) {
  if (file === ':memory:' || file.startsWith('file:')) return;
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    // Not ours to change (another owner): leave it as its owner set it.
  }
}

/** Opens a database of either kind. SQLite runs in WAL mode with foreign keys on. */
export function connect(options: ConnectOptions): Database {
  if (options.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    ownerOnly(options.file);
    const sqlite = new BetterSqlite3(options.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: options.url, max: 10 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrate(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
