import { describe, expect, it } from 'vitest';
import { tanggal, tanggalIn } from './tanggal.js';

describe('dates in words', () => {
  it('writes a date and an instant in the office time zone, in Indonesian and English', () => {
    expect(tanggal('2026-07-30')).toBe('30 Juli 2026');
    // 17:30 UTC on 31 December is already 1 January in WIB, still 31 December in UTC.
    expect(tanggal('2026-12-31T17:30:00Z')).toBe('1 Januari 2027');
    expect(tanggal('2026-12-31T17:30:00Z', 'UTC')).toBe('31 Desember 2026');
    expect(tanggalIn('2026-05-02', 'en')).toBe('2 May 2026');
    expect(tanggalIn('2026-05-02', 'id')).toBe('2 Mei 2026');
    expect(tanggalIn(null, 'en')).toBe('-');
  });
});
