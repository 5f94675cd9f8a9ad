import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type Session, type TestContext } from '../../../../../test/harness.js';
import { dayOffset, insertActivePks, demoBankId } from '../fixtures.js';
import { generateInto } from '../population/population.service.js';
import { sampleNiks } from '../population/population.repository.js';

describe.each(DIALECTS)('the web-portal channel on %s', (kind) => {
  let t: TestContext;
  let kasi: Session;
  let grantId: string;
  let nik: string;

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 200, seed: 'portal', population: 'sandbox' });
    [nik = ''] = await sampleNiks(t.database.db, 'sandbox', 1);
    const bankId = (await demoBankId(t.database.db)) ?? '';
    const pks = await insertActivePks(t.database.db, {
      institutionId: bankId,
      methods: ['web_portal'],
      startDate: dayOffset(t.clock.now, -1),
      endDate: dayOffset(t.clock.now, 200),
      now: t.clock.now,
    });
    kasi = await login(t.app, 'kebumen.kasi');
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pks.id}/grants`,
      headers: kasi.headers,
      payload: {
        kind: 'web_portal',
        environment: 'trial',
        elements: ['nik', 'nama_lengkap'],
        ipAllow: ['127.0.0.0/8', '::1/128'],
        dailyQuota: 2,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    grantId = created.json().grant.id;
  });
  afterAll(async () => t.close());

  it('answers a registered operator with the granted elements only, audited, within the quota', async () => {
    const op = await login(t.app, 'bank.operator');
    const before = await t.app.inject({
      method: 'POST',
      url: '/api/portal/lookup',
      headers: op.headers,
      payload: { nik },
    });
    expect(before.statusCode).toBe(403);
    expect(problem(before).code).toBe('no_portal_access');
    const userId = (
      await t.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'bank.operator')
        .executeTakeFirstOrThrow()
    ).id;
    const add = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${grantId}/operators`,
      headers: kasi.headers,
      payload: { userId },
    });
    expect(add.statusCode, add.body).toBe(201);
    const found = await t.app.inject({
      method: 'POST',
      url: '/api/portal/lookup',
      headers: op.headers,
      payload: { nik },
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().code).toBe('01');
    expect(Object.keys(found.json().fields).sort()).toEqual(['NAMA_LGKP', 'NIK']);
    const entry = await t.database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('id', '=', found.json().auditId)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: 'PORTAL_LOOKUP',
      actor_kind: 'operator',
      actor_id: userId,
      result_code: '01',
    });
    expect(entry.nik_hash).not.toBe(nik);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/portal/lookup',
      headers: op.headers,
      payload: { nik: '12345' },
    });
    expect(bad.json().code).toBe('15');
    expect(bad.json().fields).toBeNull();
    const over = await t.app.inject({
      method: 'POST',
      url: '/api/portal/lookup',
      headers: op.headers,
      payload: { nik },
    });
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/portal/lookup',
      headers: op.headers,
      payload: { nik },
    });
    expect([over.json().code, third.json().code]).toContain('05');
    const other = await login(t.app, 'dinsos.operator');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/portal/lookup', headers: other.headers, payload: { nik } }))
        .statusCode,
    ).toBe(403);
  });
});
