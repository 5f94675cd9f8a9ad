/** Inclusion proofs of entries (`gerbang audit prove`; the resident's view will use them): checkable offline. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { InclusionProofBundle } from '../../../../domain/audit/heads.js';
import {
  RangeHasher,
  inclusionRanges,
  leafHash,
  leafOfHex,
  nodeHash,
  type LeafRange,
} from '../../../../domain/audit/merkle.js';
import {
  batchHolding,
  batchesAfter,
  entriesByIds,
  entryById,
  lastHead,
  publicHead,
  rowToEntry,
  type StoredHead,
} from './audit.repository.js';

/**
 * The inclusion proof of an entry in the newest signed head: the path's subtree hashes are computed in one pass
 * over the sealed leaves (a page of batches at a time). Null when the entry is unknown or not yet under a head.
 */
export async function inclusionProofFor(db: Kysely<DB>, entryId: string): Promise<InclusionProofBundle | null> {
  const entry = await entryById(db, entryId);
  const head = await lastHead(db);
  if (!entry || !head || entry.seq > head.treeSize) return null;
  const index = entry.seq - 1;
  const ranges = inclusionRanges(index, head.treeSize);
  const hasher = new RangeHasher(ranges);
  for (let after = 0; after < head.treeSize;) {
    const need = hasher.nextNeeded;
    if (need === Infinity) break;
    if (need > after) {
      // Skip the batches wholly before the next leaf any subtree of the path needs.
      const holding = await batchHolding(db, need + 1);
      if (!holding) break;
      after = holding.firstSeq - 1;
    }
    const page = await batchesAfter(db, after, 200);
    if (!page.length) break;
    for (const b of page) {
      hasher.skipTo(b.firstSeq - 1);
      for (const h of b.entryHashes) hasher.push(leafHash(Buffer.from(h, 'hex')));
    }
    after = (page[page.length - 1] as (typeof page)[number]).lastSeq;
  }
  return {
    v: 1,
    entry,
    leafIndex: index,
    treeSize: head.treeSize,
    path: hasher.hashes().map((b) => b.toString('hex')),
    head: publicHead(head),
  };
}

/**
 * The subtree hashes of many proofs' ranges in one walk. The ranges of inclusion proofs are nodes of the log's
 * RFC 6962 tree, so two of them are nested or disjoint: each outermost range is walked once, its leaves folded as
 * a compact range (perfect subtrees merge as they complete, the right edge folds at the end), and every nested
 * range is picked up as its node completes — 2 hashes per leaf walked, however many proofs share the walk.
 */
async function subtreeHashes(db: Kysely<DB>, ranges: readonly LeafRange[]): Promise<Map<string, Buffer>> {
  const key = (lo: number, hi: number) => `${lo}:${hi}`;
  const wanted = new Set(ranges.map(([lo, hi]) => key(lo, hi)));
  const found = new Map<string, Buffer>();
  const keep = (lo: number, hi: number, h: Buffer) => {
    const k = key(lo, hi);
    if (wanted.has(k)) found.set(k, h);
  };
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const outer: LeafRange[] = [];
  for (const r of sorted) {
    const last = outer[outer.length - 1];
    if (!last || r[0] >= last[1]) outer.push(r);
  }
  for (const [lo, hi] of outer) {
    const stack: { height: number; start: number; hash: Buffer }[] = [];
    const push = (pos: number, leaf: Buffer) => {
      keep(pos, pos + 1, leaf);
      let node = { height: 0, start: pos, hash: leaf };
      for (let top = stack[stack.length - 1]; top && top.height === node.height; top = stack[stack.length - 1]) {
        stack.pop();
        node = { height: node.height + 1, start: top.start, hash: nodeHash(top.hash, node.hash) };
        keep(node.start, node.start + 2 ** node.height, node.hash);
      }
      stack.push(node);
    };
    let pos = lo;
    let batch = await batchHolding(db, lo + 1);
    let page = batch ? [batch] : [];
    while (pos < hi && page.length) {
      for (const b of page) {
        for (let i = Math.max(pos, b.firstSeq - 1); i < Math.min(hi, b.lastSeq); i++)
          push(i, leafOfHex(b.entryHashes[i - (b.firstSeq - 1)] as string));
        pos = Math.max(pos, Math.min(hi, b.lastSeq));
        batch = b;
        if (pos >= hi) break;
      }
      if (pos < hi) page = await batchesAfter(db, (batch as NonNullable<typeof batch>).lastSeq, 200);
    }
    if (pos < hi) continue; // the leaves are not all sealed: the proofs needing this range are left out
    // The right edge: [start of each lower node, hi) folded from the right.
    let acc = (stack[stack.length - 1] as (typeof stack)[number]).hash;
    for (let i = stack.length - 2; i >= 0; i--) {
      const n = stack[i] as (typeof stack)[number];
      acc = nodeHash(n.hash, acc);
      keep(n.start, hi, acc);
    }
  }
  return found;
}

/**
 * The inclusion proofs of many entries in the newest signed head (the same bundles as `inclusionProofFor`,
 * checked by `gerbang audit verify-proof`), computed in ONE walk over the sealed leaves their paths need. An
 * entry unknown or not yet under a head has no proof in the map. `head` pins the head to prove against (the one
 * a page showed); default the newest.
 */
export async function inclusionProofsFor(
  db: Kysely<DB>,
  entryIds: readonly string[],
  head?: StoredHead | null,
): Promise<Map<string, InclusionProofBundle>> {
  const out = new Map<string, InclusionProofBundle>();
  const tree = head ?? (await lastHead(db));
  if (!tree || !entryIds.length) return out;
  const entries = (await entriesByIds(db, entryIds)).map(rowToEntry).filter((e) => e.seq <= tree.treeSize);
  const paths = entries.map((e) => ({ entry: e, ranges: inclusionRanges(e.seq - 1, tree.treeSize) }));
  const hashes = await subtreeHashes(
    db,
    paths.flatMap((p) => p.ranges),
  );
  for (const { entry, ranges } of paths) {
    const path = ranges.map(([lo, hi]) => hashes.get(`${lo}:${hi}`));
    if (path.some((h) => !h)) continue;
    out.set(entry.id, {
      v: 1,
      entry,
      leafIndex: entry.seq - 1,
      treeSize: tree.treeSize,
      path: (path as Buffer[]).map((b) => b.toString('hex')),
      head: publicHead(tree),
    });
  }
  return out;
}
