/**
 * Issue 15, "Headers, logs, metrics": the security headers of every answer, no-store on everything carrying personal
 * data or secrets, NIKs and secrets kept out of the log, and /metrics kept from the public.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, freshDatabase, login, type Session, type TestContext } from '../../../test/harness.js';
import { buildApp } from '../app.js';
import type { App } from './types.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../modules/access/fixtures.js';
import { generateInto } from '../modules/access/population/population.service.js';
import { sampleNiks } from '../modules/access/population/population.repository.js';
import { decodedPath, mustNotStore } from './security-headers.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const PROXY = '10.9.9.9';

describe.each(DIALECTS)('headers, logs and metrics on %s', (kind) => {
  let t: TestContext;
  let kasi: Session;
  let cred: { customerId: string; userId: string; secret: string };
  let nik: string;
  /** A second app, over an empty database: a metrics token, a trusted proxy, and its log captured. */
  let other: App;
  let dropOther: () => Promise<void>;
  const lines: string[] = [];
  let secretAnswerCaching: unknown;

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 300, seed: 'headers-test', population: 'sandbox' });
    nik = (await sampleNiks(t.database.db, 'sandbox', 1))[0] ?? '';
    const bankId = (await demoBankId(t.database.db)) ?? '';
    const pks = await insertActivePks(t.database.db, {
      institutionId: bankId,
      startDate: dayOffset(t.clock.now, -30),
      endDate: dayOffset(t.clock.now, 365),
      now: t.clock.now,
    });
    kasi = await login(t.app, 'kebumen.kasi');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pks.id}/grants`,
      headers: kasi.headers,
      payload: { kind: 'web_service', environment: 'trial', elements: BANK_ELEMENTS, ipAllow: ['127.0.0.0/8'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    secretAnswerCaching = res.headers['cache-control'];
    const b = res.json() as { grant: { customerId: string; userId: string }; secret: string };
    cred = { customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };

    const f = await freshDatabase(kind);
    dropOther = f.drop;
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    other = await buildApp({
      config: { ...f.config, metricsToken: TOKEN, trustProxy: [`${PROXY}/32`] },
      database: f.database,
      logger: { level: 'info', stream },
    });
    await other.ready();
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await dropOther?.();
    await t?.close();
  });

  it('sends a Content-Security-Policy, a Permissions-Policy, and HSTS only over TLS', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(csp).toMatch(/default-src 'self'/);
    expect(String(res.headers['permissions-policy'])).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // A client claiming TLS is not believed without a configured proxy …
    const claimed = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
    const notProxy = await other.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: '198.51.100.1',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(notProxy.headers['strict-transport-security']).toBeUndefined();
    // … but the TLS proxy named in TRUST_PROXY is.
    const tls = await other.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    // An inline PDF (here an SOP sheet) may be shown by the browser's viewer (an embed from 'self'), nothing more.
    const [sop] = (await t.app.inject({ method: 'GET', url: '/api/sops', headers: { cookie: kasi.cookie } })).json();
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/sops/versions/${sop.versions[0].id}/sheet.pdf`,
      headers: { cookie: kasi.cookie },
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-security-policy']).toMatch(/object-src 'self'/);
    expect(pdf.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(csp).toMatch(/object-src 'none'/);
    // Pages of the SPA and unknown paths carry the same policy.
    const page = await t.app.inject({ method: 'GET', url: '/masuk', headers: { accept: 'text/html' } });
    expect(page.headers['content-security-policy']).toBe(csp);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('answers no-store on every response carrying personal data or secrets', async () => {
    const auth = `Basic ${Buffer.from(`${cred.userId}:${cred.secret}`).toString('base64')}`;
    const samples = [
      // The compatible service's raw fast path and its envelope path.
      await t.app.inject({
        method: 'POST',
        url: `/dukcapil/get_json/${cred.customerId}/CALL_NIK`,
        payload: { NIK: nik, user_id: cred.userId, password: cred.secret, ip_user: '10.0.0.9' },
        remoteAddress: '127.0.0.1',
      }),
      await t.app.inject({
        method: 'POST',
        url: `/dukcapil/get_json/${cred.customerId}/CALL_VERIFY_BY_ELEMEN`,
        payload: { NIK: nik, USER_ID: cred.userId, PASSWORD: cred.secret, IP_USER: '10.0.0.9', NAMA_LGKP: 'X' },
        remoteAddress: '127.0.0.1',
      }),
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/residents/${nik}`,
        headers: { authorization: auth },
        remoteAddress: '127.0.0.1',
      }),
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: kasi.cookie } }),
      await t.app.inject({ method: 'GET', url: '/api/access/audit/entries', headers: { cookie: kasi.cookie } }),
      await t.app.inject({ method: 'GET', url: '/api/inbox', headers: { cookie: kasi.cookie } }),
      await t.app.inject({
        method: 'GET',
        url: '/api/documents/01J0000000000000000000000',
        headers: { cookie: kasi.cookie },
      }),
      await t.app.inject({ method: 'POST', url: '/api/portal/lookup', headers: kasi.headers, payload: { nik } }),
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } }),
      await t.app.inject({ method: 'GET', url: '/metrics' }),
    ];
    for (const res of samples) expect(res.headers['cache-control'], res.raw.req.url).toBe('no-store');
    // The answer carrying a one-time secret (a new credential's) is never stored.
    expect(secretAnswerCaching).toBe('no-store');
    expect(samples[0]?.json().content[0].NIK).toBe(nik);
    expect(samples[2]?.statusCode).toBe(200);
    expect(samples[3]?.statusCode).toBe(200);
    // The SPA's assets keep their caching: no-store is for the API only.
    expect(mustNotStore('/assets/index-abc.js')).toBe(false);
    expect(mustNotStore('/')).toBe(false);
    expect(mustNotStore('/api/docs/static/swagger-ui.css')).toBe(false);
    expect(mustNotStore('/apix')).toBe(false);
    expect(mustNotStore('/api?x=1')).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: '/masuk', headers: { accept: 'text/html' } });
    expect(page.headers['cache-control']).not.toBe('no-store');
  });

  it('serves /metrics to the token holder, or without a token to localhost only', async () => {
    // No token configured (the demo app): loopback peers only, not through a proxy.
    const local = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.5' });
    expect(remote.statusCode).toBe(403);
    expect(remote.headers['content-type']).toMatch(/problem\+json/);
    expect(remote.body).not.toMatch(/gerbang_http/);
    const proxied = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.5' },
    });
    expect(proxied.statusCode).toBe(403);
    // METRICS_TOKEN set: the bearer token from anywhere, nothing without it (not even localhost).
    const none = await other.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await other.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.5',
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await other.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.5',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toMatch(/gerbang_http_requests_total/);
  });

  it('answers no-store however the API path is spelt (percent-encoded, absolute-form)', async () => {
    const auth = `Basic ${Buffer.from(`${cred.userId}:${cred.secret}`).toString('base64')}`;
    const me = await t.app.inject({ method: 'GET', url: '/%61pi/auth/me', headers: { cookie: kasi.cookie } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const resident = await t.app.inject({
      method: 'GET',
      url: `/%61pi/v1/residents/${nik}`,
      headers: { authorization: auth },
      remoteAddress: '127.0.0.1',
    });
    expect(resident.headers['cache-control']).toBe('no-store');
    // The compatible service's raw fast path writes the security headers itself, no-store included.
    const fast = await t.app.inject({
      method: 'POST',
      url: `/%64ukcapil/get_json/${cred.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: cred.userId, password: cred.secret, ip_user: '10.0.0.9' },
      remoteAddress: '127.0.0.1',
    });
    expect(fast.headers['cache-control']).toBe('no-store');
    const envelope = await t.app.inject({
      method: 'POST',
      url: `/%64ukcapil/get_json/${cred.customerId}/CALL_VERIFY_BY_ELEMEN`,
      payload: { NIK: nik, USER_ID: cred.userId, PASSWORD: cred.secret, IP_USER: '10.0.0.9', NAMA_LGKP: 'X' },
      remoteAddress: '127.0.0.1',
    });
    expect(envelope.headers['cache-control']).toBe('no-store');
    expect(mustNotStore(decodedPath('http://gerbang.example/api/auth/me'))).toBe(true);
    expect(mustNotStore(decodedPath('/%61pi/auth/me?x=1'))).toBe(true);
    expect(mustNotStore(decodedPath('/%61ssets/index.js'))).toBe(false);
  });

  it('without METRICS_TOKEN, refuses /metrics to anything forwarded and whenever a proxy is trusted', async () => {
    for (const header of [{ 'x-real-ip': '203.0.113.5' }, { forwarded: 'for=203.0.113.5' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1', headers: header });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toMatch(/gerbang_http/);
    }
    // A same-host proxy that adds no forwarding header (nginx's default proxy_pass) looks like a loopback peer:
    // with TRUST_PROXY naming any proxy, no token means no metrics.
    const behindProxy = await buildApp({
      config: { ...t.config, metricsToken: undefined, trustProxy: ['127.0.0.0/8', '::1/128'] },
      database: t.database,
      logger: false,
    });
    try {
      await behindProxy.ready();
      const res = await behindProxy.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
      expect(res.statusCode).toBe(403);
      expect(res.body).toMatch(/METRICS_TOKEN/);
      expect(res.body).not.toMatch(/gerbang_http/);
    } finally {
      await behindProxy.close();
    }
  });

  it('keeps NIKs and secrets out of every log line', async () => {
    const secretNik = '3302011203850007';
    const calls = [
      { method: 'GET' as const, url: `/api/v1/residents/${secretNik}` },
      { method: 'GET' as const, url: `/api/v1/residents/${secretNik}?password=hunter2-secret&nik=${secretNik}` },
      {
        method: 'POST' as const,
        url: `/dukcapil/get_json/cust/CALL_NIK?user_id=bank-login&password=hunter2-secret&token=tok-secret-9&api_key=key-secret-7`,
        payload: { NIK: secretNik },
      },
      { method: 'GET' as const, url: `/api/nope/${secretNik}?q=${secretNik}&secret=hunter2-secret` },
      // Percent-encoded digits ("%33" is "3") are decoded before they are looked at.
      { method: 'GET' as const, url: `/api/v1/residents/%33${secretNik.slice(1)}` },
      // A body that does not parse: the parser's message quotes it.
      {
        method: 'POST' as const,
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: `{"username":"${secretNik}","password":"hunter2-secret"`,
      },
    ];
    for (const c of calls) await other.inject({ ...c, remoteAddress: '127.0.0.1' });
    const log = lines.join('\n');
    // The calls were logged (the test would pass on an empty log otherwise) …
    expect(log).toMatch(/\/api\/v1\/residents\//);
    expect(log).toMatch(/CALL_NIK/);
    expect(log).toMatch(/incoming request/);
    // … without the NIK or a secret.
    expect(log).not.toContain(secretNik);
    expect(log).not.toContain(secretNik.slice(1));
    expect(log).not.toMatch(/hunter2|tok-secret|key-secret|bank-login/);
    expect(log).toMatch(/\[redacted/);
  });
});
