import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  samplePdf,
  seededAgreement,
  uploadFile,
  type Session,
  type TestContext,
} from '../../../../test/harness.js';

describe.each(DIALECTS)('PKS lifecycle after activation on %s', (kind) => {
  let t: TestContext;
  let agreementId: string;
  const s: Record<string, Session> = {};
  const as = async (u: string) => (s[u] ??= await login(t.app, u));
  const call = async (u: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: (await as(u)).headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await demoApp(kind);
    t.clock.now = new Date('2026-01-05T02:00:00Z');
    // An active PKS for RSUD Padang Pariaman, made outside a case (as the demo's), then put in force.
    agreementId = (
      await seededAgreement(t, {
        institutionId: t.users.find((u) => u.username === 'rsudpp.admin')?.organisation.id ?? '',
        officeId: t.users.find((u) => u.username === 'padangpariaman.admin')?.organisation.id ?? '',
        startDate: '2026-01-05',
        endDate: '2027-01-04',
      })
    ).agreementId;
  });
  afterAll(async () => t.close());

  it('runs an addendum as a short case: pending until the Dirjen approves and both sign, then in force', async () => {
    const req = await call('padangpariaman.kabid', 'POST', `/api/agreements/${agreementId}/addendum`, {
      reason: 'Tambah tanggal lahir',
      elements: ['nik', 'nama_lengkap', 'tanggal_lahir'],
    });
    expect(req.statusCode, req.body).toBe(201);
    const again = await call('padangpariaman.kabid', 'POST', `/api/agreements/${agreementId}/addendum`, {
      reason: 'Lagi lagi',
      elements: ['nik'],
    });
    expect(problem(again).code).toBe('change_pending');
    let pks = (await call('padangpariaman.kabid', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.versions.map((v: { kind: string; state: string }) => [v.kind, v.state])).toEqual([
      ['original', 'in_force'],
      ['addendum', 'pending'],
    ]);
    const caseId = req.json().caseId;
    const complete = async (user: string, extra: object = {}) => {
      const view = (await call(user, 'GET', `/api/cases/${caseId}`)).json();
      const task = view.tasks.find((x: { status: string; canAct: boolean }) => x.status === 'open' && x.canAct);
      expect(task, user).toBeTruthy();
      const res = await call(user, 'POST', `/api/tasks/${task.id}/complete`, extra);
      expect(res.statusCode, res.body).toBe(200);
    };
    await complete('padangpariaman.kabid');
    await complete('pusat.dirjen', { decision: 'setuju' });
    // Step 3 is the joint signing: the office's signature alone does not put the change in force.
    await complete('padangpariaman.kadis');
    pks = (await call('rsudpp.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.versions[1].state).toBe('pending');
    const waiting = (await call('rsudpp.pimpinan', 'GET', `/api/cases/${caseId}`)).json();
    expect(waiting.outcome).toBeNull();
    expect(
      waiting.tasks
        .filter((x: { status: string }) => x.status === 'open')
        .map((x: { stepId: string; role: string }) => [x.stepId, x.role]),
    ).toEqual([['3', 'pimpinan']]);
    await complete('rsudpp.pimpinan');
    pks = (await call('rsudpp.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.versions[1].state).toBe('in_force');
    expect((await call('rsudpp.pimpinan', 'GET', `/api/cases/${caseId}`)).json().outcome).toBe('selesai');
    expect(pks.versions[1].changes).toEqual([
      { field: 'elements', before: ['nik', 'nama_lengkap'], after: ['nik', 'nama_lengkap', 'tanggal_lahir'] },
    ]);
    const docRes = await call('rsudpp.pimpinan', 'GET', `/api/documents/${pks.documentId}`);
    expect(docRes.statusCode, docRes.body).toBe(200);
    const doc = docRes.json();
    expect(doc.versions).toHaveLength(2);
    const sop = (await call('padangpariaman.kabid', 'GET', '/api/sops')).json();
    expect(sop.map((x: { code: string }) => x.code)).toContain('pks-perubahan');
  });

  it('refuses a renewal the Dirjen rejects, and sends the 90- and 30-day expiry notices', async () => {
    const req = await call('rsudpp.pimpinan', 'POST', `/api/agreements/${agreementId}/renewal`, {
      reason: 'Perpanjangan satu tahun',
      months: 12,
    });
    expect(req.statusCode, req.body).toBe(201);
    const caseId = req.json().caseId;
    const view = (await call('padangpariaman.kabid', 'GET', `/api/cases/${caseId}`)).json();
    await call('padangpariaman.kabid', 'POST', `/api/tasks/${view.tasks[0].id}/complete`, {});
    const v2 = (await call('pusat.dirjen', 'GET', `/api/cases/${caseId}`)).json();
    const dirjenTask = v2.tasks.find((x: { status: string }) => x.status === 'open');
    // A refusal needs its reason (issue 14).
    const refused = await call('pusat.dirjen', 'POST', `/api/tasks/${dirjenTask.id}/complete`, {
      decision: 'tolak',
      comment: 'Perpanjangan belum diperlukan',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    let pks = (await call('rsudpp.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.versions.at(-1)).toMatchObject({ kind: 'renewal', state: 'rejected' });
    expect(pks.endDate).toBe('2027-01-04');

    t.clock.now = new Date('2026-10-10T02:00:00Z');
    await t.app.scheduler.runDue(t.clock.now); // the lifecycle over time is the scheduler's, never a read's
    for (const k of Object.keys(s)) delete s[k];
    pks = (await call('rsudpp.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.status).toBe('expiring');
    expect(pks.notices).toEqual(['90']);
    t.clock.now = new Date('2026-12-10T02:00:00Z');
    await t.app.scheduler.runDue(t.clock.now);
    for (const k of Object.keys(s)) delete s[k];
    pks = (await call('rsudpp.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.notices).toEqual(['90', '30']);

    // A renewal that goes through moves the end date and makes the PKS active again.
    const renew = await call('padangpariaman.kabid', 'POST', `/api/agreements/${agreementId}/renewal`, {
      reason: 'Perpanjangan disetujui',
      months: 12,
    });
    const cid = renew.json().caseId;
    for (const [user, extra] of [
      ['padangpariaman.kabid', {}],
      ['pusat.dirjen', { decision: 'setuju' }],
      ['padangpariaman.kadis', {}],
      ['rsudpp.pimpinan', {}],
    ] as const) {
      const v = (await call(user, 'GET', `/api/cases/${cid}`)).json();
      const task = v.tasks.find((x: { status: string; canAct: boolean }) => x.status === 'open' && x.canAct);
      expect((await call(user, 'POST', `/api/tasks/${task.id}/complete`, extra)).statusCode).toBe(200);
    }
    pks = (await call('rsudpp.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.endDate).toBe('2028-01-04');
    expect(pks.status).toBe('active');

    t.clock.now = new Date('2028-01-05T02:00:00Z');
    await t.app.scheduler.runDue(t.clock.now);
    for (const k of Object.keys(s)) delete s[k];
    expect((await call('rsudpp.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json().status).toBe('expired');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/register' }))
        .json()
        .some((r: { institution: string }) => r.institution === 'RSUD Padang Pariaman'),
    ).toBe(false);
  });

  it('numbers letters in the office format', async () => {
    const office = t.users.find((u) => u.username === 'padangpariaman.admin')?.organisation.id ?? '';
    const bad = await call('padangpariaman.admin', 'PATCH', `/api/offices/${office}`, {
      letterFormat: 'tanpa nomor urut',
    });
    expect(problem(bad).code).toBe('invalid_office');
    const ok = await call('padangpariaman.admin', 'PATCH', `/api/offices/${office}`, {
      letterFormat: '470/{seq}/Disdukcapil-PP/{roman}/{year}',
    });
    expect(ok.json().letterFormat).toBe('470/{seq}/Disdukcapil-PP/{roman}/{year}');
    // Two years without a semester report got RSUD suspended by the obligations ladder (issue 12) in the ticks
    // above; its office reinstates it before it applies again.
    const rsud = t.users.find((u) => u.username === 'rsudpp.pimpinan')?.organisation.id ?? '';
    const reinstated = await call('padangpariaman.kasi_kerja_sama', 'POST', `/api/institutions/${rsud}/verify`, {
      approve: true,
    });
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    const file = await uploadFile(t.app, await as('rsudpp.pimpinan'), 'surat.pdf', await samplePdf('Surat'));
    // An application SOP's case is opened by submitting an application, not directly.
    const direct = await call('rsudpp.pimpinan', 'POST', '/api/cases', {
      sopCode: 'padang-pariaman.hak-akses',
      title: 'Permohonan baru',
    });
    expect(problem(direct).code).toBe('sop_opened_by_its_service');
    const draft = await call('rsudpp.pimpinan', 'POST', '/api/applications', {
      userName: 'RSUD Padang Pariaman',
      purpose: 'Verifikasi identitas pasien rawat jalan',
      elements: ['nik', 'nama_lengkap'],
      methods: ['web_service'],
      dataBalikan: 'Data pasien',
      durationMonths: 12,
      expectedDailyVolume: 100,
      ipRanges: ['127.0.0.1'],
      legalBasis: '',
      letterFileId: file.json().id,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const submitted = await call('rsudpp.pimpinan', 'POST', `/api/applications/${draft.json().id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const caseId = submitted.json().caseId as string;
    // The Bupati's approval letter is numbered from the office's register, in its format.
    const view = (await call('padangpariaman.bupati', 'GET', `/api/cases/${caseId}`)).json();
    const task = view.tasks.find((x: { status: string; canAct: boolean }) => x.status === 'open' && x.canAct);
    const decided = await call('padangpariaman.bupati', 'POST', `/api/tasks/${task.id}/complete`, {
      decision: 'Ya',
      confirmations: task.confirmations.map((c: { name: string }) => c.name),
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const docs = await t.database.db
      .selectFrom('documents')
      .select('number')
      .where('case_id', '=', caseId)
      .where('number', 'is not', null)
      .execute();
    expect(docs).toHaveLength(1);
    expect(docs[0]?.number).toMatch(/^470\/001\/Disdukcapil-PP\/[IVX]+\/\d{4}$/);
  });
});
