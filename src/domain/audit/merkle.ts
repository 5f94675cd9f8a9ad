/**
 * The Merkle tree of a transparency log (RFC 6962 §2.1, RFC 9162 §2.1) over every audit entry ever sealed.
 *
 *   leaf  = SHA-256(0x00 ‖ d)      d: the entry's 32-byte digest, SHA-256 of its canonical bytes (audit.ts)
 *   node  = SHA-256(0x01 ‖ left ‖ right)
 *   MTH(D[n]) splits at the largest power of two smaller than n; MTH of no leaves is SHA-256 of nothing.
 *
 * A `CompactRange` holds the roots of the perfect subtrees covering leaves [0, size) — at most one per bit of
 * the size — so appending a leaf costs two hashes on average and the root of the whole tree costs popcount(size)
 * hashes: each sealed batch advances the tree without reading earlier entries. Proofs are described as the
 * leaf ranges [lo, hi) whose subtree hashes they list (inclusionRanges, consistencyRanges), so a caller can
 * compute those hashes however it holds the leaves (an array in memory, a stream over the database, stored
 * compact ranges) and the verification functions are the RFC's algorithms, unchanged.
 */
import { hash } from 'node:crypto';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

function sha256(data: Buffer): Buffer {
  return hash('sha256', data, 'buffer');
}

// Scratch buffers: hash() copies its input synchronously, so one buffer per shape serves every call
// (verification hashes tens of millions of leaves and nodes; allocating each input was a third of its time).
const LEAF_SCRATCH = Buffer.alloc(33);
const NODE_SCRATCH = Buffer.alloc(65);
NODE_SCRATCH[0] = 1;

/** SHA-256(0x00 ‖ data): the hash of a leaf. */
export function leafHash(data: Buffer): Buffer {
  if (data.length === 32) {
    data.copy(LEAF_SCRATCH, 1);
    return sha256(LEAF_SCRATCH);
  }
  return sha256(Buffer.concat([LEAF, data]));
}

/** The leaf hash of a 32-byte digest given in hex (an entry hash as stored). */
export function leafOfHex(hex: string): Buffer {
  if (hex.length !== 64 || LEAF_SCRATCH.write(hex, 1, 'hex') !== 32) return leafHash(Buffer.from(hex, 'hex'));
  return sha256(LEAF_SCRATCH);
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length === 32 && right.length === 32) {
    left.copy(NODE_SCRATCH, 1);
    right.copy(NODE_SCRATCH, 33);
    return sha256(NODE_SCRATCH);
  }
  return sha256(Buffer.concat([NODE, left, right]));
}

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = sha256(Buffer.alloc(0));

/** The largest power of two smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && splitPoint(n + 1) === n;
}

function lsb(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

/** Heights of the perfect subtrees covering [0, size), largest first (one per set bit of size). */
export function rangeHeights(size: number): number[] {
  const out: number[] = [];
  for (let h = 52, rest = size; h >= 0; h--) {
    const p = 2 ** h;
    if (rest >= p) {
      out.push(h);
      rest -= p;
    }
  }
  return out;
}

/** The roots of the perfect subtrees covering leaves [0, size) (RFC 9162's compact form of a tree). */
export class CompactRange {
  private readonly hashes: Buffer[] = [];
  private readonly heights: number[] = [];
  private count = 0;

  /** A range from stored nodes (`nodes`: one hash per set bit of size, largest subtree first). */
  static of(size: number, nodes: readonly Buffer[]): CompactRange {
    const heights = rangeHeights(size);
    if (heights.length !== nodes.length) throw new RangeError(`CompactRange: ${nodes.length} nodes for size ${size}`);
    const r = new CompactRange();
    r.count = size;
    for (let i = 0; i < nodes.length; i++) {
      r.hashes.push(nodes[i] as Buffer);
      r.heights.push(heights[i] as number);
    }
    return r;
  }

  /** How many leaves it covers. */
  get size(): number {
    return this.count;
  }

  /** The subtree roots, largest first. */
  nodes(): Buffer[] {
    return [...this.hashes];
  }

  /** A copy. */
  clone(): CompactRange {
    return CompactRange.of(this.count, this.hashes);
  }

