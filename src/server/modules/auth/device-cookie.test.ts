import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type TestContext } from '../../../../test/harness.js';
import { LOGIN_ACCOUNT } from '../../../domain/sign-in.js';

/**
 * Issue 15 review, finding 1: a guesser rotating addresses keeps the account-wide wait running forever; the owner's
 * browser, which signed in before (device cookie), must still get in. Finding 9: the password change must not be
 * an unthrottled oracle for the current password.
 */
describe.each(DIALECTS)('device cookies and password-change throttle on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  const attempt = (username: string, password: string, remoteAddress: string, device?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress,
      ...(device === undefined ? {} : { cookies: { gerbang_device: device } }),
    });
  const later = (ms: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + ms);
  };
  const deviceOf = (res: Awaited<ReturnType<typeof attempt>>) => {
    const set = res.cookies.find((c) => c.name === 'gerbang_device');
    expect(set).toBeDefined();
    return set as NonNullable<typeof set> & { value: string };
  };

  it('keeps the owner (device cookie) signing in while a rotating guesser holds the account-wide wait at 60 s', async () => {
    // Earlier, the owner signed in from his browser: the answer sets a long-lived, httpOnly, SameSite=Lax cookie.
    const first = await attempt('pusat.dirjen', 'gerbang-demo', '203.0.113.200');
    expect(first.statusCode).toBe(200);
    expect(first.cookies[0]?.name).toBe('gerbang_sid');
    const cookie = deviceOf(first);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.maxAge).toBeGreaterThan(30 * 24 * 3600);
    const ownerDevice = cookie.value;
    // Another user's genuine device cookie, which the attacker holds (he signed in to his own account).
    const attackerDevice = deviceOf(await attempt('kebumen.staf', 'gerbang-demo', '198.51.100.250')).value;

    // The attack of p14.mts: the free failures, then a guess each time the wait ends, ten per address.
    let guesses = 0;
    const guess = async () => {
      for (;;) {
        const res = await attempt('pusat.dirjen', `guess-${guesses}`, `198.51.100.${Math.floor(guesses / 10) + 1}`);
        if (res.statusCode !== 429) break;
        later(Number(res.headers['retry-after']) * 1000);
      }
      guesses++;
    };
    for (let i = 0; i < LOGIN_ACCOUNT.free + 7; i++) await guess();
    const refused = await attempt('pusat.dirjen', 'gerbang-demo', '203.0.113.201');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(59);

    for (let minute = 0; minute < 4; minute++) {
      later(60_000);
      await guess();
      later(30_000);
      // The owner's browser gets in with the right password, half-way through the account-wide wait…
      const owner = await attempt('pusat.dirjen', 'gerbang-demo', '203.0.113.200', ownerDevice);
      expect(owner.statusCode).toBe(200);
      expect(deviceOf(owner).value).not.toBe(ownerDevice);
      // …a new device still waits…
      const fresh = await attempt('pusat.dirjen', 'gerbang-demo', '203.0.113.202');
      expect(fresh.statusCode).toBe(429);
      expect(problem(fresh).code).toBe('login_throttled');
      // …and the attacker gains nothing from another account's cookie, nor from a forged one.
      const reused = await attempt('pusat.dirjen', 'gerbang-demo', '198.51.100.251', attackerDevice);
      expect(reused.statusCode).toBe(429);
      const [v, issued, id] = ownerDevice.split('.');
      const forged = await attempt(
        'pusat.dirjen',
        'gerbang-demo',
        '198.51.100.252',
        `${v}.${issued}.${id}.${'A'.repeat(43)}`,
      );
      expect(forged.statusCode).toBe(429);
      const swapped = attackerDevice.split('.').slice(0, 3).join('.') + '.' + ownerDevice.split('.')[3];
      expect((await attempt('pusat.dirjen', 'gerbang-demo', '198.51.100.253', swapped)).statusCode).toBe(429);
    }
    expect(guesses).toBeGreaterThanOrEqual(LOGIN_ACCOUNT.free + 11);
  });

  it('throttles wrong passwords given with a device cookie by that device (same policy), not by the account', async () => {
    const device = deviceOf(await attempt('sumut.kadis', 'gerbang-demo', '203.0.113.210')).value;
    for (let i = 0; i < LOGIN_ACCOUNT.free; i++) {
      expect((await attempt('sumut.kadis', `typo-${i}`, '203.0.113.210', device)).statusCode).toBe(401);
    }
    const slowed = await attempt('sumut.kadis', 'gerbang-demo', '203.0.113.210', device);
    expect(slowed.statusCode).toBe(429);
    // The account-wide key was not charged: a browser without the cookie signs in at once.
    expect((await attempt('sumut.kadis', 'gerbang-demo', '203.0.113.211')).statusCode).toBe(200);
  });

  it('throttles wrong current passwords at a password change (a stolen session cannot guess the password)', async () => {
    const s = await login(t.app, 'kebumen.kasi');
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: s.headers,
        payload: { currentPassword, newPassword: 'Brand-New-Passw0rd!' },
      });
    // A parallel burst: the free budget answers 400, the rest is refused before any hash is checked.
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => change(`guess-${i}`)));
    const statuses = burst.map((r) => r.statusCode).sort();
    expect(statuses.filter((c) => c === 400).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((c) => c === 429).length).toBeGreaterThanOrEqual(7);
    const throttled = burst.find((r) => r.statusCode === 429)!;
    expect(problem(throttled).code).toBe('login_throttled');
    expect(throttled.headers['retry-after']).toBeDefined();
    // The right password waits too (or the throttle would tell it apart)…
    const right = await change('gerbang-demo');
    expect(right.statusCode).toBe(429);
    // …and goes through once the wait is over.
    later(Number(right.headers['retry-after']) * 1000);
    const done = await change('gerbang-demo');
    expect(done.statusCode).toBe(200);
  });
});
