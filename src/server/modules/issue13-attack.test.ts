/**
 * Issue 13 attack tests (independent security review): each test demonstrates one hole found by reading the change
 * and fails on the code as reviewed.
 *
 * 1. Credential stuffing attributed to the victim: anyone who knows a web-service credential's customer id and user
 *    id (no secret), from addresses outside its IP allow-list, sends ~15 bad passwords and the detector suspends the
 *    credential (the login is checked before the allow-list, every 03 counts toward `credential_stuffing`).
 * 2. The per-NIK identification throttle is checked before and counted after the (async) identifier: a burst of
 *    parallel guesses from a few addresses is all evaluated (PostgreSQL; SQLite's synchronous driver hides it).
 * 3. A resident's proof download carries the whole signed entry: the institution's server address, its end user's
 *    address (ip_user), the credential / operator id, grant id.
 * 4. The report text masks only unbroken runs of 12+ digits: a NIK or KK typed with spaces or dashes reaches the
 *    office's finding in clear.
 * 5. A failed login (03) by a stranger naming the bank's user id is listed to the resident as an access by the bank
 *    (institution and PKS named) and can be reported as a finding against the bank.
 * 6. The reported institution sees the resident-report finding with the exact instant of the access: with its own
 *    logs it knows which customer (NIK) reported it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, type TestContext } from '../../../test/harness.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from './access/fixtures.js';
import { generateInto } from './access/population/population.service.js';

interface Person {
  nik: string;
  no_kk: string;
  tgl_lhr: string;
  nama_lgkp_ibu: string;
}

describe.each(DIALECTS)('issue 13 attack on %s', (kind) => {
  let t: TestContext;
  let people: Person[];
  let pksId: string;
  let cred: { id: string; customerId: string; userId: string; secret: string };

  const provision = async () => {
    const kasi = await login(t.app, 'kebumen.kasi');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pksId}/grants`,
      headers: kasi.headers,
      payload: { environment: 'trial', kind: 'web_service', elements: BANK_ELEMENTS, ipAllow: ['127.0.0.0/8'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const g = res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    return { id: g.grant.id, customerId: g.grant.customerId, userId: g.grant.userId, secret: g.secret };
  };
  const callNik = (c: typeof cred, nik: string, secret = c.secret, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${c.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: c.userId, password: secret, ip_user: '10.0.0.9' },
      remoteAddress,
    });
  const identify = (p: Person, over: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/resident/identify',
      payload: { nik: p.nik, kk: p.no_kk, birthDate: p.tgl_lhr, motherName: p.nama_lgkp_ibu, ...over },
      remoteAddress,
    });
  const cookieOf = async (p: Person, remoteAddress = '127.0.0.1') => {
    const res = await identify(p, {}, remoteAddress);
    expect(res.statusCode, res.body).toBe(200);
    return `gerbang_warga=${res.cookies.find((k) => k.name === 'gerbang_warga')?.value}`;
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    for (const population of ['production', 'sandbox'] as const)
      await generateInto(t.database.db, t.config, { count: 12, seed: 'issue13-attack', population });
    people = (await t.database.db
      .selectFrom('residents')
      .select(['nik', 'no_kk', 'tgl_lhr', 'nama_lgkp_ibu'])
      .where('alive', '=', 1)
      .where('active', '=', 1)
      .orderBy('nik')
      .limit(6)
      .execute()) as Person[];
    const bankId = (await demoBankId(t.database.db)) ?? '';
    pksId = (
      await insertActivePks(t.database.db, {
        institutionId: bankId,
        startDate: dayOffset(t.clock.now, -30),
        endDate: dayOffset(t.clock.now, 365),
        now: t.clock.now,
      })
    ).id;
    cred = await provision();
  }, 120_000);
  afterAll(async () => t?.close());

  it('does not suspend a credential because strangers outside its IP allow-list send bad passwords with its user id', async () => {
    const victim = await provision();
    expect((await callNik(victim, people[0]!.nik)).json()).toMatchObject({ content: [{ NIK: expect.anything() }] });
    // An attacker who knows only the customer id and user id (no secret), from addresses the grant never allows.
    const start = t.clock.now.getTime();
    for (let i = 0; i < 40; i++) {
      t.clock.now = new Date(start + i * 8000);
      await callNik(victim, people[0]!.nik, `guess-${i}`, `203.0.113.${10 + i}`);
    }
    t.clock.now = new Date(t.clock.now.getTime() + 3000);
    await t.app.anomalyDetector.catchUp();
    const grant = await t.database.db
      .selectFrom('access_grants')
      .select('status')
      .where('id', '=', victim.id)
      .executeTakeFirstOrThrow();
    // The honest institution, from its own allowed server, is now cut off.
    const after = (await callNik(victim, people[1]!.nik)).json() as { content: { RESPONSE_CODE?: string }[] };
    expect({ status: grant.status, honestCall: after.content[0]?.RESPONSE_CODE ?? '01' }).toEqual({
      status: 'active',
      honestCall: '01',
    });
  });

  it('counts a burst of parallel guesses for one NIK against its throttle (5 failures, then 429)', async () => {
    const p = people[2]!;
    // Five addresses, five guesses each (within each address's allowance), all sent at once.
    const burst = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        identify(p, { kk: String(1000000000000000 + i) }, `198.51.100.${1 + Math.floor(i / 5)}`),
      ),
    );
    const checked = burst.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
  });

  it('throttles inclusion proofs per address, since each one walks the log', async () => {
    const p = people[3]!;
    const cookie = await cookieOf(p, '198.51.100.40');
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/resident/proofs',
            headers: { cookie },
            remoteAddress: '198.51.100.40',
          })
        ).statusCode,
      );
    expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
    expect(codes[30]).toBe(429);
  });

  it('keeps a NIK typed into a report out of the finding the office reads, however it is spaced', async () => {
    const p = people[4]!;
    expect((await callNik(cred, p.nik)).statusCode).toBe(200);
    await t.app.residentIndex.catchUp();
    const cookie = await cookieOf(p);
    const list = await t.app.inject({ method: 'GET', url: '/api/resident/accesses', headers: { cookie } });
    const [access] = (list.json() as { accesses: { id: string }[] }).accesses;
    const spaced = p.nik.replace(/(\d{4})(?=\d)/g, '$1 ');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/resident/accesses/${access?.id}/report`,
      headers: { cookie, 'content-type': 'application/json' },
      payload: {
        text: `Saya tidak mengenal akses ini. NIK saya ${spaced}, KK ${p.no_kk.slice(0, 8)}-${p.no_kk.slice(8)}.`,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.database.db
      .selectFrom('anomaly_findings')
      .select('evidence')
      .where('audit_entry_id', '=', access?.id ?? '')
      .executeTakeFirstOrThrow();
    const digits = stored.evidence.replace(/\D/g, '');
    expect({ nik: digits.includes(p.nik), kk: digits.includes(p.no_kk) }).toEqual({ nik: false, kk: false });
  });

  it('does not tell a resident that an institution accessed their data when a stranger failed its login', async () => {
    const p = people[5]!;
    // A stranger with the bank's public customer id and its user id, but no secret, from an address it never uses.
    const r = await callNik(cred, p.nik, 'not-the-secret', '203.0.113.98');
    expect(r.json()).toMatchObject({ content: [{ RESPONSE_CODE: '03' }] });
    await t.app.residentIndex.catchUp();
    const cookie = await cookieOf(p);
    const list = await t.app.inject({ method: 'GET', url: '/api/resident/accesses', headers: { cookie } });
    const accesses = (list.json() as { accesses: { id: string; institution: string | null }[] }).accesses;
    const blamed = accesses.filter((a) => a.institution === 'PT Bank Nusantara Sejahtera Tbk');
    // ... and the resident can turn that into a finding against the bank.
    if (blamed[0]) {
      const rep = await t.app.inject({
        method: 'POST',
        url: `/api/resident/accesses/${blamed[0].id}/report`,
        headers: { cookie, 'content-type': 'application/json' },
        payload: { text: 'Saya bukan nasabah bank ini dan tidak pernah memberi izin.' },
      });
      expect(rep.statusCode, rep.body).toBe(201);
    }
    expect(blamed).toEqual([]);
  });

  it('does not let the reported institution tell which customer reported it (the exact instant of the access)', async () => {
    const p = people[1]!;
    expect((await callNik(cred, p.nik)).statusCode).toBe(200);
    await t.app.residentIndex.catchUp();
    const cookie = await cookieOf(p);
    const list = await t.app.inject({ method: 'GET', url: '/api/resident/accesses', headers: { cookie } });
    const access = (list.json() as { accesses: { id: string; time: string; answered: boolean }[] }).accesses.find(
      (a) => a.answered,
    );
    const rep = await t.app.inject({
      method: 'POST',
      url: `/api/resident/accesses/${access?.id}/report`,
      headers: { cookie, 'content-type': 'application/json' },
      payload: { text: 'Saya tidak pernah membuka rekening di bank ini.' },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const bank = await login(t.app, 'bank.admin');
    const res = await t.app.inject({ method: 'GET', url: '/api/anomalies/findings', headers: bank.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = JSON.stringify(res.json());
    // The bank's own log holds the NIK it asked for at that millisecond: the instant names the reporter.
    expect(body.includes(access?.time ?? 'none')).toBe(false);
  });
});
