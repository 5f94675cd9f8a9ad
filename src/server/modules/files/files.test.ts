import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  samplePdf,
  uploadFile,
  type TestContext,
} from '../../../../test/harness.js';
import { PENDING_UPLOAD_LIMITS } from './files.service.js';

describe.each(DIALECTS)('file uploads on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it('stores a PDF with its SHA-256 and gives it back only to its organisation', async () => {
    const bank = await login(t.app, 'bank.admin');
    const pdf = await samplePdf('Akta Pendirian');
    const res = await uploadFile(t.app, bank, 'akta pendirian.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(body.contentType).toBe('application/pdf');
    const back = await t.app.inject({ method: 'GET', url: `/api/files/${body.id}`, headers: bank.headers });
    expect(back.rawPayload.equals(pdf)).toBe(true);
    const other = await login(t.app, 'dinsos.admin');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/files/${body.id}`, headers: other.headers })).statusCode,
    ).toBe(404);
  });

  it('refuses what is not a PDF or image, and what is over 10 MB', async () => {
    const s = await login(t.app, 'bank.admin');
    const exe = await uploadFile(t.app, s, 'surat.pdf', Buffer.from('MZ this is not a pdf at all'));
    expect(exe.statusCode).toBe(415);
    expect(problem(exe).code).toBe('file_type_not_allowed');
    expect(problem(exe).message.id).toMatch(/PDF/);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const large = await uploadFile(t.app, s, 'besar.pdf', big);
    expect(large.statusCode).toBe(413);
    expect(problem(large).code).toBe('file_too_large');
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: s.headers,
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(400);
  });
});

describe.each(DIALECTS)('pending storage cap under parallel uploads on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it('accepts at most the cap when 30 uploads arrive at once; the rest are 413 and the files table agrees', async () => {
    const admin = await login(t.app, 'kebumen.admin');
    const offices = (await t.app.inject({ method: 'GET', url: '/api/offices', headers: admin.headers })).json();
    const kebumen = offices.find((o: { name: string }) => o.name.includes('Kebumen'));
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/institutions/register',
      remoteAddress: '203.0.113.50',
      payload: {
        name: 'Lembaga Batas Unggah',
        type: 'badan_hukum',
        profitOriented: true,
        officeId: kebumen.id,
        address: 'Jl. Uji 1',
        contact: { name: 'Kontak', position: 'Direktur', email: 'kontak@contoh.co.id', phone: '0812345678' },
        admin: { username: 'batasadmin', displayName: 'Admin Uji', password: 'Sangat-Rahasia-2026!' },
      },
    });
    expect(reg.statusCode).toBe(201);
    const s = await login(t.app, 'batasadmin', 'Sangat-Rahasia-2026!');
    const inst = await t.database.db
      .selectFrom('institutions')
      .select(['id', 'status'])
      .where('name', '=', 'Lembaga Batas Unggah')
      .executeTakeFirstOrThrow();
    expect(inst.status).toBe('pending');
    const orgId = inst.id;
    const res = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        uploadFile(t.app, s, `surat-${i}.pdf`, Buffer.from(`%PDF-1.4\n% berkas ${i}\n%%EOF\n`)),
      ),
    );
    const ok = res.filter((r) => r.statusCode === 201).length;
    const refused = res.filter((r) => r.statusCode === 413);
    expect(ok + refused.length).toBe(30);
    expect(refused.every((r) => problem(r).code === 'pending_upload_limit')).toBe(true);
    expect(ok).toBeLessThanOrEqual(PENDING_UPLOAD_LIMITS.files);
    const stored = await t.database.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('org_kind', '=', 'institution')
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBeLessThanOrEqual(PENDING_UPLOAD_LIMITS.files);
    expect(Number(stored.n)).toBe(ok);
  });
});
