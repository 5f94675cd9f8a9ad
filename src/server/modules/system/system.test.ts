import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type TestContext } from '../../../../test/harness.js';
import { openApiText } from '../../openapi.js';

describe.each(DIALECTS)('HTTP surface on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it('answers health with the database kind and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: kind, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('answers unknown routes with a 404 problem in Indonesian, or English on request', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(problem(res).code).toBe('route_not_found');
    expect(res.json().detail).toMatch(/tidak ada/);
    const en = await t.app.inject({
      method: 'DELETE',
      url: '/api/nothing-here',
      headers: { 'accept-language': 'en-US' },
    });
    // In English, and without echoing the request's method or path (issue 15).
    expect(en.json().detail).toMatch(/^No route/);
    expect(en.body).not.toMatch(/DELETE|nothing-here/);
  });

  it('refuses non-JSON, malformed and oversized bodies with 4xx, never 500', async () => {
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'username=x',
    });
    expect(text.statusCode).toBe(415);
    expect(problem(text).code).toBe('unsupported_media_type');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(broken.statusCode).toBe(400);
    expect(problem(broken).code).toBe('invalid_json');
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }),
    });
    expect(big.statusCode).toBe(413);
    const arr = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: [1, 2] });
    expect(arr.statusCode).toBe(400);
    const s = await login(t.app, 'kebumen.admin');
    const nul = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...s.headers, 'content-type': 'application/json' },
      payload: 'null',
    });
    expect(nul.statusCode).toBe(400);
  });

  it('exposes Prometheus metrics', async () => {
    await t.app.inject({ method: 'GET', url: '/api/health' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/gerbang_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/);
  });

  it('serves an OpenAPI 3.1 document equal to the committed docs/openapi.json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.json().openapi).toBe('3.1.0');
    const committed = fs.readFileSync('docs/openapi.json', 'utf8');
    // Run `npm run openapi` to refresh the committed copy after changing a route schema.
    expect(openApiText(res.json())).toBe(committed);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
