/**
 * The PKS as a document, through its signing (issue 14): the institution enters its own number and the signers
 * their NIP and position; when the second party signs, the signed copy is the document's next version and its PDF
 * opens "Pada hari ini <day> tanggal <in words> …" on the office's date, shows both numbers and who signed when.
 * The number the agreement page shows is the string of the PDF, the public register and the verification page;
 * the juknis cites the PKS by number and signing date. On both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  seededAgreement,
  type Session,
  type TestContext,
} from '../../../../test/harness.js';
import { pdfText, squeeze } from '../../../../test/pdf-text.js';
import { demoBankId } from '../access/fixtures.js';
import { localDate } from '../../../domain/calendar/calendar.js';
import { tanggal, tanggalKata, tanggalWaktu } from '../../../domain/tanggal.js';
import { calendarFor } from '../calendar/calendar.service.js';

describe.each(DIALECTS)('the PKS as a signed document on %s', (kind) => {
  let t: TestContext;
  let agreementId: string;
  const s: Record<string, Session> = {};
  const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s[user]?.headers ?? {}, ...(payload ? { payload } : {}) });
  const pdf = async (documentId: string, version: number) => {
    const res = await call('kebumen.kabid', 'GET', `/api/documents/${documentId}/versions/${version}/file`);
    expect(res.statusCode).toBe(200);
    return pdfText(res.rawPayload);
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    for (const u of ['kebumen.kabid', 'kebumen.kadis', 'pusat.dirjen', 'bank.pimpinan', 'bank.operator']) {
      s[u] = await login(t.app, u);
    }
    const bank = await demoBankId(t.database.db);
    const office = await t.database.db
      .selectFrom('institutions')
      .select('office_id')
      .where('id', '=', bank ?? '')
      .executeTakeFirstOrThrow();
    ({ agreementId } = await seededAgreement(t, {
      institutionId: bank ?? '',
      officeId: office.office_id,
      status: 'draft',
    }));
  });
  afterAll(async () => t.close());

  it('is numbered in the office’s letter format, the same string in the API, the PDF and /verify', async () => {
    const view = (await call('bank.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(view.number).toMatch(/^\d{3}\/PKS\/33\.05\/\d{4}$/);
    expect(view.institutionNumber).toBe('');
    expect(view.signedOn).toBeNull();
    expect(view.mayEnterInstitutionNumber).toBe(true);
    const pub = (await t.app.inject({ method: 'GET', url: `/api/verify/${view.documentId}` })).json();
    expect(pub.number).toBe(view.number);
    const text = await pdf(view.documentId, 1);
    expect(text).toContain(squeeze(view.number));
    // The draft leaves the day of the signing blank: no day name follows "Pada hari ini".
    expect(text).toMatch(/Padahariini[^A-Za-z]+tanggal[^A-Za-z]+bulan/);
  });

  it('takes the institution’s number from its pimpinan only, before the signing is complete', async () => {
    const url = `/api/agreements/${agreementId}/institution-number`;
    const byOffice = await call('kebumen.kabid', 'PUT', url, { institutionNumber: 'BNS/PKS/001/2026' });
    expect(byOffice.statusCode).toBe(403);
    const byOperator = await call('bank.operator', 'PUT', url, { institutionNumber: 'BNS/PKS/001/2026' });
    expect(byOperator.statusCode).toBe(403);
    const empty = await call('bank.pimpinan', 'PUT', url, { institutionNumber: '' });
    expect(empty.statusCode).toBe(400);
    const bank = await call('bank.pimpinan', 'PUT', url, { institutionNumber: ' BNS/PKS/001/2026 ' });
    expect(bank.statusCode, bank.body).toBe(200);
    expect(bank.json().institutionNumber).toBe('BNS/PKS/001/2026');
    const view = (await call('bank.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(view.institutionNumber).toBe('BNS/PKS/001/2026');
    // The signers' own details, as their accounts hold them (PATCH /api/account/signatory), go under their names.
    const signer = (username: string, set: { nip?: string; position?: string }) =>
      t.database.db.updateTable('users').set(set).where('username', '=', username).execute();
    await signer('kebumen.kadis', { nip: '197001011990031001', position: 'Kepala Dinas' });
    await signer('bank.pimpinan', { position: 'Direktur Utama' });
    const kadis = (await call('kebumen.kadis', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(kadis.mySigner).toMatchObject({ nip: '197001011990031001', position: 'Kepala Dinas' });
    expect(kadis.mayEnterInstitutionNumber).toBe(false);
  });

  it('prints the signing day in words, both numbers and the recorded signatures on the signed copy', async () => {
    const step = async (user: string, action: string, body: object = {}) => {
      const res = await call(user, 'POST', `/api/agreements/${agreementId}/${action}`, body);
      expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
      return res.json().status as string;
    };
    expect(await step('kebumen.kabid', 'submit')).toBe('in_review');
    expect(await step('pusat.dirjen', 'approve')).toBe('approved');
    expect(await step('kebumen.kadis', 'sign')).toBe('approved');
    const before = (await call('bank.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(await step('bank.pimpinan', 'sign')).toBe('signed');

    const view = (await call('bank.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    const a = await t.database.db
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', agreementId)
      .executeTakeFirstOrThrow();
    const on = localDate(await calendarFor(t.database.db, a.office_id), t.clock.now);
    expect(view.signedOn).toBe(on);
    expect(view.institutionNumber).toBe('BNS/PKS/001/2026');
    expect(view.mayEnterInstitutionNumber).toBe(false);

    // Both signed the text as it was; the signed copy is the next version, and /verify shows it as current.
    const doc = (await call('kebumen.kabid', 'GET', `/api/documents/${view.documentId}`)).json();
    const signedText = Math.max(...before.signatures.map((x: { version: number }) => x.version));
    const copy = Math.max(...doc.versions.map((v: { version: number }) => v.version));
    expect(copy).toBe(signedText + 1);
    expect(view.signatures.map((x: { version: number }) => x.version)).toEqual([signedText, signedText]);
    const pub = (await t.app.inject({ method: 'GET', url: `/api/verify/${view.documentId}` })).json();
    expect(pub).toMatchObject({ version: copy, number: view.number, status: 'valid' });

    const text = await pdf(view.documentId, copy);
    const d = tanggalKata(on);
    expect(text).toContain(
      squeeze(`Pada hari ini ${d.hari} tanggal ${d.tanggal} bulan ${d.bulan} tahun ${d.tahun}, bertempat di Kebumen`),
    );
    expect(text).toContain(squeeze(view.number));
    expect(text).toContain(squeeze('BNS/PKS/001/2026'));
    expect(text).toContain(squeeze('NIP 197001011990031001'));
    expect(text).toContain(squeeze('Direktur Utama'));
    for (const sig of view.signatures as { signer: string; signedAt: string }[]) {
      expect(text).toContain(squeeze(sig.signer));
      expect(text).toContain(squeeze(tanggalWaktu(sig.signedAt)));
    }
    expect(text).toContain(squeeze('Penyelesaian Perselisihan'));
    expect(text).toContain(squeeze('rangkap 2 (dua) asli'));

    // The number is fixed once signed.
    const late = await call('bank.pimpinan', 'PUT', `/api/agreements/${agreementId}/institution-number`, {
      institutionNumber: 'BNS/PKS/999/2026',
    });
    expect(late.statusCode).toBe(409);
    expect(problem(late).code).toBe('pks_signed');
  });

  it('is put in force over its signed copy, listed under the same number, and cited by the juknis', async () => {
    const step = async (user: string, action: string) => {
      const res = await call(user, 'POST', `/api/agreements/${agreementId}/${action}`, {});
      expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
      return res.json().status as string;
    };
    expect(await step('kebumen.kabid', 'activate')).toBe('active');
    expect(await step('kebumen.kabid', 'approve-juknis')).toBe('active');
    const view = (await call('bank.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    const listed = (await t.app.inject({ method: 'GET', url: '/api/register' })).json() as { number: string }[];
    expect(listed.map((r) => r.number)).toContain(view.number);

    const juknis = await t.database.db
      .selectFrom('documents')
      .select('id')
      .where('agreement_id', '=', agreementId)
      .where('kind', '=', 'juknis')
      .executeTakeFirstOrThrow();
    const text = await pdf(juknis.id, 1);
    expect(text).toContain(
      squeeze(`Nomor ${view.number} dan Nomor BNS/PKS/001/2026 tanggal ${tanggal(view.signedOn)}`),
    );
  });
});
