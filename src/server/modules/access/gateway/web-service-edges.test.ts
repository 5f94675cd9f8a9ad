/**
 * The web service as existing integrations speak it, and credential guessing against it (issue 15): the quota
 * counter integrations read (`quotaLimiter`), PHP's form-encoded bodies, keys in any letter case, a byte-order
 * mark, a NIK of provinces 91–96 sent as a JSON number (above 2^53), a trailing slash and an over-long customer id
 * answered in the compatible envelope, a verification of a field outside the grant answered with a code that says
 * so, and failed logins throttled per user id and per client address — the same answer for unknown and known user
 * ids, a bounded audit log under a burst, and the repeated failures visible to oversight.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, type Session, type TestContext } from '../../../../../test/harness.js';
import { RESPON } from '../../../../domain/dukcapil/codes.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../fixtures.js';
import { AccessRuntime } from '../runtime.js';
import { credentialPrincipal } from './gateway.service.js';
import { generateInto } from '../population/population.service.js';

interface Cred {
  id: string;
  customerId: string;
  userId: string;
  secret: string;
}

type Row = Record<string, string>;

/** A NIK of Papua (province 91): above 2^53, so a JSON number holding it is rounded by a double. */
const PAPUA_NIK = '9171011507900001';

describe.each(DIALECTS)('the web service as integrations speak it, on %s', (kind) => {
  let t: TestContext;
  let kasi: Session;
  let bankId: string;
  let pksId: string;
  let cred: Cred;
  let person: { nik: string; name: string };

  const newCred = async (input: Record<string, unknown> = {}): Promise<Cred> => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pksId}/grants`,
      headers: kasi.headers,
      payload: {
        kind: 'web_service',
        environment: 'trial',
        elements: BANK_ELEMENTS,
        ipAllow: ['127.0.0.0/8', '::1'],
        dailyQuota: 1000,
        ...input,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    return { id: b.grant.id, customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };
  };
  const post = (path: string, payload: string, contentType: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: path, payload, headers: { 'content-type': contentType }, remoteAddress });
  const pathOf = (c: Cred, op: string) => `/dukcapil/get_json/${c.customerId}/${op}`;
  const rowOf = (res: { json: () => unknown }) => (res.json() as { content: Row[] }).content[0] ?? {};
  const codeOf = (res: { json: () => unknown }) => rowOf(res).RESPONSE_CODE ?? '01';
  const callNik = (c: { customerId: string; userId: string }, password: string, remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${c.customerId}/CALL_NIK`,
      payload: { NIK: person.nik, user_id: c.userId, password, ip_user: '10.0.0.9' },
      remoteAddress,
    });
  const entriesOf = (column: 'actor_id' | 'client_ip', value: string) =>
    t.database.db.selectFrom('audit_entries').selectAll().where(column, '=', value).execute();

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 200, seed: 'ws-edges', population: 'sandbox' });
    const r = await t.database.db
      .selectFrom('residents_sandbox')
      .selectAll()
      .where('alive', '=', 1)
      .where('active', '=', 1)
      .orderBy('nik')
      .limit(1)
      .executeTakeFirstOrThrow();
    person = { nik: r.nik, name: r.nama_lgkp };
    // The demo population has no province 91–96: a resident of Kota Jayapura is added to the test's warehouse.
    await t.database.db
      .insertInto('residents_sandbox')
      .values({ ...r, nik: PAPUA_NIK, nama_lgkp: 'YOHANES WENDA' })
      .execute();
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
    cred = await newCred();
  }, 120_000);
  afterAll(async () => t?.close());

  it('carries quotaLimiter (the remaining calls of the day) in CALL_VERIFY_BY_ELEMEN replies', async () => {
    const body = { USER_ID: cred.userId, PASSWORD: cred.secret, IP_USER: '10.0.0.9', NIK: person.nik };
    const res = await post(
      pathOf(cred, 'CALL_VERIFY_BY_ELEMEN'),
      JSON.stringify({ ...body, NAMA_LGKP: person.name }),
      'application/json',
    );
    const b = res.json() as { content: Row[]; quota: { limit: number; used: number; remaining: number } };
    expect(b.content[0]).toEqual({ NAMA_LGKP: 'Sesuai' });
    expect(b).toHaveProperty('quotaLimiter');
    const q = (b as unknown as { quotaLimiter: unknown }).quotaLimiter;
    expect(Number.isInteger(q)).toBe(true);
    expect(q).toBe(b.quota.remaining);
    expect(b.quota.limit).toBe(1000);
  });

  it('understands PHP form bodies, keys in any letter case, a byte-order mark and a NIK above 2^53', async () => {
    // http_build_query: NIK=…&user_id=…&password=…&IP_USER=…, sent as application/x-www-form-urlencoded.
    const form = new URLSearchParams({
      NIK: person.nik,
      user_id: cred.userId,
      password: cred.secret,
      IP_USER: '10.0.0.9',
    }).toString();
    const f = await post(pathOf(cred, 'CALL_NIK'), form, 'application/x-www-form-urlencoded');
    expect(f.statusCode).toBe(200);
    expect(rowOf(f)).toMatchObject({ NIK: person.nik, NAMA_LGKP: person.name });
    // Verification by form, with TRESHOLD as text.
    const vform = new URLSearchParams({
      USER_ID: cred.userId,
      PASSWORD: cred.secret,
      IP_USER: '10.0.0.9',
      TRESHOLD: '80',
      NIK: person.nik,
      NAMA_LGKP: person.name,
    }).toString();
    const vf = await post(pathOf(cred, 'CALL_VERIFY_BY_ELEMEN'), vform, 'application/x-www-form-urlencoded');
    expect(rowOf(vf)).toEqual({ NAMA_LGKP: 'Sesuai' });
    // Keys in any letter case.
    const mixed = JSON.stringify({ Nik: person.nik, User_Id: cred.userId, Password: cred.secret, Ip_User: '10.0.0.9' });
    expect(rowOf(await post(pathOf(cred, 'CALL_NIK'), mixed, 'application/json'))).toMatchObject({ NIK: person.nik });
    const mixedForm = `Nik=${person.nik}&User_Id=${encodeURIComponent(cred.userId)}&Password=${encodeURIComponent(cred.secret)}&Ip_User=10.0.0.9`;
    const mf = await post(pathOf(cred, 'CALL_NIK'), mixedForm, 'application/x-www-form-urlencoded');
    expect(rowOf(mf)).toMatchObject({ NIK: person.nik });
    // A UTF-8 byte-order mark before the JSON (Windows tools write one).
    const json = JSON.stringify({ NIK: person.nik, user_id: cred.userId, password: cred.secret, ip_user: '10.0.0.9' });
    const bom = await t.app.inject({
      method: 'POST',
      url: pathOf(cred, 'CALL_NIK'),
      payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
      headers: { 'content-type': 'application/json' },
      remoteAddress: '127.0.0.1',
    });
    expect(rowOf(bom)).toMatchObject({ NIK: person.nik });
    // A Papua NIK as a JSON number: a double would read 9171011507900000; the digits are read from the text.
    expect(String(Number(PAPUA_NIK))).not.toBe(PAPUA_NIK);
    const big = `{"NIK":${PAPUA_NIK},"user_id":${JSON.stringify(cred.userId)},"password":${JSON.stringify(cred.secret)},"ip_user":"10.0.0.9"}`;
    const papua = await post(pathOf(cred, 'CALL_NIK'), big, 'application/json');
    expect(rowOf(papua)).toMatchObject({ NIK: PAPUA_NIK, NAMA_LGKP: 'YOHANES WENDA' });
    const vbig = `{"USER_ID":${JSON.stringify(cred.userId)},"PASSWORD":${JSON.stringify(cred.secret)},"IP_USER":"10.0.0.9","NIK":${PAPUA_NIK},"NAMA_LGKP":"YOHANES WENDA"}`;
    expect(rowOf(await post(pathOf(cred, 'CALL_VERIFY_BY_ELEMEN'), vbig, 'application/json'))).toEqual({
      NAMA_LGKP: 'Sesuai',
    });
  });

  it('keeps the rest of the API JSON-only and strict', async () => {
    const res = await post(
      '/api/auth/login',
      new URLSearchParams({ username: 'kebumen.kasi', password: 'gerbang-demo' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers a trailing slash, an over-long customer id and an unknown operation in the envelope', async () => {
    const json = JSON.stringify({ NIK: person.nik, user_id: cred.userId, password: cred.secret, ip_user: '10.0.0.9' });
    const slash = await post(`${pathOf(cred, 'CALL_NIK')}/`, json, 'application/json');
    expect(slash.statusCode).toBe(200);
    expect(rowOf(slash)).toMatchObject({ NIK: person.nik });
    const vjson = JSON.stringify({
      USER_ID: cred.userId,
      PASSWORD: cred.secret,
      IP_USER: '10.0.0.9',
      NIK: person.nik,
      NAMA_LGKP: person.name,
    });
    const vslash = await post(`${pathOf(cred, 'CALL_VERIFY_BY_ELEMEN')}/`, vjson, 'application/json');
    expect(rowOf(vslash)).toEqual({ NAMA_LGKP: 'Sesuai' });
    for (const length of [80, 300, 5000]) {
      const res = await post(`/dukcapil/get_json/${'C'.repeat(length)}/CALL_NIK`, json, 'application/json');
      expect(res.statusCode, `customer id of ${length}`).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(rowOf(res).RESPONSE_CODE).toBe('03');
      expect(rowOf(res).RESPON).toBe('Login Gagal');
      expect(res.body).not.toContain('CCCCCCCCCC');
    }
    const unknown = await post(`/dukcapil/get_json/${cred.customerId}/CALL_SOMETHING`, json, 'application/json');
    expect(unknown.statusCode).toBe(200);
    expect(rowOf(unknown)).toMatchObject({ RESPONSE_CODE: '07', RESPON: RESPON['07'].id });
  });

  it('says so when a verification asks only for a field outside the grant', async () => {
    // The bank's grant has no religion (AGAMA).
    const body = { USER_ID: cred.userId, PASSWORD: cred.secret, IP_USER: '10.0.0.9', NIK: person.nik, AGAMA: 'ISLAM' };
    const res = await post(pathOf(cred, 'CALL_VERIFY_BY_ELEMEN'), JSON.stringify(body), 'application/json');
    const row = rowOf(res);
    expect(row.RESPONSE_CODE).not.toBe('07');
    expect(row.RESPONSE_CODE).toBe('18');
    expect(row.RESPON).toBe(RESPON['18' as keyof typeof RESPON].id);
    expect(row.RESPON).toMatch(/elemen/i);
  });

  it('throttles a burst of wrong secrets: the right one is refused until the wait passes; the log stays bounded', async () => {
    const c = await newCred();
    const ip = '127.0.0.41';
    const codes: string[] = [];
    for (let i = 0; i < 300; i++) codes.push(codeOf(await callNik(c, `wrong-${i}`, ip)));
    expect(codes.slice(0, 3)).toEqual(['03', '03', '03']);
    expect(codes.at(-1)).toBe('19');
    // The right secret is refused while the address waits, without its secret being checked.
    const refused = await callNik(c, c.secret, ip);
    expect(rowOf(refused)).toMatchObject({ RESPONSE_CODE: '19', RESPON: RESPON['19' as keyof typeof RESPON].id });
    // Not one audit entry per attempt: the failures before the throttle, one when it starts, counts after.
    const entries = await entriesOf('client_ip', ip);
    expect(entries.length).toBeLessThanOrEqual(16);
    // The credential's owner, calling from its other allowed addresses, is not locked out.
    expect(codeOf(await callNik(c, c.secret, '127.0.0.42'))).toBe('01');
    // The wait passes (the app's clock moves on): the right secret works again.
    const before = t.clock.now;
    t.clock.now = new Date(before.getTime() + 60 * 60_000);
    try {
      expect(codeOf(await callNik(c, c.secret, ip))).toBe('01');
    } finally {
      t.clock.now = before;
    }
  });

  it('throttles one user id guessed from many addresses outside its allow-list, never its owner', async () => {
    const c = await newCred();
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) codes.push(codeOf(await callNik(c, `wrong-${i}`, `198.51.100.${i + 1}`)));
    expect(codes.at(-1)).toBe('19');
    // Even the right secret, from yet another outside address: refused with the throttle code, not 04.
    expect(codeOf(await callNik(c, c.secret, '198.51.100.200'))).toBe('19');
    // The owner, from its allow-listed address, still gets its data.
    expect(codeOf(await callNik(c, c.secret, '127.0.0.43'))).toBe('01');
  });

  it('answers unknown and known user ids alike, in the same time', async () => {
    const known = await newCred();
    const unknownId = `nobody-${crypto.randomBytes(4).toString('hex')}`;
    const seq = async (c: { customerId: string; userId: string }, ip: string) => {
      const out: string[] = [];
      for (let i = 0; i < 30; i++) out.push(codeOf(await callNik(c, `wrong-${i}`, ip)));
      return out;
    };
    const a = await seq(known, '127.0.0.51');
    const b = await seq({ customerId: known.customerId, userId: unknownId }, '127.0.0.52');
    expect(b).toEqual(a);
    expect(a).toContain('19');
    // Cold failures (the first of a user id in a process: its grant is loaded) of known and unknown user ids cost
    // the same: measured in a runtime of its own without the audit commit (which dwarfs and blurs the difference),
    // interleaved, compared as a ratio of medians with generous bounds. Before, a known id also loaded the day's
    // usage: two queries against one.
    const creds: Cred[] = [];
    for (let i = 0; i < 16; i++) creds.push(await newCred());
    const knownNs: number[] = [];
    const unknownNs: number[] = [];
    // Rounds of fresh runtimes (their grant caches and usage counters empty); the first round warms up.
    for (let round = 0; round < 5; round++) {
      const rt = new AccessRuntime({ db: t.database.db, config: t.config, now: () => t.clock.now });
      try {
        const now = t.clock.now.getTime();
        const time = async (userId: string, customerId: string, ip: string) => {
          const start = process.hrtime.bigint();
          const p = await credentialPrincipal(rt, userId, 'wrong', customerId, now, ip);
          const ns = Number(process.hrtime.bigint() - start);
          expect(p.refusal?.code).toBe('03');
          return ns;
        };
        for (let i = 0; i < creds.length; i++) {
          const c = creds[i] as Cred;
          const u = await time(`ghost-${round}-${i}-${unknownId}`, c.customerId, `127.0.1.${i}`);
          const k = await time(c.userId, c.customerId, `127.0.2.${i}`);
          if (round === 0) continue;
          unknownNs.push(u);
          knownNs.push(k);
        }
      } finally {
        await rt.close();
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    const ratio = median(knownNs) / median(unknownNs);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });

  it('counts repeated failures as a signal for oversight, attributed to the institution', async () => {
    const c = await newCred();
    const ip = '127.0.0.61';
    for (let i = 0; i < 30; i++) await callNik(c, `wrong-${i}`, ip);
    let signals: { action: string; institution_id: string | null; detail: string | null }[] = [];
    for (let i = 0; i < 50 && signals.length === 0; i++) {
      signals = (await entriesOf('actor_id', c.id)).filter((e) => e.action === 'credential.throttled');
      if (signals.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(signals.length).toBeGreaterThanOrEqual(1);
    expect(signals[0]?.institution_id).toBe(bankId);
    expect(JSON.parse(signals[0]?.detail ?? '{}')).toMatchObject({ scope: 'address' });
    expect(Number(JSON.parse(signals[0]?.detail ?? '{}').failures)).toBeGreaterThanOrEqual(5);
    const kabid = await login(t.app, 'kebumen.kabid');
    const summary = await t.app.inject({ method: 'GET', url: '/api/access/audit/summary', headers: kabid.headers });
    expect(summary.statusCode).toBe(200);
    expect((summary.json() as { totals: { throttled?: number } }).totals.throttled).toBeGreaterThanOrEqual(1);
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/access/audit/entries?action=credential.throttled&institutionId=${bankId}`,
      headers: kabid.headers,
    });
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as unknown[]).length).toBeGreaterThanOrEqual(1);
  });

  it('checks v1 credentials before the body: no field names for callers without a valid credential', async () => {
    for (const headers of [{}, { authorization: `Bearer ${cred.userId}:wrong` }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers,
        payload: { nope: 1 },
        remoteAddress: '127.0.0.81',
      });
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toMatch(/elements|nik/i);
    }
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { authorization: `Bearer ${cred.userId}:${cred.secret}` },
      payload: { nope: 1 },
      remoteAddress: '127.0.0.81',
    });
    expect(ok.statusCode).toBe(400);
  });

  it('answers 429 with Retry-After on v1 while a user id or address is throttled', async () => {
    const c = await newCred();
    const ip = '127.0.0.71';
    const basic = (secret: string) => ({
      authorization: `Basic ${Buffer.from(`${c.userId}:${secret}`).toString('base64')}`,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/residents/${person.nik}`,
        headers: basic(`wrong-${i}`),
        remoteAddress: ip,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    const right = await t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${person.nik}`,
      headers: basic(c.secret),
      remoteAddress: ip,
    });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(right.headers['content-type']).toMatch(/problem\+json/);
    expect((right.json() as { code: string }).code).toBe('credential_throttled');
  });

  it('throttles refusals before the login (no password, unreadable body) like failed logins: the log stays bounded', async () => {
    const c = await newCred();
    const url = pathOf(c, 'CALL_NIK');
    const codes: Record<string, number> = {};
    const tally = (res: { json: () => unknown }) => {
      const k = codeOf(res);
      codes[k] = (codes[k] ?? 0) + 1;
    };
    // One outside address, naming the bank's user id without a password, 300 times.
    for (let i = 0; i < 300; i++)
      tally(await post(url, JSON.stringify({ user_id: c.userId }), 'application/json', '198.51.100.177'));
    expect(codes['19']).toBeGreaterThan(250);
    // Many outside addresses, a few each: the user id's key catches them (it is outside its allow-list).
    for (let i = 0; i < 60; i++)
      tally(await post(url, `user_id=${c.userId}&NIK=x`, 'application/x-www-form-urlencoded', `192.0.2.${i + 1}`));
    const named = await entriesOf('actor_id', c.id);
    expect(named.length).toBeLessThanOrEqual(2 * 10 + 4);
    // Without a user id at all: counted against the address only.
    const anon: string[] = [];
    for (let i = 0; i < 40; i++) anon.push(codeOf(await post(url, '{not json', 'application/json', '198.51.100.178')));
    expect(anon.slice(0, 3)).toEqual(['07', '07', '07']);
    expect(anon.at(-1)).toBe('19');
    expect((await entriesOf('client_ip', '198.51.100.178')).length).toBeLessThanOrEqual(12);
    // The credential's owner, from its allow-listed address: its data, and its own malformed call still answered 07.
    expect(codeOf(await callNik(c, c.secret, '127.0.0.44'))).toBe('01');
    expect(
      codeOf(
        await post(url, JSON.stringify({ user_id: c.userId, password: c.secret }), 'application/json', '127.0.0.44'),
      ),
    ).toBe('07');
  });

  it('throttles v1 calls without credentials per address: bounded audit entries', async () => {
    const ip = '198.51.100.179';
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++)
      statuses.push(
        (await t.app.inject({ method: 'GET', url: `/api/v1/residents/${person.nik}`, remoteAddress: ip })).statusCode,
      );
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    expect((await entriesOf('client_ip', ip)).length).toBeLessThanOrEqual(12);
  });
});
