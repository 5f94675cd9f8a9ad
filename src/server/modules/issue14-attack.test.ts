/**
 * Issue 14 attack tests (independent security review of the letterhead, signatory, PKS institution number, inline
 * files, "Ganti berkas", work inbox and Dirjen decision routes). A test that fails shows a hole in the code as
 * reviewed; the passing ones stay as regression tests of what an attacker tried and could not do.
 *
 * Findings (failing):
 * 1. An emblem is accepted by its magic bytes only: a PNG that does not decode is set as the office's emblem, and
 *    rendering any letter with it throws inside pdfkit's asynchronous inflate callback (png-js `throw err`), outside
 *    every try/catch: an uncaught exception that kills the server process. Every submission to that office
 *    produces a receipt, so one upload takes the service down at the next application.
 * 2. An emblem's pixel size is not bounded (1 MB compressed can be 8000×8000 RGBA: 256 MB decoded on every letter).
 * 3. "Ganti berkas" replaces any document of a case waiting on the institution, including the office's own
 *    produced letters (the numbered receipt): the institution puts its own PDF in place of the office's letter.
 * 4. "Ganti berkas" replaces the application letter (a PDF by rule) with a PNG.
 * 5. Setting the PKS institution number is not on the signed record (no decision entry) although it is printed on
 *    the signed copy of the agreement.
 * 6. A PKS institution number of only spaces is accepted (200) and stored as '' (the schema checks before trim).
 * 7. A user's own change of the NIP/position/rank printed under their signature is not on the record, while the
 *    same change by their admin is.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
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
} from '../../../test/harness.js';
import { DINSOS_APPLICATION as CONTENT } from '../../../test/fixtures/application.js';
import { emblemPng } from '../seed/demo-letterhead.js';

const BERKAS = 'Berkas Permohonan dari Pengguna yang dikirimkan oleh Disdukcapil Kebumen';

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const b of buf) {
    let c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A PNG with valid signature, IHDR and CRCs, 8-bit, of the given colour type, holding `idat` as its pixels. */
function png(width: number, height: number, colorType: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** An RGBA PNG whose pixel data is not a zlib stream: passes the magic-byte check, never decodes. */
const BROKEN_PNG = png(64, 64, 6, Buffer.from('this is not a zlib stream, only the header is a PNG'));

/**
 * A valid, fully transparent RGBA PNG of side × side pixels, built without holding its pixels: raw-deflate segments
 * of 64 zero rows each (a full flush ends each one byte-aligned and not final), a final empty block, the zlib header
 * and the Adler-32 of `side` rows of zeros (a = 1, b = length mod 65521).
 */
function hugeTransparentPng(side: number): Buffer {
  const rowBytes = 1 + side * 4;
  const block = zlib.deflateRawSync(Buffer.alloc(64 * rowBytes), {
    level: 9,
    finishFlush: zlib.constants.Z_FULL_FLUSH,
  });
  const parts: Buffer[] = [Buffer.from([0x78, 0xda])];
  let rows = 0;
  for (; rows + 64 <= side; rows += 64) parts.push(block);
  if (rows < side)
    parts.push(
      zlib.deflateRawSync(Buffer.alloc((side - rows) * rowBytes), {
        level: 9,
        finishFlush: zlib.constants.Z_FULL_FLUSH,
      }),
    );
  parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((((side * rowBytes) % 65521) << 16) | 1) >>> 0);
  parts.push(adler);
  return png(side, side, 6, Buffer.concat(parts));
}

