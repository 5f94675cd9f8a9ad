import type { Config } from './config.js';
import { buildApp } from './app.js';
import { prepare } from './bootstrap.js';
import { ensureWebBuilt } from './web-build.js';
import { configuredClock } from './lib/clock.js';
import { loadAccessKeys } from './modules/access/audit/keys.js';
import { formatFingerprint } from '../domain/audit/heads.js';
import { startupWarnings } from './startup-warnings.js';
import { exitWithParent } from './exit-with-parent.js';

/** Starts Gerbang: web build if needed, database, seed, listen; stops cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config, options: { buildWeb?: boolean } = {}) {
  const say = (msg: string) => process.stdout.write(`${msg}\n`);
  if (options.buildWeb !== false) await ensureWebBuilt(config.webDir, say);
  // One clock for the whole process: the real one, or GERBANG_NOW's running on (demo and test instances).
  const now = configuredClock(config);
  const prepared = await prepare(config, now());
  const app = await buildApp({ config, database: prepared.database, now });
  // Signals are handled from here on, so a stop during start-up (the scheduler's first tick) is clean too.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await prepared.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  exitWithParent((reason) => void stop(reason));
  const address = await app.listen({ port: config.port, host: config.host });
  // The scheduler's first tick runs before the banner: what fell due while the server was down is done first.
  await app.scheduler.start();
  // The usage ledger follows the audit log from here on (modules/usage/ledger.ts), off the request path.
  app.usageLedger.start();
  // The anomaly detector too (modules/anomalies/detector.ts): findings, and suspensions within 60 s.
  app.anomalyDetector.start();
  // So does the resident index (modules/resident/resident-index.ts): accesses by keyed NIK hash.
  app.residentIndex.start();
  if (config.clockStart) say(`Clock set by GERBANG_NOW: ${now().toISOString()}`);
  const where = config.database === 'sqlite' ? config.sqlitePath : 'PostgreSQL';
  say(`\nGerbang is running at http://localhost:${config.port} (database: ${config.database}, ${where})`);
  say(
    `Audit log signed by key ${formatFingerprint(loadAccessKeys(config).fingerprint)}, pinned in ${config.auditTrustFile}; ` +
      `tree heads appended to ${config.auditWitnessFile}`,
  );
  if (prepared.migrated.length) say(`Migrations applied: ${prepared.migrated.join(', ')}`);
  if (prepared.demoUsers) {
    say(`\nDemo data seeded. Demo logins (password for all: ${prepared.demoUsers[0]?.password}):`);
    for (const u of prepared.demoUsers)
      say(`  ${u.username.padEnd(28)} ${u.roles.join(',').padEnd(18)} ${u.organisation.name}`);
    say(`A machine-readable copy is in ${config.dataDir}/demo.json\n`);
  }
  if (prepared.bootstrapAdmin) {
    say('\nNo demo data. Bootstrap administrator created — this password is shown ONCE:');
    say(`  username: ${prepared.bootstrapAdmin.username}`);
    say(`  password: ${prepared.bootstrapAdmin.password}`);
    say('It must be changed at first login.\n');
  }
  // Last, so they are not lost above the demo logins.
  for (const w of startupWarnings(config)) {
    app.log.warn({ warning: w.code }, w.message);
    say(`WARNING: ${w.message}`);
  }
  return { app, address, database: prepared.database };
}
