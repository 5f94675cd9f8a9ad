import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type Session, type TestContext } from '../../../../test/harness.js';
import { fieldsOf } from '../../../domain/elements/elements.js';
import { dayOffset, insertActivePks, BANK_ELEMENTS, demoBankId } from './fixtures.js';
import { generateInto } from './population/population.service.js';
import { nikWithStatus, sampleNiks } from './population/population.repository.js';
import { verifyDatabaseLog } from './audit/audit.verify.js';
import { signRead } from './reader/signing.js';

interface Cred {
  id: string;
  customerId: string;
  userId: string;
  secret: string;
}

describe.each(DIALECTS)('data access on %s', (kind) => {
  let t: TestContext;
  let kasi: Session;
  let bankAdmin: Session;
  let bankId: string;
  let pksId: string;
  let prod: Cred;
  let trial: Cred;
  let niks: string[];
  let sandboxNik: string;
  let deceased: string | undefined;
  let inactive: string | undefined;

  const url = (c: Cred, op = 'CALL_NIK') => `/dukcapil/get_json/${c.customerId}/${op}`;
  const body = (c: Cred, nik: string, extra: Record<string, unknown> = {}) => ({
    NIK: nik,
    user_id: c.userId,
    password: c.secret,
    ip_user: '10.0.0.9',
    ...extra,
  });
  const call = async (c: Cred, payload: unknown, op = 'CALL_NIK', remoteAddress = '127.0.0.1') => {
    const res = await t.app.inject({ method: 'POST', url: url(c, op), payload: payload as object, remoteAddress });
    expect(res.statusCode).toBe(200);
    return res.json() as { content: Record<string, string>[]; quota?: { used: number } };
  };
  const codeOf = (r: { content: Record<string, string>[] }) => r.content[0]?.RESPONSE_CODE ?? '01';
  const provision = async (input: Record<string, unknown>, agreement = pksId) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${agreement}/grants`,
      headers: kasi.headers,
      payload: input,
    });
    return res;
  };
  const cred = async (input: Record<string, unknown>): Promise<Cred> => {
    const res = await provision({
      kind: 'web_service',
      elements: BANK_ELEMENTS,
      ipAllow: ['127.0.0.0/8', '::1'],
      ...input,
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    return { id: b.grant.id, customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 3000, seed: 'test-prod' });
    await generateInto(t.database.db, t.config, { count: 300, seed: 'test-sandbox', population: 'sandbox' });
    niks = await sampleNiks(t.database.db, 'production', 5);
    const prodSet = new Set((await t.database.db.selectFrom('residents').select('nik').execute()).map((r) => r.nik));
    sandboxNik = (await sampleNiks(t.database.db, 'sandbox', 300)).find((n) => !prodSet.has(n)) ?? '';
    deceased = await nikWithStatus(t.database.db, 'production', 0, 1);
    inactive = await nikWithStatus(t.database.db, 'production', 1, 0);
    bankId = (await demoBankId(t.database.db)) ?? '';
    pksId = (
      await insertActivePks(t.database.db, {
        institutionId: bankId,
        startDate: dayOffset(t.clock.now, -30),
        endDate: dayOffset(t.clock.now, 365),
        now: t.clock.now,
      })
    ).id;
    kasi = await login(t.app, 'kebumen.kasi');
    bankAdmin = await login(t.app, 'bank.admin');
    trial = await cred({ environment: 'trial' });
    const passed = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${trial.id}/trial`,
      headers: kasi.headers,
      payload: { passed: true, note: 'ok' },
    });
    expect(passed.statusCode).toBe(200);
    prod = await cred({ environment: 'production', dailyQuota: 1000 });
  }, 120_000);
  afterAll(async () => t?.close());

  it('provisions only under an active PKS with approved juknis, production only after a passed trial', async () => {
    const noJuknis = await insertActivePks(t.database.db, {
      institutionId: bankId,
      juknisApproved: false,
      startDate: dayOffset(t.clock.now, -1),
      endDate: dayOffset(t.clock.now, 30),
      now: t.clock.now,
    });
    const draft = await insertActivePks(t.database.db, {
      institutionId: bankId,
      status: 'draft',
      startDate: dayOffset(t.clock.now, -1),
      endDate: dayOffset(t.clock.now, 30),
      now: t.clock.now,
    });
    const ws = { kind: 'web_service', environment: 'trial', elements: ['nik'] };
    expect(problem(await provision(ws, noJuknis.id)).code).toBe('juknis_not_approved');
    expect(problem(await provision(ws, draft.id)).code).toBe('pks_not_in_force');
    const fresh = await insertActivePks(t.database.db, {
      institutionId: bankId,
      startDate: dayOffset(t.clock.now, -1),
      endDate: dayOffset(t.clock.now, 30),
      now: t.clock.now,
    });
    const noTrial = await provision({ ...ws, environment: 'production' }, fresh.id);
    expect(noTrial.statusCode).toBe(409);
    expect(problem(noTrial).code).toBe('trial_not_passed');
    const badIp = await provision({ ...ws, ipAllow: ['10.0.0.0/33', 'fe80::/10'] });
    expect(badIp.statusCode).toBe(400);
    expect(problem(badIp).issues?.map((i) => i.field)).toEqual(['ipAllow[0]']);
    const outside = await provision({ ...ws, elements: ['sidik_jari'] });
    expect(problem(outside).code).toBe('element_outside_pks');
    // The institution sees its grants (never a secret) but cannot provision.
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/access/institutions/${bankId}/grants`,
      headers: bankAdmin.headers,
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toMatch(/secret_hash|"secret"/);
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pksId}/grants`,
      headers: bankAdmin.headers,
      payload: ws,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('answers CALL_NIK with the granted fields only', async () => {
    const r = await call(prod, body(prod, niks[0] ?? ''));
    expect(codeOf(r)).toBe('01');
    const allowed = new Set<string>(fieldsOf(BANK_ELEMENTS));
    expect(Object.keys(r.content[0] ?? {}).every((k) => allowed.has(k))).toBe(true);
    expect(r.content[0]?.NIK).toBe(niks[0]);
    expect(r.content[0]?.TGL_LHR).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    // Narrow the grant: the next request projects the narrower set.
    const narrow = await cred({ environment: 'production', elements: ['nik', 'nama_lengkap'] });
    const n = await call(narrow, body(narrow, niks[0] ?? ''));
    expect(Object.keys(n.content[0] ?? {}).sort()).toEqual(['NAMA_LGKP', 'NIK']);
  });

  it('refuses each reason with its code', async () => {
    const nik = niks[1] ?? '';
    expect(codeOf(await call(prod, body(prod, nik, { password: 'wrong' })))).toBe('03');
    expect(codeOf(await call({ ...prod, customerId: 'OTHER' }, body(prod, nik)))).toBe('03');
    expect(codeOf(await call(prod, body(prod, nik, { password: '' })))).toBe('09');
    expect(codeOf(await call(prod, { user_id: prod.userId, password: prod.secret, ip_user: '1.2.3.4' }))).toBe('07');
    expect(codeOf(await call(prod, body(prod, '9912345678901234')))).toBe('15');
    expect(codeOf(await call(prod, body(prod, '12AB010101170001')))).toBe('08');
    expect(codeOf(await call(prod, body(prod, nik, { ip_user: 'not-an-ip' })))).toBe('10');
    expect(codeOf(await call(prod, body(prod, '3305011507900001')))).toBe('13');
    if (deceased) expect(codeOf(await call(prod, body(prod, deceased)))).toBe('11');
    if (inactive) expect(codeOf(await call(prod, body(prod, inactive)))).toBe('14');
    // Unreadable and oversized bodies answer 07, never a 4xx/5xx.
    const raw = await t.app.inject({
      method: 'POST',
      url: url(prod),
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.statusCode).toBe(200);
    expect(codeOf(raw.json())).toBe('07');
    const text = await t.app.inject({
      method: 'POST',
      url: url(prod),
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(codeOf(text.json())).toBe('07');
    const big = await t.app.inject({
      method: 'POST',
      url: url(prod),
      payload: JSON.stringify({ ...body(prod, nik), pad: 'x'.repeat(70_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.statusCode).toBe(200);
    expect(codeOf(big.json())).toBe('07');
    // Hours: a window that excludes now (office zone) answers 06.
    const hour = (new Date(t.clock.now).getUTCHours() + 7 + 2) % 24;
    const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const night = await cred({
      environment: 'production',
      hours: { from: pad(hour), to: pad((hour + 1) % 24), timezone: 'Asia/Jakarta' },
    });
    expect(codeOf(await call(night, body(night, nik)))).toBe('06');
    // Element outside the grant in verification: 18 (not in the grant), not 07.
    expect(codeOf(await call(prod, body(prod, nik, { AGAMA: 'ISLAM' }), 'CALL_VERIFY_BY_ELEMEN'))).toBe('18');
    // Suspended credential: 17; PKS terminated: 16 (within the cache's one-second refresh).
    const s = await cred({ environment: 'production' });
    await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${s.id}/suspend`,
      headers: kasi.headers,
      payload: { reason: 'late report' },
    });
    expect(codeOf(await call(s, body(s, nik)))).toBe('17');
    const other = await insertActivePks(t.database.db, {
      institutionId: bankId,
      startDate: dayOffset(t.clock.now, -1),
      endDate: dayOffset(t.clock.now, 30),
      now: t.clock.now,
    });
    await t.database.db
      .insertInto('access_grants')
      .values({
        ...(await t.database.db
          .selectFrom('access_grants')
          .selectAll()
          .where('id', '=', trial.id)
          .executeTakeFirstOrThrow()),
        id: 'TRIALCOPY',
        user_id: null,
        agreement_id: other.id,
      })
      .execute();
    const term = await cred({ environment: 'production' });
    expect(codeOf(await call(term, body(term, nik)))).toBe('01');
    await t.database.db.updateTable('agreements').set({ status: 'terminated' }).where('id', '=', pksId).execute();
    await new Promise((r) => setTimeout(r, 1100));
    expect(codeOf(await call(term, body(term, nik)))).toBe('16');
    await t.database.db.updateTable('agreements').set({ status: 'active' }).where('id', '=', pksId).execute();
    await new Promise((r) => setTimeout(r, 1100));
    expect(codeOf(await call(term, body(term, nik)))).toBe('01');
  });

  it('checks the IP allow-list against the real socket address', async () => {
    const only2 = await cred({ environment: 'production', ipAllow: ['127.0.0.2/32'] });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.app.server.address() as AddressInfo).port;
    const post = (localAddress: string, extraHeaders: Record<string, string> = {}) =>
      new Promise<{ content: Record<string, string>[] }>((resolve, reject) => {
        const data = JSON.stringify(body(only2, niks[0] ?? ''));
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            localAddress,
            method: 'POST',
            path: url(only2),
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...extraHeaders },
          },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += String(c)));
            res.on('end', () => resolve(JSON.parse(text)));
          },
        );
        req.on('error', reject);
        req.end(data);
      });
    expect(codeOf(await post('127.0.0.2'))).toBe('01');
    expect(codeOf(await post('127.0.0.3'))).toBe('04');
    expect(codeOf(await post('127.0.0.3', { 'x-forwarded-for': '127.0.0.2' }))).toBe('04');
  });

  it('verifies per sent field and discloses nothing else', async () => {
    const nik = niks[2] ?? '';
    const found = await call(prod, body(prod, nik));
    const person = found.content[0] ?? {};
    const r = await call(
      prod,
      body(prod, nik, {
        NAMA_LGKP: person.NAMA_LGKP,
        TGL_LHR: person.TGL_LHR,
        TMPT_LHR: 'TEMPAT LAIN SEKALI',
        TRESHOLD: 80,
      }),
      'CALL_VERIFY_BY_ELEMEN',
    );
    expect(r.content[0]).toEqual({ NAMA_LGKP: 'Sesuai', TGL_LHR: 'Sesuai', TMPT_LHR: 'Tidak Sesuai' });
    expect(r.quota?.used).toBeGreaterThan(0);
    const v1 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { authorization: `Bearer ${prod.userId}:${prod.secret}` },
      payload: { nik, elements: { NAMA_LGKP: `${person.NAMA_LGKP}X` }, threshold: 50 },
    });
    expect(v1.statusCode).toBe(200);
    expect(v1.json().fields[0]).toMatchObject({ field: 'NAMA_LGKP', match: true });
    const tooMany = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify/batch',
      headers: { authorization: `Bearer ${prod.userId}:${prod.secret}` },
      payload: { items: Array.from({ length: 101 }, () => ({ nik, elements: { NAMA_LGKP: 'A' } })) },
    });
    expect(tooMany.statusCode).toBe(400);
    const lookup = await t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${nik}`,
      headers: { authorization: `Basic ${Buffer.from(`${prod.userId}:${prod.secret}`).toString('base64')}` },
    });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json().fields.NIK).toBe(nik);
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${nik}`,
      headers: { authorization: 'Bearer x:y' },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('keeps trial and production populations apart', async () => {
    expect(sandboxNik).not.toBe('');
    expect(codeOf(await call(trial, body(trial, sandboxNik)))).toBe('01');
    expect(codeOf(await call(prod, body(prod, sandboxNik)))).toBe('13');
    expect(codeOf(await call(trial, body(trial, niks[0] ?? '')))).not.toBe('01');
  });

  it('exhausts the daily quota and resets it the next office day', async () => {
    const q = await cred({ environment: 'production', dailyQuota: 2 });
    const nik = niks[3] ?? '';
    expect(codeOf(await call(q, body(q, nik)))).toBe('01');
    expect(codeOf(await call(q, body(q, nik)))).toBe('01');
    expect(codeOf(await call(q, body(q, nik)))).toBe('05');
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 86_400_000);
    try {
      expect(codeOf(await call(q, body(q, nik)))).toBe('01');
    } finally {
      t.clock.now = saved;
    }
    const usage = await t.database.db.selectFrom('access_usage').selectAll().where('grant_id', '=', q.id).execute();
    expect(usage.map((u) => u.count).sort()).toEqual([1, 2]);
  });

  it('revokes on the next request, and a rotated secret replaces the old one at once', async () => {
    const r = await cred({ environment: 'production' });
    const nik = niks[4] ?? '';
    expect(codeOf(await call(r, body(r, nik)))).toBe('01');
    const rot = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${r.id}/rotate`,
      headers: kasi.headers,
      payload: {},
    });
    expect(rot.statusCode, rot.body).toBe(200);
    const secret = (rot.json() as { secret: string }).secret;
    expect(codeOf(await call(r, body(r, nik)))).toBe('03');
    const r2 = { ...r, secret };
    expect(codeOf(await call(r2, body(r2, nik)))).toBe('01');
    await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${r.id}/revoke`,
      headers: kasi.headers,
      payload: {},
    });
    expect(codeOf(await call(r2, body(r2, nik)))).toBe('17');
    const resume = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${r.id}/resume`,
      headers: kasi.headers,
      payload: {},
    });
    expect(resume.statusCode).toBe(409);
  });

  it('serves a signed card read once, refusing bad signatures, stale reads and replays', async () => {
    const g = await provision({
      kind: 'card_reader',
      environment: 'production',
      elements: ['nik', 'nama_lengkap'],
      ipAllow: ['127.0.0.0/8'],
    });
    expect(g.statusCode, g.body).toBe(201);
    const grantId = (g.json() as { grant: { id: string } }).grant.id;
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const dev = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${grantId}/devices`,
      headers: kasi.headers,
      payload: {
        serial: 'SN-001',
        pcid: 'PCID0001',
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    });
    expect(dev.statusCode, dev.body).toBe(201);
    const deviceId = (dev.json() as { id: string }).id;
    const read = (over: Partial<{ nonce: string; timestamp: string }> = {}, key = privateKey) =>
      signRead(
        {
          deviceId,
          nik: niks[0] ?? '',
          fingerprintMatch: true,
          timestamp: over.timestamp ?? t.clock.now.toISOString(),
          nonce: over.nonce ?? crypto.randomBytes(8).toString('hex'),
        },
        key,
      );
    const send = (payload: object) => t.app.inject({ method: 'POST', url: '/api/reader/read', payload });
    const ok = await send(read({ nonce: 'nonce-0001' }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(Object.keys(ok.json().fields).sort()).toEqual(['NAMA_LGKP', 'NIK']);
    const replay = await send(read({ nonce: 'nonce-0001' }));
    expect(replay.statusCode).toBe(409);
    expect(problem(replay).code).toBe('replay');
    const forged = await send(read({}, crypto.generateKeyPairSync('ed25519').privateKey));
    expect(problem(forged).code).toBe('signature_invalid');
    const stale = await send(read({ timestamp: new Date(t.clock.now.getTime() - 5 * 60_000).toISOString() }));
    expect(problem(stale).code).toBe('stale');
  });

  it('verifies the audit log and names an altered, a deleted and a reordered entry', async () => {
    const db = t.database.db;
    const ok = await verifyDatabaseLog(db);
    expect(ok.ok, JSON.stringify(ok.problems[0])).toBe(true);
    expect(ok.sealedEntries).toBeGreaterThan(20);
    const entries = await db.selectFrom('audit_entries').selectAll().orderBy('seq').execute();
    // Never a NIK in the clear.
    expect(JSON.stringify(entries)).not.toContain(niks[0]);
    const [a, b] = [entries[5], entries[6]];
    if (!a || !b) throw new Error('need entries');
    await db.updateTable('audit_entries').set({ result_code: '01x' }).where('seq', '=', a.seq).execute();
    let r = await verifyDatabaseLog(db);
    expect(r.firstEntryProblem).toMatchObject({ kind: 'altered', seq: Number(a.seq) });
    await db.updateTable('audit_entries').set({ result_code: a.result_code }).where('seq', '=', a.seq).execute();
    // Reorder: swap the contents of two positions.
    const { seq: _sa, ...restA } = a;
    const { seq: _sb, ...restB } = b;
    await db.updateTable('audit_entries').set(restB).where('seq', '=', a.seq).execute();
    await db.updateTable('audit_entries').set(restA).where('seq', '=', b.seq).execute();
    r = await verifyDatabaseLog(db);
    expect(r.firstEntryProblem).toMatchObject({ kind: 'reordered', seq: Number(a.seq) });
    await db.updateTable('audit_entries').set(restA).where('seq', '=', a.seq).execute();
    await db.updateTable('audit_entries').set(restB).where('seq', '=', b.seq).execute();
    expect((await verifyDatabaseLog(db)).ok).toBe(true);
    await db.deleteFrom('audit_entries').where('seq', '=', a.seq).execute();
    r = await verifyDatabaseLog(db);
    expect(r.firstEntryProblem).toMatchObject({ kind: 'removed', seq: Number(a.seq) });
    await db.insertInto('audit_entries').values(a).execute();
    expect((await verifyDatabaseLog(db)).ok).toBe(true);
  });
});
