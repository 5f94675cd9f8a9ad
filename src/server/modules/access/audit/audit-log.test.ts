import { describe, expect, it } from 'vitest';
import { canonicalEntry, entryHash, type AuditEntry } from '../../../../domain/audit/audit.js';
import { canonicalEntryText, fastEntryHash } from './audit-log.js';

/** The fast path's canonical text, or undefined for the shapes it leaves to the domain. */
const fastCanonicalEntry = (e: AuditEntry) => canonicalEntryText(e)?.text;

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq: 7,
    id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
    time: '2026-01-02T03:04:05.678Z',
    action: 'CALL_NIK',
    actor: { kind: 'credential', id: '01JABCDEFGHJKMNPQRSTVWXYZ1' },
    institutionId: '01JABCDEFGHJKMNPQRSTVWXYZ2',
    pksId: '01JABCDEFGHJKMNPQRSTVWXYZ3',
    pksVersionHash: 'a'.repeat(64),
    elements: ['NIK', 'NAMA_LGKP', 'TGL_LHR'],
    resultCode: '01',
    clientIp: '127.0.0.1',
    nikHash: 'f'.repeat(64),
    detail: { reason: 'ok', environment: 'production', ipUser: '10.0.0.1' },
    ...over,
  };
}

/** Shapes the request path and the other writers produce, and odd ones. */
const cases: [string, AuditEntry][] = [
  ['a granted lookup', entry()],
  ['an early refusal', entry({ institutionId: null, pksId: null, pksVersionHash: null, elements: [], nikHash: null })],
  ['no detail', entry({ detail: undefined })],
  ['an empty detail', entry({ detail: {} })],
  ['detail of every type', entry({ detail: { z: 1.5, a: true, m: null, b: false, n: -3, s: 'x' } })],
  ['detail keys needing a code-unit sort', entry({ detail: { b: 1, B: 2, _: 3, é: 4, a1: 5, a: 6 } })],
  ['an operator', entry({ actor: { kind: 'device', id: 'dev-1', operatorId: 'op-1' } })],
  ['a null operator', entry({ actor: { kind: 'user', id: 'u', operatorId: null } })],
  ['text needing escapes', entry({ action: 'a"b\\c\n\u2028\u0001', clientIp: '💥', detail: { reason: '"\t' } })],
  ['a 15-digit run', entry({ detail: { reason: '123456789012345' } })],
  ['a 17-digit run', entry({ actor: { kind: 'credential', id: 'unknown:12345678901234567' } })],
  ['a NIK-like hash', entry({ nikHash: '3305121708450001' + 'a'.repeat(48) })],
  ['a quote in a detail key only', entry({ detail: { 'a"b': 'x', c: 'y' } })],
  ['a backslash in the time only', entry({ time: '2026\\01' })],
  ['a control character in an element only', entry({ elements: ['NIK', 'A\u0000B'] })],
  ['a surrogate pair and a lone surrogate', entry({ actor: { kind: 'user', id: 'x😀' }, resultCode: 'y\ud800' })],
  ['U+2028 and U+2029, which JSON leaves as they are', entry({ detail: { reason: 'a\u2028b\u2029' } })],
  ['a 16-digit run only in a hash member', entry({ pksVersionHash: '1234567890123456' })],
  ['no elements', entry({ elements: [] })],
];

describe('fastCanonicalEntry', () => {
  it.each(cases)('writes the bytes of canonicalEntry for %s', (_name, e) => {
    const fast = fastCanonicalEntry(e);
    expect(fast).toBeDefined();
    expect(Buffer.from(fast ?? '', 'utf8').equals(canonicalEntry(e))).toBe(true);
    expect(fastEntryHash(e)).toBe(entryHash(e));
  });

  it('gives the elements and detail columns the texts the hash covers (detail with sorted keys)', () => {
    const t = canonicalEntryText(entry({ detail: { z: 1, a: 'q"', m: null } }));
    expect(t?.elements).toBe('["NIK","NAMA_LGKP","TGL_LHR"]');
    expect(t?.detail).toBe('{"a":"q\\"","m":null,"z":1}');
    expect(t?.text).toContain(`"detail":${t?.detail ?? ''},"elements":${t?.elements ?? ''}`);
    expect(canonicalEntryText(entry({ detail: undefined }))?.detail).toBeNull();
  });

  it('reads every member once, so what is checked is what is hashed (fast path and domain alike)', () => {
    const nik = '3305121708450001';
    // A getter that answers harmlessly first and with a NIK (or an unescaped quote) on later reads.
    const shifting = (...later: unknown[]) => {
      let reads = 0;
      return { enumerable: true, get: () => (reads++ === 0 ? 'x' : later[Math.min(reads - 2, later.length - 1)]) };
    };
    const makers: (() => AuditEntry)[] = [
      () => entry({ detail: Object.defineProperty({}, 'reason', shifting(nik)) as AuditEntry['detail'] }),
      () => entry({ detail: Object.defineProperty({}, 'reason', shifting('a","z":"b')) as AuditEntry['detail'] }),
      () => entry({ elements: Object.defineProperty(['?'], 0, shifting(nik)) as string[] }),
      () => entry({ actor: Object.defineProperty({ kind: 'user', id: 'u' }, 'operatorId', shifting(nik)) as never }),
    ];
    for (const make of makers) {
      const fast = fastCanonicalEntry(make());
      const domain = canonicalEntry(make()).toString('utf8');
      expect(fast).toBe(domain);
      expect(domain).not.toContain(nik);
      expect(JSON.parse(domain)).toBeTypeOf('object');
      expect(fastEntryHash(make())).toBe(entryHash(make()));
    }
  });

  it('leaves other shapes to the domain, with the same result', () => {
    const odd: AuditEntry[] = [
      entry({ detail: { reason: undefined as unknown as string } }),
      entry({ detail: { n: Number.NaN } }),
      entry({ pksId: undefined as unknown as null }),
      entry({ elements: [1 as unknown as string] }),
    ];
    for (const e of odd) {
      expect(fastCanonicalEntry(e)).toBeUndefined();
      let domain: string | Error;
      try {
        domain = entryHash(e);
      } catch (err) {
        domain = err as Error;
      }
      if (typeof domain === 'string') expect(fastEntryHash(e)).toBe(domain);
      else expect(() => fastEntryHash(e)).toThrow(domain.message);
    }
  });

  it('refuses a NIK in the clear in every free-form member, as the domain does', () => {
    const nik = '3305121708450001';
    const leaks: AuditEntry[] = [
      entry({ id: nik }),
      entry({ action: `x ${nik}` }),
      entry({ actor: { kind: 'credential', id: `unknown:${nik}` } }),
      entry({ actor: { kind: 'device', id: 'd', operatorId: nik } }),
      entry({ institutionId: nik }),
      entry({ pksId: nik }),
      entry({ clientIp: nik }),
      entry({ resultCode: nik }),
      entry({ elements: ['NIK', nik] }),
      entry({ detail: { reason: `${nik}!` } }),
    ];
    for (const e of leaks) {
      expect(() => entryHash(e)).toThrow(RangeError);
      expect(() => fastEntryHash(e)).toThrow(RangeError);
    }
  });
});