  /** Appends one leaf hash. */
  append(leaf: Buffer): void {
    this.appendSubtree(0, leaf);
  }

  /** Appends the root of a perfect subtree of 2^height leaves; the size must be a multiple of 2^height. */
  appendSubtree(height: number, root: Buffer): void {
    const width = 2 ** height;
    if (this.count % width !== 0) throw new RangeError(`CompactRange: a subtree of ${width} at ${this.count}`);
    let h = height;
    let x = root;
    while (this.heights.length && this.heights[this.heights.length - 1] === h) {
      this.heights.pop();
      x = nodeHash(this.hashes.pop() as Buffer, x);
      h++;
    }
    this.hashes.push(x);
    this.heights.push(h);
    this.count += width;
  }

  /** Appends a compact range that starts where this one ends (nodes largest first). */
  appendRange(size: number, nodes: readonly Buffer[]): void {
    const heights = rangeHeightsAt(this.count, size);
    if (heights.length !== nodes.length) throw new RangeError('CompactRange: nodes do not match the range');
    heights.forEach((h, i) => this.appendSubtree(h, nodes[i] as Buffer));
  }

  /** MTH of the leaves covered: the subtree roots folded from the right. */
  root(): Buffer {
    if (!this.hashes.length) return EMPTY_ROOT;
    let r = this.hashes[this.hashes.length - 1] as Buffer;
    for (let i = this.hashes.length - 2; i >= 0; i--) r = nodeHash(this.hashes[i] as Buffer, r);
    return r;
  }
}

/**
 * Heights of the maximal aligned perfect subtrees covering [start, start + size), left to right (the nodes a
 * range that does not start at 0 holds: `RangeBuilder`).
 */
export function rangeHeightsAt(start: number, size: number): number[] {
  const out: number[] = [];
  let pos = start;
  const end = start + size;
  while (pos < end) {
    let h = 0;
    while (pos % 2 ** (h + 1) === 0 && pos + 2 ** (h + 1) <= end) h++;
    out.push(h);
    pos += 2 ** h;
  }
  return out;
}

/**
 * Leaves [start, …) folded into maximal aligned perfect subtrees, so that a range computed apart (a worker's
 * chunk of the log) can be appended to the compact range ending at `start` (CompactRange.appendRange).
 */
export class RangeBuilder {
  private readonly hashes: Buffer[] = [];
  private readonly heights: number[] = [];
  private end: number;

  constructor(readonly start: number) {
    this.end = start;
  }

  /** Leaves appended so far. */
  get size(): number {
    return this.end - this.start;
  }

  append(leaf: Buffer): void {
    let h = 0;
    let x = leaf;
    // Merge with the previous node while both are the same height and the merged node stays aligned.
    while (
      this.heights.length &&
      this.heights[this.heights.length - 1] === h &&
      (this.end + 1) % 2 ** (h + 1) === 0 &&
      this.end + 1 - 2 ** (h + 1) >= this.start
    ) {
      this.heights.pop();
      x = nodeHash(this.hashes.pop() as Buffer, x);
      h++;
    }
    this.hashes.push(x);
    this.heights.push(h);
    this.end++;
  }

  /** The nodes, left to right, as CompactRange.appendRange takes them (the unique maximal aligned cover). */
  nodes(): Buffer[] {
    return [...this.hashes];
  }
}

/** MTH over leaf hashes in memory. */
export function treeRoot(leaves: readonly Buffer[]): Buffer {
  const r = new CompactRange();
  for (const l of leaves) r.append(l);
  return r.root();
}

/** A leaf range [lo, hi) of the tree. */
export type LeafRange = readonly [lo: number, hi: number];

/**
 * RFC 9162 §2.1.3.1 PATH(m, D[n]): the ranges whose subtree hashes form the inclusion proof of leaf m in a tree
 * of n leaves, in proof order (nearest the leaf first).
 */
