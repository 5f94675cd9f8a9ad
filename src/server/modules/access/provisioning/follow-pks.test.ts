/**
 * Grants are a function of the PKS version in force, and every narrowing write bites on the very next request
 * (issue 11). Driven over HTTP as the office, the institution and a calling client would.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  seededAgreement,
  type Session,
  type TestContext,
} from '../../../../../test/harness.js';
import { generateInto } from '../population/population.service.js';
import { sampleNiks } from '../population/population.repository.js';
import { demoBankId } from '../fixtures.js';

interface Cred {
  id: string;
  customerId: string;
  userId: string;
  secret: string;
}

const WIDE = ['nik', 'nama_lengkap', 'tanggal_lahir', 'alamat', 'nama_ibu'];

describe.each(DIALECTS)('grants follow the PKS in force on %s', (kind) => {
  let t: TestContext;
  let bankId = '';
  let officeId = '';
  let nik = '';
  // One session per user for the whole block (a sign-in is a scrypt hash and two requests); what is tested here
  // is the grants, not the sessions, and no test ends a session or moves the clock.
  const sessions = new Map<string, Promise<Session>>();
  const as = async (u: string) => {
    let s = sessions.get(u);
    if (!s) sessions.set(u, (s = login(t.app, u)));
    return (await s).headers;
  };
  const api = async (u: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: await as(u), ...(payload ? { payload } : {}) });

  /** An active PKS of the demo bank made as the seed makes one, juknis approved. */
  const agreement = async (elements = WIDE, methods?: string[]) => {
    const { agreementId } = await seededAgreement(t, {
      institutionId: bankId,
      officeId,
      elements,
      startDate: t.clock.now.toISOString().slice(0, 10),
      endDate: '2027-12-31',
    });
    await t.database.db
      .updateTable('agreements')
      .set({ juknis_approved_at: t.clock.now.toISOString() })
      .where('id', '=', agreementId)
      .execute();
    if (methods) {
      const v = await t.database.db
        .selectFrom('agreement_versions')
        .select(['id', 'content'])
        .where('agreement_id', '=', agreementId)
        .executeTakeFirstOrThrow();
      await t.database.db
        .updateTable('agreement_versions')
        .set({ content: JSON.stringify({ ...JSON.parse(v.content), methods }) })
        .where('id', '=', v.id)
        .execute();
    }
    return agreementId;
  };
  const provision = async (agreementId: string, input: Record<string, unknown> = {}) =>
    api('kebumen.kasi', 'POST', `/api/access/agreements/${agreementId}/grants`, {
      kind: 'web_service',
      environment: 'trial',
      elements: WIDE,
      ipAllow: ['127.0.0.0/8'],
      ...input,
    });
  const cred = async (agreementId: string, input: Record<string, unknown> = {}): Promise<Cred> => {
    const res = await provision(agreementId, input);
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    return { id: b.grant.id, customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };
  };
  const lookup = async (c: Cred) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${c.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: c.userId, password: c.secret, ip_user: '10.0.0.1' },
      remoteAddress: '127.0.0.1',
    });
    const row = (res.json() as { content: Record<string, string>[] }).content[0] ?? {};
    return { code: row.RESPONSE_CODE ?? '01', fields: Object.keys(row).sort(), auditId: res.headers['x-audit-id'] };
  };
  const userIdOf = async (username: string) =>
    (await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id;
  const grant = async (id: string) => (await api('kebumen.kasi', 'GET', `/api/access/grants/${id}`)).json();
  /** Runs a PKS-change case to its end, each party completing its open task. */
  const runChange = async (caseId: string) => {
    for (const [user, extra] of [
      ['kebumen.kabid', {}],
      ['pusat.dirjen', { decision: 'setuju' }],
      ['kebumen.kadis', {}],
      ['bank.pimpinan', {}],
    ] as const) {
      const view = (await api(user, 'GET', `/api/cases/${caseId}`)).json();
      const task = view.tasks.find((x: { status: string; canAct: boolean }) => x.status === 'open' && x.canAct);
      expect(task, user).toBeTruthy();
      const done = await api(user, 'POST', `/api/tasks/${task.id}/complete`, extra);
      expect(done.statusCode, done.body).toBe(200);
    }
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 200, seed: 'follow-pks', population: 'sandbox' });
    nik = (await sampleNiks(t.database.db, 'sandbox', 1))[0] ?? '';
    bankId = (await demoBankId(t.database.db)) ?? '';
    officeId = t.users.find((u) => u.username === 'kebumen.kasi')?.organisation.id ?? '';
  }, 120_000);
  afterAll(async () => t?.close());

  it('narrows existing grants when an addendum removes elements, citing the version applied', async () => {
    const pksId = await agreement();
    const c = await cred(pksId);
    const before = await lookup(c);
    expect(before.code).toBe('01');
    expect(before.fields).toEqual(expect.arrayContaining(['TGL_LHR', 'ALAMAT']));
    const req = await api('kebumen.kabid', 'POST', `/api/agreements/${pksId}/addendum`, {
      reason: 'Elemen dikurangi',
      elements: ['nik', 'nama_lengkap'],
    });
    expect(req.statusCode, req.body).toBe(201);
    await runChange(req.json().caseId);
    const inForce = await t.database.db
      .selectFrom('agreement_versions')
      .select('content_hash')
      .where('agreement_id', '=', pksId)
      .where('state', '=', 'in_force')
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    // The very next call answers the narrowed set and its audit entry cites the version in force.
    const after = await lookup(c);
    expect(after.code).toBe('01');
    expect(after.fields).toEqual(['NAMA_LGKP', 'NIK']);
    const entry = await t.database.db
      .selectFrom('audit_entries')
      .select('pks_version_hash')
      .where('id', '=', String(after.auditId))
      .executeTakeFirstOrThrow();
    expect(entry.pks_version_hash).toBe(inForce.content_hash);
    // The office sees what changed and why.
    const view = await grant(c.id);
    expect(view.elements).toEqual(['nik', 'nama_lengkap']);
    expect(view.pksVersionHash).toBe(inForce.content_hash);
    expect(view.status).toBe('active');
    expect(view.changes).toEqual([
      expect.objectContaining({
        cause: 'version_in_force',
        action: 'recompiled',
        removedElements: ['tanggal_lahir', 'alamat', 'nama_ibu'],
        pksVersion: { before: expect.any(String), after: inForce.content_hash },
      }),
    ]);
    const change = await t.database.db
      .selectFrom('audit_pending')
      .select('entry')
      .execute()
      .then(async (p) => [
        ...p.map((r) => JSON.parse(r.entry) as { action: string; detail: Record<string, unknown> }),
        ...(await t.database.db.selectFrom('audit_entries').select(['action', 'detail']).execute()).map((r) => ({
          action: r.action,
          detail: JSON.parse(r.detail ?? '{}') as Record<string, unknown>,
        })),
      ]);
    expect(change.some((e) => e.action === 'grant.follow_pks' && e.detail.grantId === c.id)).toBe(true);
    // A label change is no longer refused with element_outside_pks.
    const patch = await api('kebumen.kasi', 'PATCH', `/api/access/grants/${c.id}`, { label: 'Label baru' });
    expect(patch.statusCode, patch.body).toBe(200);
  });

  it('moves validity with a renewal', async () => {
    const pksId = await agreement();
    const c = await cred(pksId);
    expect((await grant(c.id)).validTo).toBe('2027-12-31');
    const req = await api('kebumen.kabid', 'POST', `/api/agreements/${pksId}/renewal`, {
      reason: 'Perpanjangan',
      months: 12,
    });
    expect(req.statusCode, req.body).toBe(201);
    await runChange(req.json().caseId);
    const pks = (await api('kebumen.kabid', 'GET', `/api/agreements/${pksId}`)).json();
    const view = await grant(c.id);
    expect(view.validTo).toBe(pks.endDate);
    expect(view.validTo).not.toBe('2027-12-31');
    expect(view.changes.at(-1)).toMatchObject({ cause: 'renewed', validTo: { before: '2027-12-31' } });
  });

  it('revokes a grant whose method an addendum removes', async () => {
    const pksId = await agreement(WIDE, ['web_service', 'web_portal']);
    const c = await cred(pksId);
    const req = await api('kebumen.kabid', 'POST', `/api/agreements/${pksId}/addendum`, {
      reason: 'Hanya web portal',
      methods: ['web_portal'],
    });
    expect(req.statusCode, req.body).toBe(201);
    await runChange(req.json().caseId);
    expect((await lookup(c)).code).not.toBe('01');
    const view = await grant(c.id);
    expect(view.status).toBe('revoked');
    expect(view.changes.at(-1)).toMatchObject({ action: 'revoked', removedMethods: ['web_service'] });
  });

  it('revokes on termination at the next request: shown as revoked, never resumable', async () => {
    const pksId = await agreement();
    const c = await cred(pksId);
    const suspended = await cred(pksId);
    expect(
      (await api('kebumen.kasi', 'POST', `/api/access/grants/${suspended.id}/suspend`, { reason: 'uji' })).statusCode,
    ).toBe(200);
    expect((await lookup(c)).code).toBe('01');
    const end = await api('kebumen.kadis', 'POST', `/api/agreements/${pksId}/terminate`, {
      reason: 'Pelanggaran ketentuan PKS',
    });
    expect(end.statusCode, end.body).toBe(200);
    expect((await lookup(c)).code).not.toBe('01');
    for (const id of [c.id, suspended.id]) {
      const view = await grant(id);
      expect(view.status).toBe('revoked');
      expect(view.statusReason).toMatch(/diakhiri/i);
      expect(view.changes.at(-1)).toMatchObject({ cause: 'terminated', action: 'revoked' });
      const resume = await api('kebumen.kasi', 'POST', `/api/access/grants/${id}/resume`, {});
      expect(resume.statusCode).toBe(409);
      expect(problem(resume).code).toBe('grant_revoked');
    }
  });

  it("refuses the very next call after the institution's suspension", async () => {
    const pksId = await agreement();
    const c = await cred(pksId);
    expect((await lookup(c)).code).toBe('01');
    const res = await api('kebumen.kasi', 'POST', `/api/institutions/${bankId}/verify`, {
      approve: false,
      note: 'Dibekukan',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await lookup(c)).code).not.toBe('01');
    await api('kebumen.kasi', 'POST', `/api/institutions/${bankId}/verify`, { approve: true });
    expect((await lookup(c)).code).toBe('01');
  });

  it('refuses a suspended, rotated or narrowed grant on the very next call', async () => {
    const pksId = await agreement();
    const c = await cred(pksId);
    expect((await lookup(c)).code).toBe('01');
    await api('kebumen.kasi', 'POST', `/api/access/grants/${c.id}/suspend`, { reason: 'uji' });
    expect((await lookup(c)).code).not.toBe('01');
    await api('kebumen.kasi', 'POST', `/api/access/grants/${c.id}/resume`, {});
    expect((await lookup(c)).code).toBe('01');
    const rotated = await api('kebumen.kasi', 'POST', `/api/access/grants/${c.id}/rotate`, {});
    expect((await lookup(c)).code).toBe('03');
    const fresh = { ...c, secret: rotated.json().secret as string };
    await api('kebumen.kasi', 'PATCH', `/api/access/grants/${c.id}`, { elements: ['nik'] });
    expect((await lookup(fresh)).fields).toEqual(['NIK']);
  });

  it('answers a malformed userId with 400 and commits nothing', async () => {
    const pksId = await agreement();
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('access_grants')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    for (const userId of ['3305011507900001', '1234567890123456789', 'a b', '../x', 'ab']) {
      const res = await provision(pksId, { userId });
      expect(res.statusCode, userId).toBe(400);
      expect(problem(res).issues?.map((i) => i.field)).toEqual(['body.userId']);
    }
    expect(await count()).toBe(n);
    // A taken user id is a 409, nothing committed either.
    const ok = await cred(pksId, { userId: 'bank-kyc-01' });
    expect(ok.userId).toBe('bank-kyc-01');
    expect((await provision(pksId, { userId: 'bank-kyc-01' })).statusCode).toBe(409);
    expect(await count()).toBe(n + 1);
  });

  it('answers two simultaneous creations of one user id with one 201 and one 409, never a 500', async () => {
    const pksId = await agreement();
    // Both pass the "taken?" check before either commits; the unique index decides, and the loser is told so.
    const both = await Promise.all([
      provision(pksId, { userId: 'bank-race-01' }),
      provision(pksId, { userId: 'bank-race-01' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const loser = both.find((r) => r.statusCode === 409);
    expect(problem(loser!).code).toMatch(/user_id_taken|concurrent_change/);
    const rows = await t.database.db
      .selectFrom('access_grants')
      .select('id')
      .where('user_id', '=', 'bank-race-01')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('writes the creation entries of grants, rotations, devices and operators with the row', async () => {
    const pksId = await agreement(WIDE, ['web_service', 'card_reader', 'web_portal']);
    const c = await cred(pksId);
    await api('kebumen.kasi', 'POST', `/api/access/grants/${c.id}/rotate`, {});
    const actions = async () =>
      (
        await t.database.db
          .selectFrom('audit_entries')
          .select(['action', 'detail'])
          .where('pks_id', '=', pksId)
          .execute()
      ).map((r) => r.action);
    const reader = await provision(pksId, { kind: 'card_reader' });
    expect(reader.statusCode, reader.body).toBe(201);
    const readerId = reader.json().grant.id as string;
    const { publicKey } = crypto.generateKeyPairSync('ed25519');
    const device = await api('kebumen.kasi', 'POST', `/api/access/grants/${readerId}/devices`, {
      serial: 'SN-001',
      pcid: 'PCID-follow-1',
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    expect(device.statusCode, device.body).toBe(201);
    const portal = await provision(pksId, { kind: 'web_portal' });
    expect(portal.statusCode, portal.body).toBe(201);
    const operator = await api('kebumen.kasi', 'POST', `/api/access/grants/${portal.json().grant.id}/operators`, {
      userId: await userIdOf('bank.admin'),
    });
    expect(operator.statusCode, operator.body).toBe(201);
    expect(await actions()).toEqual(
      expect.arrayContaining(['grant.create', 'grant.rotate', 'device.register', 'operator.add']),
    );
    // Nothing of a failed creation: a second grant with a taken user id leaves no entry.
    const before = (await actions()).length;
    expect((await provision(pksId, { userId: c.userId })).statusCode).toBe(409);
    expect((await actions()).length).toBe(before);
  });
});
