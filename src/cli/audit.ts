/**
 * `gerbang audit verify|head|prove|verify-proof|trust`: the audit log checked against what lies outside its
 * database (ADR 0008) — the pinned keys (trust file), the witness file, a head saved earlier — and inclusion
 * proofs that anyone can check offline.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../server/config.js';
import { openMigrated } from './open.js';

function fail(message: string) {
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The audit commands. */
export function registerAuditCommands(program: Command) {
  const audit = program.command('audit').description('audit log tools');

  audit
    .command('verify')
    .description(
      'verify the audit log against the pinned keys, the witness file and a saved head; names each problem (exit 1)',
    )
    .option(
      '--since <head.json>',
      'a tree head saved earlier (gerbang audit head): verify from it, with a consistency proof',
    )
    .option('--full', 'with --since: still verify the whole log', false)
    .option('--trust <file>', 'the trust file pinning the signing keys (default: GERBANG_AUDIT_TRUST or DATA_DIR)')
    .option('--witness <file>', 'the witness file (default: GERBANG_AUDIT_WITNESS or DATA_DIR)')
    .option('--no-witness', 'do not read a witness file')
    .option('--workers <n>', 'worker threads (default: the machine’s cores on large logs)', (v) => Number(v))
    .option('--json', 'print the report as JSON', false)
    .action(
      async (opts: {
        since?: string;
        full: boolean;
        trust?: string;
        witness: string | boolean;
        workers?: number;
        json: boolean;
      }) => {
        const { readTrustFile } = await import('../server/modules/access/audit/keys.js');
        const { verifyAnchored } = await import('../server/modules/access/audit/audit.verify.js');
        const { isTreeHead } = await import('../domain/audit/heads.js');
        const config = loadConfig();
        const trustFile = opts.trust ?? config.auditTrustFile;
        if (!fs.existsSync(trustFile))
          return fail(
            `FAIL no_trust: no trust file at ${trustFile}: the signing keys must be pinned outside the database`,
          );
        let pinned;
        try {
          pinned = readTrustFile(trustFile);
        } catch (e) {
          return fail(`FAIL no_trust: ${(e as Error).message}`);
        }
        let since = null;
        if (opts.since) {
          try {
            const v = readJson(opts.since);
            if (!isTreeHead(v)) return fail(`${opts.since} is not a tree head (save one with gerbang audit head)`);
            since = v;
          } catch (e) {
            return fail(`cannot read ${opts.since}: ${(e as Error).message}`);
          }
        }
        const witnessFile =
          opts.witness === false ? null : typeof opts.witness === 'string' ? opts.witness : config.auditWitnessFile;
        const { database } = await openMigrated();
        const { connectionOf } = await import('../server/bootstrap.js');
        const bar = new cliProgress.SingleBar(
          {
            format: 'verifying |{bar}| {value}/{total} entries {percentage}% | {eta_formatted} left',
            hideCursor: true,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        );
        let barStarted = false;
        try {
          const r = await verifyAnchored(database.db, {
            pinned,
            connection: connectionOf(config),
            witnessFile,
            since,
            full: opts.full,
            ...(opts.workers !== undefined && Number.isInteger(opts.workers) && opts.workers >= 0
              ? { workers: opts.workers }
              : {}),
            onProgress: (done, total) => {
              if (!barStarted && total >= 100_000) {
                bar.start(total, 0);
                barStarted = true;
              }
              if (barStarted) bar.update(done);
            },
          });
          if (barStarted) bar.stop();
          if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          else {
            for (const n of r.notes) process.stdout.write(`note: ${n}\n`);
            if (r.ok) {
              const parts = [
                `${r.batches} batches`,
                `${r.sealedEntries} sealed entries`,
                `tree size ${r.treeSize} root ${r.rootHash}`,
                `signed by pinned keys`,
              ];
              if (witnessFile && fs.existsSync(witnessFile)) parts.push(`${r.witnessHeads} witness heads match`);
              if (r.consistency)
                parts.push(
                  `consistent with the saved head (size ${r.consistency.from} → ${r.consistency.to}, proof of ${r.consistency.proof.length} hashes)`,
                );
              else if (since) parts.push(`the saved head (size ${since.treeSize}) matches`);
              process.stdout.write(`OK: ${parts.join(', ')}\n`);
            } else {
              for (const p of r.problems) process.stdout.write(`FAIL ${p.kind}: ${p.message.en}\n`);
              process.exitCode = 1;
            }
          }
        } finally {
          if (barStarted) bar.stop();
          await database.close();
        }
      },
    );

  audit
    .command('head')
    .description('print the newest signed tree head (save it to verify against later: verify --since)')
    .option('--out <file>', 'write it to a file instead')
    .action(async (opts: { out?: string }) => {
      const { lastHead, publicHead } = await import('../server/modules/access/audit/audit.repository.js');
      const { database } = await openMigrated();
      try {
        const h = await lastHead(database.db);
        if (!h) return fail('the log has no tree head yet');
        const text = JSON.stringify(publicHead(h), null, 2) + '\n';
        if (opts.out) fs.writeFileSync(opts.out, text);
        else process.stdout.write(text);
      } finally {
        await database.close();
      }
    });

  audit
    .command('prove')
    .description('print the inclusion proof of an entry in the newest signed head (check it with verify-proof)')
    .requiredOption('--entry <id>', 'the entry id (as in x-audit-id or the audit listing)')
    .option('--out <file>', 'write it to a file instead')
    .action(async (opts: { entry: string; out?: string }) => {
      const { inclusionProofFor } = await import('../server/modules/access/audit/audit.proofs.js');
      const { database } = await openMigrated();
      try {
        const proof = await inclusionProofFor(database.db, opts.entry);
        if (!proof) return fail(`no sealed entry ${opts.entry} under a tree head`);
        const text = JSON.stringify(proof, null, 2) + '\n';
        if (opts.out) fs.writeFileSync(opts.out, text);
        else process.stdout.write(text);
      } finally {
        await database.close();
      }
    });

  audit
    .command('verify-proof <file>')
    .description('check an inclusion proof offline: no database, only the pinned keys (exit 1 when it fails)')
    .option('--trust <file>', 'the trust file pinning the signing keys (default: GERBANG_AUDIT_TRUST or DATA_DIR)')
    .action(async (file: string, opts: { trust?: string }) => {
      const { readTrustFile } = await import('../server/modules/access/audit/keys.js');
      const { verifyInclusionBundle } = await import('../domain/audit/heads.js');
      const trustFile = opts.trust ?? loadConfig().auditTrustFile;
      let verdict;
      try {
        verdict = verifyInclusionBundle(readJson(file) as never, readTrustFile(trustFile));
      } catch (e) {
        return fail(`FAIL: ${(e as Error).message}`);
      }
      if (verdict.ok) {
        const p = readJson(file) as {
          entry: { id: string; seq: number };
          treeSize: number;
          head: { timestamp: string };
        };
        process.stdout.write(
          `OK: entry ${p.entry.id} is entry ${p.entry.seq} of the log of ${p.treeSize} entries signed at ${p.head.timestamp}\n`,
        );
      } else fail(`FAIL: ${verdict.problem?.en ?? 'the proof does not verify'}`);
    });

  const trust = audit.command('trust').description('the signing keys pinned outside the database');
  trust
    .command('show')
    .description('list the pinned keys and their fingerprints')
    .action(async () => {
      const { readTrustFile } = await import('../server/modules/access/audit/keys.js');
      const { formatFingerprint } = await import('../domain/audit/heads.js');
      const file = loadConfig().auditTrustFile;
      for (const k of readTrustFile(file).keys)
        process.stdout.write(`${k.keyId}  ${formatFingerprint(k.fingerprint)}\n`);
    });
  trust
    .command('add <public-key.pem>')
    .description('pin another signing key (key rotation): compare its fingerprint with the office’s record first')
    .action(async (pem: string) => {
      const { readTrustFile, writeTrustFile, pinFor } = await import('../server/modules/access/audit/keys.js');
      const { formatFingerprint } = await import('../domain/audit/heads.js');
      const file = loadConfig().auditTrustFile;
      const current = readTrustFile(file).keys;
      const pin = pinFor(fs.readFileSync(pem, 'utf8'));
      if (current.some((k) => k.keyId === pin.keyId)) return void process.stdout.write('already pinned\n');
      writeTrustFile(file, [...current, pin], false);
      process.stdout.write(`pinned ${pin.keyId} ${formatFingerprint(pin.fingerprint)} in ${file}\n`);
    });
}
