/**
 * Issue 15: an allow-list of everything (0.0.0.0/0, ::/0), a very wide prefix or a link-local range is refused
 * unless the office confirms it explicitly; the confirmation is on the signed record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type Session, type TestContext } from '../../../../../test/harness.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../fixtures.js';

describe.each(DIALECTS)('wide IP ranges in an allow-list on %s', (kind) => {
  let t: TestContext;
  let kasi: Session;
  let pksId: string;

  beforeAll(async () => {
    t = await demoApp(kind);
    pksId = (
      await insertActivePks(t.database.db, {
        institutionId: (await demoBankId(t.database.db)) ?? '',
        startDate: dayOffset(t.clock.now, -30),
        endDate: dayOffset(t.clock.now, 365),
        now: t.clock.now,
      })
    ).id;
    kasi = await login(t.app, 'kebumen.kasi');
  }, 120_000);
  afterAll(async () => t?.close());

  const create = (extra: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pksId}/grants`,
      headers: kasi.headers,
      payload: { kind: 'web_service', environment: 'trial', elements: BANK_ELEMENTS, ...extra },
    });

  it('refuses everything, very wide and link-local ranges with each range named', async () => {
    for (const [ranges, field] of [
      [['10.1.2.3', '0.0.0.0/0'], 'ipAllow[1]'],
      [['::/0'], 'ipAllow[0]'],
      [['8.0.0.0/7'], 'ipAllow[0]'],
      [['169.254.169.254'], 'ipAllow[0]'],
      [['fe80::1/64'], 'ipAllow[0]'],
      [['2001:db8::/16'], 'ipAllow[0]'],
    ] as const) {
      const res = await create({ ipAllow: ranges });
      expect(res.statusCode, JSON.stringify(ranges)).toBe(400);
      const p = problem(res);
      expect(p.code).toBe('ip_range_wide');
      expect(p.issues?.map((i) => i.field)).toEqual([field]);
      expect(p.message.en).toContain(ranges[ranges.length - 1]?.split('/')[0]);
    }
    // Ordinary ranges need no confirmation.
    expect((await create({ ipAllow: ['10.0.0.0/8', '203.0.113.0/24', '2001:db8::/48'] })).statusCode).toBe(201);
  });

  it('accepts them when the office confirms, and records the confirmation', async () => {
    const res = await create({ ipAllow: ['0.0.0.0/0', 'fe80::/10'], confirmWideRanges: true });
    expect(res.statusCode, res.body).toBe(201);
    const grantId = (res.json() as { grant: { id: string } }).grant.id;
    const entry = await t.database.db
      .selectFrom('audit_entries')
      .select('detail')
      .where('action', '=', 'grant.create')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(String(entry.detail)).toContain(grantId);
    expect(String(entry.detail)).toMatch(/confirmedWideRanges.*0\.0\.0\.0\/0 fe80::\/10/);
    // Changing the list again asks again; changing something else does not.
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/access/grants/${grantId}`, headers: kasi.headers, payload });
    expect(problem(await patch({ ipAllow: ['::/0'] })).code).toBe('ip_range_wide');
    expect((await patch({ dailyQuota: 50 })).statusCode).toBe(200);
    expect((await patch({ ipAllow: ['::/0'], confirmWideRanges: true })).statusCode).toBe(200);
  });
});
