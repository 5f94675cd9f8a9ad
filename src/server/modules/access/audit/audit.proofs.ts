/** Inclusion proofs of entries (`gerbang audit prove`; the resident's view will use them): checkable offline. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { InclusionProofBundle } from '../../../../domain/audit/heads.js';
import { RangeHasher, inclusionRanges, leafHash } from '../../../../domain/audit/merkle.js';
import { batchHolding, batchesAfter, entryById, lastHead, publicHead } from './audit.repository.js';

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
