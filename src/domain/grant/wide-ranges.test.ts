import { describe, expect, it } from 'vitest';
import { wideRanges } from './ip.js';

describe('wideRanges', () => {
  it('names everything, prefixes wider than /8 or /32, and link-local ranges', () => {
    const r = wideRanges([
      '10.0.0.0/8',
      '0.0.0.0/0',
      '::/0',
      '::ffff:0:0/96',
      '4.0.0.0/6',
      '2001::/16',
      '2001:db8::/32',
      '169.254.1.1',
      '169.0.0.0/8',
      'fe80::1',
      'febf::/64',
      'not-a-range',
      '203.0.113.0/24',
    ]);
    expect(r.map((w) => [w.index, w.reason, w.text])).toEqual([
      [1, 'everything', '0.0.0.0/0'],
      [2, 'everything', '::/0'],
      [3, 'everything', '0.0.0.0/0'],
      [4, 'too_wide', '4.0.0.0/6'],
      [5, 'too_wide', '2001::/16'],
      [7, 'link_local', '169.254.1.1/32'],
      [8, 'link_local', '169.0.0.0/8'],
      [9, 'link_local', 'fe80::1/128'],
      [10, 'link_local', 'febf::/64'],
    ]);
  });
});
