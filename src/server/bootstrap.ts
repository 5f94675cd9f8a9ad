import type { Config } from './config.js';
import { connect, migrate, type ConnectOptions, type Database } from './db/connect.js';
import { seedDemoEmblems } from './seed/demo-letterhead.js';
import { newId } from './lib/ids.js';
import { hashPassword, oneTimePassword } from './lib/secrets.js';
import { insertUser } from './modules/directory/directory.repository.js';
import { seedDemo, writeDemoFile, type DemoUser } from './seed/demo.js';
import { ensurePusat, ensureReferenceData } from './seed/reference.js';
import { ensureShippedSops } from './modules/sop/sop.service.js';
import { seedDemoAccess } from './seed/demo-access.js';
import { seedDemoObligations } from './seed/demo-obligations.js';
import { seedDemoBalikan } from './seed/demo-balikan.js';
import { seedDemoBilling } from './seed/demo-billing.js';
import { seedDemoUsage } from './seed/demo-usage.js';
import { seedDemoAnomaly } from './seed/demo-anomaly.js';
import { seedDemoCampaign } from './seed/demo-campaign.js';
import { seedDemoResident } from './seed/demo-resident.js';

/** What preparing the database did, for the start-up banner. */
export interface Prepared {
  database: Database;
  migrated: string[];
  /** Set when this start seeded demo data. */
  demoUsers?: DemoUser[];
  /** Set when this start created the bootstrap administrator (no-demo mode). */
  bootstrapAdmin?: { username: string; password: string };
}

/** How to reach the configured database (also handed to worker threads that open their own connection). */
export function connectionOf(config: Config): ConnectOptions {
  return config.database === 'postgres' && config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'sqlite', file: config.sqlitePath };
}

/** Opens the configured database. */
export function openDatabase(config: Config): Database {
  return connect(connectionOf(config));
}

/**
 * Migrates, ensures reference data, and on an empty database seeds either the demo data or one bootstrap
 * administrator whose one-time password is returned (to print once) and must be changed at first login.
 */
export async function prepare(config: Config, now = new Date()): Promise<Prepared> {
  const database = openDatabase(config);
  const migrated = await migrate(database.db);
  await ensureReferenceData(database.db, now);
  const anyUser = await database.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) {
    await ensureShippedSops(database.db, now);
    return { database, migrated };
  }
  if (config.demo) {
    const demoUsers = await seedDemo(database.db, now);
    await seedDemoEmblems(database.db, config, now);
    await ensureShippedSops(database.db, now);
    const access = await seedDemoAccess(database.db, config, now);
    // Issue 12: the bank's data balikan deliveries, then the obligations (the ladder's past steps replayed over
    // them: a late institution, the bank in good standing), the prepaid
    // balance, then a semester of usage history over every grant.
    await seedDemoBalikan(database.db, config, now);
    await seedDemoObligations(database.db, config, now);
    await seedDemoBilling(database.db, config, now);
    await seedDemoUsage(database.db, config, now);
    // Issue 13: an anomaly under review (over the traffic above), a finished control campaign (whose data dukung
    // counts that anomaly), and a resident whose accesses can be looked up (their details in demo.json).
    const anomaly = await seedDemoAnomaly(database.db, config, now);
    const campaign = await seedDemoCampaign(database.db, config, now);
    const resident = await seedDemoResident(database.db, config, now);
    writeDemoFile(config.dataDir, {
      note: 'Demo logins (demo mode only).',
      users: demoUsers,
      ...access,
      ...anomaly,
      ...campaign,
      ...resident,
    });
    return { database, migrated, demoUsers };
  }
  const password = oneTimePassword();
  const pusatId = await ensurePusat(database.db, now);
  await insertUser(database.db, {
    id: newId(),
    username: 'admin',
    displayName: 'Administrator',
    passwordHash: await hashPassword(password),
    officeId: pusatId,
    institutionId: null,
    roles: ['admin'],
    mustChangePassword: true,
    now: now.toISOString(),
  });
  return { database, migrated, bootstrapAdmin: { username: 'admin', password } };
}
