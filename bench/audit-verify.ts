/**
 * Verification of the audit log at national scale (ADR 0008): builds a log of BENCH_AUDIT_ENTRIES entries
 * (default 10,000,000) straight into a temporary SQLite database — sealed batches of 1,024 with their signed tree
 * heads and witness lines, as the group commit writes them under load, without going through the gateway — then
 * times `gerbang audit verify`'s engine over all of it (worker threads on every core), and an incremental verify
 * from the saved head after one more day's worth of batches. Targets: 10M under 60 s, incremental under 1 s.
 *
 *   npx tsx bench/audit-verify.ts                     # alone
 *   BENCH_ONLY=audit npm run bench                    # from the bench runner
 *   BENCH_AUDIT_ENTRIES=1000000 npx tsx bench/audit-verify.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../src/server/config.js';
import { connect, migrate } from '../src/server/db/connect.js';
import { sealBatch, type AuditBatch, type AuditEntry } from '../src/domain/audit/audit.js';
import { CompactRange, leafHash } from '../src/domain/audit/merkle.js';
import { signTreeHead, type TreeHead } from '../src/domain/audit/heads.js';
import { loadAccessKeys } from '../src/server/modules/access/audit/keys.js';
import { fastEntryHash } from '../src/server/modules/access/audit/audit-log.js';
import { sqliteBatchWriter, type StoredHead } from '../src/server/modules/access/audit/audit.repository.js';
import { WitnessWriter } from '../src/server/modules/access/audit/witness.js';
import { verifyAnchored } from '../src/server/modules/access/audit/audit.verify.js';
import { newId } from '../src/server/lib/ids.js';

const say = (s: string) => process.stdout.write(`${s}\n`);
const BATCH = 1024;

function entryAt(seq: number): AuditEntry {
  return {
    seq,
    id: newId(),
    time: new Date(Date.UTC(2026, 0, 1) + seq * 10).toISOString(),
    action: seq % 7 === 0 ? 'CALL_VERIFY_BY_ELEMEN' : 'CALL_NIK',
    actor: { kind: 'credential', id: `01JBENCHCRED0000000000${String(seq % 100).padStart(4, '0')}` },
    institutionId: '01JBENCHINST00000000000001',
    pksId: '01JBENCHPKS000000000000001',
    pksVersionHash: 'a'.repeat(64),
    elements: ['NIK', 'NAMA_LGKP', 'TGL_LHR'],
    resultCode: seq % 50 === 0 ? '05' : '01',
    clientIp: `10.0.${(seq >> 8) & 255}.${seq & 255}`,
    nikHash: (seq * 2654435761).toString(16).padStart(64, 'b').slice(-64),
    // The detail a gateway call carries (gateway.service.ts callEntry), members in the order it sets them.
    detail: {
      reason: 'ok',
      environment: 'production',
      ipUser: '10.0.0.1',
      nikBlock: (seq * 40503).toString(16).padStart(64, 'c').slice(-64),
      nikArea: '3171',
      ...(seq % 3 === 0 ? { pnbpMethod: 'web_service', pnbpRupiah: 1000 } : {}),
    },
  };
}

/** Appends `count` entries in sealed batches, as the group commit writes them (entries, batch, head, witness). */
async function append(
  state: { prev: AuditBatch | null; tree: CompactRange; head: TreeHead | null },
  count: number,
  write: ReturnType<typeof sqliteBatchWriter>,
  signer: { privateKey: import('node:crypto').KeyObject; keyId: string },
  witness: WitnessWriter,
  onProgress?: (n: number) => void,
) {
  let done = 0;
  while (done < count) {
    const n = Math.min(BATCH, count - done);
    const first = (state.prev?.lastSeq ?? 0) + 1;
    const entries = Array.from({ length: n }, (_, i) => entryAt(first + i));
    const hashes = entries.map(fastEntryHash);
    const batch = sealBatch(entries, state.prev, signer, entries[n - 1]?.time ?? new Date(), hashes);
    for (const h of hashes) state.tree.append(leafHash(Buffer.from(h, 'hex')));
    const signed = signTreeHead(
      { treeSize: batch.lastSeq, rootHash: state.tree.root().toString('hex'), timestamp: batch.sealedAt },
      signer,
    );
    const head: StoredHead = {
      ...signed,
      batchSeq: batch.batchSeq,
      frontier: state.tree.nodes().map((b) => b.toString('hex')),
    };
    await write(entries, { ...batch, head }, []);
    witness.append(signed);
    state.prev = batch;
    state.head = signed;
    done += n;
    onProgress?.(done);
  }
}

