/**
 * Strict input and the HTTP error edges (issue 15, "Input"): request bodies are validated without coercion,
 * element codes against the catalogue, control characters refused everywhere; malformed multipart, the
 * router's and the HTTP parser's own errors answer problem+json with the security headers and echo nothing;
 * anonymous callers are refused before validation; registration and uploads are rate-limited per client address
 * and a pending institution's uploads are capped. Each test sends what an attacker or a real client would.
 */
import fs from 'node:fs';
import net from 'node:net';
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
import { demoBankId } from '../modules/access/fixtures.js';

type Res = { statusCode: number; headers: Record<string, unknown>; body: string; json: () => unknown };

/** Asserts a problem+json answer with the app's security headers that does not echo `marker`. */
function expectProblem(res: Res, status: number, marker?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  if (marker) expect(res.body).not.toContain(marker);
}

describe.each(DIALECTS)('strict input and HTTP edges on %s', (kind) => {
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
  const orgOf = (u: string) => t.users.find((x) => x.username === u)?.organisation.id ?? '';
  let registered = 0;
  /** A registration body for a fresh institution of Kebumen. */
  const registration = (over: Record<string, unknown> = {}, admin: Record<string, unknown> = {}) => {
    registered++;
    return {
      name: `Koperasi Uji ${registered}`,
      type: 'badan_hukum',
      profitOriented: true,
      officeId: orgOf('kebumen.kasi'),
      address: 'Jl. Pemuda No. 1, Kebumen',
      contact: { name: 'Sri', position: 'Ketua', email: 'sri@ksp.example', phone: '0287-1' },
      admin: {
        username: `uji${registered}.admin`,
        displayName: 'Admin Uji',
        password: 'koperasi-uji-2026-aman',
        ...admin,
      },
      ...over,
    };
  };
  /** Registers from its own client address (registration is rate-limited per address). */
  const register = (payload: unknown, remoteAddress = `10.9.0.${registered % 250}`) =>
    t.app.inject({ method: 'POST', url: '/api/institutions/register', payload: payload as object, remoteAddress });

  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t?.close());

  describe('no type coercion of request bodies', () => {
    it('{"approve": null} does not suspend an institution', async () => {
      const reg = await register(registration());
      expect(reg.statusCode, reg.body).toBe(201);
      const id = reg.json().id as string;
      const res = await call('kebumen.kasi', 'POST', `/api/institutions/${id}/verify`, { approve: null });
      expectProblem(res, 400);
      expect(problem(res).code).toBe('validation_failed');
      expect(problem(res).issues?.map((i) => i.field)).toContain('body.approve');
      const row = await t.database.db
        .selectFrom('institutions')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirst();
      expect(row?.status).toBe('pending');
      // A string "false" is not a boolean either.
      const str = await call('kebumen.kasi', 'POST', `/api/institutions/${id}/verify`, { approve: 'false' });
      expect(str.statusCode).toBe(400);
    });

    it('{"passed": null} does not record a failed trial', async () => {
      const bankId = (await demoBankId(t.database.db)) ?? '';
      const { agreementId } = await seededAgreement(t, {
        institutionId: bankId,
        officeId: orgOf('kebumen.kasi'),
        startDate: t.clock.now.toISOString().slice(0, 10),
        endDate: '2027-12-31',
      });
      await t.database.db
        .updateTable('agreements')
        .set({ juknis_approved_at: t.clock.now.toISOString() })
        .where('id', '=', agreementId)
        .execute();
      const made = await call('kebumen.kasi', 'POST', `/api/access/agreements/${agreementId}/grants`, {
        kind: 'web_service',
        environment: 'trial',
        elements: ['nik', 'nama_lengkap'],
        ipAllow: ['127.0.0.0/8'],
      });
      expect(made.statusCode, made.body).toBe(201);
      const grantId = made.json().grant.id as string;
      const res = await call('kebumen.kasi', 'POST', `/api/access/grants/${grantId}/trial`, { passed: null });
      expectProblem(res, 400);
      expect(problem(res).issues?.map((i) => i.field)).toContain('body.passed');
      const grant = (await call('kebumen.kasi', 'GET', `/api/access/grants/${grantId}`)).json();
      expect(grant.trial).toBeNull();
    });

    it('{"username": true} does not create a user "true"', async () => {
      const res = await call('bank.admin', 'POST', '/api/users', {
        orgKind: 'institution',
        orgId: orgOf('bank.admin'),
        username: true,
        displayName: 'Operator Benar',
        roles: ['operator'],
      });
      expectProblem(res, 400);
      expect(problem(res).issues?.map((i) => i.field)).toContain('body.username');
      const row = await t.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'true')
        .executeTakeFirst();
      expect(row).toBeUndefined();
    });

    it('"elements": 12345 in an addendum is refused as not an array, and no version is made', async () => {
      const { agreementId } = await seededAgreement(t, {
        institutionId: orgOf('rsudpp.admin'),
        officeId: orgOf('padangpariaman.admin'),
        startDate: '2026-03-02',
        endDate: '2027-03-01',
      });
      const res = await call('rsudpp.pimpinan', 'POST', `/api/agreements/${agreementId}/addendum`, {
        reason: 'Tambah elemen angka',
        elements: 12345,
      });
      expectProblem(res, 400);
      expect(problem(res).code).toBe('validation_failed');
      expect(problem(res).issues?.map((i) => i.field)).toContain('body.elements');
      const versions = await t.database.db
        .selectFrom('agreement_versions')
        .select('id')
        .where('agreement_id', '=', agreementId)
        .execute();
      expect(versions).toHaveLength(1);
    });

    it('keeps coercing query strings and path parameters', async () => {
      const res = await call('pusat.dirjen', 'GET', '/api/access/audit/entries?limit=5');
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.statusCode).not.toBe(400);
    });
  });

  it('checks element codes against the catalogue, naming the field', async () => {
    const res = await call('dinsos.pimpinan', 'POST', '/api/applications', {
      userName: 'Dinas Sosial',
      elements: ['nik', 'bukan_elemen'],
    });
    expectProblem(res, 400);
    expect(problem(res).issues?.map((i) => i.field)).toContain('body.elements.1');
    const ok = await call('dinsos.pimpinan', 'POST', '/api/applications', { elements: ['nik', 'nama_lengkap'] });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  describe('control characters', () => {
    it.each([
      ['NUL', 'Koperasi\u0000Maju'],
      ['right-to-left override', 'Koperasi \u202Egnidlom'],
      ['escape', 'Koperasi \u001b[31mMerah'],
      ['C1 control', 'Koperasi \u0085Maju'],
      ['DEL', 'Koperasi Maju\u007f'],
      ['bidi isolate', 'Koperasi \u2066Maju'],
      ['right-to-left mark', 'Koperasi \u200FMaju'],
      ['zero-width space', 'Koperasi\u200BMaju'],
      ['Arabic letter mark', 'Koperasi \u061CMaju'],
      ['byte order mark', '\uFEFFKoperasi Maju'],
      ['line separator', 'Koperasi\u2028Maju'],
      ['paragraph separator', 'Koperasi\u2029Maju'],
    ])('refuses %s in an institution name at registration', async (_label, name) => {
      const payload = registration({ name });
      const res = await register(payload);
      expectProblem(res, 400);
      expect(problem(res).code).toBe('control_character');
      expect(problem(res).issues?.map((i) => i.field)).toEqual(['body.name']);
      const row = await t.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', payload.admin.username)
        .executeTakeFirst();
      expect(row).toBeUndefined();
    });

    it('refuses them in a user display name, and line breaks in a single-line name', async () => {
      for (const displayName of ['Operator\u0000Nol', 'Operator \u202Eowt']) {
        const res = await call('bank.admin', 'POST', '/api/users', {
          orgKind: 'institution',
          orgId: orgOf('bank.admin'),
          username: 'bank.kontrol',
          displayName,
          roles: ['operator'],
        });
        expectProblem(res, 400);
        expect(problem(res).code).toBe('control_character');
        expect(problem(res).issues?.map((i) => i.field)).toEqual(['body.displayName']);
      }
      const nested = await register(registration({}, { displayName: 'Admin\u0000' }));
      expect(problem(nested).issues?.map((i) => i.field)).toEqual(['body.admin.displayName']);
      // A registered name, its admin's display name and a user's display name are single lines.
      for (const [payload, field] of [
        [registration({ name: 'Koperasi\nMaju' }), 'body.name'],
        [registration({}, { displayName: 'Admin\r\nDua' }), 'body.admin.displayName'],
      ] as const) {
        const res = await register(payload);
        expect(problem(res).code).toBe('control_character');
        expect(problem(res).issues?.map((i) => i.field)).toEqual([field]);
      }
      const twoLines = await call('bank.admin', 'POST', '/api/users', {
        orgKind: 'institution',
        orgId: orgOf('bank.admin'),
        username: 'bank.kontrol',
        displayName: 'Operator\nDua',
        roles: ['operator'],
      });
      expect(problem(twoLines).issues?.map((i) => i.field)).toEqual(['body.displayName']);
      // Single-line names refuse LF/CR; multi-line text keeps them (and tabs).
      const line = await call('dinsos.pimpinan', 'POST', '/api/applications', { userName: 'Dinas\nSosial' });
      expectProblem(line, 400);
      expect(problem(line).code).toBe('control_character');
      expect(problem(line).issues?.map((i) => i.field)).toEqual(['body.userName']);
      const text = await call('dinsos.pimpinan', 'POST', '/api/applications', {
        purpose: 'Verifikasi identitas\r\npenerima bantuan\tsosial',
      });
      expect(text.statusCode, text.body).toBe(201);
    });
  });

  describe('malformed multipart answers 400', () => {
    const truncated =
      '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1';
    const cases: [string, string][] = [
      ['no boundary', 'multipart/form-data'],
      ['an empty boundary', 'multipart/form-data; boundary='],
      ['a truncated body', 'multipart/form-data; boundary=abc'],
    ];
    it.each(cases)('POST /api/verify/{id} (anonymous) with %s', async (_label, contentType) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/verify/01JABCDEFGHJKMNPQRSTVWXYZ0',
        headers: { 'content-type': contentType },
        payload: truncated,
        remoteAddress: '10.8.0.1',
      });
      expectProblem(res, 400);
      expect(problem(res).code).toBe('malformed_multipart');
    });
    it.each(cases)('POST /api/files with %s', async (_label, contentType) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/files',
        headers: { ...(await as('bank.admin')).headers, 'content-type': contentType },
        payload: truncated,
      });
      expectProblem(res, 400);
      expect(problem(res).code).toBe('malformed_multipart');
    });
  });

  describe("the framework's own errors", () => {
    it('a 10k-character path parameter answers 414 problem+json without echoing the URL', async () => {
      const marker = 'q'.repeat(10_000);
      for (const url of [`/api/institutions/${marker}/documents`, `/api/verify/${marker}`]) {
        const res = await t.app.inject({ method: 'GET', url });
        expectProblem(res, 414, 'qqqqqqqqqq');
        expect(problem(res).code).toBe('uri_too_long');
      }
    });

    it('a malformed URL answers 400 problem+json', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/institutions/%zz%marker/documents' });
      expectProblem(res, 400, 'marker');
    });

    it('unknown routes do not echo the method or the path', async () => {
      const res = await t.app.inject({ method: 'DELETE', url: '/api/nothing-zzmarker?x=1' });
      expectProblem(res, 404, 'zzmarker');
      expect(res.body).not.toContain('DELETE');
    });

    it('an unknown HTTP method answers problem+json with the security headers', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t.app.server.address() as net.AddressInfo).port;
      const raw = await new Promise<string>((resolve, reject) => {
        const c = net.connect(port, '127.0.0.1', () => c.write('FOO /api/auth/me HTTP/1.1\r\nHost: x\r\n\r\n'));
        let out = '';
        c.on('data', (d) => (out += String(d)));
        c.on('close', () => resolve(out));
        c.on('error', reject);
      });
      const [head, body] = raw.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      expect(head).toMatch(/x-content-type-options: nosniff/i);
      expect(JSON.parse(body ?? '')).toMatchObject({ status: 400, code: 'bad_request' });
      expect(body).not.toContain('FOO');
    });
  });

  it('authenticates before validating: an anonymous empty body answers 401, not the fields', async () => {
    for (const url of ['/api/users', '/api/applications', '/api/access/grants/01JABC/trial']) {
      const res = await t.app.inject({ method: 'POST', url, payload: {} });
      expectProblem(res, 401);
      expect(problem(res).code).toBe('unauthenticated');
      expect(problem(res).issues).toBeUndefined();
    }
  });

  describe('rate limits and the pending cap', () => {
    it('rate-limits registration per client address with 429 and Retry-After', async () => {
      const from = '10.7.0.1';
      const codes: number[] = [];
      let last: Res | undefined;
      for (let i = 0; i < 8; i++) {
        last = await register(registration(), from);
        codes.push(last.statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([201, 201, 201]);
      expect(codes).toContain(429);
      const refused = await register(registration(), from);
      expectProblem(refused, 429);
      expect(problem(refused).code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not slowed.
      expect((await register(registration(), '10.7.0.2')).statusCode).toBe(201);
    });

    it('rate-limits anonymous uploads per client address', async () => {
      const from = '10.6.0.1';
      const statuses: number[] = [];
      for (let i = 0; i < 130; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/verify/01JABCDEFGHJKMNPQRSTVWXYZ0',
          headers: { 'content-type': 'multipart/form-data' },
          payload: 'x',
          remoteAddress: from,
        });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) {
          expectProblem(res, 429);
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
          break;
        }
      }
      expect(statuses.at(-1)).toBe(429);
      expect(statuses.length).toBeGreaterThan(10);
    });

    it('caps what a pending institution may store', async () => {
      const payload = registration();
      const reg = await register(payload);
      expect(reg.statusCode, reg.body).toBe(201);
      const admin = await login(t.app, payload.admin.username, payload.admin.password);
      const pdf = await samplePdf('Akta');
      const results: number[] = [];
      for (let i = 0; i < 22; i++) {
        const unique = Buffer.concat([pdf, Buffer.from(`\n% ${i}\n`)]);
        results.push((await uploadFile(t.app, admin, `akta-${i}.pdf`, unique)).statusCode);
      }
      expect(results.slice(0, 20).every((c) => c === 201)).toBe(true);
      const over = await uploadFile(t.app, admin, 'lebih.pdf', pdf);
      expectProblem(over, 413);
      expect(problem(over).code).toBe('pending_upload_limit');
      // A verified institution is not capped this way.
      const ok = await uploadFile(t.app, await as('bank.admin'), 'bank.pdf', pdf);
      expect(ok.statusCode).toBe(201);
    });
  });
  describe('review findings (issue 15)', () => {
    /** `depth` nested arrays around one number: what JSON.parse accepts and a recursive walk does not. */
    const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

    it('answers 400 too_deep, not 500, to deeply nested JSON, anonymous or signed in', async () => {
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: `{"username":"x","password":"y","extra":${nested(5000)}}`,
      });
      expectProblem(anonymous, 400);
      expect(problem(anonymous).code).toBe('too_deep');
      const bare = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: nested(5000),
      });
      expectProblem(bare, 400);
      expect(problem(bare).code).toBe('too_deep');
      const session = await as('bank.admin');
      const signedIn = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { ...session.headers, 'content-type': 'application/json' },
        payload: `{"orgKind":"institution","displayName":${nested(5000)}}`,
      });
      expectProblem(signedIn, 400);
      expect(problem(signedIn).code).toBe('too_deep');
      // A body of ordinary depth is still checked as before.
      const flat = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x', password: 'y', extra: JSON.parse(nested(10)) as unknown },
      });
      expect(problem(flat).code).not.toBe('too_deep');
    });

    it('counts a registration when it arrives: 20 in parallel from one address pass at most the budget', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => register(registration(), '10.5.0.1')));
      const created = results.filter((r) => r.statusCode === 201).length;
      expect(created).toBeGreaterThan(0);
      expect(created).toBeLessThanOrEqual(5);
      expect(results.filter((r) => r.statusCode === 429).length).toBe(20 - created);
    });

    it('counts IPv6 registrations by their /64, and refused registrations too (but not 400s)', async () => {
      const codes: number[] = [];
      for (let i = 1; i <= 7; i++)
        codes.push((await register(registration(), `2001:db8:5:6::${i.toString(16)}`)).statusCode);
      expect(codes.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
      expect(codes.slice(5)).toEqual([429, 429]);
      // Another /64 has its own budget.
      expect((await register(registration(), '2001:db8:5:7::1')).statusCode).toBe(201);
      // A mistyped form (400) costs nothing; a refusal the form passed (409: the name is taken) counts.
      const from = '10.5.0.2';
      for (let i = 0; i < 6; i++) expect((await register({ name: 'x' }, from)).statusCode).toBe(400);
      const taken = registration({}, { username: 'bank.admin' });
      const refusals: number[] = [];
      for (let i = 0; i < 7; i++) refusals.push((await register(taken, from)).statusCode);
      expect(refusals.slice(0, 5).every((c) => c !== 429)).toBe(true);
      expect(refusals.at(-1)).toBe(429);
    });

    it('answers 400, not 500, to an audit head page beyond the safe integers', async () => {
      for (const beforeSize of ['1e21', '9007199254740992', '99999999999999999999']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/audit/heads?beforeSize=${beforeSize}` });
        expectProblem(res, 400);
      }
      const ok = await t.app.inject({ method: 'GET', url: `/api/audit/heads?beforeSize=${Number.MAX_SAFE_INTEGER}` });
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it('refuses control characters that reach an SOP name through YAML escapes', async () => {
      const admin = await as('kebumen.admin');
      const office = orgOf('kebumen.admin');
      const before = await t.database.db
        .selectFrom('sop_versions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('office_id', '=', office)
        .executeTakeFirst();
      const shipped = fs.readFileSync('sops/kebumen.yaml', 'utf8');
      const line = '  nama: Permohonan Hak Akses Pemanfaatan Data Kependudukan';
      expect(shipped).toContain(line);
      for (const escaped of [
        'Permohonan \\u202Eskaka\\u202C',
        'Permohonan \\0NUL',
        'Permohonan \\e[31m',
        'Permohonan\\u200F',
      ]) {
        const source = shipped.replace(line, `  nama: "${escaped}"`);
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/offices/${office}/sops`,
          headers: admin.headers,
          payload: { source },
        });
        expectProblem(res, 400);
        expect(problem(res).code).toBe('control_character');
      }
      const after = await t.database.db
        .selectFrom('sop_versions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('office_id', '=', office)
        .executeTakeFirst();
      expect(Number(after?.n)).toBe(Number(before?.n));
    });
  });
});
