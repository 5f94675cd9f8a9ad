/**
 * `gerbang usage rebuild|reconcile`: the usage ledger (modules/usage/ledger.ts) refolded from the signed audit
 * log, and held against it.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { openMigrated } from './open.js';

/** The usage commands. */
export function registerUsageCommands(program: Command) {
  const usage = program.command('usage').description('the usage ledger folded from the audit log');

  usage
    .command('rebuild')
    .description('empty the usage ledger and fold the whole audit log again (safe to interrupt: run it again)')
    .action(async () => {
      const { rebuildLedger } = await import('../server/modules/usage/ledger.js');
      const { database } = await openMigrated();
      const bar = new cliProgress.SingleBar(
        { format: 'entries |{bar}| {value}/{total} {percentage}% | {eta_formatted} left', hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      try {
        const started = Date.now();
        let begun = false;
        const r = await rebuildLedger(database.db, new Date(), {
          onProgress: (n, total) => {
            if (!begun) {
              bar.start(total, 0);
              begun = true;
            }
            bar.update(Math.min(n, total));
          },
        });
        bar.stop();
        process.stdout.write(
          `usage ledger rebuilt: ${r.folded} audit entries folded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      } catch (e) {
        bar.stop();
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
    });

  usage
    .command('reconcile')
    .description('compare the usage ledger with the audit log up to its cursor; lists each difference (exit 1)')
    .option('--catch-up', 'fold what the log holds beyond the cursor first', false)
    .option('--json', 'print the report as JSON', false)
    .action(async (opts: { catchUp: boolean; json: boolean }) => {
      const { catchUpLedger, reconcileLedger } = await import('../server/modules/usage/ledger.js');
      const { database } = await openMigrated();
      try {
        if (opts.catchUp) await catchUpLedger(database.db, new Date());
        const r = await reconcileLedger(database.db);
        if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        else if (r.ok) process.stdout.write(`OK: the usage ledger equals the audit log up to entry ${r.cursor}\n`);
        else {
          process.stdout.write(`FAIL: ${r.differences.length} difference(s) up to entry ${r.cursor}\n`);
          for (const d of r.differences.slice(0, 50))
            process.stdout.write(
              `  ${d.day} institution ${d.institutionId} grant ${d.grantId || '-'} ${d.channel} ${d.resultCode}: ` +
                `ledger ${d.ledger}, log ${d.log}\n`,
            );
          if (r.differences.length > 50) process.stdout.write(`  … and ${r.differences.length - 50} more\n`);
        }
        if (!r.ok) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
