import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  EMPTY_ROOT,
  RangeBuilder,
  RangeHasher,
  consistencyProof,
  consistencyRanges,
  inclusionProof,
  inclusionRanges,
  leafHash,
  nodeHash,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

const hex = (b: Buffer) => b.toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');

// The Certificate Transparency reference inputs and the root of every tree size (RFC 6962 test vectors).
const CT = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_LEAVES = CT.map((d) => leafHash(unhex(d)));
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** MTH exactly as RFC 6962 §2.1 defines it, recursively: the reference the iterative code is held to. */
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return hash('sha256', Buffer.alloc(0), 'buffer');
  if (leaves.length === 1) return leaves[0] as Buffer;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const many = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`entry-${i}`)));

describe('the log tree (RFC 6962 / 9162)', () => {
  it('matches the reference root of every size, and the recursive definition', () => {
    expect(hex(EMPTY_ROOT)).toBe(CT_ROOTS[0]);
    for (let n = 0; n <= 8; n++) expect(hex(treeRoot(CT_LEAVES.slice(0, n)))).toBe(CT_ROOTS[n]);
    for (let n = 0; n <= many.length; n++) expect(treeRoot(many.slice(0, n)).equals(mth(many.slice(0, n)))).toBe(true);
  });

  it('gives the reference inclusion and consistency proofs', () => {
    expect(inclusionProof(CT_LEAVES, 0).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(inclusionProof(CT_LEAVES, 5).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(consistencyProof(CT_LEAVES, 2).map(hex)[0]).toBe(
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    );
    expect(inclusionRanges(3, 7)).toEqual([
      [2, 3],
      [0, 2],
      [4, 7],
    ]);
  });

  it('proves every leaf of every tree size, and nothing it should not', () => {
    for (let n = 1; n <= 40; n++) {
      const tree = many.slice(0, n);
      const root = treeRoot(tree);
      for (let m = 0; m < n; m++) {
        const path = inclusionProof(tree, m);
        expect(verifyInclusion(m, n, tree[m] as Buffer, path, root)).toBe(true);
        // Another leaf, another position, another size, a changed node, a shortened or lengthened path.
        expect(verifyInclusion(m, n, many[n] as Buffer, path, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, tree[m] as Buffer, path, root)).toBe(false);
        if (path.length) {
          const bent = path.map((p, i) => (i === path.length - 1 ? leafHash(p) : p));
          expect(verifyInclusion(m, n, tree[m] as Buffer, bent, root)).toBe(false);
          expect(verifyInclusion(m, n, tree[m] as Buffer, path.slice(1), root)).toBe(false);
        }
        expect(verifyInclusion(m, n, tree[m] as Buffer, [...path, root], root)).toBe(false);
      }
      expect(verifyInclusion(n, n, many[0] as Buffer, [], root)).toBe(false);
    }
  });

  it('proves every prefix consistent with every larger tree, and refuses a rewritten history', () => {
    for (let n = 1; n <= 36; n++) {
      const tree = many.slice(0, n);
      const root = treeRoot(tree);
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(tree, m);
        const old = treeRoot(tree.slice(0, m));
        expect(verifyConsistency(m, n, proof, old, root)).toBe(true);
        if (m > 0 && m < n) {
          // The old tree had a different leaf: the same proof, or a proof made over the rewritten tree, fails.
          const rewritten = [...tree];
          rewritten[m - 1] = leafHash(Buffer.from('forged'));
          expect(verifyConsistency(m, n, proof, treeRoot(rewritten.slice(0, m)), root)).toBe(false);
          expect(verifyConsistency(m, n, consistencyProof(rewritten, m), old, treeRoot(rewritten))).toBe(false);
          expect(verifyConsistency(m, n, proof.slice(1), old, root)).toBe(false);
          expect(verifyConsistency(m, n, proof, old, treeRoot(tree.slice(0, n - 1)))).toBe(false);
        }
      }
    }
    // A tree of the same size is consistent only with itself; a larger "old" tree never.
    expect(verifyConsistency(3, 3, [], treeRoot(many.slice(0, 3)), treeRoot(many.slice(0, 3)))).toBe(true);
    expect(verifyConsistency(3, 3, [], treeRoot(many.slice(0, 3)), treeRoot(many.slice(1, 4)))).toBe(false);
    expect(verifyConsistency(4, 3, [], EMPTY_ROOT, EMPTY_ROOT)).toBe(false);
    expect(consistencyRanges(0, 5)).toEqual([]);
  });

  it('keeps a compact range equal to the full tree at every size, and joins ranges computed apart', () => {
    const r = new CompactRange();
    for (let n = 1; n <= many.length; n++) {
      r.append(many[n - 1] as Buffer);
      expect(r.root().equals(mth(many.slice(0, n)))).toBe(true);
      const again = CompactRange.of(n, r.nodes());
      expect(again.root().equals(r.root())).toBe(true);
    }
    for (const split of [0, 1, 8, 13, 16, 33]) {
      const left = new CompactRange();
      for (const l of many.slice(0, split)) left.append(l);
      const right = new RangeBuilder(split);
      for (const l of many.slice(split)) right.append(l);
      left.appendRange(right.size, right.nodes());
      expect(left.root().equals(treeRoot(many))).toBe(true);
    }
    expect(() => CompactRange.of(3, [many[0] as Buffer])).toThrow(RangeError);
  });

  it('hashes the ranges of a proof in one pass over streamed leaves', () => {
    const n = 57;
    const ranges = [...inclusionRanges(20, n), ...consistencyRanges(21, n)].sort((a, b) => a[0] - b[0]);
    const disjoint = ranges.filter((r, i) => i === 0 || r[0] >= (ranges[i - 1] as readonly [number, number])[1]);
    const h = new RangeHasher(disjoint);
    for (let i = 0; i < n; i++) h.push(many[i] as Buffer);
    expect(h.hashes().map(hex)).toEqual(disjoint.map(([lo, hi]) => hex(mth(many.slice(lo, hi)))));
    const partial = new RangeHasher([[40, 50]], 30);
    for (let i = 30; i < 45; i++) partial.push(many[i] as Buffer);
    expect(() => partial.hashes()).toThrow(/incomplete/);
  });
});
