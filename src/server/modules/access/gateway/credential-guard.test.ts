/**
 * The failed-login throttle of the web service on its own (no database): waits grow, the log gets one entry when a
 * key starts waiting and one count of the attempts refused while it waited, and the owner's allow-listed
 * addresses are never held by the user-id key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NewEntry } from '../audit/audit-log.js';
import type { LiveGrant } from '../runtime/live-grant.js';
import { compileIpMatcher } from '../../../../domain/grant/ip.js';
import { addressKey, CredentialGuard } from './credential-guard.js';

const policy = {
  user: { free: 3, baseMs: 1000, maxMs: 8000, forgetMs: 60_000 },
  address: { free: 3, baseMs: 1000, maxMs: 8000, forgetMs: 60_000 },
};

// Only what the guard reads of a grant: its id, institution, PKS and allow-list.
const grant = {
  id: 'G1',
  institutionId: 'I1',
  compiled: { pksId: 'P1', pksVersionHash: 'h', ip: compileIpMatcher(['10.1.0.0/16']) },
} as unknown as LiveGrant;

describe('the web-service credential guard', () => {
  const guards: CredentialGuard[] = [];
  afterEach(() => guards.splice(0).forEach((g) => g.close()));
  const make = () => {
    const entries: NewEntry[] = [];
    let now = 1_000_000;
    const g = new CredentialGuard(
      async (e) => entries.push(e),
      () => now,
      policy,
    );
    guards.push(g);
    return { g, entries, at: (t: number) => (now = t) };
  };

  it('throttles an address after its free failures, records the start once and the refused count after', () => {
    const { g, entries, at } = make();
    const t0 = 1_000_000;
    expect(g.idle).toBe(true);
    for (let i = 0; i < 3; i++) {
      expect(g.waitOf('u', '203.0.113.5', null, t0)).toBe(0);
      g.failed('u', '203.0.113.5', null, t0);
    }
    expect(g.idle).toBe(false);
    expect(g.waitOf('someone-else', '203.0.113.5', null, t0)).toBe(1000);
    for (let i = 0; i < 50; i++) g.waitOf('u', '203.0.113.5', null, t0 + 10);
    const starts = entries.filter((e) => e.detail?.phase === 'start');
    expect(starts.map((e) => e.detail?.scope).sort()).toEqual(['address', 'user']);
    expect(starts[0]).toMatchObject({ action: 'credential.throttled', resultCode: '19', actor: { id: 'unknown:u' } });
    // Not yet over: nothing more recorded.
    g.sweep(t0 + 500);
    expect(entries).toHaveLength(2);
    // The wait passes: the attempts refused meanwhile are recorded once per key.
    at(t0 + 1000);
    g.sweep(t0 + 1000);
    const counts = entries.filter((e) => e.detail?.phase === 'refused');
    expect(counts.map((e) => e.detail?.refused)).toEqual([51, 50]);
    g.sweep(t0 + 2000);
    expect(entries).toHaveLength(4);
    // Another failure after the wait doubles it; no new start entry for the same episode.
    g.failed('u', '203.0.113.5', null, t0 + 1000);
    expect(g.waitOf('x', '203.0.113.5', null, t0 + 1000)).toBe(2000);
    expect(entries.filter((e) => e.detail?.phase === 'start')).toHaveLength(2);
    // Forgotten after a quiet minute: idle again.
    g.sweep(t0 + 70_000);
    expect(g.idle).toBe(true);
  });

  it('holds a known user id guessed from outside its allow-list, never its own addresses', () => {
    const { g, entries } = make();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) g.failed('bank', `198.51.100.${i}`, grant, t0);
    expect(g.waitOf('bank', '198.51.100.77', grant, t0)).toBe(1000);
    expect(g.waitOf('bank', '10.1.2.3', grant, t0)).toBe(0);
    expect(entries[0]).toMatchObject({ actor: { kind: 'credential', id: 'G1' }, institutionId: 'I1', pksId: 'P1' });
    // Failures from its own addresses do not count against the user id either.
    for (let i = 0; i < 5; i++) g.failed('bank2', `10.1.0.${i}`, grant, t0);
    expect(g.waitOf('bank2', '10.1.9.9', grant, t0)).toBe(0);
  });

  it('keys IPv6 clients by their /64 and IPv4-mapped ones as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb::9'));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
  });
});
