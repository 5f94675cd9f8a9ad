/**
 * `gerbang audit verify` and the API's verification: the log in the database checked against what lies outside
 * it (ADR 0008) — the pinned keys (trust file), the witness file's heads, and a head saved earlier (`--since`).
 *
 * It streams: batch headers are read a page at a time and walked here (header hashes, the chain, which key signed),
 * while consecutive runs of batches go as chunks to worker threads (audit.verify-chunk.ts: signatures, leaves,
 * every row's hash) that answer with the compact range of their leaves; chunks are joined in order into the tree
 * of the whole log, whose root at every stored head, witness head and saved head is compared with that head.
 * Nothing holds more than a page of rows or the pending chunks. From a saved head the walk starts at that head
 * (its stored compact range, checked against the saved root) and ends with an RFC 9162 consistency proof from the
 * saved head to the newest, so a daily check reads only what was sealed since.
 */
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { ConnectOptions } from '../../../db/connect.js';
import {
  appendedProblem,
  batchSigned,
  firstEntryProblem,
  headerProblems,
  safeHash,
  type ChainTip,
  type LogProblem,
  type PositionedHash,
  type VerifyReport,
} from '../../../../domain/audit/audit.js';
import { PinnedKeys, treeHeadSigned, type TreeHead } from '../../../../domain/audit/heads.js';
import { pinFor } from './keys.js';
import {
  CompactRange,
  RangeHasher,
  consistencyRanges,
  leafHash,
  rangeHeights,
  verifyConsistency,
} from '../../../../domain/audit/merkle.js';
import { startTsWorker } from '../../../lib/ts-worker.js';
import {
  batchEndingAt,
  batchHeaders,
  batchHolding,
  batchesAfter,
  batchesBetween,
  entryRowsBetween,
  firstHeadSize,
  headAt,
  lastBatch,
  lastHead,
  publicHead,
  rowToEntry,
  rowsAfter,
  storedKeys,
} from './audit.repository.js';
import { verifyChunk, type ChunkResult, type ChunkTask } from './audit.verify-chunk.js';
import { readWitness } from './witness.js';

/** What to verify against. */
export interface VerifyOptions {
  pinned: PinnedKeys;
  /** How worker threads reach the database (without it, everything runs in this thread). */
  connection?: ConnectOptions;
  /** The witness file (checked when it exists). */
  witnessFile?: string | null;
  /** A head saved earlier: the log must extend it; verification starts there unless `full`. */
  since?: TreeHead | null;
  full?: boolean;
  /** Worker threads (default: the machine's cores for logs over CHUNK entries, else none). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The verdict, with what it was checked against. */
export interface AnchoredReport extends VerifyReport {
  treeSize: number;
  /** The recomputed root of the whole log, hex. */
  rootHash: string;
  /** The newest stored head (what to save for the next `--since`). */
  head: TreeHead | null;
  /** First position verified: 0, or the saved head's size. */
  from: number;
  witnessHeads: number;
  notes: string[];
  /** The consistency proof from the saved head to the newest (incremental verification). */
  consistency?: { from: number; to: number; proof: string[]; ok: boolean };
}

/** Positions per chunk (small enough to keep every worker busy to the end, large enough to pay for a message). */
export const CHUNK = 65_536;
const MAX_BATCHES_PER_CHUNK = 4096;
const HEADER_PAGE = 5000;
const MAX_PROBLEMS = 200;

function msg(id: string, en: string) {
  return { id, en };
}

const toBuf = (h: string) => Buffer.from(h, 'hex');
const toHex = (b: Buffer) => b.toString('hex');

interface Runner {
  run(task: ChunkTask): Promise<ChunkResult>;
  close(): Promise<void>;
}

function inlineRunner(db: Kysely<DB>, pinned: PinnedKeys): Runner {
  return { run: (t) => verifyChunk(db, t, pinned.keys), close: async () => undefined };
}

/** A pool of worker threads, each with its own connection, taking chunks in turn. */
async function workerRunner(count: number, connection: ConnectOptions, pinned: PinnedKeys): Promise<Runner> {
  const url = new URL('./audit-verify.worker.ts', import.meta.url);
  const workers = await Promise.all(
    Array.from({ length: count }, async () => {
      const w = startTsWorker(url, { connection, pins: pinned.keys });
      await new Promise<void>((resolve, reject) => {
        w.once('message', () => resolve());
        w.once('error', reject);
      });
      return w;
    }),
  );
  const idle = [...workers];
  const waiting: (() => void)[] = [];
  const take = async () => {
    while (!idle.length) await new Promise<void>((r) => waiting.push(r));
    return idle.pop() as (typeof workers)[number];
  };
  return {
    async run(task) {
      const w = await take();
      try {
        return await new Promise<ChunkResult>((resolve, reject) => {
          const onMessage = (m: { result?: ChunkResult; error?: string }) => {
            w.off('error', onError);
            if (m.result) resolve(m.result);
            else reject(new Error(m.error ?? 'verification worker failed'));
          };
          const onError = (e: Error) => {
            w.off('message', onMessage);
            reject(e);
          };
          w.once('message', onMessage);
          w.once('error', onError);
          w.postMessage({ task });
        });
      } finally {
        idle.push(w);
        waiting.shift()?.();
      }
    },
    async close() {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.once('exit', () => resolve());
              w.postMessage({ stop: true });
              setTimeout(() => void w.terminate(), 5000).unref();
            }),
        ),
      );
    },
  };
}

