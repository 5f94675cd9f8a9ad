import { describe, expect, it } from 'vitest';
import { letterNumber } from './documents.js';

describe('produced documents', () => {
  it('numbers letters from the office format', () => {
    const date = new Date('2026-11-24T03:00:00Z');
    expect(letterNumber('{seq}/{kind}/{code}/{year}', { seq: 7, kind: 'pks', code: '33.05', date })).toBe(
      '007/PKS/33.05/2026',
    );
    expect(
      letterNumber('470/{seq}/Disdukcapil/{roman}/{year}', { seq: 12, kind: 'receipt', code: '33.05', date }),
    ).toBe('470/012/Disdukcapil/XI/2026');
  });
});
