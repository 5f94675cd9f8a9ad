/**
 * `gerbang population generate|import`, `gerbang reader simulate`, `gerbang audit …` (audit.ts): the data-access
 * side's command-line tools. They open the configured database (DATA_DIR / DATABASE_URL) and migrate it first.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { registerAuditCommands } from './audit.js';
import { openMigrated } from './open.js';

function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

/** Commands of the data-access side: population, reader, audit. */
export function registerAccessCommands(program: Command) {
  const population = program.command('population').description('fill the population warehouse');

  population
    .command('generate')
    .description('generate synthetic residents (deterministic per seed)')
    .requiredOption('--count <n>', 'how many residents', (v) => Number(v))
    .option('--seed <seed>', 'seed (same seed, same people)', '1')
    .option('--region <code>', 'region code to draw homes from (repeatable, e.g. 33.05)', collect, [] as string[])
    .option('--sandbox', 'fill the trial sandbox instead of production', false)
    .action(async (opts: { count: number; seed: string; region: string[]; sandbox: boolean }) => {
      if (!Number.isInteger(opts.count) || opts.count < 1) {
        process.stderr.write('--count must be a positive integer\n');
        process.exitCode = 1;
        return;
      }
      const { generateInto } = await import('../server/modules/access/population/population.service.js');
      const { config, database } = await openMigrated();
      const bar = new cliProgress.SingleBar(
        { format: 'residents |{bar}| {value}/{total} {percentage}% | {eta_formatted} left', hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(opts.count, 0);
      try {
        const r = await generateInto(database.db, config, {
          count: opts.count,
          seed: /^\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed,
          regions: opts.region,
          population: opts.sandbox ? 'sandbox' : 'production',
          onProgress: (n) => bar.update(n),
        });
        bar.stop();
        process.stdout.write(
          `${r.generated} residents generated, ${r.inserted} new, into ${opts.sandbox ? 'the sandbox' : 'production'} ` +
            `in ${r.seconds.toFixed(2)} s (${Math.round(r.generated / r.seconds)} residents/s)\n`,
        );
      } catch (e) {
        bar.stop();
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
    });

  population
    .command('import <file>')
    .description('import residents from a CSV (header: the catalogue fields, STATUS_HIDUP, STATUS_DATA)')
    .option('--sandbox', 'import into the trial sandbox', false)
    .action(async (file: string, opts: { sandbox: boolean }) => {
      const { importCsv } = await import('../server/modules/access/population/population.service.js');
      const { config, database } = await openMigrated();
      try {
        const r = await importCsv(database.db, config, file, opts.sandbox ? 'sandbox' : 'production');
        for (const h of r.headerIssues) process.stderr.write(`header: ${h.field}: ${h.message.en}\n`);
        for (const b of r.bad.slice(0, 1000))
          for (const i of b.issues) process.stderr.write(`line ${b.line}: ${i.field}: ${i.message.en}\n`);
        if (r.bad.length > 1000) process.stderr.write(`… and ${r.bad.length - 1000} more bad rows\n`);
        process.stdout.write(`${r.rows} rows read, ${r.imported} imported, ${r.bad.length} bad\n`);
        if (r.headerIssues.length || r.bad.length) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });

  program
    .command('reader')
    .description('card-reader tools')
    .command('simulate')
    .description('play a registered card-reader device: sign a read and send it')
    .requiredOption('--device <id>', 'the device id given at registration')
    .requiredOption('--key <file>', "the device's Ed25519 private key (PEM)")
    .requiredOption('--nik <nik>', 'the NIK read from the card')
    .option('--url <url>', 'server base URL', 'http://127.0.0.1:3000')
    .option('--no-fingerprint', 'report a failed fingerprint match')
    .option('--nonce <nonce>', 'nonce (default random; reuse one to see a replay refused)')
    .action(
      async (opts: { device: string; key: string; nik: string; url: string; fingerprint: boolean; nonce?: string }) => {
        const { signRead } = await import('../server/modules/access/reader/signing.js');
        const key = crypto.createPrivateKey(fs.readFileSync(opts.key, 'utf8'));
        const read = signRead(
          {
            deviceId: opts.device,
            nik: opts.nik,
            fingerprintMatch: opts.fingerprint,
            timestamp: new Date().toISOString(),
            nonce: opts.nonce ?? crypto.randomBytes(16).toString('hex'),
          },
          key,
        );
        const res = await fetch(`${opts.url.replace(/\/$/, '')}/api/reader/read`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(read),
        });
        process.stdout.write(`${res.status} ${await res.text()}\n`);
        if (!res.ok) process.exitCode = 1;
      },
    );

  registerAuditCommands(program);
}