/** A saved or witnessed head's problems against the pinned keys, or null when it is signed by one. */
function headKeyProblem(h: TreeHead, pinned: PinnedKeys, what: { id: string; en: string }): LogProblem | null {
  if (!pinned.has(h.keyId))
    return {
      kind: 'foreign_key',
      seq: h.treeSize,
      message: msg(
        `${what.id} ditandatangani kunci ${h.keyId} yang tidak disematkan.`,
        `${what.en} is signed by key ${h.keyId}, which is not pinned.`,
      ),
    };
  if (!treeHeadSigned(h, pinned.key(h.keyId)))
    return {
      kind: 'bad_head',
      seq: h.treeSize,
      message: msg(`Tanda tangan ${what.id} tidak sah.`, `The signature of ${what.en} does not verify.`),
    };
  return null;
}

function truncatedProblem(size: number, n: number, where: { id: string; en: string }): LogProblem {
  return {
    kind: 'truncated',
    seq: n + 1,
    message: msg(
      `${where.id} berukuran ${size}, tetapi log hanya berisi ${n} entri: entri terbaru (${n + 1}–${size}) dihapus.`,
      `${where.en} has size ${size}, but the log holds only ${n} entries: the newest entries (${n + 1}–${size}) were removed.`,
    ),
  };
}

function rewrittenProblem(size: number, where: { id: string; en: string }): LogProblem {
  return {
    kind: 'rewritten',
    seq: size,
    message: msg(
      `${where.id} (ukuran ${size}) tidak cocok lagi dengan log: log ditulis ulang dan disegel ulang.`,
      `${where.en} (size ${size}) no longer matches the log: the log was rewritten and re-sealed.`,
    ),
  };
}

/** Names the first entry problem from position p, over a window of what was sealed and what is found. */
async function diagnose(db: Kysely<DB>, p: number, n: number): Promise<LogProblem> {
  const W = 4096;
  const expected: PositionedHash[] = [];
  const first = await batchHolding(db, p);
  if (first) {
    for (let bs = first.batchSeq; expected.length < W; bs += 256) {
      const page = await batchesBetween(db, bs, bs + 255);
      if (!page.length) break;
      for (const b of page)
        b.entryHashes.forEach((hash, j) => {
          const seq = b.firstSeq + j;
          if (seq >= p && seq <= n && expected.length < W) expected.push({ seq, hash });
        });
    }
  }
  const rows = await entryRowsBetween(db, p, Number.MAX_SAFE_INTEGER, W);
  const actual = rows.map((r) => {
    try {
      return { seq: Number(r.seq), hash: safeHash(rowToEntry(r)) };
    } catch {
      return { seq: Number(r.seq), hash: `unreadable:${String(r.seq)}` };
    }
  });
  return (
    firstEntryProblem(expected, actual) ?? {
      kind: 'altered',
      seq: p,
      message: msg(`Entri ${p} diubah.`, `Entry ${p} was altered.`),
    }
  );
}

