/**
 * Generated fuzz test: every operation of docs/openapi.json gets malformed input — a wrong JSON type for each body
 * property, null for each required one, no body, an oversize string, NUL and right-to-left override characters,
 * malformed path parameters (10,000 characters, not a ULID, traversal), bad query values and a wrong content type —
 * once anonymously and once as a signed-in administrator with a valid CSRF token. Whatever the input: never a 5xx,
 * every error is application/problem+json with a stable `code` and an Indonesian and English message, and the
 * security headers are on every response. The compatible web service (/dukcapil) answers in its own envelope, so
 * there only "no 5xx" and the headers are checked.
 *
 * SQLite only, on purpose: the suite is about the HTTP edge (parsing, validation, error mapping), which is the same
 * code on both dialects, and it sends a few thousand requests; the per-feature tests cover PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { demoApp, login, type Session, type TestContext } from '../harness.js';
import { BASE_SECURITY_HEADERS } from '../../src/server/http/security-headers.js';
import { fillPath, operations, propertiesOf, validValue, wrongType, type Operation } from './openapi.js';

interface Case {
  label: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

const NASTY = 'a\u0000b\u202Ec\u202Ed\uFEFF\u0007<script>alert(1)</script>';
const LONG = 'x'.repeat(10_000);
const BAD_PARAMS = [LONG, 'not-a-ulid', '../../../etc/passwd', "1' OR '1'='1", '%00', '\u0000', '-1', '9'.repeat(40)];

function json(value: unknown): Pick<Case, 'headers' | 'payload'> {
  return { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(value) };
}

/** The malformed requests for one operation. */
function casesOf(op: Operation): Case[] {
  const url = fillPath(op.path, {});
  const cases: Case[] = [];
  const valid = op.body ? (validValue(op.body) as Record<string, unknown>) : undefined;
  const props = propertiesOf(op.body);
  if (op.body || op.multipart || op.method !== 'GET') {
    cases.push({ label: 'no body', method: op.method, url });
    cases.push({ label: 'empty JSON body', method: op.method, url, headers: { 'content-type': 'application/json' } });
    cases.push({ label: 'broken JSON', method: op.method, url, ...json('x'), payload: '{"a":' });
    cases.push({ label: 'JSON array', method: op.method, url, ...json([1, 2]) });
    cases.push({ label: 'JSON null', method: op.method, url, ...json(null) });
    cases.push({
      label: 'wrong content type',
      method: op.method,
      url,
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    cases.push({
      label: 'form-encoded',
      method: op.method,
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1&b=%00',
    });
    cases.push({
      label: 'multipart without boundary',
      method: op.method,
      url,
      headers: { 'content-type': 'multipart/form-data' },
      payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
    });
    cases.push({
      label: 'truncated multipart',
      method: op.method,
      url,
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
      payload:
        '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.',
    });
  }
  for (const p of props) {
    cases.push({
      label: `${p.name}: wrong type`,
      method: op.method,
      url,
      ...json({ ...valid, [p.name]: wrongType(p.schema) }),
    });
    if (p.required)
      cases.push({ label: `${p.name}: null`, method: op.method, url, ...json({ ...valid, [p.name]: null }) });
    if (p.required) {
      const { [p.name]: _dropped, ...rest } = valid ?? {};
      cases.push({ label: `${p.name}: missing`, method: op.method, url, ...json(rest) });
    }
  }
  if (props.length) {
    const strings = props.filter((p) => p.schema.type === 'string');
    const withAll = (v: string) => ({ ...valid, ...Object.fromEntries(strings.map((p) => [p.name, v])) });
    cases.push({ label: 'oversize strings', method: op.method, url, ...json(withAll('y'.repeat(200_000))) });
    cases.push({ label: 'NUL and RTL characters', method: op.method, url, ...json(withAll(NASTY)) });
    cases.push({
      label: 'unknown property',
      method: op.method,
      url,
      ...json({ ...valid, __proto__x: 1, constructor: { prototype: { admin: true } } }),
    });
  }
  for (const param of op.pathParams) {
    for (const bad of BAD_PARAMS) {
      const u = fillPath(op.path, { [param.name]: bad });
      cases.push({
        label: `path ${param.name}=${bad.slice(0, 12)}`,
        method: op.method,
        url: u,
        ...(valid ? json(valid) : {}),
      });
    }
  }
  for (const q of op.queryParams) {
    for (const bad of [LONG, '-1', '%00', 'true', '[object Object]']) {
      cases.push({
        label: `query ${q.name}=${bad.slice(0, 12)}`,
        method: op.method,
        url: `${url}?${q.name}=${encodeURIComponent(bad)}`,
      });
    }
    cases.push({ label: `query ${q.name} twice`, method: op.method, url: `${url}?${q.name}=a&${q.name}=b` });
  }
  return cases;
}

/** What every response must be, whatever was sent. */
function checkResponse(op: Operation, c: Case, res: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
  const missing = Object.entries(BASE_SECURITY_HEADERS).filter(([name, value]) => res.headers[name] !== value);
  if (missing.length)
    problems.push(`security headers missing on ${res.statusCode}: ${missing.map(([n]) => n).join(', ')}`);
  if (res.statusCode >= 400 && !op.path.startsWith('/dukcapil')) {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json')) problems.push(`content-type ${type} for ${res.statusCode}`);
    else {
      const body = res.json() as { code?: unknown; message?: { id?: unknown; en?: unknown } };
      if (typeof body.code !== 'string' || !body.code) problems.push('no code');
      if (typeof body.message?.id !== 'string' || typeof body.message.en !== 'string')
        problems.push('message is not bilingual');
    }
  }
  // Nothing the caller sent is echoed back in an error.
  if (res.statusCode >= 400 && (res.body.includes(LONG.slice(0, 500)) || res.body.includes('<script>')))
    problems.push('echoes the request');
  return problems;
}

/** Failures grouped by operation and kind, with one example request each, so a report stays readable. */
class Failures {
  readonly seen = new Map<string, string>();
  add(op: Operation, c: Case, problems: string[]) {
    for (const p of problems) {
      const key = `${op.key}: ${p.replace(/: .*$/s, '')}`;
      if (!this.seen.has(key)) this.seen.set(key, `${key} (e.g. [${c.label}] -> ${p.slice(0, 160)})`);
    }
  }
  list(): string[] {
    return [...this.seen.values()];
  }
}

describe('fuzzing every operation of the API document (SQLite)', () => {
  let t: TestContext;
  let admin: Session;
  const ops = operations()
    // Ending the session would leave the rest of the run anonymous: logout goes last.
    .sort((a, b) => Number(a.key === 'POST /api/auth/logout') - Number(b.key === 'POST /api/auth/logout'));

  beforeAll(async () => {
    t = await demoApp('sqlite');
    admin = await login(t.app, 'pusat.admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('covers the whole document', () => {
    expect(ops.length).toBeGreaterThan(90);
  });

  for (const who of ['anonymous', 'pusat.admin'] as const) {
    it(`never answers 5xx or outside problem+json to malformed input (${who})`, async () => {
      const failures = new Failures();
      let sent = 0;
      for (const op of ops) {
        // The malformed requests of one operation at once: their decisions share the audit log's group commit.
        const session = who === 'anonymous' ? {} : admin.headers;
        await Promise.all(
          casesOf(op).map(async (c) => {
            const res = await t.app.inject({
              method: c.method as InjectOptions['method'],
              url: c.url,
              headers: { ...c.headers, ...session },
              ...(c.payload === undefined ? {} : { payload: c.payload }),
              remoteAddress: '192.0.2.10',
            });
            sent++;
            failures.add(op, c, checkResponse(op, c, res));
          }),
        );
        if (who !== 'anonymous') {
          // Some input ends or changes the session (a password change): sign in again for the next operation.
          const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin.cookie } });
          if (me.statusCode !== 200) admin = await login(t.app, 'pusat.admin');
        }
      }
      expect(sent).toBeGreaterThan(1000);
      expect(failures.list(), failures.list().join('\n')).toEqual([]);
    }, 120_000);
  }

  it('answers unknown methods and over-long URLs in problem+json with the headers', async () => {
    const failures = new Failures();
    const odd: Case[] = [
      { label: 'unknown method', method: 'PROPFIND', url: '/api/auth/me' },
      { label: 'unknown method on /dukcapil', method: 'PROPFIND', url: '/dukcapil/get_json/x/CALL_NIK' },
      { label: 'over-long id', method: 'GET', url: `/api/cases/${LONG}` },
      { label: 'over-long URL', method: 'GET', url: `/api/${'a'.repeat(100_000)}` },
      { label: 'unknown route', method: 'GET', url: '/api/no-such-route' },
    ];
    for (const c of odd) {
      const res = await t.app.inject({ method: c.method as InjectOptions['method'], url: c.url });
      failures.add(
        { key: `${c.method} ${c.url.slice(0, 40)}`, path: c.url } as Operation,
        c,
        checkResponse({ path: c.url } as Operation, c, res),
      );
    }
    expect(failures.list(), failures.list().join('\n')).toEqual([]);
  });
});
