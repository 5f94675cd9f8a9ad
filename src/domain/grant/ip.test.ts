import { describe, expect, it } from 'vitest';
import { canonicalIp, compileIpMatcher, invalidCidrs, isIp, parseCidr, parseIPv4, parseIPv6 } from './ip.js';

describe('IP parsing', () => {
  it('parses IPv4 strictly', () => {
    expect(parseIPv4('127.0.0.2')).toBe(0x7f000002);
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1..2.3', 'a.b.c.d', '', '1.2.3.4 '])
      expect(parseIPv4(bad)).toBe(-1);
  });

  it('parses IPv6 forms', () => {
    expect(parseIPv6('::1')).toBe(1n);
    expect(parseIPv6('::')).toBe(0n);
    expect(parseIPv6('2001:db8::1')).toBe((0x20010db8n << 96n) | 1n);
    expect(parseIPv6('::ffff:127.0.0.2')).toBe((0xffffn << 32n) | 0x7f000002n);
    expect(parseIPv6('fe80::1%eth0')).toBe((0xfe80n << 112n) | 1n);
    for (const bad of ['1::2::3', ':::', '12345::', '1:2:3:4:5:6:7:8:9', 'g::1', '::ffff:1.2.3'])
      expect(parseIPv6(bad)).toBeNull();
  });

  it('canonicalises IPv4-mapped addresses to IPv4', () => {
    expect(canonicalIp('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(canonicalIp('::FFFF:7f00:2')).toBe('127.0.0.2');
    expect(canonicalIp('2001:0db8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIp('nonsense')).toBeNull();
    expect(isIp('10.0.0.1')).toBe(true);
    expect(isIp('10.0.0')).toBe(false);
  });

  it('parses CIDRs and reports bad ones', () => {
    expect(parseCidr('10.1.2.3/8')?.text).toBe('10.0.0.0/8');
    expect(parseCidr('192.168.1.7')?.text).toBe('192.168.1.7/32');
    expect(parseCidr('::ffff:10.0.0.0/104')?.text).toBe('10.0.0.0/8');
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(invalidCidrs(['10.0.0.0/8', 'x', '::/129'])).toEqual([
      { index: 1, cidr: 'x' },
      { index: 2, cidr: '::/129' },
    ]);
  });
});

describe('IP matcher', () => {
  const m = compileIpMatcher(['127.0.0.2', '10.0.0.0/8', '2001:db8::/32', '::1']);

  it('matches IPv4, IPv4-mapped IPv6 and IPv6', () => {
    expect(m.matches('127.0.0.2')).toBe(true);
    expect(m.matches('::ffff:127.0.0.2')).toBe(true);
    expect(m.matches('::ffff:7f00:2')).toBe(true);
    expect(m.matches('10.255.0.1')).toBe(true);
    expect(m.matches('2001:db8:1::5')).toBe(true);
    expect(m.matches('::1')).toBe(true);
  });

  it('refuses others and malformed input', () => {
    expect(m.matches('127.0.0.3')).toBe(false);
    expect(m.matches('::ffff:127.0.0.3')).toBe(false);
    expect(m.matches('11.0.0.1')).toBe(false);
    expect(m.matches('2001:db9::1')).toBe(false);
    expect(m.matches('garbage')).toBe(false);
    expect(m.matches('')).toBe(false);
  });

  it('allows nobody with an empty list and everybody with 0.0.0.0/0 and ::/0', () => {
    expect(compileIpMatcher([]).matches('127.0.0.1')).toBe(false);
    const all = compileIpMatcher(['0.0.0.0/0', '::/0']);
    expect(all.matches('8.8.8.8')).toBe(true);
    expect(all.matches('2a00::1')).toBe(true);
  });
});
