import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, type TestContext } from '../../../../test/harness.js';

describe.each(DIALECTS)('the service address on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it('gives a signed-in user PUBLIC_URL and the bases integrations call', async () => {
    const s = await login(t.app, 'bank.admin');
    const res = await t.app.inject({ method: 'GET', url: '/api/integration/service-address', headers: s.headers });
    expect(res.statusCode).toBe(200);
    const url = t.config.publicUrl;
    expect(res.json()).toEqual({ url, dukcapil: `${url}/dukcapil/get_json`, v1: `${url}/api/v1` });
  });

  it('refuses an anonymous caller', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/integration/service-address' });
    expect(res.statusCode).toBe(401);
  });
});