/** Verifies the log against the pinned keys, the witness file and a saved head; streams, on worker threads. */
export async function verifyAnchored(db: Kysely<DB>, o: VerifyOptions): Promise<AnchoredReport> {
  const problems: LogProblem[] = [];
  const notes: string[] = [];
  const pinned = o.pinned;
  const last = await lastBatch(db);
  const n = last?.lastSeq ?? 0;
  const lastBatchSeq = last?.batchSeq ?? 0;
  const headsFrom = await firstHeadSize(db);
  if (last && headsFrom !== null && headsFrom > 1)
    notes.push(`batches before size ${headsFrom} were sealed before tree heads existed (migration 0012)`);

  // Where to start: the beginning, or a saved head whose stored compact range matches it.
  let tree = new CompactRange();
  let tip: ChainTip = null;
  let from = 0;
  const since = o.since ?? null;
  const checkpoints = new Map<number, { root: string; where: { id: string; en: string } }[]>();
  const addCheckpoint = (size: number, root: string, where: { id: string; en: string }) => {
    const list = checkpoints.get(size) ?? [];
    list.push({ root, where });
    checkpoints.set(size, list);
  };
  const sinceWhere = { id: 'Kepala pohon yang disimpan', en: 'The saved tree head' };
  let sinceUsable = false;
  if (since) {
    const p = headKeyProblem(since, pinned, sinceWhere);
    if (p) problems.push(p);
    else if (since.treeSize > n) problems.push(truncatedProblem(since.treeSize, n, sinceWhere));
    else sinceUsable = true;
  }
  if (since && sinceUsable && !o.full && since.treeSize > 0) {
    const stored = await headAt(db, since.treeSize);
    const range = stored ? CompactRange.of(stored.treeSize, stored.frontier.map(toBuf)) : null;
    const tipBatch = stored ? await batchEndingAt(db, since.treeSize) : null;
    if (stored && stored.rootHash !== since.rootHash) {
      problems.push(rewrittenProblem(since.treeSize, sinceWhere));
      notes.push('the saved head does not match the log: verifying the whole log');
    } else if (range && tipBatch && toHex(range.root()) === since.rootHash) {
      const tipProblems = headerProblems(tipBatch, null).filter((x) => x.kind === 'bad_batch');
      if (!pinned.has(tipBatch.keyId) || !batchSigned(tipBatch, pinned.key(tipBatch.keyId)) || tipProblems.length)
        notes.push(`batch ${tipBatch.batchSeq} at the saved head does not verify: verifying the whole log`);
      else {
        tree = range;
        tip = tipBatch;
        from = since.treeSize;
      }
    } else notes.push(`no usable stored head at the saved size ${since.treeSize}: verifying the whole log`);
  }
  if (since && sinceUsable && from === 0 && since.treeSize > 0)
    addCheckpoint(since.treeSize, since.rootHash, sinceWhere);

  // The witness file: every head in it must be signed by a pinned key and match the log at its size.
  let witnessHeads = 0;
  if (o.witnessFile) {
    let longest: TreeHead | null = null;
    let before = 0;
    for await (const line of readWitness(o.witnessFile)) {
      const where = {
        id: `Kepala pohon di berkas saksi baris ${line.line}`,
        en: `The tree head on line ${line.line} of the witness file`,
      };
      if (!('head' in line)) {
        problems.push({
          kind: 'bad_witness',
          message: msg(`${where.id} bukan kepala pohon.`, `${where.en} is not a tree head.`),
        });
        continue;
      }
      witnessHeads++;
      const h = line.head;
      const p = headKeyProblem(h, pinned, where);
      if (p) {
        problems.push({ ...p, kind: p.kind === 'foreign_key' ? 'foreign_key' : 'bad_witness' });
        continue;
      }
      if (h.treeSize > n) {
        if (!longest || h.treeSize > longest.treeSize) longest = h;
        continue;
      }
      if (h.treeSize < from) before++;
      else if (h.treeSize === from) {
        if (since && h.rootHash !== since.rootHash) problems.push(rewrittenProblem(h.treeSize, where));
      } else addCheckpoint(h.treeSize, h.rootHash, where);
    }
    if (longest)
      problems.push(
        truncatedProblem(longest.treeSize, n, {
          id: `Berkas saksi memuat kepala pohon (${longest.timestamp}) yang`,
          en: `The witness file holds a head (${longest.timestamp}) that`,
        }),
      );
    if (before) notes.push(`${before} witness heads before the saved head were not rechecked (use --full)`);
  } else notes.push('no witness file: a removal of the newest batches shows only against a saved head (--since)');

  // Walk the headers, hand out chunks, join the results in order.
  const total = n - from;
  const workers =
    o.workers ?? (o.connection && total > CHUNK ? Math.max(1, Math.min(os.availableParallelism(), 8)) : 0);
  const runner =
    workers > 0 && o.connection ? await workerRunner(workers, o.connection, pinned) : inlineRunner(db, pinned);
  const inFlight: { task: ChunkTask; result: Promise<ChunkResult> }[] = [];
  const foreign = new Map<string, { count: number; first: number }>();
  let firstMismatch: number | null = null;
  let headersSeen = 0;
  let nextTaskId = 0;

  const merge = (task: ChunkTask, r: ChunkResult) => {
    problems.push(...r.problems);
    if (r.firstMismatch !== null && (firstMismatch === null || r.firstMismatch < firstMismatch))
      firstMismatch = r.firstMismatch;
    for (const a of r.at) {
      const t = tree.clone();
      t.appendRange(a.size - tree.size, a.nodes.map(toBuf));
      const root = toHex(t.root());
      for (const h of r.heads.filter((x) => x.treeSize === a.size)) {
        const frontierOk = t.nodes().map(toHex).join() === h.frontier.join();
        if (h.rootHash !== root || !frontierOk)
          problems.push({
            kind: 'bad_head',
            seq: a.size,
            message: msg(
              `Kepala pohon tersimpan pada ukuran ${a.size} tidak cocok dengan pohon entri.`,
              `The stored tree head at size ${a.size} does not match the tree of the entries.`,
            ),
          });
      }
      for (const cp of checkpoints.get(a.size) ?? [])
        if (cp.root !== root) problems.push(rewrittenProblem(a.size, cp.where));
    }
    tree.appendRange(task.toSeq - task.fromSeq + 1, r.nodes.map(toBuf));
    o.onProgress?.(tree.size - from, total);
  };
  const drainTo = async (limit: number) => {
    while (inFlight.length > limit) {
      const next = inFlight.shift() as (typeof inFlight)[number];
      merge(next.task, await next.result);
    }
  };

  let chunk: { firstBatch: number; lastBatch: number; toSeq: number } | null = null;
  let chunkFrom = from + 1;
  const dispatch = async () => {
    if (!chunk) return;
    const fromSeq = chunkFrom;
    const toSeq = Math.max(chunk.toSeq, fromSeq - 1);
    chunkFrom = toSeq + 1;
    const c = chunk;
    chunk = null;
    if (toSeq < fromSeq) return;
    const cps = [...checkpoints.keys()].filter((s) => s >= fromSeq && s <= toSeq);
    const task: ChunkTask = {
      id: nextTaskId++,
      firstBatch: c.firstBatch,
      lastBatch: c.lastBatch,
      fromSeq,
      toSeq,
      checkpoints: cps,
      headsFrom,
    };
    inFlight.push({ task, result: runner.run(task) });
    await drainTo(Math.max(2, workers * 2));
  };

  try {
    for (let after = tip?.batchSeq ?? 0; after < lastBatchSeq;) {
      const page = (await batchHeaders(db, after, HEADER_PAGE)).filter((h) => h.batchSeq <= lastBatchSeq);
      if (!page.length) break;
      for (const h of page) {
        headersSeen++;
        problems.push(...headerProblems(h, tip));
        if (!pinned.has(h.keyId)) {
          const f = foreign.get(h.keyId) ?? { count: 0, first: h.batchSeq };
          f.count++;
          foreign.set(h.keyId, f);
        }
        tip = h;
        chunk ??= { firstBatch: h.batchSeq, lastBatch: h.batchSeq, toSeq: h.lastSeq };
        chunk.lastBatch = h.batchSeq;
        chunk.toSeq = Math.max(chunk.toSeq, h.lastSeq);
        if (chunk.toSeq - chunkFrom + 1 >= CHUNK || chunk.lastBatch - chunk.firstBatch + 1 >= MAX_BATCHES_PER_CHUNK)
          await dispatch();
      }
      after = (page[page.length - 1] as (typeof page)[number]).batchSeq;
    }
    await dispatch();
    await drainTo(0);
  } finally {
    await runner.close();
  }

  for (const [keyId, f] of foreign) {
    const known = (await storedKeys(db)).some((k) => k.key_id === keyId);
    problems.push({
      kind: 'foreign_key',
      batchSeq: f.first,
      message: msg(
        `${f.count} batch (mulai batch ${f.first}) ditandatangani kunci ${keyId} yang tidak disematkan di berkas kepercayaan` +
          (known ? ' (kunci itu hanya terdaftar di tabel audit_keys).' : '.'),
        `${f.count} batches (from batch ${f.first}) are signed by key ${keyId}, which is not pinned in the trust file` +
          (known ? ' (that key is only listed in the audit_keys table).' : '.'),
      ),
    });
  }

  // The newest head must be the tree's, at the last batch.
  const newest = await lastHead(db);
  if (last && headsFrom !== null && (!newest || newest.treeSize !== n))
    problems.push({
      kind: 'bad_head',
      seq: n,
      message: msg(
        `Tidak ada kepala pohon pada ujung log (ukuran ${n}).`,
        `There is no tree head at the end of the log (size ${n}).`,
      ),
    });

  // Rows no batch covers: never sealed (a live server may have sealed more meanwhile: look again).
  let extra = await rowsAfter(db, n);
  if (extra.count) {
    const now = await lastBatch(db);
    if (now && now.lastSeq > n) extra = await rowsAfter(db, now.lastSeq);
  }
  if (extra.count) problems.push(appendedProblem(extra.count, extra.first, extra.last));

  // The first entry that differs from what was sealed, named.
  let first: LogProblem | null = null;
  if (firstMismatch !== null) first = await diagnose(db, firstMismatch, n);

  const rootHash = toHex(tree.root());
  let consistency: AnchoredReport['consistency'];
  if (since && from > 0) {
    const proof = await consistencyProofFrom(db, from, n, (await headAt(db, from))?.frontier ?? []);
    const ok = verifyConsistency(from, n, proof.map(toBuf), toBuf(since.rootHash), toBuf(rootHash));
    consistency = { from, to: n, proof, ok };
    if (!ok) problems.push(rewrittenProblem(from, sinceWhere));
  }

  const entryProblems = first ? [first] : [];
  const all = [...entryProblems, ...problems];
  if (all.length > MAX_PROBLEMS) {
    notes.push(`${all.length - MAX_PROBLEMS} more problems not listed`);
    all.length = MAX_PROBLEMS;
  }
  if (headersSeen === 0 && from === 0 && n > 0) notes.push('no batch headers read');
  return {
    ok: all.length === 0,
    problems: all,
    firstEntryProblem: first,
    batches: lastBatchSeq,
    sealedEntries: n,
    unsealed: extra.count,
    treeSize: n,
    rootHash,
    head: newest ? publicHead(newest) : null,
    from,
    witnessHeads,
    notes,
    ...(consistency ? { consistency } : {}),
  };
}