export function inclusionRanges(m: number, n: number): LeafRange[] {
  if (!(m >= 0 && m < n)) throw new RangeError(`inclusion: leaf ${m} outside a tree of ${n}`);
  const out: LeafRange[] = [];
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < lo + k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
    }
  }
  return out.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]): the ranges whose subtree hashes form the consistency proof from the tree of
 * the first m leaves to the tree of n, in proof order. Empty when m = 0 or m = n.
 */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  if (!(m >= 0 && m <= n)) throw new RangeError(`consistency: ${m} is not within ${n}`);
  if (m === 0 || m === n) return [];
  const after: LeafRange[] = [];
  let lo = 0;
  let hi = n;
  let rel = m;
  let complete = true; // the b of SUBPROOF: whether the subtree [lo, lo + rel) is the whole old tree
  for (;;) {
    const size = hi - lo;
    if (rel === size) {
      const head: LeafRange[] = complete ? [] : [[lo, hi]];
      return [...head, ...after.reverse()];
    }
    const k = splitPoint(size);
    if (rel <= k) {
      after.push([lo + k, hi]);
      hi = lo + k;
    } else {
      after.push([lo, lo + k]);
      lo += k;
      rel -= k;
      complete = false;
    }
  }
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` (its leaf hash) in the tree of `size` leaves with `root`? */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn))
        while (!(lsb(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree of `first` leaves (firstRoot) is a prefix of the tree of `second`? */
export function verifyConsistency(
  first: number,
  second: number,
  proof: readonly Buffer[],
  firstRoot: Buffer,
  secondRoot: Buffer,
): boolean {
  if (!(Number.isSafeInteger(first) && Number.isSafeInteger(second) && first >= 0 && first <= second)) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0 && firstRoot.equals(EMPTY_ROOT);
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  if (!path.length) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Buffer;
  let sr = path[0] as Buffer;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Buffer;
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn))
        while (!(lsb(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/** MTH of leaves [lo, hi) of an in-memory leaf list. */
export function subtreeRoot(leaves: readonly Buffer[], lo: number, hi: number): Buffer {
  return treeRoot(leaves.slice(lo, hi));
}

/** The inclusion proof of leaf m among leaves in memory. */
export function inclusionProof(leaves: readonly Buffer[], m: number): Buffer[] {
  return inclusionRanges(m, leaves.length).map(([lo, hi]) => subtreeRoot(leaves, lo, hi));
}

/** The consistency proof from the first m leaves to all of them, leaves in memory. */
export function consistencyProof(leaves: readonly Buffer[], m: number): Buffer[] {
  return consistencyRanges(m, leaves.length).map(([lo, hi]) => subtreeRoot(leaves, lo, hi));
}

/**
 * Subtree hashes of disjoint ranges sorted by lo, computed in one pass over leaves given in order from
 * leaf `from` (a stream over the database): feed each leaf, then read `results` in the ranges' order.
 */
export class RangeHasher {
  private readonly order: number[];
  private readonly results: (Buffer | null)[];
  private current = 0;
  private acc: CompactRange | null = null;
  private pos: number;

  constructor(
    private readonly ranges: readonly LeafRange[],
    from = 0,
  ) {
    this.order = ranges.map((_, i) => i).sort((a, b) => (ranges[a] as LeafRange)[0] - (ranges[b] as LeafRange)[0]);
    this.results = ranges.map(() => null);
    this.pos = from;
  }

  /** The first leaf any range still needs (to skip reading what none needs), or Infinity when done. */
  get nextNeeded(): number {
    const i = this.order[this.current];
    return i === undefined ? Infinity : Math.max(this.pos, (this.ranges[i] as LeafRange)[0]);
  }

  /** Feeds the leaf at the next position. */
  push(leaf: Buffer): void {
    const i = this.order[this.current];
    if (i !== undefined) {
      const [lo, hi] = this.ranges[i] as LeafRange;
      if (this.pos >= lo && this.pos < hi) {
        this.acc ??= new CompactRange();
        this.acc.append(leaf);
        if (this.pos === hi - 1) {
          this.results[i] = this.acc.root();
          this.acc = null;
          this.current++;
        }
      }
    }
    this.pos++;
  }

  /** Skips to a position (leaves before it are needed by no range). */
  skipTo(pos: number): void {
    this.pos = pos;
  }

  /** The hashes, in the ranges' order; throws if a range was not fed completely. */
  hashes(): Buffer[] {
    return this.results.map((r, i) => {
      if (!r) throw new RangeError(`RangeHasher: range ${String(this.ranges[i])} incomplete`);
      return r;
    });
  }
}
