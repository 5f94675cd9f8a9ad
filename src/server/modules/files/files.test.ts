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
