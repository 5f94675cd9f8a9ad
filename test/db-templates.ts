/**
 * Template databases for the db tier, made once per test run by its global setup: per dialect one database that
 * is only migrated and one migrated and seeded with the demo data (reference data, offices, institutions, users,
 * the shipped SOPs) exactly as `demoApp` seeded every database before. Every test still gets a database of its
 * own — `freshDatabase` / `demoApp` copy a template (a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on
 * PostgreSQL) — so nothing a test writes reaches another; they only skip running the migrations and the seed
 * again for each copy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, migrate, type Database } from '../src/server/db/connect.js';
import { ensureReferenceData } from '../src/server/seed/reference.js';
import { seedDemo, type DemoUser } from '../src/server/seed/demo.js';
import { ensureShippedSops } from '../src/server/modules/sop/sop.service.js';

/** Where the templates of a run are. */
export interface DbTemplates {
  sqlite: { migrated: string; demo: string };
  postgres: { migrated: string; demo: string };
  /** What seedDemo returned for each demo template (the logins demoApp hands to tests; ids differ per dialect). */
  users: { sqlite: DemoUser[]; postgres: DemoUser[] };
}

async function adminQuery(adminUrl: string, query: string) {
  const c = new pg.Client({ connectionString: `${adminUrl}/postgres` });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

/** The demo seed of demoApp: reference data, the demo offices, institutions and users, the shipped SOPs. */
async function seed(database: Database, now: Date): Promise<DemoUser[]> {
  await ensureReferenceData(database.db, now);
  const users = await seedDemo(database.db, now);
  await ensureShippedSops(database.db, now);
  return users;
}

/** A closed SQLite database is one file: no write-ahead log left beside it to copy with it. */
function assertSingleFile(file: string) {
  for (const suffix of ['-wal', '-journal'])
    if (fs.existsSync(file + suffix) && fs.statSync(file + suffix).size > 0)
      throw new Error(`template ${file} left a non-empty ${suffix} file`);
}

/** Makes the templates on the run's PostgreSQL server (admin URL) and in a temporary folder; `remove` drops them. */
export async function makeTemplates(
  adminUrl: string,
): Promise<{ templates: DbTemplates; remove: () => Promise<void> }> {
  const now = new Date();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-templates-'));
  const sqlite = { migrated: path.join(dir, 'migrated.sqlite'), demo: path.join(dir, 'demo.sqlite') };
  let database = connect({ kind: 'sqlite', file: sqlite.migrated });
  await migrate(database.db);
  await database.close();
  assertSingleFile(sqlite.migrated);
  fs.copyFileSync(sqlite.migrated, sqlite.demo);
  database = connect({ kind: 'sqlite', file: sqlite.demo });
  const users = await seed(database, now);
  await database.close();
  assertSingleFile(sqlite.demo);

  const postgres = { migrated: 'gerbang_template_migrated', demo: 'gerbang_template_demo' };
  await adminQuery(adminUrl, `CREATE DATABASE ${postgres.migrated}`);
  database = connect({ kind: 'postgres', url: `${adminUrl}/${postgres.migrated}` });
  await migrate(database.db);
  await database.close();
  await adminQuery(adminUrl, `CREATE DATABASE ${postgres.demo} TEMPLATE ${postgres.migrated}`);
  database = connect({ kind: 'postgres', url: `${adminUrl}/${postgres.demo}` });
  const pgUsers = await seed(database, now);
  await database.close();
  // Nobody connects to a template by mistake (a connection to it would make CREATE DATABASE … TEMPLATE fail).
  for (const name of [postgres.migrated, postgres.demo])
    await adminQuery(adminUrl, `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
  if (pgUsers.map((u) => u.username).join() !== users.map((u) => u.username).join())
    throw new Error('the demo seed gave different users on SQLite and PostgreSQL');
  return {
    templates: { sqlite, postgres, users: { sqlite: users, postgres: pgUsers } },
    remove: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
