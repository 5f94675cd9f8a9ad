import { describe, expect, it } from 'vitest';
import { formatMs, jobName } from './operations-format';

describe('operations formatting', () => {
  it('says durations in the reader’s units', () => {
    expect(formatMs(0.84, 'id')).toBe('0,8 md');
    expect(formatMs(12.4, 'en')).toBe('12 ms');
    expect(formatMs(1500, 'id')).toBe('1,5 dtk');
    expect(formatMs(null, 'id')).toBe('—');
  });
  it('names a job in words, or at least without dashes', () => {
    expect(jobName('usage-ledger', { 'usage-ledger': 'Buku pemakaian' })).toBe('Buku pemakaian');
    expect(jobName('resident-index', {})).toBe('resident index');
  });
});
