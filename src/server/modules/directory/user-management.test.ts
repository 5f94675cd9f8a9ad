/**
 * Who manages whose users (issue 15): only an organisation's own admin creates, deactivates and reactivates its
 * people; an office never creates users inside an institution (it could name the institution's pimpinan and sign a
 * PKS as both parties). Deactivation ends the user's sessions and the access they hold at once; turning on "require
 * TOTP" for an office ends the sessions of its staff without a second factor.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type Session, type TestContext } from '../../../../test/harness.js';
import { dayOffset, demoBankId, insertActivePks } from '../access/fixtures.js';

describe.each(DIALECTS)('user management on %s', (kind) => {
  let t: TestContext;
  let bankId: string;
  const orgOf = (u: string) => t.users.find((x) => x.username === u)?.organisation.id ?? '';
  const userId = async (username: string) =>
    (await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id;
  const me = (s: Session) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
  const createIn = (s: Session, orgKind: 'office' | 'institution', orgId: string, username: string, roles: string[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: s.headers,
      payload: { orgKind, orgId, username, displayName: `Pengguna ${username}`, roles },
    });
  const setStatus = async (s: Session, username: string, status: 'active' | 'disabled') =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/users/${await userId(username)}`,
      headers: s.headers,
      payload: { status },
    });

  beforeAll(async () => {
    t = await demoApp(kind);
    bankId = (await demoBankId(t.database.db)) ?? '';
  });
  afterAll(async () => t.close());

  it("refuses every office admin a pimpinan inside the demo bank; the bank's own admin creates one", async () => {
    for (const admin of ['kebumen.admin', 'jateng.admin', 'pusat.admin']) {
      const res = await createIn(await login(t.app, admin), 'institution', bankId, `bank.boss.${admin}`, ['pimpinan']);
      expect(res.statusCode, `${admin}: ${res.body}`).toBe(403);
      expect(problem(res).code).toBe('forbidden');
      const operator = await createIn(await login(t.app, admin), 'institution', bankId, `bank.op.${admin}`, [
        'operator',
      ]);
      expect(operator.statusCode, admin).toBe(403);
    }
    const own = await createIn(await login(t.app, 'bank.admin'), 'institution', bankId, 'bank.direktur', ['pimpinan']);
    expect(own.statusCode, own.body).toBe(201);
    const rows = await t.database.db
      .selectFrom('users')
      .select('username')
      .where('institution_id', '=', bankId)
      .where('username', 'like', 'bank.boss%')
      .execute();
    expect(rows).toEqual([]);
  });

  it("lets an office manage only its own staff; pusat creates only a new office's first admin", async () => {
    const kebumen = orgOf('kebumen.admin');
    const pusat = await login(t.app, 'pusat.admin');
    // Kebumen has its own admin: neither its province nor pusat adds staff to it.
    expect((await createIn(pusat, 'office', kebumen, 'kebumen.pusat', ['kadis'])).statusCode).toBe(403);
    expect(
      (await createIn(await login(t.app, 'jateng.admin'), 'office', kebumen, 'kebumen.jt', ['kadis'])).statusCode,
    ).toBe(403);
    expect(
      (await createIn(await login(t.app, 'kebumen.admin'), 'office', kebumen, 'kebumen.kasi2', ['kasi'])).statusCode,
    ).toBe(201);

    // A new office has nobody: the pusat admin who created it names its first admin, and only an admin.
    const offices = (await t.app.inject({ method: 'GET', url: '/api/offices' })).json() as {
      id: string;
      code: string;
    }[];
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/offices',
      headers: pusat.headers,
      payload: {
        code: '33.74',
        name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Semarang',
        level: 'kota',
        parentId: offices.find((o) => o.code === '33')?.id,
        timezone: 'Asia/Jakarta',
        headTitle: 'Walikota Semarang',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const semarang = created.json().id as string;
    expect((await createIn(pusat, 'office', semarang, 'semarang.kadis', ['kadis'])).statusCode).toBe(403);
    const jateng = await login(t.app, 'jateng.admin');
    expect((await createIn(jateng, 'office', semarang, 'semarang.jt', ['admin'])).statusCode).toBe(403);
    const first = await createIn(pusat, 'office', semarang, 'semarang.admin', ['admin']);
    expect(first.statusCode, first.body).toBe(201);
    // Once it has an admin, the office manages itself.
    expect((await createIn(pusat, 'office', semarang, 'semarang.admin2', ['admin'])).statusCode).toBe(403);
  });

  it('keeps the first admin of a self-registered institution, accepted by the office, managing its users', async () => {
    const kebumen = orgOf('kebumen.admin');
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/institutions/register',
      payload: {
        name: 'Koperasi Sejahtera Kebumen',
        type: 'badan_hukum',
        profitOriented: true,
        officeId: kebumen,
        address: 'Jl. Kolonel Sugiyono 7, Kebumen',
        contact: { name: 'Wati', position: 'Ketua', email: 'wati@koperasi.example', phone: '0287' },
        admin: { username: 'koperasi.admin', displayName: 'Admin Koperasi', password: 'koperasi-sejahtera-2026' },
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().id as string;
    const verified = await t.app.inject({
      method: 'POST',
      url: `/api/institutions/${id}/verify`,
      headers: (await login(t.app, 'kebumen.kasi')).headers,
      payload: { approve: true },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    // The office verified it; it still creates nobody inside it.
    expect(
      (await createIn(await login(t.app, 'kebumen.admin'), 'institution', id, 'koperasi.ketua', ['pimpinan']))
        .statusCode,
    ).toBe(403);
    const admin = await login(t.app, 'koperasi.admin', 'koperasi-sejahtera-2026');
    expect(((await me(admin)).json().roles as { code: string }[]).map((r) => r.code).sort()).toEqual([
      'admin',
      'pimpinan',
    ]);
    expect((await createIn(admin, 'institution', id, 'koperasi.ketua', ['pimpinan'])).statusCode).toBe(201);
  });

  it("deactivates the bank's operator: their session, their portal registration and their login stop at once", async () => {
    const pks = await insertActivePks(t.database.db, {
      institutionId: bankId,
      methods: ['web_portal'],
      startDate: dayOffset(t.clock.now, -1),
      endDate: dayOffset(t.clock.now, 200),
      now: t.clock.now,
    });
    const kasi = await login(t.app, 'kebumen.kasi');
    const grant = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pks.id}/grants`,
      headers: kasi.headers,
      payload: {
        kind: 'web_portal',
        environment: 'trial',
        elements: ['nik', 'nama_lengkap'],
        ipAllow: ['127.0.0.0/8', '::1/128'],
      },
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const operatorId = await userId('bank.operator');
    const add = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${grant.json().grant.id}/operators`,
      headers: kasi.headers,
      payload: { userId: operatorId },
    });
    expect(add.statusCode, add.body).toBe(201);
    const op = await login(t.app, 'bank.operator');
    const lookup = (s: Session) =>
      t.app.inject({
        method: 'POST',
        url: '/api/portal/lookup',
        headers: s.headers,
        payload: { nik: '3305014101900001' },
      });
    const before = await lookup(op);
    expect(before.statusCode, before.body).toBe(200);

    // Nobody else does it: not the office, not the operator, not another institution's admin.
    expect((await setStatus(await login(t.app, 'kebumen.admin'), 'bank.operator', 'disabled')).statusCode).toBe(403);
    expect((await setStatus(await login(t.app, 'pusat.admin'), 'bank.operator', 'disabled')).statusCode).toBe(403);
    expect((await setStatus(op, 'bank.operator', 'disabled')).statusCode).toBe(403);
    expect((await setStatus(await login(t.app, 'dinsos.admin'), 'bank.operator', 'disabled')).statusCode).toBe(404);
    expect((await lookup(op)).statusCode).toBe(200);

    const bankAdmin = await login(t.app, 'bank.admin');
    const off = await setStatus(bankAdmin, 'bank.operator', 'disabled');
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ username: 'bank.operator', status: 'disabled' });
    expect((await me(op)).statusCode).toBe(401);
    const refused = await lookup(op);
    expect(refused.statusCode).toBe(401);
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bank.operator', password: 'gerbang-demo' },
    });
    expect(relogin.statusCode).toBe(401);
    const registration = await t.database.db
      .selectFrom('access_operators')
      .select('status')
      .where('user_id', '=', operatorId)
      .execute();
    expect(registration.map((r) => r.status)).toEqual(['revoked']);
    const entries = await t.database.db
      .selectFrom('audit_entries')
      .select(['action', 'institution_id', 'detail', 'actor_id'])
      .where('action', '=', 'user.deactivate')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ institution_id: bankId, actor_id: await userId('bank.admin') });
    expect(String(entries[0]?.detail)).toContain(operatorId);

    // Reactivated, they sign in again, but the portal registration stays withdrawn until the office adds it anew.
    const on = await setStatus(bankAdmin, 'bank.operator', 'active');
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().status).toBe('active');
    const back = await login(t.app, 'bank.operator');
    const after = await lookup(back);
    expect(after.statusCode).toBe(403);
    expect(problem(after).code).toBe('no_portal_access');
    const reactivated = await t.database.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', '=', 'user.reactivate')
      .execute();
    expect(reactivated).toHaveLength(1);
  });

  it('never deactivates oneself or the last active admin of an organisation', async () => {
    const admin = await login(t.app, 'dinsos.admin');
    const self = await setStatus(admin, 'dinsos.admin', 'disabled');
    expect(self.statusCode).toBe(409);
    expect(problem(self).code).toBe('cannot_deactivate_self');
    // A second admin may not take the only other one away either once it is the last.
    const created = await createIn(admin, 'institution', orgOf('dinsos.admin'), 'dinsos.admin2', ['admin']);
    expect(created.statusCode).toBe(201);
    const otp = created.json().oneTimePassword as string;
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dinsos.admin2', password: otp },
    });
    const cookie = `gerbang_sid=${first.cookies.find((c) => c.name === 'gerbang_sid')?.value}`;
    const csrf = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().csrfToken;
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { currentPassword: otp, newPassword: 'dinsos-admin-kedua-2026' },
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    const second = await login(t.app, 'dinsos.admin2', 'dinsos-admin-kedua-2026');
    // Two admins take each other away at the same moment: one of them stays (never an institution without one).
    const [a, b] = await Promise.all([
      setStatus(admin, 'dinsos.admin2', 'disabled'),
      setStatus(second, 'dinsos.admin', 'disabled'),
    ]);
    expect(
      [a.statusCode, b.statusCode].filter((s) => s === 200),
      `${a.body} ${b.body}`,
    ).toHaveLength(1);
    const refused = a.statusCode === 200 ? b : a;
    expect([401, 409]).toContain(refused.statusCode);
    if (refused.statusCode === 409) expect(problem(refused).code).toBe('last_admin');
    const admins = await t.database.db
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(['users.username', 'users.status'])
      .where('users.institution_id', '=', orgOf('dinsos.admin'))
      .where('user_roles.role_code', '=', 'admin')
      .execute();
    const remaining = admins.filter((u) => u.status === 'active').map((u) => u.username);
    expect(remaining).toHaveLength(1);
    // The remaining admin brings the other back, and sees the status in the list.
    const keeper = remaining[0] === 'dinsos.admin' ? admin : second;
    const other = remaining[0] === 'dinsos.admin' ? 'dinsos.admin2' : 'dinsos.admin';
    const list = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/users?orgKind=institution&orgId=${orgOf('dinsos.admin')}`,
          headers: keeper.headers,
        })
      ).json() as { username: string; status: string }[];
    expect((await list()).find((u) => u.username === other)?.status).toBe('disabled');
    expect((await setStatus(keeper, other, 'active')).statusCode).toBe(200);
    expect((await list()).find((u) => u.username === other)?.status).toBe('active');
  });

  it("ends the sessions of an office's staff without TOTP when the office turns it on; staff with TOTP keep theirs", async () => {
    const sibolga = orgOf('sibolga.admin');
    // The kasi enrols a second factor first (as a person would, from their own session).
    const kasi = await login(t.app, 'sibolga.kasi');
    const setup = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: kasi.headers })).json();
    const enabled = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: kasi.headers,
      payload: { code: await generate({ secret: setup.secret as string }) },
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
    const kadis = await login(t.app, 'sibolga.kadis');
    const outsider = await login(t.app, 'kebumen.kadis');
    const admin = await login(t.app, 'sibolga.admin');
    expect((await me(kadis)).statusCode).toBe(200);

    const on = await t.app.inject({
      method: 'PATCH',
      url: `/api/offices/${sibolga}`,
      headers: admin.headers,
      payload: { requireTotp: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().requireTotp).toBe(true);
    expect((await me(kadis)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/institutions', headers: kadis.headers })).statusCode).toBe(
      401,
    );
    // The admin who turned it on has no TOTP either: they too sign in again and enrol.
    expect((await me(admin)).statusCode).toBe(401);
    expect((await me(kasi)).statusCode).toBe(200);
    expect((await me(outsider)).statusCode).toBe(200);
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sibolga.kadis', password: 'gerbang-demo' },
    });
    expect(next.json()).toEqual({ stage: 'totp_enroll' });
    const entries = await t.database.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', '=', 'office.require_totp')
      .execute();
    expect(entries).toHaveLength(1);
  });
});