describe('issue 14 attack: a letter with a broken emblem (renderer, outside the app)', () => {
  it('renders a letter whose emblem PNG does not decode without killing the process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-i14-'));
    const emblem = path.join(dir, 'emblem.png');
    fs.writeFileSync(emblem, BROKEN_PNG);
    const script = path.join(dir, 'render.ts');
    const renderer = path.resolve(__dirname, 'documents/letter-pdf.ts');
    fs.writeFileSync(
      script,
      `import fs from 'node:fs';
import { renderLetterPdf } from ${JSON.stringify(renderer)};
process.on('uncaughtException', (e) => { console.log('CRASH ' + e.message); process.exit(3); });
setTimeout(() => { console.log('HANG'); process.exit(4); }, 10000).unref();
renderLetterPdf({ issuer: { parent: 'Pemerintah', name: 'Dinas', address: 'Jl. Uji', emblem: fs.readFileSync(${JSON.stringify(emblem)}) },
  title: 'Tanda Terima', number: '1', place: 'Kebumen', date: '2026-12-01', sections: [], signatures: [], verifyUrl: 'http://localhost/verify/x' } as never, new Date(0))
  .then((b) => { console.log('PDF ' + b.length); process.exit(0); }, (e) => { console.log('REJECTED ' + e.message); process.exit(0); });
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    fs.rmSync(dir, { recursive: true, force: true });
    // Either the letter without its emblem or a refusal; never the process gone (an uncaught exception).
    expect(run.stdout.trim(), run.stderr).toMatch(/^(PDF \d+|REJECTED .*)$/);
  }, 60_000);
});

describe.each(DIALECTS)('issue 14 attack on %s', (kind) => {
  let t: TestContext;
  const s: Record<string, Session> = {};
  const as = async (u: string) => (s[u] ??= await login(t.app, u));
  type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
  const call = async (u: string, method: Method, url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: (await as(u)).headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  /** A JSON body sent as is (for nulls, wrong types and raw control characters). */
  const raw = async (u: string, method: Method, url: string, body: string) =>
    t.app.inject({
      method,
      url,
      headers: { ...(await as(u)).headers, 'content-type': 'application/json' },
      payload: body,
    });
  const pdfFile = async (u: string, title: string) =>
    (await uploadFile(t.app, await as(u), `${title}.pdf`, await samplePdf(title))).json().id as string;
  const userOf = (username: string) => t.users.find((u) => u.username === username);
  const orgOf = (username: string) => userOf(username)?.organisation.id as string;
  const idOf = async (username: string) =>
    (await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id;
  const actions = async () =>
    (await t.database.db.selectFrom('audit_entries').select('action').execute()).map((e) => e.action);

  interface DocView {
    id: string;
    docType: string;
    source: string;
    filename: string;
  }
  interface TaskView {
    id: string;
    stepId: string;
    status: string;
    canAct: boolean;
  }
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
    expect(draft.statusCode, draft.body).toBe(201);
    const submitted = await call('dinsos.pimpinan', 'POST', `/api/applications/${draft.json().id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    return submitted.json().caseId as string;
  };
  /** A submitted application's case returned to the institution, its letter queried. */
  const returnedCase = async () => {
    const caseId = await submitApplication();
    const docs = (await caseOf('kebumen.kabid', caseId)).documents;
    const letter = docs.find((d) => d.source === 'upload');
    const step = await openTask('kebumen.kabid', caseId);
    const back = await call('kebumen.kabid', 'POST', `/api/tasks/${step.id}/return`, {
      reason: 'Surat permohonan belum ditandatangani pimpinan',
      queriedDocumentIds: [letter?.id],
    });
    expect(back.statusCode, back.body).toBe(200);
    return { caseId, docs, letter: letter as DocView };
  };

  beforeAll(async () => {
    t = await demoApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  describe('finding 1–2: the emblem is checked by its first bytes only', () => {
    it('refuses an emblem PNG that does not decode (a letter rendered with it crashes the server)', async () => {
      const kebumen = orgOf('kebumen.admin');
      const up = await uploadFile(t.app, await as('kebumen.admin'), 'lambang.png', BROKEN_PNG, 'image/png');
      expect(up.statusCode, up.body).toBe(201);
      const set = await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/letterhead/emblem`, {
        fileId: up.json().id,
      });
      // Never leave it set: the next letter of this app would take the test process down.
      if (set.statusCode === 200)
        await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/letterhead/emblem`, { fileId: null });
      expect(set.statusCode, set.body).toBe(400);
    });

    it('refuses an emblem of 8000×8000 pixels (256 MB decoded into every letter), however small the file', async () => {
      const kebumen = orgOf('kebumen.admin');
      const bytes = hugeTransparentPng(8000);
      expect(bytes.length).toBeLessThan(1024 * 1024);
      const up = await uploadFile(t.app, await as('kebumen.admin'), 'lambang-besar.png', bytes, 'image/png');
      expect(up.statusCode, up.body).toBe(201);
      const set = await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/letterhead/emblem`, {
        fileId: up.json().id,
      });
      if (set.statusCode === 200)
        await call('kebumen.admin', 'PUT', `/api/offices/${kebumen}/letterhead/emblem`, { fileId: null });
      expect(set.statusCode, set.body).toBe(400);
    });

    it('regression: a PDF is not an emblem; another office, a clerk and a foreign file are refused', async () => {
      const kebumen = orgOf('kebumen.admin');
      const url = `/api/offices/${kebumen}/letterhead/emblem`;
      const own = await uploadFile(t.app, await as('kebumen.admin'), 'l.png', emblemPng('a'), 'image/png');
      expect((await call('sibolga.admin', 'PUT', url, { fileId: own.json().id })).statusCode).toBe(403);
      expect((await call('kebumen.kabid', 'PUT', url, { fileId: own.json().id })).statusCode).toBe(403);
      expect((await call('bank.admin', 'PUT', url, { fileId: own.json().id })).statusCode).toBe(403);
      const foreign = await uploadFile(t.app, await as('bank.admin'), 'l.png', emblemPng('b'), 'image/png');
      expect((await call('kebumen.admin', 'PUT', url, { fileId: foreign.json().id })).statusCode).toBe(404);
      const pdf = await call('kebumen.admin', 'PUT', url, { fileId: await pdfFile('kebumen.admin', 'x') });
      expect(problem(pdf).code).toBe('emblem_type');
      expect((await raw('kebumen.admin', 'PUT', url, '{"fileId":1}')).statusCode).toBe(400);
      expect((await raw('kebumen.admin', 'PUT', url, '{"fileId":null,"x":1}')).statusCode).toBe(400);
      // An institution reads no office's letterhead or emblem.
      expect((await call('bank.admin', 'GET', `/api/offices/${kebumen}/letterhead`)).statusCode).toBe(404);
      expect((await call('sibolga.kadis', 'GET', `/api/offices/${kebumen}/letterhead`)).statusCode).toBe(404);
    });
  });

  describe('regression: letterhead edits are the office admin’s, strictly validated, never half written', () => {
    it('refuses a clerk, another office and an institution; 4xx for wrong NIPs, types, extra fields, control characters', async () => {
      const kebumen = orgOf('kebumen.admin');
      const url = `/api/offices/${kebumen}/letterhead`;
      const before = (await call('kebumen.admin', 'GET', url)).json();
      expect((await call('kebumen.kabid', 'PATCH', url, { phone: '0287 1' })).statusCode).toBe(403);
      expect((await call('sibolga.admin', 'PATCH', url, { phone: '0287 1' })).statusCode).toBe(403);
      expect((await call('jateng.admin', 'PATCH', url, { phone: '0287 1' })).statusCode).toBe(403);
      expect([403, 404]).toContain((await call('bank.admin', 'PATCH', url, { phone: '0287 1' })).statusCode);
      const bad = [
        '{"headNip":"12345678901234567"}',
        '{"headNip":null}',
        '{"headNip":197204141998031006}',
        '{"headNip":"1972041419980310061"}',
        '{"phone":"0287\\u0000"}',
        '{"address":"Jl. A\\nJl. B"}',
        '{"email":"bukan-email"}',
        '{"website":"javascript:alert(1)"}',
        '{"phone":"0287-381001","emblemFileId":"01ARZ3NDEKTSV4RRFFQ69G5FAV"}',
        '{"address":["a"]}',
        '[]',
        'null',
      ];
      for (const body of bad) {
        const res = await raw('kebumen.admin', 'PATCH', url, body);
        expect(res.statusCode, `${body}: ${res.body}`).toBe(400);
      }
      // A valid field beside an invalid one writes nothing.
      const mixed = await call('kebumen.admin', 'PATCH', url, { phone: '0287-999999', headNip: '1'.repeat(17) });
      expect(mixed.statusCode).toBe(400);
      expect((await call('kebumen.admin', 'GET', url)).json()).toEqual(before);
    });
  });

  describe('signatory details (NIP, position, rank)', () => {
    it('regression: strict validation of PATCH /api/account/signatory, never a 500', async () => {
      const bad = [
        '{"nip":"12345678901234567"}',
        '{"nip":null}',
        '{"nip":123456789012345678}',
        '{"nip":"12345678901234567a"}',
        '{"nip":"１２３４５６７８９０１２３４５６７８"}',
        '{"position":"Kepala\\u0007Bidang"}',
        '{"rank":"III/a\\r\\nIV/b"}',
        '{"displayName":"Orang Lain"}',
        '{"position":"' + 'x'.repeat(161) + '"}',
      ];
      for (const body of bad) {
        const res = await raw('kebumen.kabid', 'PATCH', '/api/account/signatory', body);
        expect(res.statusCode, `${body}: ${res.body}`).toBe(400);
      }
      const ok = await call('kebumen.kabid', 'PATCH', '/api/account/signatory', { nip: '' });
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it("regression: only a person's own organisation's admin sets their NIP", async () => {
      const kadis = await idOf('kebumen.kadis');
      const pimpinan = await idOf('bank.pimpinan');
      const body = { nip: '198001012005011001' };
      for (const [who, target] of [
        ['kebumen.kabid', kadis],
        ['sibolga.admin', kadis],
        ['jateng.admin', kadis],
        ['bank.admin', kadis],
        ['kebumen.admin', pimpinan],
        ['dinsos.admin', pimpinan],
        ['bank.operator', pimpinan],
      ] as const) {
        const res = await call(who, 'PATCH', `/api/users/${target}/signatory`, body);
        expect(res.statusCode, `${who}: ${res.body}`).toBe(404);
      }
      const unchanged = await t.database.db
        .selectFrom('users')
        .select('nip')
        .where('id', 'in', [kadis, pimpinan])
        .execute();
      expect(unchanged.map((u) => u.nip)).not.toContain(body.nip);
    });

    it('finding 7: a user changing their own NIP printed under their signature is on the record, as an admin’s change is', async () => {
      const before = (await actions()).filter((a) => a === 'user.signatory').length;
      const res = await call('kebumen.kasi', 'PATCH', '/api/account/signatory', {
        nip: '198502022010012002',
        rank: 'Penata Tk. I (III/d)',
      });
      expect(res.statusCode, res.body).toBe(200);
      const after = (await actions()).filter((a) => a === 'user.signatory').length;
      expect(after).toBe(before + 1);
    });
  });

  describe("the PKS institution's number", () => {
    let draftId: string;
    beforeAll(async () => {
      draftId = (
        await seededAgreement(t, {
          institutionId: orgOf('bank.admin'),
          officeId: orgOf('kebumen.admin'),
          status: 'draft',
        })
      ).agreementId;
    });
    const put = (u: string, id: string, institutionNumber: unknown) =>
      call(u, 'PUT', `/api/agreements/${id}/institution-number`, { institutionNumber });

    it('regression: only the institution’s own pimpinan or admin; not its operator, another institution or the office', async () => {
      expect((await put('bank.operator', draftId, 'X/1')).statusCode).toBe(403);
      expect((await put('dinsos.pimpinan', draftId, 'X/1')).statusCode).toBe(404);
      expect((await put('bpjs.admin', draftId, 'X/1')).statusCode).toBe(404);
      expect((await put('kebumen.kadis', draftId, 'X/1')).statusCode).toBe(403);
      expect((await put('sibolga.kadis', draftId, 'X/1')).statusCode).toBe(404);
      const row = await t.database.db
        .selectFrom('agreements')
        .select('institution_number')
        .where('id', '=', draftId)
        .executeTakeFirstOrThrow();
      expect(row.institution_number).toBe('');
    });

    it('regression: strict body (null, number, extra field, control characters, too long) → 400', async () => {
      const url = `/api/agreements/${draftId}/institution-number`;
      for (const body of [
        '{"institutionNumber":null}',
        '{"institutionNumber":12}',
        '{"institutionNumber":""}',
        '{"institutionNumber":"A/1","number":"PKS/1"}',
        '{"institutionNumber":"A\\u0000/1"}',
        '{"institutionNumber":"A\\n1"}',
        `{"institutionNumber":"${'9'.repeat(101)}"}`,
        '{}',
      ]) {
        const res = await raw('bank.pimpinan', 'PUT', url, body);
        expect(res.statusCode, `${body}: ${res.body}`).toBe(400);
      }
    });

    it('finding 6: refuses a number of only spaces (stored as an empty number today)', async () => {
      const res = await put('bank.pimpinan', draftId, '     ');
      expect(res.statusCode, res.body).toBe(400);
    });

    it('finding 5: setting the number printed on the signed PKS is a decision on the signed record', async () => {
      const res = await put('bank.pimpinan', draftId, '045/BNS-DIR/XII/2026');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ institutionNumber: '045/BNS-DIR/XII/2026' });
      const entries = await t.database.db
        .selectFrom('audit_entries')
        .select(['action', 'pks_id', 'detail'])
        .where('pks_id', '=', draftId)
        .execute();
      const mentions = (await t.database.db.selectFrom('audit_entries').select(['action', 'detail']).execute()).filter(
        (e) => (e.detail ?? '').includes('045/BNS-DIR/XII/2026'),
      );
      expect([...entries, ...mentions].length).toBeGreaterThan(0);
    });

    it('regression: refused once both parties signed (signed, active) with 409', async () => {
      for (const status of ['signed', 'active'] as const) {
        await t.database.db.updateTable('agreements').set({ status }).where('id', '=', draftId).execute();
        const res = await put('bank.pimpinan', draftId, 'GANTI/2026');
        expect(res.statusCode, `${status}: ${res.body}`).toBe(409);
        expect(problem(res).code).toBe('pks_signed');
      }
      await t.database.db.updateTable('agreements').set({ status: 'draft' }).where('id', '=', draftId).execute();
    });
  });

  describe('Ganti berkas', () => {
    it("finding 3: refuses to replace the office's own produced letter (the receipt) with the institution's PDF", async () => {
      const { caseId, docs } = await returnedCase();
      const produced = docs.find((d) => d.source === 'produced');
      expect(produced, JSON.stringify(docs)).toBeTruthy();
      const forged = await pdfFile('dinsos.pimpinan', 'Tanda Terima Palsu');
      const res = await call('dinsos.pimpinan', 'POST', `/api/cases/${caseId}/documents/${produced?.id}/replace`, {
        fileId: forged,
      });
      const after = (await caseOf('kebumen.kabid', caseId)).documents.filter((d) => d.docType === produced?.docType);
      expect({ status: res.statusCode, copies: after.length }).toEqual({
        status: expect.toSatisfy((c: number) => c === 403 || c === 409),
        copies: 1,
      });
    });

    it('finding 4: refuses a PNG in place of the queried application letter (a letter must be a PDF)', async () => {
      const { caseId, letter } = await returnedCase();
      const image = await uploadFile(t.app, await as('dinsos.pimpinan'), 'surat.png', emblemPng('surat'), 'image/png');
      expect(image.statusCode, image.body).toBe(201);
      const res = await call('dinsos.pimpinan', 'POST', `/api/cases/${caseId}/documents/${letter.id}/replace`, {
        fileId: image.json().id,
      });
      expect(res.statusCode, res.body).toBe(415);
    });

    it("regression: another case's document, another institution, its operator, the office and bad bodies are refused; nothing written", async () => {
      const a = await returnedCase();
      const b = await returnedCase();
      const file = await pdfFile('dinsos.pimpinan', 'Surat Bertanda Tangan');
      const url = (caseId: string, docId: string) => `/api/cases/${caseId}/documents/${docId}/replace`;
      // b's letter under a's case id.
      expect((await call('dinsos.pimpinan', 'POST', url(a.caseId, b.letter.id), { fileId: file })).statusCode).toBe(
        404,
      );
      expect((await call('bank.pimpinan', 'POST', url(a.caseId, a.letter.id), { fileId: file })).statusCode).toBe(404);
      expect([403, 404]).toContain(
        (await call('dinsos.operator', 'POST', url(a.caseId, a.letter.id), { fileId: file })).statusCode,
      );
      expect((await call('kebumen.kabid', 'POST', url(a.caseId, a.letter.id), { fileId: file })).statusCode).toBe(403);
      for (const body of ['{"fileId":null}', '{"fileId":1}', `{"fileId":"${file}","docType":"x"}`, '{}']) {
        const res = await raw('dinsos.pimpinan', 'POST', url(a.caseId, a.letter.id), body);
        expect(res.statusCode, `${body}: ${res.body}`).toBe(400);
      }
      // An unknown file: 404, and the query is still open (nothing half written).
      const missing = await call('dinsos.pimpinan', 'POST', url(a.caseId, a.letter.id), {
        fileId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      });
      expect(missing.statusCode).toBe(404);
      const h = (await call('dinsos.pimpinan', 'GET', `/api/cases/${a.caseId}/document-history`)).json();
      expect(h.versions).toEqual([]);
      expect(h.queries[0].answeredAt).toBeNull();
      expect((await call('bank.pimpinan', 'GET', `/api/cases/${a.caseId}/document-history`)).statusCode).toBe(404);
    });
  });

  describe('regression: inline files cannot carry a page', () => {
    it('refuses HTML and SVG uploads; a PDF polyglot is served as a PDF with nosniff and a locked policy', async () => {
      const session = await as('dinsos.pimpinan');
      const html = await uploadFile(
        t.app,
        session,
        'x.html',
        Buffer.from('<html><script>alert(1)</script>'),
        'text/html',
      );
      expect(html.statusCode).toBe(415);
      const svg = await uploadFile(
        t.app,
        session,
        'x.svg',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        'image/svg+xml',
      );
      expect(svg.statusCode).toBe(415);
      const poly = await uploadFile(
        t.app,
        session,
        'a"b\r\nx-evil: 1.html',
        Buffer.from('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>'),
        'text/html',
      );
      expect(poly.statusCode, poly.body).toBe(201);
      const res = await call('dinsos.pimpinan', 'GET', `/api/files/${poly.json().id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['content-security-policy'])).toMatch(/default-src 'none'/);
      expect(res.headers['x-evil']).toBeUndefined();
      expect(String(res.headers['content-disposition'])).toMatch(/^inline; filename="[^"\r\n]*"$/);
      // Another institution and the office (it is not a case document) do not open it.
      expect((await call('bank.pimpinan', 'GET', `/api/files/${poly.json().id}`)).statusCode).toBe(404);
      expect((await call('kebumen.kabid', 'GET', `/api/files/${poly.json().id}`)).statusCode).toBe(404);
    });

    it("another institution opens no case document inline; the case's office does", async () => {
      const caseId = await submitApplication();
      const letter = (await caseOf('kebumen.kabid', caseId)).documents.find((d) => d.source === 'upload');
      const url = `/api/cases/${caseId}/documents/${letter?.id}`;
      expect((await call('kebumen.kabid', 'GET', url)).statusCode).toBe(200);
      expect((await call('bank.pimpinan', 'GET', url)).statusCode).toBe(404);
      expect((await call('sibolga.kadis', 'GET', url)).statusCode).toBe(404);
    });
  });

  describe('regression: verifications of institutions', () => {
    it("another office and another institution learn nothing of a Kebumen institution's verification", async () => {
      const officeId = orgOf('kebumen.kabid');
      const reg = await t.app.inject({
        method: 'POST',
        url: '/api/institutions/register',
        payload: {
          name: 'PT Serangan Empat Belas',
          type: 'opd',
          profitOriented: false,
          officeId,
          address: 'Jl. Uji 14',
          contact: { name: 'Kontak', position: 'Direktur', email: 'a@b.co', phone: '1' },
          admin: { username: 'serangan14.admin', displayName: 'Admin Serangan', password: 'Sangat-Rahasia-2026!' },
        },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      const id = reg.json().id as string;
      // Another office cannot decide it, nor can a clerk without the capability at the institution's own office.
      expect([403, 404]).toContain(
        (await call('sibolga.kadis', 'POST', `/api/institutions/${id}/verify`, { approve: true })).statusCode,
      );
      expect([403, 404]).toContain(
        (await call('bank.admin', 'POST', `/api/institutions/${id}/verify`, { approve: true })).statusCode,
      );
      const v = await call('kebumen.kabid', 'POST', `/api/institutions/${id}/verify`, {
        approve: false,
        note: 'Akta tidak terbaca',
      });
      expect(v.statusCode, v.body).toBe(200);
      for (const who of ['sibolga.kadis', 'sumut.admin', 'bank.admin', 'dinsos.pimpinan']) {
        const res = await call(who, 'GET', `/api/institution-verifications?ids=${id},${id}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json(), who).toEqual([]);
      }
      expect((await call('kebumen.kabid', 'GET', `/api/institution-verifications?ids=${id}`)).json()).toHaveLength(1);
      expect((await call('kebumen.kabid', 'GET', '/api/institution-verifications?ids=a;b')).statusCode).toBe(400);
    });
  });

  describe('regression: work and the Dirjen step', () => {
    it("an institution's and another office's Kotak Masuk and counts hold nothing of Dinas Sosial's case", async () => {
      const caseId = await submitApplication();
      const number = (await call('kebumen.kabid', 'GET', `/api/cases/${caseId}`)).json().number as string;
      for (const who of ['bank.admin', 'bank.pimpinan', 'sibolga.kadis', 'sibolga.admin']) {
        const inbox = await call(who, 'GET', '/api/inbox');
        expect(inbox.statusCode, inbox.body).toBe(200);
        expect(inbox.body.includes(caseId) || inbox.body.includes(number), who).toBe(false);
        const sum = await call(who, 'GET', '/api/work/summary');
        expect(sum.statusCode, sum.body).toBe(200);
      }
      expect((await call('kebumen.kabid', 'GET', '/api/inbox')).body).toContain(caseId);
    });

    it('only the Dirjen decides his step; a label that is no branch is refused; the decision is on the record', async () => {
      const caseId = await submitApplication();
      const step2 = await openTask('kebumen.kabid', caseId);
      const SURAT = 'Surat Permohonan kepada Dirjen Dukcapil Kemendagri RI';
      const done2 = await call('kebumen.kabid', 'POST', `/api/tasks/${step2.id}/complete`, {
        attachments: [{ docType: SURAT, fileId: await pdfFile('kebumen.kabid', SURAT) }],
      });
      expect(done2.statusCode, done2.body).toBe(200);
      const task = await openTask('pusat.dirjen', caseId);
      const complete = (u: string, body: unknown) => call(u, 'POST', `/api/tasks/${task.id}/complete`, body);
      for (const who of ['kebumen.kabid', 'kebumen.kadis', 'pusat.admin', 'dinsos.pimpinan', 'jateng.kadis']) {
        const res = await complete(who, { decision: 'setuju', confirmations: [BERKAS] });
        expect([403, 404], `${who}: ${res.body}`).toContain(res.statusCode);
      }
      for (const body of [
        { decision: 'mungkin', confirmations: [BERKAS] },
        { decision: 'TOLAK', confirmations: [BERKAS] },
        { confirmations: [BERKAS] },
        { decision: 'tolak', comment: 'alasan\u0000', confirmations: [BERKAS] },
        { decision: null, confirmations: [BERKAS] },
      ]) {
        const res = await complete('pusat.dirjen', body);
        expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBeLessThan(500);
      }
      expect((await caseOf('pusat.dirjen', caseId)).tasks.find((x) => x.id === task.id)?.status).toBe('open');
      const ok = await complete('pusat.dirjen', {
        decision: 'tolak',
        comment: 'Dasar hukum tidak disebutkan',
        confirmations: [BERKAS],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const entry = await t.database.db
        .selectFrom('audit_entries')
        .select(['result_code', 'actor_id', 'detail'])
        .where('action', '=', 'case.task_completed')
        .where('detail', 'like', `%${task.id}%`)
        .executeTakeFirst();
      expect(entry).toMatchObject({ result_code: 'tolak', actor_id: await idOf('pusat.dirjen') });
      expect(entry?.detail).toContain('Dasar hukum tidak disebutkan');
    });
  });
});
