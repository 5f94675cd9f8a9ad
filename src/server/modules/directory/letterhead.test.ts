import fs from 'node:fs';
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
import { pdfText, squeeze } from '../../../../test/pdf-text.js';
import { blobPath } from '../files/files.service.js';
import { produce } from '../documents/document.service.js';
import { emblemPng } from '../../seed/demo-letterhead.js';
import { templateOffice } from './letterhead.service.js';

/** Pages of a PDF (page objects, not the page tree). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
/** Image XObjects in a PDF: the QR code, and the emblem when the kop has one. */
const imageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;

describe.each(DIALECTS)('letters an office can sign and send, on %s', (kind) => {
  let t: TestContext;
  const s: Record<string, Session> = {};
  const as = async (u: string) => (s[u] ??= await login(t.app, u));
  const call = async (u: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: (await as(u)).headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const officeOf = (u: string) => t.users.find((x) => x.username === u)?.organisation.id ?? '';
  const pdfOf = async (caseId: string, docKind: string) => {
    const doc = await t.database.db
      .selectFrom('documents')
      .innerJoin('document_versions', 'document_versions.document_id', 'documents.id')
      .select(['document_versions.sha256'])
      .where('documents.case_id', '=', caseId)
      .where('documents.kind', '=', docKind)
      .orderBy('document_versions.version', 'desc')
      .executeTakeFirstOrThrow();
    return fs.readFileSync(blobPath(t.config.dataDir, doc.sha256));
  };
  let caseId = '';

  beforeAll(async () => {
    t = await demoApp(kind);
    // Dinas Sosial applies in Kebumen: its submission is step 1, which produces the receipt.
    const letter = await uploadFile(t.app, await as('dinsos.pimpinan'), 'surat.pdf', await samplePdf('Surat'));
    const draft = await call('dinsos.pimpinan', 'POST', '/api/applications', {
      ...CONTENT,
      letterFileId: letter.json().id,
    });
    const submitted = await call('dinsos.pimpinan', 'POST', `/api/applications/${draft.json().id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    caseId = submitted.json().caseId as string;
  });
  afterAll(async () => t.close());

  it("signs the receipt by the office's receiving officer with NIP, not by the applicant", async () => {
    const text = pdfText(await pdfOf(caseId, 'receipt'));
    const kabid = await t.database.db
      .selectFrom('users')
      .select(['display_name', 'nip'])
      .where('username', '=', 'kebumen.kabid')
      .executeTakeFirstOrThrow();
    expect(kabid.nip).toMatch(/^\d{18}$/);
    expect(text).toContain(squeeze('Petugas Penerima'));
    expect(text).toContain(squeeze(kabid.display_name));
    expect(text).toContain(squeeze(`NIP. ${kabid.nip}`));
    expect(text).not.toContain(squeeze('Pimpinan Dinas Sosial Kabupaten Kebumen'));
  });

  it("addresses the approval to the institution's pimpinan, with Nomor, Sifat, Lampiran, Perihal, on one page", async () => {
    const completeOpen = async (user: string, extra: Record<string, unknown> = {}) => {
      const view = (await call(user, 'GET', `/api/cases/${caseId}`)).json();
      const task = view.tasks.find((x: { status: string; canAct: boolean }) => x.status === 'open' && x.canAct);
      const attachments = [];
      for (const k of task.kelengkapan.filter((x: { present: boolean }) => !x.present)) {
        if (task.output.includes(k.docType)) continue;
        const f = await uploadFile(t.app, await as(user), 'berkas.pdf', await samplePdf(k.docType));
        attachments.push({ docType: k.docType, fileId: f.json().id });
      }
      const res = await call(user, 'POST', `/api/tasks/${task.id}/complete`, { attachments, ...extra });
      expect(res.statusCode, res.body).toBe(200);
    };
    await completeOpen('kebumen.kabid');
    await completeOpen('pusat.dirjen', {
      decision: 'setuju',
      confirmations: ['Berkas Permohonan dari Pengguna yang dikirimkan oleh Disdukcapil Kebumen'],
    });
    const pdf = await pdfOf(caseId, 'approval_letter');
    const text = pdfText(pdf);
    expect(text).toContain(squeeze('Yth. Pimpinan Dinas Sosial Kabupaten Kebumen'));
    expect(text).not.toContain(squeeze('Kepala Dinas Kependudukan dan Pencatatan Sipil —'));
    for (const label of ['Nomor', 'Sifat', 'Lampiran', 'Perihal']) expect(text).toContain(label);
    expect(text).toContain(squeeze('Persetujuan pemanfaatan data kependudukan'));
    // The Dirjen's letter: signed in his capacity with the name and NIP of pusat's letterhead.
    expect(text).toContain(squeeze('Direktur Jenderal Kependudukan dan Pencatatan Sipil'));
    expect(text).toContain('NIP.197003151995031002');
    expect(pageCount(pdf)).toBe(1);
    expect(text).not.toContain('halaman1dari1');
  });

  it('carries the service address and the PKS number and date in the access letter', async () => {
    const officeId = officeOf('kebumen.kabid');
    const institutionId = officeOf('dinsos.pimpinan');
    const produced = await produce({ config: t.config, now: () => t.clock.now }, t.database.db, {
      kind: 'access_letter',
      officeId,
      institutionId,
      data: {
        office: await templateOffice(t.database.db, officeId),
        institution: { name: 'Dinas Sosial Kabupaten Kebumen', type: 'pemerintah', address: 'Kebumen' },
        agreement: { number: '007/PKS/33.05/2026', signedOn: '2026-11-02' },
        application: CONTENT as never,
      },
      createdBy: null,
    });
    const text = pdfText(fs.readFileSync(blobPath(t.config.dataDir, produced.sha256)));
    expect(text).toContain(squeeze(`Alamat layanan (web service/API): ${t.config.publicUrl}/api/v1`));
    expect(text).toContain(squeeze('Nomor 007/PKS/33.05/2026 tanggal 2 November 2026'));
    expect(text).toContain(squeeze('Dwi Haryanto, S.Sos., M.M.'));
  });

  it("lets the office's admin edit the kop and set an emblem that the next letter carries", async () => {
    const kebumen = officeOf('kebumen.admin');
    const before = await call('kebumen.kabid', 'GET', `/api/offices/${kebumen}/letterhead`);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ headNip: '197204141998031006', emblem: null });

    const other = await call('sibolga.admin', 'PATCH', `/api/offices/${kebumen}/letterhead`, { phone: '0287 1' });
    expect(other.statusCode).toBe(403);
    const notAdmin = await call('kebumen.kabid', 'PATCH', `/api/offices/${kebumen}/letterhead`, { phone: '0287 1' });
    expect(notAdmin.statusCode).toBe(403);
    const badNip = await call('kebumen.admin', 'PATCH', `/api/offices/${kebumen}/letterhead`, {
      headNip: '19720414199803100',
    });
    expect(badNip.statusCode).toBe(400);
    expect(problem(badNip).issues?.[0]).toMatchObject({ field: 'headNip' });
    const ok = await call('kebumen.admin', 'PATCH', `/api/offices/${kebumen}/letterhead`, {
      phone: '(0287) 381999',
      website: 'disdukcapil.kebumenkab.go.id',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().phone).toBe('(0287) 381999');

    // A PDF is not an emblem; another office's admin cannot set one; a PNG is.
    const pdf = await uploadFile(t.app, await as('kebumen.admin'), 'lambang.pdf', await samplePdf('x'));
    const badType = await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/letterhead/emblem`, {
      fileId: pdf.json().id,
    });
    expect(badType.statusCode).toBe(400);
    expect(problem(badType).code).toBe('emblem_type');
    const png = await uploadFile(t.app, await as('kebumen.admin'), 'lambang.png', emblemPng('uji'), 'image/png');
    expect(png.statusCode).toBe(201);
    const foreign = await call('sibolga.admin', 'PUT', `/api/offices/${kebumen}/letterhead/emblem`, {
      fileId: png.json().id,
    });
    expect(foreign.statusCode).toBe(403);
    const set = await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/letterhead/emblem`, {
      fileId: png.json().id,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().emblem).toMatchObject({ contentType: 'image/png' });
    const image = await call('kebumen.kabid', 'GET', `/api/offices/${kebumen}/letterhead/emblem`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');

    const data = {
      office: await templateOffice(t.database.db, kebumen),
      institution: { name: 'Dinas Sosial Kabupaten Kebumen', type: 'pemerintah', address: 'Kebumen' },
    };
    const letter = await produce({ config: t.config, now: () => t.clock.now }, t.database.db, {
      kind: 'warning_letter',
      officeId: kebumen,
      data,
      createdBy: null,
    });
    const bytes = fs.readFileSync(blobPath(t.config.dataDir, letter.sha256));
    // The emblem is an image of its own (160 px wide) beside the QR code's.
    expect(bytes.toString('latin1')).toMatch(/\/Width 160\b/);
    expect(pdfText(bytes)).toContain(squeeze('Telepon (0287) 381999'));
    const plain = await produce({ config: t.config, now: () => t.clock.now }, t.database.db, {
      kind: 'warning_letter',
      officeId: kebumen,
      data: { ...data, office: { ...data.office, emblem: undefined } } as never,
      createdBy: null,
    });
    const without = fs.readFileSync(blobPath(t.config.dataDir, plain.sha256));
    expect(imageCount(bytes)).toBeGreaterThan(imageCount(without));
    expect(without.toString('latin1')).not.toMatch(/\/Width 160\b/);
  });

  it('lets a person set their own NIP (18 digits), position and rank, and their admin too', async () => {
    const bad = await call('kebumen.kasi', 'PATCH', '/api/account/signatory', { nip: '19800101200501100' });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).issues?.[0]).toMatchObject({ field: 'nip' });
    const ok = await call('kebumen.kasi', 'PATCH', '/api/account/signatory', {
      nip: '198001012005011001',
      position: 'Kepala Seksi Pemanfaatan Data',
      rank: 'Penata Tingkat I (III/d)',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call('kebumen.kasi', 'GET', '/api/account/signatory')).json()).toMatchObject({
      nip: '198001012005011001',
      position: 'Kepala Seksi Pemanfaatan Data',
    });
    const kasi = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'kebumen.kasi')
      .executeTakeFirstOrThrow();
    const byAdmin = await call('kebumen.admin', 'PATCH', `/api/users/${kasi.id}/signatory`, { rank: 'Pembina (IV/a)' });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json().rank).toBe('Pembina (IV/a)');
    const stranger = await call('sibolga.admin', 'PATCH', `/api/users/${kasi.id}/signatory`, { rank: 'x' });
    expect(stranger.statusCode).toBe(404);
  });
});

describe('the letter renderer', () => {
  it('numbers the pages only when there are several, and never adds a page for the footer', async () => {
    const { renderLetterPdf } = await import('../documents/letter-pdf.js');
    const base = {
      issuer: { parent: 'Pemerintah Kabupaten Kebumen', name: 'Dinas Uji', address: 'Jalan Uji 1' },
      title: 'Surat Uji',
      number: '001/UJI/2026',
      place: 'Kebumen',
      date: '2 Desember 2026',
      subject: 'Uji',
      signatures: [{ title: 'Kepala Dinas Uji', name: 'Budi', nip: '198001012005011001' }],
      verifyUrl: 'http://localhost/verify/1',
    };
    const one = await renderLetterPdf({ ...base, sections: [{ paragraphs: ['Satu paragraf.'] }] }, new Date(0));
    expect(pageCount(one)).toBe(1);
    expect(pdfText(one)).not.toContain('halaman');
    const long = Array.from({ length: 30 }, (_, i) => `Paragraf ${i + 1} yang cukup panjang untuk mengisi halaman.`);
    const two = await renderLetterPdf({ ...base, sections: [{ paragraphs: long }] }, new Date(0));
    const pages = pageCount(two);
    expect(pages).toBeGreaterThan(1);
    expect(pdfText(two)).toContain(`halaman${pages}dari${pages}`);
    // The last page holds the signature, not only the footer.
    expect(pdfText(two)).toContain('NIP.198001012005011001');
  });
});
