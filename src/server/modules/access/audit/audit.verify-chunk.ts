/**
 * One chunk of a streaming verification (audit.verify.ts): consecutive batches and the entries they cover,
 * checked where they lie — signatures against the pinned keys, each batch's leaves against its Merkle root, every
 * row's hash against the hash sealed at its position, the stored heads' signatures — and reduced to what the
 * coordinator needs to join chunks into the whole tree: the compact range of the chunk's leaves, and the ranges
 * up to each head or checkpoint inside it. Runs in a worker thread (audit-verify.worker.ts) or inline.
 */
import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { badSignature, batchSigned, leavesProblem, type LogProblem } from '../../../../domain/audit/audit.js';
import { PinnedKeys, treeHeadSigned, type PinnedKey } from '../../../../domain/audit/heads.js';
import { RangeBuilder, leafHash, leafOfHex, treeRoot } from '../../../../domain/audit/merkle.js';
import { fastEntryHash, rowHashFast } from './audit-log.js';
import {
  batchesBetween,
  entryRowsBetween,
  headsBetween,
  rawToRow,
  rowToEntry,
  rowToRaw,
  type RawEntryRow,
} from './audit.repository.js';

/**
 * Reads entry rows of a range: as arrays in ENTRY_COLUMNS order, or (`texts`, SQLite's fast path) as
 * [seq, canonical text] with `row` to re-read one row in full when its text does not match.
 */
export type RawReader =
  | { rows: (from: number, to: number, limit: number) => RawEntryRow[] | Promise<RawEntryRow[]> }
  | {
      texts: (from: number, to: number, limit: number) => [number, string | null][];
      row: (seq: number) => RawEntryRow | undefined;
    };

/** What a chunk covers. */
export interface ChunkTask {
  id: number;
  firstBatch: number;
  lastBatch: number;
  /** Positions [fromSeq, toSeq] (1-based), the batches' range. */
  fromSeq: number;
  toSeq: number;
  /** Extra tree sizes inside (fromSeq - 1, toSeq] to report ranges at (witness heads, a saved head). */
  checkpoints: number[];
  /** Batches ending at or after this size must have a head (null: no heads in the log). */
  headsFrom: number | null;
}

/** A stored head found in the chunk, signature checked. */
export interface ChunkHead {
  treeSize: number;
  rootHash: string;
  frontier: readonly string[];
}

/** What a chunk reports. */
export interface ChunkResult {
  id: number;
  problems: LogProblem[];
  /** The first position whose row is missing or differs from what was sealed, or null. */
  firstMismatch: number | null;
  rows: number;
  /** Compact range of leaves [fromSeq - 1, toSeq), hex, left to right. */
  nodes: string[];
  /** Ranges [fromSeq - 1, size) at each head and checkpoint size. */
  at: { size: number; nodes: string[] }[];
  heads: ChunkHead[];
}

const PAGE = 8192;

function msg(id: string, en: string) {
  return { id, en };
}

