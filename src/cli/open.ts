/** What the command-line tools share: the configured database, opened and migrated. */
import { loadConfig } from '../server/config.js';

/** Opens the configured database (DATA_DIR / DATABASE_URL) and migrates it. */
export async function openMigrated() {
  const { openDatabase } = await import('../server/bootstrap.js');
  const { migrate } = await import('../server/db/connect.js');
  const config = loadConfig();
  const database = openDatabase(config);
  await migrate(database.db);
  return { config, database };
}
