import { describe, expect, it } from 'vitest';
import { decodeTime, isValid } from 'ulid';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes valid ULIDs carrying the time they were made', () => {
    const id = newId(1_764_000_000_123);
    expect(isValid(id)).toBe(true);
    expect(decodeTime(id)).toBe(1_764_000_000_123);
  });

  it('is unique and strictly increasing, also many times within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newId(1_900_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect((ids[i] ?? '') > (ids[i - 1] ?? '')).toBe(true);
  });

  it('never goes backwards when the clock does', () => {
    const a = newId(2_000_000_000_000);
    const b = newId(1_000_000_000_000);
    expect(b > a).toBe(true);
  });

  it('differs between processes by its random part', () => {
    const a = newId(2_100_000_000_000);
    const b = newId(2_100_000_000_001);
    expect(a.slice(10)).not.toBe(b.slice(10));
  });
});
