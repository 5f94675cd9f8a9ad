import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { DIALECTS, demoApp, login, problem, type TestContext } from '../../../../test/harness.js';
import { sha256 } from '../../lib/secrets.js';
import { LOGIN_ACCOUNT } from '../../../domain/sign-in.js';

/** Sign-in that resists guessing, and sessions (issue 15): each test is an attack or a real client's step. */
describe.each(DIALECTS)('sign-in on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  const attempt = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const later = (ms: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + ms);
  };
  /** What an observer sees of a refusal: everything but the request's own id. */
  const shape = (res: Awaited<ReturnType<typeof attempt>>) => {
    const body = res.json() as Record<string, unknown>;
    return {
      status: res.statusCode,
      code: body.code,
      message: body.message,
      keys: Object.keys(body).sort(),
      retryAfter: res.headers['retry-after'],
      cookies: res.cookies.length,
    };
  };

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const timed = async (run: () => Promise<Awaited<ReturnType<typeof attempt>>>) => {
    const start = process.hrtime.bigint();
    const res = await run();
    return { res, ns: Number(process.hrtime.bigint() - start) };
  };

  it('slows one client spraying one guess on each of many accounts (429 with Retry-After)', async () => {
    // Accounts no other test here signs in with, and names nobody has.
    const real = t.users.map((u) => u.username).filter((u) => /^(padangpariaman|jateng|kebumen|sumut)\./.test(u));
    expect(real.length).toBeGreaterThanOrEqual(12);
    const names = [...real.slice(0, 12), ...Array.from({ length: 8 }, (_, i) => `ghost${i}`)];
    // The address's free budget, spent at once (each guess is counted before it is checked).
    const free = await Promise.all(names.map((name) => attempt(name, 'Password123!', '203.0.113.7')));
    expect(free.map((r) => r.statusCode)).toEqual(new Array(20).fill(401));
    const throttled = await attempt(real[12] ?? 'ghost-x', 'Password123!', '203.0.113.7');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(problem(throttled).code).toBe('login_throttled');
    expect(throttled.headers['retry-after']).toBe('1');
    // The waits grow: once a wait is sat out, the next failure waits twice as long.
    later(1000);
    expect((await attempt('ghost99', 'x', '203.0.113.7')).statusCode).toBe(401);
    expect((await attempt('ghost98', 'x', '203.0.113.7')).headers['retry-after']).toBe('2');
    // Another client is not slowed by this one.
    expect((await attempt('kebumen.kadis', 'gerbang-demo', '203.0.113.8')).statusCode).toBe(200);
  });

  it('answers a known and an unknown username the same, in as much time, also once they are throttled', async () => {
    const known: ReturnType<typeof shape>[] = [];
    const unknown: ReturnType<typeof shape>[] = [];
    const timeKnown: number[] = [];
    const timeUnknown: number[] = [];
    // A fresh address for every attempt: only the account is counted. Until throttled, both check a hash.
    for (let i = 0; i < LOGIN_ACCOUNT.free + 9; i++) {
      const [k, u] = await Promise.all([
        timed(() => attempt('sibolga.kasi', 'wrong-guess', `198.51.100.${10 + i}`)),
        timed(() => attempt('sibolga.kasi-lama', 'wrong-guess', `198.51.101.${10 + i}`)),
      ]);
      known.push(shape(k.res));
      unknown.push(shape(u.res));
      if (i >= LOGIN_ACCOUNT.free) {
        timeKnown.push(k.ns);
        timeUnknown.push(u.ns);
      }
    }
    expect(unknown).toEqual(known);
    const free = LOGIN_ACCOUNT.free;
    expect(known.slice(0, free).map((s) => s.status)).toEqual(new Array(free).fill(401));
    expect(known.slice(free).map((s) => [s.status, s.code])).toEqual(new Array(9).fill([429, 'login_throttled']));
    // A throttled known account answers no faster than a throttled unknown name (it was 2 ms against 65 ms).
    const ratio = median(timeKnown) / median(timeUnknown);
    expect(ratio).toBeGreaterThan(1 / 4);
    expect(ratio).toBeLessThan(4);
  });

  it('checks a password hash for unknown usernames as for known ones (comparable time)', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const names = ['sumbar.kadis', 'sumbar.kabid', 'sumbar.staf', 'sumbar.admin', 'sumbar.gubernur'];
    for (const [i, name] of names.entries()) {
      const k = await timed(() => attempt(name, 'wrong-guess', `192.0.2.${120 + i}`));
      const u = await timed(() => attempt(`${name}-lama`, 'wrong-guess', `192.0.2.${140 + i}`));
      expect([k.res.statusCode, u.res.statusCode]).toEqual([401, 401]);
      known.push(k.ns);
      unknown.push(u.ns);
    }
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it('never locks pusat.dirjen out: five wrong passwords from a guesser cost the owner nothing', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('pusat.dirjen', 'guess', '203.0.113.50')).statusCode).toBe(401);
    expect((await attempt('pusat.dirjen', 'gerbang-demo', '203.0.113.51')).statusCode).toBe(200);
    // Even from the guesser's own address (an office behind one NAT), the owner is not kept out.
    expect((await attempt('pusat.dirjen', 'gerbang-demo', '203.0.113.50')).statusCode).toBe(200);
  });

  it('counts parallel guesses before checking them: a burst on one account does not slip under the limit', async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt('sumbar.kasi_monev', 'guess', `100.64.0.${i + 1}`)),
    );
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_ACCOUNT.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - LOGIN_ACCOUNT.free);
  });

  /** A user with TOTP on, its secret stored the way it was before encryption (plaintext). */
  async function totpUser(username: string) {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await t.database.db
      .updateTable('users')
      .set({ totp_enabled: 1, totp_secret: secret })
      .where('username', '=', username)
      .execute();
    return secret;
  }
  const halfSigned = async (username: string) => {
    const res = await attempt(username, 'gerbang-demo', '10.9.8.7');
    expect(res.json()).toEqual({ stage: 'totp' });
    const cookie = `gerbang_sid=${res.cookies[0]?.value}`;
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    return { cookie, 'x-csrf-token': me.csrfToken as string };
  };
  const giveCode = (headers: Record<string, string>, code: string, url = '/api/auth/totp/verify') =>
    t.app.inject({ method: 'POST', url, headers, payload: { code } });

  it('ends a half-signed session after five wrong TOTP codes, throttles the user, and takes a code once', async () => {
    const secret = await totpUser('sumbar.staf');
    const first = await halfSigned('sumbar.staf');
    for (let i = 0; i < 4; i++) expect(problem(await giveCode(first, `00000${i}`)).code).toBe('totp_invalid');
    const fifth = await giveCode(first, '000009');
    expect(fifth.statusCode).toBe(401);
    expect(problem(fifth).code).toBe('totp_attempts_exhausted');
    expect(String(fifth.headers['set-cookie'])).toMatch(/gerbang_sid=;/);
    const code = await generate({ secret });
    expect((await giveCode(first, code)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: first })).statusCode).toBe(401);

    // A new session does not start the count afresh: the user waits, whatever the code.
    const second = await halfSigned('sumbar.staf');
    const throttled = await giveCode(second, code);
    expect(throttled.statusCode).toBe(429);
    expect(problem(throttled).code).toBe('totp_throttled');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    later(2000);
    expect((await giveCode(second, code)).json()).toEqual({ stage: 'full' });

    // The code just accepted is refused at another login within its window.
    const third = await halfSigned('sumbar.staf');
    const replay = await giveCode(third, code);
    expect(replay.statusCode).toBe(400);
    expect(problem(replay).code).toBe('totp_reused');

    // The plaintext secret written before encryption was encrypted on its first use.
    const row = await t.database.db
      .selectFrom('users')
      .select('totp_secret')
      .where('username', '=', 'sumbar.staf')
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toMatch(/^v1:/);
    expect(row.totp_secret).not.toContain(secret);
  });

  it('holds enrolment to the same rules: secret encrypted, five wrong codes end the session, the code is good once', async () => {
    const office = await t.database.db
      .selectFrom('offices')
      .select('id')
      .where('code', '=', '13')
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('offices').set({ require_totp: 1 }).where('id', '=', office.id).execute();
    const enrolling = async () => {
      const res = await attempt('sumbar.kadis', 'gerbang-demo', '10.9.8.6');
      expect(res.json()).toEqual({ stage: 'totp_enroll' });
      const cookie = `gerbang_sid=${res.cookies[0]?.value}`;
      const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
      return { cookie, 'x-csrf-token': me.csrfToken as string };
    };
    const first = await enrolling();
    const setup = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: first })).json();
    const stored = await t.database.db
      .selectFrom('users')
      .select('totp_secret')
      .where('username', '=', 'sumbar.kadis')
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret).toMatch(/^v1:/);
    expect(stored.totp_secret).not.toContain(setup.secret);
    for (let i = 0; i < 4; i++) {
      expect(problem(await giveCode(first, `11111${i}`, '/api/auth/totp/enable')).code).toBe('totp_invalid');
    }
    const fifth = await giveCode(first, '111119', '/api/auth/totp/enable');
    expect(problem(fifth).code).toBe('totp_attempts_exhausted');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: first })).statusCode).toBe(401);

    later(2000);
    const second = await enrolling();
    const again = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: second })).json();
    const code = await generate({ secret: again.secret });
    expect((await giveCode(second, code, '/api/auth/totp/enable')).json()).toEqual({ stage: 'full' });
    const next = await attempt('sumbar.kadis', 'gerbang-demo', '10.9.8.6');
    const cookie = `gerbang_sid=${next.cookies[0]?.value}`;
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(problem(await giveCode({ cookie, 'x-csrf-token': me.csrfToken }, code)).code).toBe('totp_reused');
    await t.database.db.updateTable('offices').set({ require_totp: 0 }).where('id', '=', office.id).execute();
  });

  it('replaces the session on a password change: the old cookie stops working, a new cookie and CSRF token', async () => {
    const a = await login(t.app, 'bengkulu.kasi');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { currentPassword: 'gerbang-demo', newPassword: 'kasi-bengkulu-2026!' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.stage).toBe('full');
    const set = res.cookies.find((c) => c.name === 'gerbang_sid');
    expect(set?.value).toBeTruthy();
    expect(`gerbang_sid=${set?.value}`).not.toBe(a.cookie);
    expect(body.csrfToken).not.toBe(a.csrf);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: a.cookie } })).statusCode).toBe(
      401,
    );
    const fresh = { cookie: `gerbang_sid=${set?.value}`, 'x-csrf-token': body.csrfToken as string };
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: fresh });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(body.csrfToken);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: fresh })).statusCode).toBe(204);
  });

  it('ends a session at its absolute lifetime however active it is', async () => {
    const s = await login(t.app, 'bengkulu.tim');
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    // Used every 100 minutes (within the 120-minute idle limit) for twelve hours.
    for (let i = 0; i < 7; i++) {
      expect((await me()).statusCode).toBe(200);
      later(100 * 60_000);
    }
    expect((await me()).statusCode).toBe(200);
    // 12 h 39 min after login, 59 minutes after the last use: the idle limit alone would let it live on.
    later(59 * 60_000);
    expect((await me()).statusCode).toBe(401);
    expect(t.config.sessionAbsoluteHours).toBe(12);
  });

  it("lists the user's sessions and lets the user end one or all others, by a handle that is not the token's hash", async () => {
    const laptop = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bengkulu.kadis', password: 'gerbang-demo' },
      headers: { 'user-agent': 'Laptop kantor' },
      remoteAddress: '10.1.1.1',
    });
    const laptopToken = laptop.cookies[0]!.value;
    const phone = await login(t.app, 'bengkulu.kadis');
    const third = await login(t.app, 'bengkulu.kadis');
    const other = await login(t.app, 'bengkulu.kabid');

    const list = await t.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: phone.headers });
    expect(list.statusCode).toBe(200);
    const sessions = list.json() as { id: string; current: boolean; ip: string; userAgent: string }[];
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const lap = sessions.find((s) => s.userAgent === 'Laptop kantor');
    expect(lap).toMatchObject({ ip: '10.1.1.1', current: false });
    for (const s of sessions) expect(s.id).not.toBe(sha256(laptopToken));
    expect(JSON.stringify(sessions)).not.toContain(sha256(laptopToken));

    // Another user's handle is not found, and that session lives on.
    const theirs = (
      await t.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: other.headers })
    ).json() as { id: string }[];
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${theirs[0]!.id}`,
      headers: phone.headers,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: other.headers })).statusCode).toBe(200);

    const end = await t.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${lap!.id}`, headers: phone.headers });
    expect(end.statusCode).toBe(204);
    const laptopMe = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `gerbang_sid=${laptopToken}` },
    });
    expect(laptopMe.statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: 'DELETE',
      url: '/api/auth/sessions',
      headers: { cookie: phone.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    const others = await t.app.inject({ method: 'DELETE', url: '/api/auth/sessions', headers: phone.headers });
    expect(others.json()).toEqual({ ended: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: third.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: phone.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/sessions' })).statusCode).toBe(401);
  });

  it('creates the database, key and trust files owner-only (0600)', () => {
    const dir = t.config.dataDir;
    const files = ['secret.key', 'audit-signing-key.pem', 'nik-hash.key', 'audit-trust.json'];
    if (kind === 'sqlite') files.push('gerbang.sqlite', 'gerbang.sqlite-wal', 'gerbang.sqlite-shm');
    const modes = Object.fromEntries(files.map((f) => [f, (fs.statSync(path.join(dir, f)).mode & 0o777).toString(8)]));
    expect(modes).toEqual(Object.fromEntries(files.map((f) => [f, '600'])));
  });
});
