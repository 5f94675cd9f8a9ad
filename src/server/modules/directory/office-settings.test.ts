/**
 * An office's own settings: which of its roles hold each capability (verify institutions, provision, sign…),
 * and which SOP serves which purpose — configured by its admin, on the record, never by a role list in code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type Session, type TestContext } from '../../../../test/harness.js';
import { sopHead } from '../../../domain/sop/fixtures.test-helpers.js';

describe.each(DIALECTS)('office settings on %s', (kind) => {
  let t: TestContext;
  const s: Record<string, Session> = {};
  const as = async (u: string) => (s[u] ??= await login(t.app, u));
  const call = async (u: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: (await as(u)).headers, ...(payload ? { payload } : {}) });
  const orgOf = (u: string) => t.users.find((x) => x.username === u)?.organisation.id ?? '';

  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it("lets the office admin say which roles verify institutions, and the rule follows the office's setting", async () => {
    const kebumen = orgOf('kebumen.admin');
    const view = (await call('kebumen.admin', 'GET', `/api/offices/${kebumen}/permissions`)).json() as {
      capability: string;
      roles: string[];
      isDefault: boolean;
    }[];
    expect(view.find((p) => p.capability === 'institution.verify')).toMatchObject({ isDefault: true });
    expect((await call('kebumen.kabid', 'GET', '/api/auth/me')).json().capabilities).toContain('institution.verify');

    // Only the kasi verifies from now on; the kabid no longer may.
    const set = await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/permissions/institution.verify`, {
      roles: ['kasi'],
    });
    expect(set.statusCode, set.body).toBe(200);
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/institutions/register',
      payload: {
        name: 'Puskesmas Karanganyar',
        type: 'opd',
        profitOriented: false,
        officeId: kebumen,
        address: 'Jl. Raya Karanganyar 1, Kebumen',
        contact: { name: 'Dewi', position: 'Kepala', email: 'dewi@puskesmas.example', phone: '0287' },
        admin: { username: 'puskesmas.admin', displayName: 'Admin Puskesmas', password: 'puskesmas-karanganyar-26' },
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().id;
    expect((await call('kebumen.kabid', 'GET', '/api/auth/me')).json().capabilities).not.toContain(
      'institution.verify',
    );
    const byKabid = await call('kebumen.kabid', 'POST', `/api/institutions/${id}/verify`, { approve: true });
    expect(byKabid.statusCode).toBe(403);
    const byKasi = await call('kebumen.kasi', 'POST', `/api/institutions/${id}/verify`, { approve: true });
    expect(byKasi.statusCode, byKasi.body).toBe(200);

    // The setting and the verification are decisions on the record, shown in Pengawasan to the office itself
    // (with who decided) and not to another office.
    const actions = (await t.database.db.selectFrom('audit_entries').select('action').execute()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['office.permission', 'institution.verify']));
    const mine = (await call('kebumen.kadis', 'GET', '/api/access/audit/entries?limit=500')).json() as {
      action: string;
      actorName: string | null;
      detail: Record<string, unknown>;
    }[];
    const setting = mine.find((e) => e.action === 'office.permission');
    expect(setting?.actorName).toBeTruthy();
    expect(setting?.detail).toMatchObject({ capability: 'institution.verify', roles: 'kasi' });
    expect(mine.some((e) => e.action === 'institution.verify')).toBe(true);
    const theirs = (await call('sibolga.kadis', 'GET', '/api/access/audit/entries?limit=500')).json() as {
      action: string;
    }[];
    expect(theirs.some((e) => e.action === 'office.permission')).toBe(false);
  });

  it('refuses settings from anyone but the admin, and unknown capabilities or roles', async () => {
    const kebumen = orgOf('kebumen.admin');
    const url = `/api/offices/${kebumen}/permissions/pks.sign_office`;
    expect((await call('kebumen.kadis', 'PUT', url, { roles: ['kabid'] })).statusCode).toBe(403);
    expect((await call('sibolga.admin', 'PUT', url, { roles: ['kabid'] })).statusCode).toBe(403);
    expect((await call('bank.admin', 'PUT', url, { roles: ['kabid'] })).statusCode).toBe(403);
    const role = await call('kebumen.admin', 'PUT', url, { roles: ['dirjen'] });
    expect(problem(role).code).toBe('unknown_role');
    const cap = await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/permissions/semua`, { roles: ['kabid'] });
    expect(problem(cap).code).toBe('unknown_capability');
    const notNull = await call('kebumen.admin', 'PUT', url, { roles: null });
    expect(problem(notNull).code).toBe('validation_failed');
  });

  it('says which SOP serves each purpose, and a retired application purpose refuses submissions', async () => {
    const kebumen = orgOf('kebumen.admin');
    const list = (await call('kebumen.admin', 'GET', `/api/offices/${kebumen}/sop-purposes`)).json() as {
      purpose: string;
      serving: { code: string } | null;
      retired: boolean;
    }[];
    expect(list.find((p) => p.purpose === 'application')?.serving?.code).toBe('kebumen.permohonan-hak-akses');
    // An SOP that does not declare the purpose cannot be chosen for it (the law's minimum would not apply).
    const wrong = await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/sop-purposes/application`, {
      sopCode: 'pks-perubahan',
    });
    expect([404, 409]).toContain(wrong.statusCode);
    const retire = await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/sop-purposes/application`, {
      sopCode: null,
    });
    expect(retire.statusCode, retire.body).toBe(200);
    expect(retire.json().find((p: { purpose: string }) => p.purpose === 'application').retired).toBe(true);
    const draft = await call('dinsos.pimpinan', 'POST', '/api/applications', {
      purpose: 'Verifikasi penerima bantuan sosial',
      elements: ['nik', 'nama_lengkap'],
      methods: ['web_service'],
      dataBalikan: 'Data penerima',
      durationMonths: 12,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const submit = await call('dinsos.pimpinan', 'POST', `/api/applications/${draft.json().id}/submit`);
    // Incomplete or retired: either way nothing is opened on a retired purpose.
    expect(submit.statusCode).toBeGreaterThanOrEqual(400);
    const cases = await t.database.db
      .selectFrom('cases')
      .select('id')
      .where('subject_id', '=', draft.json().id)
      .execute();
    expect(cases).toEqual([]);
    const back = await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/sop-purposes/application`, {
      sopCode: 'kebumen.permohonan-hak-akses',
    });
    expect(back.statusCode).toBe(200);
  });

  it('warns when a step would go to a role nobody in the office holds', async () => {
    const jateng = orgOf('jateng.admin');
    const source = `${sopHead({ code: 'jateng.evaluasi', purpose: 'evaluation', region: '33', name: 'Disdukcapil Provinsi Jawa Tengah' })}pelaksana:
  - { code: kadis, name: Kadis, kind: office, role: kadis }
  - { code: adb, name: ADB, kind: office, role: adb }
steps:
  - { id: '1', kegiatan: Arahan, pelaksana: kadis, waktu: 1 jam, next: '2' }
  - { id: '2', kegiatan: Olah data, pelaksana: adb, waktu: 1 hari, next: selesai }
ends:
  - { id: selesai, label: Selesai, outcome: selesai }
`;
    const res = await call('jateng.admin', 'POST', '/api/sops/check', { officeId: jateng, source });
    expect(res.statusCode, res.body).toBe(200);
    const unheld = res.json().warnings.filter((w: { code: string }) => w.code === 'role_unheld');
    expect(unheld.map((w: { stepId: string }) => w.stepId)).toEqual(['2']);
  });
});
