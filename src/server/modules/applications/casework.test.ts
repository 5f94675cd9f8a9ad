/**
 * Issue 14, case work a clerk can see: documents open inline only for those who may see them; a verification
 * says who decided and when; "Ganti berkas" of a queried file keeps the old one, shows the history and is on the
 * record; the Dirjen's refusal needs a reason and produces a refusal letter; his step asks to upload nothing.
 */
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
import { pdfText } from '../../../../test/pdf-text.js';
import { INLINE_IMAGE_CSP, INLINE_PDF_CSP } from '../files/inline.js';

const BERKAS = 'Berkas Permohonan dari Pengguna yang dikirimkan oleh Disdukcapil Kebumen';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e10000000049454e44ae426082',
  'hex',
);

interface TaskView {
  id: string;
  stepId: string;
  status: string;
  canAct: boolean;
  via: string;
  kelengkapan: { docType: string; present: boolean }[];
  output: string[];
  uploadOutputs: string[];
  question: string | null;
  choices: { label: string; kind: string; reasonRequired: boolean }[];
}
interface DocView {
  id: string;
  docType: string;
  source: string;
  filename: string;
}

describe.each(DIALECTS)('case work the clerk can see, on %s', (kind) => {
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
  const orgOf = (username: string) => t.users.find((u) => u.username === username)?.organisation.id as string;
  const caseOf = async (u: string, caseId: string) =>
    (await call(u, 'GET', `/api/cases/${caseId}`)).json() as { tasks: TaskView[]; documents: DocView[] };
  const openTask = async (u: string, caseId: string) => {
    const task = (await caseOf(u, caseId)).tasks.find((x) => x.status === 'open' && x.canAct);
    if (!task) throw new Error(`${u} has no open task`);
    return task;
  };
  const submitApplication = async () => {
    const letter = await pdfFile('dinsos.pimpinan', 'Surat Permohonan');
    const draft = await call('dinsos.pimpinan', 'POST', '/api/applications', { ...CONTENT, letterFileId: letter });
    const submitted = await call('dinsos.pimpinan', 'POST', `/api/applications/${draft.json().id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    return submitted.json().caseId as string;
  };

  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it("opens a badan hukum's document inline for itself and its office, with a locked policy; 404 for another institution", async () => {
    const bankId = orgOf('bank.admin');
    const add = await call('bank.pimpinan', 'POST', `/api/institutions/${bankId}/documents`, {
      docType: 'akta_pendirian',
      fileId: await pdfFile('bank.pimpinan', 'Akta Pendirian'),
    });
    expect(add.statusCode, add.body).toBe(201);
    const url = `/api/institutions/${bankId}/documents/${add.json().id}/file`;
    for (const who of ['kebumen.kabid', 'bank.pimpinan']) {
      const res = await call(who, 'GET', url);
      expect(res.statusCode, `${who}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('inline; filename="Akta Pendirian.pdf"');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe(INLINE_PDF_CSP);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await call('dinsos.pimpinan', 'GET', url)).statusCode).toBe(404);
    // A document id of another institution is not found under this one.
    const dinsosId = orgOf('dinsos.admin');
    expect(
      (await call('kebumen.kabid', 'GET', `/api/institutions/${dinsosId}/documents/${add.json().id}/file`)).statusCode,
    ).toBe(404);
  });

  it('serves an uploaded image inline in a CSP sandbox by its sniffed type, whatever name it was given', async () => {
    const up = await uploadFile(t.app, await as('bank.pimpinan'), 'scan.pdf', PNG, 'application/pdf');
    expect(up.statusCode, up.body).toBe(201);
    const res = await call('bank.pimpinan', 'GET', `/api/files/${up.json().id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
    expect(res.headers['content-security-policy']).toBe(INLINE_IMAGE_CSP);
    expect(String(res.headers['content-security-policy'])).toMatch(/^sandbox;/);
    expect((await call('dinsos.pimpinan', 'GET', `/api/files/${up.json().id}`)).statusCode).toBe(404);
  });

  it('a verification says who decided and when, with their role', async () => {
    const officeId = (await call('kebumen.kabid', 'GET', '/api/auth/me')).json().organisation.id as string;
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/institutions/register',
      payload: {
        name: 'PT Uji Verifikasi',
        type: 'opd',
        profitOriented: false,
        officeId,
        address: 'Jl. Uji 1',
        contact: { name: 'Kontak', position: 'Direktur', email: 'a@b.co', phone: '1' },
        admin: { username: 'ujiverif.admin', displayName: 'Admin Uji', password: 'Sangat-Rahasia-2026!' },
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().id as string;
    const before = await call('kebumen.kabid', 'GET', `/api/institution-verifications?ids=${id}`);
    expect(before.json()).toEqual([]);
    const v = await call('kebumen.kabid', 'POST', `/api/institutions/${id}/verify`, { approve: true });
    expect(v.statusCode, v.body).toBe(200);
    const after = await call('kebumen.kabid', 'GET', `/api/institution-verifications?ids=${id}`);
    const me = t.users.find((u) => u.username === 'kebumen.kabid');
    expect(after.json()).toEqual([
      {
        institutionId: id,
        approved: true,
        note: null,
        decidedBy: { name: me?.displayName, roles: [{ id: 'Kepala Bidang', en: expect.any(String) }] },
        decidedAt: t.clock.now.toISOString(),
      },
    ]);
    // Another institution does not learn about it.
    expect((await call('dinsos.pimpinan', 'GET', `/api/institution-verifications?ids=${id}`)).json()).toEqual([]);
  });

  it("Ganti berkas: only the case's institution, only a queried file; the old one is kept, the history and the record show it", async () => {
    const caseId = await submitApplication();
    const view = await caseOf('kebumen.kabid', caseId);
    const letter = view.documents.find((d) => d.source === 'upload');
    expect(letter).toBeTruthy();
    const replace = (u: string, fileId: string) =>
      call(u, 'POST', `/api/cases/${caseId}/documents/${letter?.id}/replace`, { fileId });

    // Not queried and not waiting on the institution: refused.
    const early = await replace('dinsos.pimpinan', await pdfFile('dinsos.pimpinan', 'Surat Baru'));
    expect(early.statusCode).toBe(409);
    expect(problem(early).code).toBe('document_not_queried');

    // The clerk returns the case to the applicant, querying the letter.
    const step2 = await openTask('kebumen.kabid', caseId);
    const back = await call('kebumen.kabid', 'POST', `/api/tasks/${step2.id}/return`, {
      reason: 'Surat permohonan belum ditandatangani pimpinan',
      queriedDocumentIds: [letter?.id],
    });
    expect(back.statusCode, back.body).toBe(200);
    const history = await call('dinsos.pimpinan', 'GET', `/api/cases/${caseId}/document-history`);
    expect(history.json().queries).toEqual([
      expect.objectContaining({
        documentId: letter?.id,
        docType: letter?.docType,
        note: 'Surat permohonan belum ditandatangani pimpinan',
        answeredAt: null,
      }),
    ]);

    // Another institution, the office and an operator cannot replace it.
    expect((await replace('bank.pimpinan', await pdfFile('bank.pimpinan', 'x'))).statusCode).toBe(404);
    expect((await replace('kebumen.kabid', await pdfFile('kebumen.kabid', 'x'))).statusCode).toBe(403);
    // Someone else's file cannot be slipped in.
    expect((await replace('dinsos.pimpinan', await pdfFile('bank.pimpinan', 'x'))).statusCode).toBe(404);

    const newFile = await pdfFile('dinsos.pimpinan', 'Surat Permohonan Bertanda Tangan');
    const ok = await replace('dinsos.pimpinan', newFile);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ replaces: letter?.id, docType: letter?.docType });
    // The old version is kept; the new one is a document of the same type.
    const docs = (await caseOf('kebumen.kabid', caseId)).documents.filter((d) => d.docType === letter?.docType);
    expect(docs.map((d) => d.id)).toEqual([letter?.id, ok.json().id]);
    const h = (await call('kebumen.kabid', 'GET', `/api/cases/${caseId}/document-history`)).json();
    expect(h.versions).toEqual([
      expect.objectContaining({
        docType: letter?.docType,
        oldDocumentId: letter?.id,
        newDocumentId: ok.json().id,
        oldFilename: 'Surat Permohonan.pdf',
        newFilename: 'Surat Permohonan Bertanda Tangan.pdf',
        replacedBy: t.users.find((u) => u.username === 'dinsos.pimpinan')?.displayName,
        note: 'Surat permohonan belum ditandatangani pimpinan',
      }),
    ]);
    expect(h.queries[0].answeredAt).not.toBeNull();
    // Replacing the old version again is refused.
    const twice = await replace('dinsos.pimpinan', await pdfFile('dinsos.pimpinan', 'lagi'));
    expect(twice.statusCode).toBe(409);
    // On the signed record, attributed to the institution's user.
    const entries = await t.database.db
      .selectFrom('audit_entries')
      .select(['action', 'actor_id', 'institution_id'])
      .where('action', '=', 'case.document_replaced')
      .execute();
    expect(entries).toEqual([
      {
        action: 'case.document_replaced',
        actor_id: (
          await t.database.db
            .selectFrom('users')
            .select('id')
            .where('username', '=', 'dinsos.pimpinan')
            .executeTakeFirstOrThrow()
        ).id,
        institution_id: orgOf('dinsos.admin'),
      },
    ]);
    // The timeline says so.
    const timeline = (await call('kebumen.kabid', 'GET', `/api/cases/${caseId}`)).json().timeline as {
      type: string;
    }[];
    expect(timeline.map((e) => e.type)).toContain('document_replaced');
  });

  it("the Dirjen's step: Setujui / Tolak with the question, nothing to upload, a refusal needs a reason and makes a refusal letter", async () => {
    const caseId = await submitApplication();
    const step2 = await openTask('kebumen.kabid', caseId);
    const SURAT = 'Surat Permohonan kepada Dirjen Dukcapil Kemendagri RI';
    const done2 = await call('kebumen.kabid', 'POST', `/api/tasks/${step2.id}/complete`, {
      attachments: [{ docType: SURAT, fileId: await pdfFile('kebumen.kabid', SURAT) }],
    });
    expect(done2.statusCode, done2.body).toBe(200);
    const task = await openTask('pusat.dirjen', caseId);
    expect(task.stepId).toBe('3');
    expect(task.question).toBe('Dirjen menyetujui permohonan pemanfaatan data?');
    expect(task.choices).toEqual([
      { label: 'setuju', kind: 'approve', reasonRequired: false },
      { label: 'tolak', kind: 'refuse', reasonRequired: true },
    ]);
    // His step produces the letter itself: it asks him to upload nothing.
    expect(task.output).toEqual(['Surat Persetujuan/Penolakan dari Dirjen Dukcapil Kemendagri RI']);
    expect(task.uploadOutputs).toEqual([]);

    const noReason = await call('pusat.dirjen', 'POST', `/api/tasks/${task.id}/complete`, {
      decision: 'tolak',
      confirmations: [BERKAS],
    });
    expect(noReason.statusCode).toBe(400);
    expect(problem(noReason).code).toBe('reason_required');
    const blank = await call('pusat.dirjen', 'POST', `/api/tasks/${task.id}/complete`, {
      decision: 'tolak',
      comment: '   ',
      confirmations: [BERKAS],
    });
    expect(blank.statusCode).toBe(400);

    const refused = await call('pusat.dirjen', 'POST', `/api/tasks/${task.id}/complete`, {
      decision: 'tolak',
      comment: 'Dasar hukum pemanfaatan data tidak disebutkan',
      confirmations: [BERKAS],
    });
    expect(refused.statusCode, refused.body).toBe(200);
    const after = (await call('kebumen.kabid', 'GET', `/api/cases/${caseId}`)).json();
    const letter = (after.documents as DocView[]).find(
      (d) => d.source === 'produced' && d.docType.startsWith('Surat Persetujuan/Penolakan'),
    );
    expect(letter).toBeTruthy();
    const pdf = await call('kebumen.kabid', 'GET', `/api/cases/${caseId}/documents/${letter?.id}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toMatch(/^inline; /);
    const text = pdfText(pdf.rawPayload);
    expect(text).toMatch(/PENOLAKAN/i);
    expect(text).not.toMatch(/SURATPERSETUJUAN\b/);
    expect(text).toContain('Dasarhukumpemanfaatandatatidakdisebutkan');
    // The produced letter is a rejection letter on record.
    const produced = await t.database.db.selectFrom('documents').select('kind').where('case_id', '=', caseId).execute();
    expect(produced.map((d) => d.kind)).toContain('rejection_letter');
    expect(produced.map((d) => d.kind)).not.toContain('approval_letter');
  });
});
