import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type TestContext } from '../../../../test/harness.js';

describe.each(DIALECTS)('offices, institutions and users on %s', (kind) => {
  let t: TestContext;
  const idOf = (name: string) => t.users.find((u) => u.organisation.name === name)?.organisation.id ?? '';
  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it('builds the office hierarchy with region codes and time zones', async () => {
    const s = await login(t.app, 'pusat.dirjen');
    const offices = (await t.app.inject({ method: 'GET', url: '/api/offices', headers: s.headers })).json() as {
      id: string;
      code: string;
      level: string;
      parentId: string | null;
      timezone: string;
    }[];
    const byCode = new Map(offices.map((o) => [o.code, o]));
    expect([...byCode.keys()].sort()).toEqual(['00', '12', '12.73', '13', '13.05', '17', '33', '33.05']);
    expect(byCode.get('33.05')?.parentId).toBe(byCode.get('33')?.id);
    expect(byCode.get('33')?.parentId).toBe(byCode.get('00')?.id);
    expect(byCode.get('12.73')?.level).toBe('kota');
    expect(offices.every((o) => o.timezone === 'Asia/Jakarta')).toBe(true);
  });

  it('shows an institution only its own record, never another institution’s', async () => {
    const bank = await login(t.app, 'bank.operator');
    const list = (await t.app.inject({ method: 'GET', url: '/api/institutions', headers: bank.headers })).json() as {
      name: string;
    }[];
    expect(list.map((i) => i.name)).toEqual(['PT Bank Nusantara Sejahtera Tbk']);
    const dinsosId = idOf('Dinas Sosial Kabupaten Kebumen');
    const other = await t.app.inject({ method: 'GET', url: `/api/institutions/${dinsosId}`, headers: bank.headers });
    expect(other.statusCode).toBe(404);
    expect(problem(other).code).toBe('not_found');
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/institutions/${idOf('PT Bank Nusantara Sejahtera Tbk')}`,
      headers: bank.headers,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().contacts[0].name).toBe('Budi Santoso');
  });

  it('shows an office the institutions it deals with; the Directorate General sees all', async () => {
    const kebumen = await login(t.app, 'kebumen.kadis');
    const names = (
      (await t.app.inject({ method: 'GET', url: '/api/institutions', headers: kebumen.headers })).json() as {
        name: string;
      }[]
    ).map((i) => i.name);
    expect(names.sort()).toEqual(['Dinas Sosial Kabupaten Kebumen', 'PT Bank Nusantara Sejahtera Tbk']);
    const bpjs = await t.app.inject({
      method: 'GET',
      url: `/api/institutions/${idOf('BPJS Kesehatan Kantor Cabang Sibolga')}`,
      headers: kebumen.headers,
    });
    expect(bpjs.statusCode).toBe(404);
    const jateng = await login(t.app, 'jateng.kadis');
    const jn = (
      (await t.app.inject({ method: 'GET', url: '/api/institutions', headers: jateng.headers })).json() as unknown[]
    ).length;
    expect(jn).toBe(2);
    const pusat = await login(t.app, 'pusat.dirjen');
    expect(
      ((await t.app.inject({ method: 'GET', url: '/api/institutions', headers: pusat.headers })).json() as unknown[])
        .length,
    ).toBe(5);
  });

  it('lets an institution admin create operators, shown a one-time password once, and nothing more', async () => {
    const bankId = idOf('PT Bank Nusantara Sejahtera Tbk');
    const admin = await login(t.app, 'bank.admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        orgKind: 'institution',
        orgId: bankId,
        username: 'bank.operator2',
        displayName: 'Operator Dua',
        roles: ['operator'],
      },
    });
    expect(created.statusCode).toBe(201);
    const otp = created.json().oneTimePassword as string;
    expect(otp).toHaveLength(16);
    const row = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'bank.operator2')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain(otp);
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bank.operator2', password: otp },
    });
    expect(first.json()).toEqual({ stage: 'password_change' });

    const pimpinan = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        orgKind: 'institution',
        orgId: bankId,
        username: 'bank.boss',
        displayName: 'Bos',
        roles: ['pimpinan'],
      },
    });
    // The institution's own admin names its pimpinan (issue 15: no office does).
    expect(pimpinan.statusCode).toBe(201);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        orgKind: 'institution',
        orgId: idOf('Dinas Sosial Kabupaten Kebumen'),
        username: 'intruder',
        displayName: 'Intruder',
        roles: ['operator'],
      },
    });
    expect(elsewhere.statusCode).toBe(403);
    const peek = await t.app.inject({
      method: 'GET',
      url: `/api/users?orgKind=institution&orgId=${idOf('Dinas Sosial Kabupaten Kebumen')}`,
      headers: admin.headers,
    });
    expect(peek.statusCode).toBe(403);
    const own = (
      await t.app.inject({
        method: 'GET',
        url: `/api/users?orgKind=institution&orgId=${bankId}`,
        headers: admin.headers,
      })
    ).json() as { username: string }[];
    expect(own.map((u) => u.username)).toContain('bank.operator2');
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        orgKind: 'institution',
        orgId: bankId,
        username: 'bank.operator2',
        displayName: 'Again',
        roles: ['operator'],
      },
    });
    expect(taken.statusCode).toBe(409);
    expect(problem(taken).code).toBe('username_taken');
  });

  it('refuses roles that may not call a route', async () => {
    const operator = await login(t.app, 'bank.operator');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: operator.headers,
      payload: {
        orgKind: 'institution',
        orgId: idOf('PT Bank Nusantara Sejahtera Tbk'),
        username: 'bank.op3',
        displayName: 'Op 3',
        roles: ['operator'],
      },
    });
    expect(res.statusCode).toBe(403);
    expect(problem(res).code).toBe('forbidden');
    const staf = await login(t.app, 'kebumen.staf');
    const kebumenId = idOf('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen');
    const role = await t.app.inject({
      method: 'POST',
      url: `/api/offices/${kebumenId}/roles`,
      headers: staf.headers,
      payload: { code: 'kasi_monev', nameId: 'Kasi Monev', nameEn: 'M&E head' },
    });
    expect(role.statusCode).toBe(403);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/users?orgKind=office&orgId=${kebumenId}`,
      headers: staf.headers,
    });
    expect(list.statusCode).toBe(403);
  });

  it('lets an office add its own role, usable for its users only', async () => {
    const kebumenId = idOf('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen');
    const admin = await login(t.app, 'kebumen.admin');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/offices/${kebumenId}/roles`,
      headers: admin.headers,
      payload: { code: 'kasi_siak', nameId: 'Kepala Seksi SIAK', nameEn: 'SIAK section head' },
    });
    expect(res.statusCode).toBe(201);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/offices/${kebumenId}/roles`,
          headers: admin.headers,
          payload: { code: 'kasi_siak', nameId: 'Lagi', nameEn: 'Again' },
        })
      ).statusCode,
    ).toBe(409);
    const roles = (
      await t.app.inject({ method: 'GET', url: `/api/offices/${kebumenId}/roles`, headers: admin.headers })
    ).json() as { code: string; builtIn: boolean }[];
    expect(roles.find((r) => r.code === 'kasi_siak')).toEqual(expect.objectContaining({ builtIn: false }));
    expect(roles.find((r) => r.code === 'kadis')?.builtIn).toBe(true);
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        orgKind: 'office',
        orgId: kebumenId,
        username: 'kebumen.siak',
        displayName: 'Kasi SIAK',
        roles: ['kasi_siak'],
      },
    });
    expect(user.statusCode).toBe(201);
    const sibolgaId = idOf('Dinas Kependudukan dan Pencatatan Sipil Kota Sibolga');
    const sibolgaAdmin = await login(t.app, 'sibolga.admin');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: sibolgaAdmin.headers,
      payload: {
        orgKind: 'office',
        orgId: sibolgaId,
        username: 'sibolga.siak',
        displayName: 'Kasi SIAK',
        roles: ['kasi_siak'],
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(problem(wrong).code).toBe('unknown_role');
  });

  it('keeps the dirjen role at the Directorate General', async () => {
    const kebumenId = idOf('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen');
    const admin = await login(t.app, 'kebumen.admin');
    const roles = (
      await t.app.inject({ method: 'GET', url: `/api/offices/${kebumenId}/roles`, headers: admin.headers })
    ).json() as { code: string }[];
    expect(roles.map((r) => r.code)).not.toContain('dirjen');
    const fake = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        orgKind: 'office',
        orgId: kebumenId,
        username: 'kebumen.fakedirjen',
        displayName: 'Palsu',
        roles: ['dirjen'],
      },
    });
    expect(fake.statusCode).toBe(400);
    expect(problem(fake).code).toBe('unknown_role');
    const bankId = idOf('PT Bank Nusantara Sejahtera Tbk');
    const bank = await login(t.app, 'bank.admin');
    const instRoles = (
      await t.app.inject({ method: 'GET', url: `/api/institutions/${bankId}/roles`, headers: bank.headers })
    ).json() as { code: string }[];
    expect(instRoles.map((r) => r.code)).toEqual(['admin', 'operator', 'pimpinan']);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/institutions/${idOf('Dinas Sosial Kabupaten Kebumen')}/roles`,
      headers: bank.headers,
    });
    expect(other.statusCode).toBe(404);
  });

  it('lets pusat create offices and an office admin require a second factor', async () => {
    const pusat = await login(t.app, 'pusat.admin');
    const offices = (await t.app.inject({ method: 'GET', url: '/api/offices', headers: pusat.headers })).json() as {
      id: string;
      code: string;
    }[];
    const pusatId = offices.find((o) => o.code === '00')?.id;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/offices',
      headers: pusat.headers,
      payload: {
        code: '73',
        name: 'Disdukcapil Provinsi Sulawesi Selatan',
        level: 'provinsi',
        parentId: pusatId,
        timezone: 'Asia/Makassar',
        headTitle: 'Gubernur Sulawesi Selatan',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: '73', timezone: 'Asia/Makassar' });
    const badCode = await t.app.inject({
      method: 'POST',
      url: '/api/offices',
      headers: pusat.headers,
      payload: {
        code: '74.01',
        name: 'Kabupaten Salah',
        level: 'kabupaten',
        parentId: created.json().id,
        timezone: 'Asia/Makassar',
        headTitle: 'Bupati Salah',
      },
    });
    expect(badCode.statusCode).toBe(400);
    expect(problem(badCode).issues?.map((i) => i.field)).toEqual(['code']);
    const kadis = await login(t.app, 'kebumen.kadis');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/offices',
          headers: kadis.headers,
          payload: {
            code: '74',
            name: 'Sultra',
            level: 'provinsi',
            parentId: pusatId,
            timezone: 'Asia/Makassar',
            headTitle: 'Gubernur',
          },
        })
      ).statusCode,
    ).toBe(403);
    const kebumenId = idOf('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen');
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/offices/${kebumenId}`,
          headers: kadis.headers,
          payload: { requireTotp: true },
        })
      ).statusCode,
    ).toBe(403);
    const admin = await login(t.app, 'kebumen.admin');
    const on = await t.app.inject({
      method: 'PATCH',
      url: `/api/offices/${kebumenId}`,
      headers: admin.headers,
      payload: { requireTotp: true },
    });
    expect(on.json().requireTotp).toBe(true);
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'kebumen.bupati', password: 'gerbang-demo' },
    });
    expect(next.json()).toEqual({ stage: 'totp_enroll' });
    // The admin had no TOTP either: their session ended with the change; a pusat admin turns it off again.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers })).statusCode).toBe(401);
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/offices/${kebumenId}`,
      headers: pusat.headers,
      payload: { requireTotp: false },
    });
    expect(off.statusCode, off.body).toBe(200);
  });

  it('answers bad input with precise 400 problems', async () => {
    const admin = await login(t.app, 'kebumen.admin');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { orgKind: 'office' },
    });
    expect(missing.statusCode).toBe(400);
    const body = problem(missing);
    expect(body.code).toBe('validation_failed');
    expect(body.issues?.map((i) => i.field)).toEqual(
      expect.arrayContaining(['body.orgId', 'body.username', 'body.displayName', 'body.roles']),
    );
    const badKind = await t.app.inject({
      method: 'GET',
      url: '/api/users?orgKind=planet&orgId=x',
      headers: admin.headers,
    });
    expect(badKind.statusCode).toBe(400);
    const badId = await t.app.inject({ method: 'GET', url: '/api/institutions/..%2F..%2Fetc', headers: admin.headers });
    expect(badId.statusCode).toBe(400);
    const badRole = await t.app.inject({
      method: 'POST',
      url: `/api/offices/nope/roles`,
      headers: admin.headers,
      payload: { code: 'Bad Code', nameId: 'x', nameEn: 'y' },
    });
    expect(badRole.statusCode).toBe(400);
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b', admin: true },
    });
    expect(problem(extra).code).toBe('validation_failed');
  });
});
