import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type TestContext } from '../../../../test/harness.js';

/**
 * Issue 15 review, finding 5: anonymous registration must not be an unthrottled "is this username taken?" oracle.
 * A refusal for a taken name counts against the address's registration budget, and does not repeat the name.
 */
describe.each(DIALECTS)('registration as a username probe on %s', (kind) => {
  let t: TestContext;
  let officeId: string;
  beforeAll(async () => {
    t = await demoApp(kind);
    const offices = (
      await t.app.inject({
        method: 'GET',
        url: '/api/offices',
        headers: (await login(t.app, 'kebumen.admin')).headers,
      })
    ).json() as { id: string; name: string }[];
    officeId = offices.find((o) => o.name.includes('Kebumen'))!.id;
  });
  afterAll(async () => t.close());

  const register = (username: string, remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/institutions/register',
      remoteAddress,
      payload: {
        name: 'Lembaga Uji',
        type: 'badan_hukum',
        profitOriented: true,
        officeId,
        address: 'Jl. Uji 1',
        contact: { name: 'Kontak', position: 'Direktur', email: 'a@b.co', phone: '1' },
        admin: { username, displayName: 'Admin Uji', password: 'Sangat-Rahasia-2026!' },
      },
    });

  it('ends a run of probes for taken usernames from one address in 429, and never echoes the name', async () => {
    const taken = t.users.map((u) => u.username).slice(0, 8);
    const answers = [];
    for (const name of taken) answers.push(await register(name.toUpperCase(), '198.51.100.9'));
    const first = answers[0]!;
    expect(first.statusCode).toBe(409);
    expect(problem(first).code).toBe('username_taken');
    expect(first.body.toLowerCase()).not.toContain(taken[0]!.toLowerCase());
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.slice(0, 5)).toEqual([409, 409, 409, 409, 409]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(answers[5]!.headers['retry-after']).toBeDefined();
    // Another address is not slowed by this one.
    expect((await register('zz.fresh-admin', '198.51.100.10')).statusCode).toBe(201);
  });
});