/** Builds the log, verifies it whole and from a saved head; prints both times. */
export async function auditVerifyBench(total = Number(process.env.BENCH_AUDIT_ENTRIES ?? 10_000_000)) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-bench-audit-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const database = connect({ kind: 'sqlite', file: config.sqlitePath });
  await migrate(database.db);
  const keys = loadAccessKeys(config);
  const sqlite = new BetterSqlite3(config.sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const write = sqliteBatchWriter(sqlite);
  const witness = new WitnessWriter(config.auditWitnessFile);
  const state = { prev: null as AuditBatch | null, tree: new CompactRange(), head: null as TreeHead | null };

  say(`audit verify: building a log of ${total.toLocaleString('en-US')} entries (batches of ${BATCH}) …`);
  const t0 = performance.now();
  let shown = 0;
  await append(state, total, write, keys.signer, witness, (n) => {
    if (n - shown >= 1_000_000) {
      shown = n;
      process.stderr.write(`  ${n.toLocaleString('en-US')} entries\n`);
    }
  });
  const buildS = (performance.now() - t0) / 1000;
  say(`  built in ${buildS.toFixed(1)} s (${Math.round(total / buildS).toLocaleString('en-US')} entries/s)`);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const saved = state.head as TreeHead;

  const connection = { kind: 'sqlite' as const, file: config.sqlitePath };
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const full = await verifyAnchored(database.db, {
    pinned: keys.pinned,
    connection,
    witnessFile: config.auditWitnessFile,
  });
  const fullS = (performance.now() - t1) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / total;
  if (!full.ok) throw new Error(`the benchmark log does not verify: ${full.problems[0]?.message.en}`);

  // One more day's worth: 20 batches after the saved head, then verify from it.
  await append(state, 20 * BATCH, write, keys.signer, witness);
  const t2 = performance.now();
  const inc = await verifyAnchored(database.db, {
    pinned: keys.pinned,
    connection,
    witnessFile: null,
    since: saved,
  });
  const incMs = performance.now() - t2;
  if (!inc.ok || !inc.consistency?.ok) throw new Error(`incremental verify failed: ${inc.problems[0]?.message.en}`);

  const per10M = (fullS * 10_000_000) / total;
  say(
    `audit verify full         ${total.toLocaleString('en-US')} entries in ${fullS.toFixed(1)} s ` +
      `(${Math.round(total / fullS).toLocaleString('en-US')} entries/s on ${os.availableParallelism()} cores; ` +
      `10M at this rate ${per10M.toFixed(1)} s, target < 60 s: ${per10M < 60 ? 'met' : 'not met'})`,
  );
  // CPU time (all threads of this process) is steadier than wall time on a shared machine.
  const cores = os.availableParallelism();
  say(
    `audit verify CPU          ${cpuUs.toFixed(1)} µs per entry (all threads); 10M on ${cores} idle cores ≈ ` +
      `${((cpuUs * 10_000_000) / 1e6 / cores).toFixed(1)} s`,
  );
  say(
    `audit verify --since      ${(20 * BATCH).toLocaleString('en-US')} new entries from a saved head of ` +
      `${saved.treeSize.toLocaleString('en-US')} in ${incMs.toFixed(0)} ms, consistency proof of ` +
      `${inc.consistency.proof.length} hashes (target < 1 s: ${incMs < 1000 ? 'met' : 'not met'})`,
  );
  witness.close();
  sqlite.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await auditVerifyBench();
