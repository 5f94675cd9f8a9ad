import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, type TestContext } from '../../../../../test/harness.js';
import { dayOffset, insertActivePks, BANK_ELEMENTS, demoBankId } from '../fixtures.js';
import { generateInto } from '../population/population.service.js';
import { sampleNiks } from '../population/population.repository.js';

describe.each(DIALECTS)('audit entries and usage views on %s', (kind) => {
  let t: TestContext;
  let access: { customerId: string; userId: string; secret: string; niks: string[]; agreementId: string };
  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 500, seed: 'audit-entries' });
    const bankId = (await demoBankId(t.database.db)) ?? '';
    const pks = await insertActivePks(t.database.db, {
      institutionId: bankId,
      startDate: dayOffset(t.clock.now, -1),
      endDate: dayOffset(t.clock.now, 300),
      now: t.clock.now,
    });
    const kasi = await login(t.app, 'kebumen.kasi');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pks.id}/grants`,
      headers: kasi.headers,
      payload: { kind: 'web_service', environment: 'production', elements: BANK_ELEMENTS, ipAllow: ['127.0.0.0/8'] },
    });
    // Production needs a passed trial first: make one, pass it, then the production grant.
    let body = res.json();
    if (res.statusCode !== 201) {
      const trial = await t.app.inject({
        method: 'POST',
        url: `/api/access/agreements/${pks.id}/grants`,
        headers: kasi.headers,
        payload: { kind: 'web_service', environment: 'trial', elements: BANK_ELEMENTS, ipAllow: ['127.0.0.0/8'] },
      });
      await t.app.inject({
        method: 'POST',
        url: `/api/access/grants/${trial.json().grant.id}/trial`,
        headers: kasi.headers,
        payload: { passed: true, note: 'ok' },
      });
      const prod = await t.app.inject({
        method: 'POST',
        url: `/api/access/agreements/${pks.id}/grants`,
        headers: kasi.headers,
        payload: { kind: 'web_service', environment: 'production', elements: BANK_ELEMENTS, ipAllow: ['127.0.0.0/8'] },
      });
      expect(prod.statusCode, prod.body).toBe(201);
      body = prod.json();
    }
    access = {
      customerId: body.grant.customerId,
      userId: body.grant.userId,
      secret: body.secret,
      niks: await sampleNiks(t.database.db, 'production', 3),
      agreementId: pks.id,
    };
  }, 60_000);
  afterAll(async () => t.close());

  const callNik = (nik: string) =>
    t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${access.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: access.userId, password: access.secret, ip_user: '127.0.0.1' },
    });

  it('shows each office only the entries of institutions it deals with, filterable and paged', async () => {
    for (const nik of access.niks.slice(0, 3)) expect((await callNik(nik)).json().content[0].NIK).toBe(nik);
    expect((await callNik('3305019999990001')).json().content[0].RESPONSE_CODE).toBeDefined();
    const kebumen = await login(t.app, 'kebumen.kabid');
    const all = (
      await t.app.inject({ method: 'GET', url: '/api/access/audit/entries?limit=500', headers: kebumen.headers })
    ).json();
    const calls = all.filter((e: { action: string; resultCode: string }) => e.action.includes('CALL_NIK'));
    // The refused call (a NIK that does not parse) is the credential's too: its office sees it (issue 11).
    expect(calls.length).toBe(4);
    expect(calls.every((e: { pksVersionHash: string | null }) => typeof e.pksVersionHash === 'string')).toBe(true);
    const found = (
      await t.app.inject({ method: 'GET', url: '/api/access/audit/entries?resultCode=01', headers: kebumen.headers })
    ).json();
    expect(found.every((e: { resultCode: string }) => e.resultCode === '01')).toBe(true);
    const page = (
      await t.app.inject({ method: 'GET', url: `/api/access/audit/entries?limit=2`, headers: kebumen.headers })
    ).json();
    const older = (
      await t.app.inject({
        method: 'GET',
        url: `/api/access/audit/entries?limit=2&beforeSeq=${page[1].seq}`,
        headers: kebumen.headers,
      })
    ).json();
    expect(older[0].seq).toBeLessThan(page[1].seq);
    // No NIK ever appears in clear.
    expect(JSON.stringify(all)).not.toContain(access.niks[0]);
    const sibolga = await login(t.app, 'sibolga.kadis');
    const other = (
      await t.app.inject({ method: 'GET', url: '/api/access/audit/entries?limit=500', headers: sibolga.headers })
    ).json();
    expect(other.filter((e: { action: string }) => e.action.includes('CALL_NIK'))).toEqual([]);
    const pusat = await login(t.app, 'pusat.dirjen');
    const everything = (
      await t.app.inject({ method: 'GET', url: '/api/access/audit/entries?limit=500', headers: pusat.headers })
    ).json();
    expect(everything.length).toBeGreaterThan(all.length);
    // A refusal before any credential is known (an impossible NIK date) has no institution: only pusat sees it.
    expect(
      everything.some(
        (e: { resultCode: string; institutionId: string | null }) => e.resultCode !== '01' && e.institutionId === null,
      ),
    ).toBe(true);
  });

  it('records a failed login against the credential it names, for its office to see', async () => {
    const attempt = (userId: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: `/dukcapil/get_json/${access.customerId}/CALL_NIK`,
        payload: { NIK: access.niks[0], user_id: userId, password, ip_user: '127.0.0.1' },
      });
    const wrong = await attempt(access.userId, 'not-the-secret');
    const unknown = await attempt('nobody-here', 'whatever');
    // The caller learns nothing: the same code either way.
    expect(wrong.json().content[0].RESPONSE_CODE).toBe('03');
    expect(unknown.json().content[0].RESPONSE_CODE).toBe('03');
    const entries = (who: string) =>
      login(t.app, who).then(async (s) =>
        (
          await t.app.inject({ method: 'GET', url: '/api/access/audit/entries?resultCode=03', headers: s.headers })
        ).json(),
      );
    const kebumen = await entries('kebumen.kabid');
    const grantId = (
      await t.database.db
        .selectFrom('access_grants')
        .select('id')
        .where('user_id', '=', access.userId)
        .executeTakeFirst()
    )?.id;
    expect(kebumen).toHaveLength(1);
    expect(kebumen[0]).toMatchObject({
      id: wrong.headers['x-audit-id'],
      actorKind: 'credential',
      actorId: grantId,
      institutionId: await demoBankId(t.database.db),
    });
    expect(
      (await entries('sibolga.kadis')).filter((e: { id: string }) => e.id === wrong.headers['x-audit-id']),
    ).toEqual([]);
    // A user id that names no credential stays unattributed: only pusat sees it.
    const pusat = await entries('pusat.dirjen');
    expect(pusat.find((e: { id: string }) => e.id === unknown.headers['x-audit-id'])).toMatchObject({
      actorId: 'unknown:nobody-here',
      institutionId: null,
    });
  });

  it("shows today's usage beside each grant", async () => {
    const kabid = await login(t.app, 'kebumen.kabid');
    const res = (
      await t.app.inject({ method: 'GET', url: `/api/access/agreements/${access.agreementId}`, headers: kabid.headers })
    ).json();
    const grant = res.grants.find((g: { userId: string }) => g.userId === access.userId);
    expect(grant.usedToday).toBeGreaterThanOrEqual(3);
  });
});