/**
 * The RFC 9162 consistency proof from size m to size n: subtrees left of m come from the compact range stored
 * with the head at m, subtrees right of it from the leaves sealed after m (streamed once).
 */
async function consistencyProofFrom(
  db: Kysely<DB>,
  m: number,
  n: number,
  frontier: readonly string[],
): Promise<string[]> {
  const ranges = consistencyRanges(m, n);
  const left = new Map<string, string>();
  let pos = 0;
  rangeHeights(m).forEach((h, i) => {
    left.set(`${pos}:${pos + 2 ** h}`, frontier[i] ?? '');
    pos += 2 ** h;
  });
  const right = ranges.filter(([lo]) => lo >= m);
  const hasher = new RangeHasher(right, m);
  if (right.length)
    for (let after = m; ;) {
      const page = await batchesAfter(db, after, 500);
      if (!page.length) break;
      for (const b of page) for (const h of b.entryHashes) hasher.push(leafHash(toBuf(h)));
      after = (page[page.length - 1] as (typeof page)[number]).lastSeq;
      if (after >= n) break;
    }
  const rightHashes = right.length ? hasher.hashes() : [];
  let r = 0;
  return ranges.map(([lo, hi]) => {
    if (lo >= m) return toHex(rightHashes[r++] as Buffer);
    return left.get(`${lo}:${hi}`) ?? '0'.repeat(64); // any other range cannot occur (RFC 9162 §2.1.4)
  });
}

/**
 * Verifies the database's log in this thread (the API's check, tests). Without pinned keys it trusts the keys
 * listed in audit_keys — a check of the seals' internal consistency only, said so in the notes; the CLI and the
 * API pass the pinned keys.
 */
export async function verifyDatabaseLog(
  db: Kysely<DB>,
  pinned?: PinnedKeys,
  witnessFile?: string | null,
): Promise<AnchoredReport> {
  const keys = pinned ?? new PinnedKeys((await storedKeys(db)).map((k) => pinFor(k.public_key)));
  const r = await verifyAnchored(db, { pinned: keys, witnessFile: witnessFile ?? null, workers: 0 });
  if (!pinned) r.notes.push('keys taken from the database (audit_keys), not from a trust file');
  return r;
}
