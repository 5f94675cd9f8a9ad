import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  samplePdf,
  uploadFile,
  type Session,
  type TestContext,
} from '../../../../test/harness.js';
import { DINSOS_APPLICATION as CONTENT } from '../../../../test/fixtures/application.js';

describe.each(DIALECTS)('an application through the Kebumen SOP to an active PKS on %s', (kind) => {
  let t: TestContext;
  const s: Record<string, Session> = {};
  const as = async (u: string) => (s[u] ??= await login(t.app, u));
  const call = async (u: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: (await as(u)).headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const pdfFile = async (u: string, title: string) =>
    (await uploadFile(t.app, await as(u), `${title}.pdf`, await samplePdf(title))).json().id as string;

  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it('refuses an incomplete submission with the list of what is missing', async () => {
    const draft = await call('dinsos.pimpinan', 'POST', '/api/applications', { purpose: 'pendek' });
    expect(draft.statusCode).toBe(201);
    const res = await call('dinsos.pimpinan', 'POST', `/api/applications/${draft.json().id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(problem(res).code).toBe('application_incomplete');
    expect(res.json().missing).toEqual([
      'purpose',
      'elements',
      'methods',
      'dataBalikan',
      'durationMonths',
      'expectedDailyVolume',
      'letter',
    ]);
    expect(problem(res).issues?.[0]).toMatchObject({ field: 'purpose' });
  });

  it('refuses a badan hukum without its legal documents, and a letter that is not a PDF', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e10000000049454e44ae426082',
      'hex',
    );
    const image = await uploadFile(t.app, await as('bank.pimpinan'), 'surat.png', png, 'image/png');
    expect(image.statusCode).toBe(201);
    const draft = await call('bank.pimpinan', 'POST', '/api/applications', {
      ...CONTENT,
      userName: 'PT Bank Nusantara Sejahtera Tbk',
    });
    const notPdf = await call('bank.pimpinan', 'PATCH', `/api/applications/${draft.json().id}`, {
      letterFileId: image.json().id,
    });
    expect(notPdf.statusCode).toBe(415);
    expect(problem(notPdf).code).toBe('file_type_not_allowed');
    await call('bank.pimpinan', 'PATCH', `/api/applications/${draft.json().id}`, {
      letterFileId: await pdfFile('bank.pimpinan', 'Surat Permohonan'),
    });
    const res = await call('bank.pimpinan', 'POST', `/api/applications/${draft.json().id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().missing).toEqual([
      'institutionDocuments.akta_pendirian',
      'institutionDocuments.surat_domisili',
      'institutionDocuments.izin_usaha',
      'institutionDocuments.sk_pengesahan',
      'institutionDocuments.rekomendasi_pengawas',
    ]);
    const bankId = t.users.find((u) => u.username === 'bank.admin')?.organisation.id;
    for (const docType of ['akta_pendirian', 'surat_domisili', 'izin_usaha', 'sk_pengesahan', 'rekomendasi_pengawas']) {
      const add = await call('bank.pimpinan', 'POST', `/api/institutions/${bankId}/documents`, {
        docType,
        fileId: await pdfFile('bank.pimpinan', docType),
      });
      expect(add.statusCode).toBe(201);
    }
    const docs = await call('kebumen.kabid', 'GET', `/api/institutions/${bankId}/documents`);
    expect(docs.json().missing).toEqual([]);
    const other = await call('dinsos.pimpinan', 'GET', `/api/institutions/${bankId}/documents`);
    expect(other.statusCode).toBe(404);
    const ok = await call('bank.pimpinan', 'POST', `/api/applications/${draft.json().id}/submit`);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('runs from draft through the SOP to an active PKS whose PDF verifies', async () => {
    const letter = await pdfFile('dinsos.pimpinan', 'Surat Permohonan');
    const draft = await call('dinsos.pimpinan', 'POST', '/api/applications', { ...CONTENT, letterFileId: letter });
    expect(draft.json().missing).toEqual([]);
    const submitted = await call('dinsos.pimpinan', 'POST', `/api/applications/${draft.json().id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const app = submitted.json();
    expect(app.status).toBe('submitted');
    // Handing in the letter was step 1; the office's kabid has step 2.
    expect(app.case.openTasks).toEqual([expect.objectContaining({ stepId: '2', role: 'kabid', canAct: false })]);
    const caseId = app.caseId as string;

    const completeOpen = async (user: string, extra: Record<string, unknown> = {}) => {
      const view = (await call(user, 'GET', `/api/cases/${caseId}`)).json();
      const task = view.tasks.find((x: { status: string; canAct: boolean }) => x.status === 'open' && x.canAct);
      expect(task, `${user} has a task`).toBeTruthy();
      const attachments = [];
      for (const k of task.kelengkapan.filter((x: { present: boolean }) => !x.present)) {
        if (task.output.includes(k.docType)) continue;
        attachments.push({ docType: k.docType, fileId: await pdfFile(user, k.docType) });
      }
      const res = await call(user, 'POST', `/api/tasks/${task.id}/complete`, { attachments, ...extra });
      expect(res.statusCode, res.body).toBe(200);
      return task.stepId as string;
    };
    expect(await completeOpen('kebumen.kabid')).toBe('2');
    // Step 3 is the Dirjen's decision; its kelengkapan is a check the Dirjen confirms, not a file.
    const BERKAS = 'Berkas Permohonan dari Pengguna yang dikirimkan oleh Disdukcapil Kebumen';
    const dirjenView = (await call('pusat.dirjen', 'GET', `/api/cases/${caseId}`)).json();
    const dirjenTask = dirjenView.tasks.find(
      (x: { status: string; canAct: boolean }) => x.status === 'open' && x.canAct,
    );
    const unconfirmed = await call('pusat.dirjen', 'POST', `/api/tasks/${dirjenTask.id}/complete`, {
      decision: 'setuju',
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(problem(unconfirmed).code).toBe('missing_kelengkapan');
    expect(unconfirmed.json().missing).toEqual([BERKAS]);
    expect(await completeOpen('pusat.dirjen', { decision: 'setuju', confirmations: [BERKAS] })).toBe('3');
    expect(await completeOpen('kebumen.kabid')).toBe('4');
    expect(await completeOpen('kebumen.kabid', { confirmations: ['Naskah Perjanjian Kerja Sama'] })).toBe('5');

    const view = (await call('kebumen.kabid', 'GET', `/api/cases/${caseId}`)).json();
    const produced = view.documents
      .filter((d: { source: string }) => d.source === 'produced')
      .map((d: { docType: string }) => d.docType);
    expect(produced).toEqual(
      expect.arrayContaining([
        'Tanda terima surat masuk',
        'Surat Persetujuan/Penolakan dari Dirjen Dukcapil Kemendagri RI',
        'Naskah Perjanjian Kerja Sama',
      ]),
    );

    const agreementId = (await call('dinsos.pimpinan', 'GET', `/api/applications/${app.id}`)).json()
      .agreementId as string;
    expect(agreementId).toBeTruthy();
    let pks = (await call('kebumen.kabid', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.status).toBe('draft');
    expect(pks.versions[0].content.elements).toEqual(CONTENT.elements);
    expect(pks.versions[0].content.financing.feePerNikRupiah).toBe(0);

    // A reviewer's revision makes version 2 with a field-level diff.
    const revised = await call('kebumen.kabid', 'PATCH', `/api/agreements/${agreementId}`, {
      elements: ['nik', 'nama_lengkap', 'alamat'],
    });
    expect(revised.statusCode, revised.body).toBe(200);
    pks = (await call('kebumen.kabid', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.versions[1].changes).toEqual([
      { field: 'elements', before: CONTENT.elements, after: ['nik', 'nama_lengkap', 'alamat'] },
    ]);
    expect(pks.versions[1].contentHash).not.toBe(pks.versions[0].contentHash);

    const step = async (user: string, action: string, body: object = {}) => {
      const res = await call(user, 'POST', `/api/agreements/${agreementId}/${action}`, body);
      expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
      return res.json().status as string;
    };
    // The agreement endpoints complete the caller's open case task; without one they refuse.
    const noTask = async (user: string, action: string) => {
      const res = await call(user, 'POST', `/api/agreements/${agreementId}/${action}`, {});
      expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(409);
      expect(problem(res).code).toBe('no_open_task');
    };
    const openSteps = async () =>
      (await call('kebumen.kabid', 'GET', `/api/cases/${caseId}`))
        .json()
        .tasks.filter((x: { status: string }) => x.status === 'open')
        .map((x: { stepId: string; role: string }) => [x.stepId, x.role]);
    // Kebumen's sheet has no rows for the PKS approval, signing, activation or juknis: Gerbang's steps follow.
    expect(await openSteps()).toEqual([['gerbang_persetujuan', 'dirjen']]);
    await noTask('kebumen.kadis', 'sign');
    // Kebumen's SOP has no separate submission of the text: the Dirjen reviews it directly.
    await noTask('kebumen.kabid', 'submit');
    await noTask('kebumen.kadis', 'approve');
    expect(await step('pusat.dirjen', 'approve')).toBe('approved');
    // The joint signing: one task for the office's kadis, one for the institution's pimpinan.
    expect((await openSteps()).sort()).toEqual([
      ['gerbang_tandatangan', 'kadis'],
      ['gerbang_tandatangan', 'pimpinan'],
    ]);
    expect(await step('kebumen.kadis', 'sign')).toBe('approved');
    expect(await openSteps()).toEqual([['gerbang_tandatangan', 'pimpinan']]);
    await noTask('kebumen.kabid', 'activate');
    const operatorSign = await call('dinsos.operator', 'POST', `/api/agreements/${agreementId}/sign`, {});
    expect(operatorSign.statusCode).toBe(409);
    expect(problem(operatorSign).code).toBe('no_open_task');
    expect(
      await step('dinsos.pimpinan', 'sign', { scanFileId: await pdfFile('dinsos.pimpinan', 'PKS bertanda tangan') }),
    ).toBe('signed');
    expect(await openSteps()).toEqual([['gerbang_berlaku', 'kabid']]);
    expect(await step('kebumen.kabid', 'activate')).toBe('active');
    expect((await call('dinsos.pimpinan', 'GET', `/api/applications/${app.id}`)).json().status).not.toBe('approved');
    expect(await step('kebumen.kabid', 'approve-juknis')).toBe('active');
    pks = (await call('dinsos.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(pks.juknisApproved).toBe(true);
    expect(pks.signatures.map((x: { party: string }) => x.party).sort()).toEqual(['institution', 'office']);
    expect(new Set(pks.signatures.map((x: { overSha256: string }) => x.overSha256)).size).toBe(1);

    // The PKS PDF verifies against the public page by its hash: its signed copy (version 3, made of the text both
    // signed, version 2, when the signing completed) under the number the PKS page shows.
    expect(pks.number).toMatch(/^\d{3}\/PKS\/33\.05\/\d{4}$/);
    const file = await call('dinsos.pimpinan', 'GET', `/api/documents/${pks.documentId}/versions/3/file`);
    expect(file.headers['content-type']).toBe('application/pdf');
    const sha = crypto.createHash('sha256').update(file.rawPayload).digest('hex');
    const pub = await t.app.inject({ method: 'GET', url: `/api/verify/${pks.documentId}` });
    expect(pub.json()).toMatchObject({
      status: 'valid',
      sha256: sha,
      version: 3,
      number: pks.number,
    });
    const check = await uploadFile(t.app, { cookie: '', csrf: '', headers: {} }, 'pks.pdf', file.rawPayload);
    expect(check.statusCode).toBe(401);
    const boundary = '----x';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="pks.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file.rawPayload,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const verified = await t.app.inject({
      method: 'POST',
      url: `/api/verify/${pks.documentId}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(verified.json()).toMatchObject({ match: 'current', status: 'valid' });
    const v1 = await call('dinsos.pimpinan', 'GET', `/api/documents/${pks.documentId}/versions/1/file`);
    const old = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v1.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      v1.rawPayload,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const superseded = await t.app.inject({
      method: 'POST',
      url: `/api/verify/${pks.documentId}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: old,
    });
    expect(superseded.json()).toMatchObject({ match: 'superseded', status: 'superseded' });

    // The public register lists it without anything secret.
    const register = (await t.app.inject({ method: 'GET', url: '/api/register' })).json();
    const entry = register.find((r: { institution: string }) => r.institution === 'Dinas Sosial Kabupaten Kebumen');
    expect(entry).toMatchObject({ status: 'active', methods: ['web_service'], purpose: CONTENT.purpose });
    expect(JSON.stringify(register)).not.toMatch(/203\.0\.113|secret|password/);

    // The case runs on to its end.
    expect(await completeOpen('kebumen.kabid')).toBe('6');
    expect(await completeOpen('kebumen.kabid')).toBe('7');
    expect((await call('kebumen.kabid', 'GET', `/api/cases/${caseId}`)).json().outcome).toBe('selesai');
    // With the PKS in force and its juknis approved, the application ends approved.
    expect((await call('dinsos.pimpinan', 'GET', `/api/applications/${app.id}`)).json().status).toBe('approved');

    // Boundaries: another institution sees none of it.
    expect((await call('bank.pimpinan', 'GET', `/api/agreements/${agreementId}`)).statusCode).toBe(404);
    expect((await call('bank.pimpinan', 'GET', `/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await call('bank.pimpinan', 'GET', `/api/documents/${pks.documentId}`)).statusCode).toBe(404);
    expect((await call('bank.pimpinan', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);

    // Termination revokes the document.
    expect(await step('kebumen.kadis', 'terminate', { reason: 'Pelanggaran ketentuan PKS' })).toBe('terminated');
    expect((await t.app.inject({ method: 'GET', url: `/api/verify/${pks.documentId}` })).json().status).toBe('revoked');
  });

  it('lets an institution register itself, pending until its office verifies it', async () => {
    const offices = (await t.app.inject({ method: 'GET', url: '/api/offices' })).json() as {
      id: string;
      code: string;
    }[];
    const kebumen = offices.find((o) => o.code === '33.05')?.id;
    const payload = {
      name: 'Koperasi Simpan Pinjam Maju',
      type: 'badan_hukum',
      profitOriented: true,
      officeId: kebumen,
      address: 'Jl. Kutoarjo No. 1, Kebumen',
      contact: { name: 'Sri', position: 'Ketua', email: 'sri@ksp.example', phone: '0287-1' },
      admin: { username: 'ksp.admin', displayName: 'Admin KSP', password: 'koperasi-maju-2026' },
    };
    const reg = await t.app.inject({ method: 'POST', url: '/api/institutions/register', payload });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json().status).toBe('pending');
    const dup = await t.app.inject({ method: 'POST', url: '/api/institutions/register', payload });
    expect(dup.statusCode).toBe(409);
    expect(problem(dup).code).toBe('username_taken');
    s['ksp.admin'] = await login(t.app, 'ksp.admin', 'koperasi-maju-2026');
    const draft = await call('ksp.admin', 'POST', '/api/applications', CONTENT);
    const early = await call('ksp.admin', 'POST', `/api/applications/${draft.json().id}/submit`);
    expect(problem(early).code).toBe('institution_not_verified');
    expect(
      (await call('sibolga.kadis', 'POST', `/api/institutions/${reg.json().id}/verify`, { approve: true })).statusCode,
    ).toBe(403);
    const ok = await call('kebumen.kasi', 'POST', `/api/institutions/${reg.json().id}/verify`, { approve: true });
    expect(ok.json().status).toBe('verified');
    const bad = await t.app.inject({ method: 'POST', url: '/api/institutions/register', payload: { name: 'X' } });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).code).toBe('validation_failed');
  });

  it('serves the data-element catalogue', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/data-elements' });
    const elements = res.json() as { code: string; fields: string[]; protected: boolean }[];
    expect(elements).toHaveLength(31);
    expect(elements.find((e) => e.code === 'nama_lengkap')?.fields).toEqual(['NAMA_LGKP']);
    expect(elements.filter((e) => e.protected).map((e) => e.code)).toEqual(
      expect.arrayContaining(['sidik_jari', 'iris_mata', 'tanda_tangan', 'aib', 'disabilitas']),
    );
  });
});