/** Verifies one chunk. */
export async function verifyChunk(
  db: Kysely<DB>,
  task: ChunkTask,
  pins: readonly PinnedKey[],
  reader: RawReader = { rows: async (from, to, limit) => (await entryRowsBetween(db, from, to, limit)).map(rowToRaw) },
): Promise<ChunkResult> {
  const pinned = new PinnedKeys(pins);
  const problems: LogProblem[] = [];
  const count = task.toSeq - task.fromSeq + 1;
  const sealed: (string | undefined)[] = new Array<string | undefined>(count);
  const leaves: (Buffer | undefined)[] = new Array<Buffer | undefined>(count);
  const batches = await batchesBetween(db, task.firstBatch, task.lastBatch);
  const batchEnds = new Set<number>();
  for (const b of batches) {
    // A batch signed by a key not pinned is reported by the coordinator (foreign_key), from its header.
    if (pinned.has(b.keyId) && !batchSigned(b, pinned.key(b.keyId))) problems.push(badSignature(b.batchSeq));
    // Leaf hashes once: the batch's Merkle root is the RFC 6962 hash of the same leaves (merkle.test.ts). A batch
    // with a tree head needs no root of its own recomputed: the head at its end, compared with the tree of all
    // leaves, commits the same hashes (and its header hash commits its root).
    const own = b.entryHashes.map(leafOfHex);
    const span = b.lastSeq - b.firstSeq + 1;
    const headed = task.headsFrom !== null && b.lastSeq >= task.headsFrom;
    if (own.length !== span || span < 1 || (!headed && treeRoot(own).toString('hex') !== b.merkleRoot))
      problems.push(leavesProblem({ ...b, merkleRoot: '' }) as LogProblem);
    batchEnds.add(b.lastSeq);
    b.entryHashes.forEach((h, j) => {
      const i = b.firstSeq + j - task.fromSeq;
      if (i >= 0 && i < count) {
        sealed[i] = h;
        leaves[i] = own[j];
      }
    });
  }

  const heads: ChunkHead[] = [];
  const headSizes = new Set<number>();
  for (const h of await headsBetween(db, task.fromSeq, task.toSeq)) {
    headSizes.add(h.treeSize);
    if (!pinned.has(h.keyId))
      problems.push({
        kind: 'foreign_key',
        seq: h.treeSize,
        message: msg(
          `Kepala pohon ${h.treeSize} ditandatangani kunci ${h.keyId} yang tidak disematkan.`,
          `The tree head at size ${h.treeSize} is signed by key ${h.keyId}, which is not pinned.`,
        ),
      });
    else if (!treeHeadSigned(h, pinned.key(h.keyId)))
      problems.push({
        kind: 'bad_head',
        seq: h.treeSize,
        message: msg(
          `Tanda tangan kepala pohon ${h.treeSize} tidak sah.`,
          `The signature of the tree head at size ${h.treeSize} does not verify.`,
        ),
      });
    if (!batchEnds.has(h.treeSize))
      problems.push({
        kind: 'bad_head',
        seq: h.treeSize,
        message: msg(
          `Kepala pohon ${h.treeSize} tidak berada di akhir batch mana pun.`,
          `The tree head at size ${h.treeSize} ends no batch.`,
        ),
      });
    heads.push({ treeSize: h.treeSize, rootHash: h.rootHash, frontier: h.frontier });
  }
  if (task.headsFrom !== null)
    for (const b of batches)
      if (b.lastSeq >= task.headsFrom && !headSizes.has(b.lastSeq))
        problems.push({
          kind: 'bad_head',
          batchSeq: b.batchSeq,
          message: msg(
            `Kepala pohon batch ${b.batchSeq} (ukuran ${b.lastSeq}) hilang.`,
            `The tree head of batch ${b.batchSeq} (size ${b.lastSeq}) is missing.`,
          ),
        });

  // Rows against the hashes sealed at their positions.
  let firstMismatch: number | null = null;
  let next = task.fromSeq;
  let rows = 0;
  while (next <= task.toSeq) {
    const page: RawEntryRow[] =
      'texts' in reader ? reader.texts(next, task.toSeq, PAGE) : await reader.rows(next, task.toSeq, PAGE);
    if (!page.length) break;
    for (const r of page) {
      const seq = Number(r[0]);
      if (seq !== next && firstMismatch === null) firstMismatch = next; // rows missing before this one
      const want = sealed[seq - task.fromSeq];
      if (firstMismatch === null) {
        const text = r.length === 2 ? (r[1] as string | null) : null;
        const fast = text !== null ? hash('sha256', text, 'hex') : undefined;
        if (fast !== want) {
          // Not the sealed bytes as built: hash the row exactly (sorted detail, then the domain's canonical form).
          const full = r.length === 2 && 'texts' in reader ? reader.row(seq) : r;
          let h: string | undefined = full ? rowHashFast(full) : undefined;
          if (h !== want && full) {
            try {
              h = fastEntryHash(rowToEntry(rawToRow(full)));
            } catch {
              h = '';
            }
          }
          if (h !== want) firstMismatch = seq;
        }
      }
      rows++;
      next = seq + 1;
    }
    // Past the first mismatch the rows matter no more: diagnose names the problem from the seq-ordered rows.
    if (firstMismatch !== null) break;
  }
  if (next <= task.toSeq && firstMismatch === null) firstMismatch = next;

  // The chunk's leaves: the sealed hashes (the tree commits what was sealed; rows are compared above).
  const wanted = new Set<number>([...task.checkpoints, ...headSizes]);
  const builder = new RangeBuilder(task.fromSeq - 1);
  const at: { size: number; nodes: string[] }[] = [];
  const hex = (b: Buffer) => b.toString('hex');
  for (let i = 0; i < count; i++) {
    builder.append(leaves[i] ?? leafHash(Buffer.alloc(0)));
    const size = task.fromSeq + i;
    if (wanted.has(size)) at.push({ size, nodes: builder.nodes().map(hex) });
  }
  return { id: task.id, problems, firstMismatch, rows, nodes: builder.nodes().map(hex), at, heads };
}
