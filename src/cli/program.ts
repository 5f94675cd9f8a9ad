import { Command } from 'commander';
import { loadConfig } from '../server/config.js';
import { VERSION } from '../server/version.js';
import { registerSopCommands } from './sop.js';
import { registerAccessCommands } from './access.js';
import { registerUsageCommands } from './usage.js';
import { registerTrafficCommands } from './traffic.js';

/** The `gerbang` command: the server and the command-line tools. */
export function buildCli(): Command {
  const program = new Command('gerbang')
    .description('Gerbang — access rights to Indonesian population data')
    .version(VERSION)
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the server (PORT, DATA_DIR, DATABASE_URL, GERBANG_DEMO configure it)')
    .option('--no-demo', 'seed no demo data; create one bootstrap administrator instead')
    .option('--no-build', 'do not build the web app when it is missing')
    .action(async (opts: { demo: boolean; build: boolean }) => {
      const { startServer } = await import('../server/server.js');
      const config = loadConfig(process.env, opts.demo ? {} : { demo: false });
      await startServer(config, { buildWeb: opts.build });
    });

  program
    .command('migrate')
    .description('apply database migrations and exit')
    .action(async () => {
      const { openDatabase } = await import('../server/bootstrap.js');
      const { migrate } = await import('../server/db/connect.js');
      const database = openDatabase(loadConfig());
      const applied = await migrate(database.db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      await database.close();
    });

  registerSopCommands(program);
  registerAccessCommands(program);
  registerUsageCommands(program);
  registerTrafficCommands(program);
  return program;
}
