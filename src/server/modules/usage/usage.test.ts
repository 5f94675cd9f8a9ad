/**
 * The usage ledger against the signed log, and its API: after a mixed load on every channel (lookups,
 * verifications, refusals of several kinds, two institutions, the web service, v1, the card reader and the
 * portal) the ledger equals the log; two folders at once never double-count; a rebuild gives the same ledger;
 * each role sees exactly its scope; the groupings, the CSV (header, formula injection neutralised) and bad queries.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type Session, type TestContext } from '../../../../test/harness.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../access/fixtures.js';
import { generateInto } from '../access/population/population.service.js';
import { signRead } from '../access/reader/signing.js';
import { catchUpLedger, rebuildLedger, reconcileLedger } from './ledger.js';
import { usageSummary } from './usage.summary.js';
import { localDay } from '../../../domain/audit/oversight.js';
import type { UsageResponse } from './usage.service.js';

interface Cred {
  id: string;
  customerId: string;
  userId: string;
  secret: string;
}

describe.each(DIALECTS)('the usage ledger on %s', (kind) => {
  let t: TestContext;
  let bankId: string;
  let rsudId: string;
  let bankPks: string;
  let rsudPks: string;
  let bankCred: Cred;
  let rsudCred: Cred;
  let niks: string[];
  const sessions = new Map<string, Session>();
  // Office-local dates (WIB: the demo offices' zone), as the ledger counts days.
  const localDate = (days: number) => localDay(new Date(t.clock.now.getTime() + days * 86_400_000), 420);
  const as = async (username: string) => {
    let s = sessions.get(username);
    if (!s) sessions.set(username, (s = await login(t.app, username)));
    return s;
  };

  const provision = async (who: string, pksId: string, input: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pksId}/grants`,
      headers: (await as(who)).headers,
      payload: { environment: 'trial', elements: BANK_ELEMENTS, ipAllow: ['127.0.0.0/8', '::1'], ...input },
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    return { id: b.grant.id, customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };
  };
  const callNik = (c: Cred, nik: string, secret = c.secret, userId = c.userId) =>
    t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${c.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: userId, password: secret, ip_user: '10.0.0.9' },
      remoteAddress: '127.0.0.1',
    });
  const usage = async (who: string, query: string) =>
    t.app.inject({ method: 'GET', url: `/api/access/usage?${query}`, headers: (await as(who)).headers });
  const json = async (who: string, query: string) => {
    const res = await usage(who, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as UsageResponse;
  };
  const ledgerRows = async () => {
    const calls = await t.database.db
      .selectFrom('usage_calls')
      .selectAll()
      .orderBy([
        'day',
        'institution_id',
        'agreement_id',
        'grant_id',
        'channel',
        'result_code',
        'actor_kind',
        'actor_id',
      ])
      .execute();
    const elements = await t.database.db
      .selectFrom('usage_elements')
      .selectAll()
      .orderBy(['day', 'institution_id', 'agreement_id', 'grant_id', 'channel', 'actor_kind', 'actor_id', 'element'])
      .execute();
    return [
      calls.map((r) => ({ ...r, count: Number(r.count) })),
      elements.map((r) => ({ ...r, count: Number(r.count) })),
    ] as const;
  };
  const dataCallsWithInstitution = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('institution_id', 'is not', null)
          .where('action', 'in', [
            'CALL_NIK',
            'CALL_VERIFY_BY_ELEMEN',
            'v1.lookup',
            'v1.verify',
            'reader.read',
            'PORTAL_LOOKUP',
          ])
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 60, seed: 'usage', population: 'sandbox' });
    niks = (
      await t.database.db
        .selectFrom('residents_sandbox')
        .select('nik')
        .where('alive', '=', 1)
        .where('active', '=', 1)
        .orderBy('nik')
        .limit(8)
        .execute()
    ).map((r) => r.nik);
    bankId = (await demoBankId(t.database.db)) ?? '';
    rsudId = (
      await t.database.db
        .selectFrom('institutions')
        .select('id')
        .where('name', '=', 'RSUD Padang Pariaman')
        .executeTakeFirstOrThrow()
    ).id;
    const period = { startDate: dayOffset(t.clock.now, -30), endDate: dayOffset(t.clock.now, 365), now: t.clock.now };
    bankPks = (await insertActivePks(t.database.db, { institutionId: bankId, ...period })).id;
    rsudPks = (await insertActivePks(t.database.db, { institutionId: rsudId, ...period })).id;
    // A label a spreadsheet would run as a formula: the CSV must neutralise it.
    bankCred = await provision('kebumen.kasi', bankPks, {
      kind: 'web_service',
      dailyQuota: 4,
      label: '=HYPERLINK("x")',
    });
    rsudCred = await provision('padangpariaman.kabid', rsudPks, { kind: 'web_service', dailyQuota: 50 });

    // The mixed load. Web service: found, not found, a wrong password (03), a user id that names nobody (not
    // anyone's usage), quota exhausted (05).
    const found = niks[0] ?? '';
    expect((await callNik(bankCred, found)).statusCode).toBe(200);
    await callNik(bankCred, niks[1] ?? '');
    await callNik(bankCred, '3305999999999999');
    await callNik(bankCred, found, 'wrong-secret');
    await callNik(bankCred, found, 'x', 'nobody-at-all');
    // v1: a lookup and a verification.
    const bearer = { authorization: `Bearer ${bankCred.userId}:${bankCred.secret}` };
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${niks[2]}`,
      headers: bearer,
      remoteAddress: '127.0.0.1',
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: bearer,
      payload: { nik: niks[3], elements: { nama_lengkap: 'SIAPA SAJA' } },
      remoteAddress: '127.0.0.1',
    });
    // The quota (4) runs out: the last calls are refused 05.
    for (let i = 0; i < 4; i++) await callNik(bankCred, niks[4] ?? '');
    // Card reader: one read answered, one refused for a bad NIK.
    const reader = await provision('kebumen.kasi', bankPks, { kind: 'card_reader', elements: ['nik', 'nama_lengkap'] });
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const dev = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${reader.id}/devices`,
      headers: (await as('kebumen.kasi')).headers,
      payload: { serial: 'SN-USAGE', pcid: 'PCIDUSAGE', publicKey: publicKey.export({ type: 'spki', format: 'pem' }) },
    });
    expect(dev.statusCode, dev.body).toBe(201);
    const deviceId = (dev.json() as { id: string }).id;
    const read = (nik: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/reader/read',
        payload: signRead(
          {
            deviceId,
            nik,
            fingerprintMatch: true,
            timestamp: t.clock.now.toISOString(),
            nonce: crypto.randomBytes(8).toString('hex'),
          },
          privateKey,
        ),
      });
    expect((await read(niks[5] ?? '')).statusCode).toBe(200);
    await read('12AB');
    // Portal: refused before the operator has a portal grant, then answered.
    const op = await as('bank.operator');
    const lookup = (nik: string) =>
      t.app.inject({ method: 'POST', url: '/api/portal/lookup', headers: op.headers, payload: { nik } });
    await lookup(niks[6] ?? '');
    const portal = await provision('kebumen.kasi', bankPks, { kind: 'web_portal', elements: ['nik', 'nama_lengkap'] });
    const operatorId = (
      await t.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'bank.operator')
        .executeTakeFirstOrThrow()
    ).id;
    const add = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${portal.id}/operators`,
      headers: (await as('kebumen.kasi')).headers,
      payload: { userId: operatorId },
    });
    expect(add.statusCode, add.body).toBe(201);
    expect((await lookup(niks[6] ?? '')).json().code).toBe('01');
    // The other institution, in another province.
    await callNik(rsudCred, niks[7] ?? '');
    await callNik(rsudCred, niks[7] ?? '');
  }, 120_000);
  afterAll(async () => t?.close());

  it('equals the log after the mixed load: reconcile finds no difference, every data call of an institution counted', async () => {
    await t.app.usageLedger.catchUp();
    const r = await reconcileLedger(t.database.db);
    expect(r.differences).toEqual([]);
    expect(r.ok).toBe(true);
    const [calls, elements] = await ledgerRows();
    expect(calls.reduce((n, c) => n + c.count, 0)).toBe(await dataCallsWithInstitution());
    const bank = calls.filter((c) => c.institution_id === bankId);
    const codes = new Set(bank.map((c) => c.result_code));
    for (const code of ['01', '03', '05', '15', 'nik_invalid', 'no_portal_access']) expect(codes).toContain(code);
    expect(new Set(bank.map((c) => c.channel))).toEqual(new Set(['web_service', 'v1', 'card_reader', 'web_portal']));
    // Reads and portal lookups are placed on their own grants (device → grant, operator → grant).
    expect(bank.filter((c) => c.channel === 'card_reader').every((c) => c.actor_kind === 'device')).toBe(true);
    expect(bank.some((c) => c.channel === 'web_portal' && c.grant_id !== '' && c.result_code === '01')).toBe(true);
    // Disclosed elements are counted for answered calls only: the found CALL_NIK disclosed the granted elements.
    expect(elements.some((e) => e.institution_id === bankId && e.element === 'nama_ibu')).toBe(true);
    expect(calls.every((c) => c.institution_id !== null && c.institution_id !== '')).toBe(true);
  });

  it('never double-counts with two folders at once, and a rebuild gives the same ledger', async () => {
    await callNik(bankCred, niks[0] ?? '');
    await callNik(rsudCred, niks[7] ?? '');
    await Promise.all([catchUpLedger(t.database.db, t.clock.now), t.app.usageLedger.catchUp()]);
    expect((await reconcileLedger(t.database.db)).differences).toEqual([]);
    const before = await ledgerRows();
    let progressed = 0;
    const r = await rebuildLedger(t.database.db, t.clock.now, { onProgress: (n) => (progressed = n) });
    expect(r.folded).toBeGreaterThan(0);
    expect(progressed).toBe(r.folded);
    expect(await ledgerRows()).toEqual(before);
    expect((await reconcileLedger(t.database.db)).ok).toBe(true);
  });

  it('shows each role exactly its scope', async () => {
    const institutions = async (who: string) => (await json(who, 'by=institution')).rows.map((r) => r.key).sort();
    // An office: its own institutions; a province: its kabupaten/kota offices'; pusat: all.
    expect(await institutions('kebumen.kasi')).toEqual([bankId]);
    expect(await institutions('jateng.kadis')).toEqual([bankId]);
    expect(await institutions('sumbar.kadis')).toEqual([rsudId]);
    expect(await institutions('padangpariaman.kabid')).toEqual([rsudId]);
    expect(await institutions('sibolga.kadis')).toEqual([]);
    expect(await institutions('pusat.dirjen')).toEqual([bankId, rsudId].sort());
    // Someone else's institution, PKS or grant is not found, never answered with its numbers.
    for (const q of [`institutionId=${rsudId}`, `agreementId=${rsudPks}`, `grantId=${rsudCred.id}`]) {
      const res = await usage('kebumen.kasi', q);
      expect(res.statusCode, q).toBe(404);
      expect((await usage('bank.admin', q)).statusCode, q).toBe(404);
    }
    expect((await usage('sumbar.kadis', `institutionId=${bankId}`)).statusCode).toBe(404);
    expect((await usage('pusat.dirjen', `institutionId=${rsudId}`)).statusCode).toBe(200);
    // The institution: its own figures only, with its quota.
    const own = await json('bank.admin', 'by=institution');
    expect(own.rows.map((r) => r.key)).toEqual([bankId]);
    const pusatBank = await json('pusat.dirjen', `institutionId=${bankId}`);
    expect(own.totals).toEqual(pusatBank.totals);
    const all = await json('pusat.dirjen', 'by=day');
    expect(all.totals.calls).toBeGreaterThan(own.totals.calls);
    expect(own.quota).toEqual({ dailyLimit: null, usedToday: expect.any(Number), remainingToday: null });
    expect(all.quota).toBeNull();
    const rsud = await json('padangpariaman.kabid', `institutionId=${rsudId}`);
    expect(rsud.quota?.dailyLimit).toBeGreaterThan(0);
    expect(rsud.quota?.usedToday).toBe(3);
    expect(rsud.quota?.remainingToday).toBe((rsud.quota?.dailyLimit ?? 0) - 3);
  });

  it('groups by day, month, element, channel, result, operator and institution', async () => {
    const today = localDate(0);
    const day = await json('kebumen.kasi', 'by=day');
    expect(day.rows).toHaveLength(30);
    expect(day.to).toBe(today);
    expect(day.asOf).not.toBeNull();
    const sum = (r: UsageResponse) => r.rows.reduce((n, x) => n + x.calls, 0);
    expect(sum(day)).toBe(day.totals.calls);
    expect(day.totals.calls).toBe(day.totals.answered + day.totals.refused);
    expect(day.rows.at(-1)?.label).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    const month = await json('kebumen.kasi', `by=month&from=${localDate(-60)}&to=${today}`);
    expect(sum(month)).toBe(month.totals.calls);
    expect(month.rows.length).toBeGreaterThanOrEqual(2);
    const channel = await json('kebumen.kasi', 'by=channel');
    expect(channel.rows.map((r) => r.key).sort()).toEqual(['card_reader', 'v1', 'web_portal', 'web_service']);
    expect(channel.rows.find((r) => r.key === 'web_portal')?.label).toBe('Portal web');
    const result = await json('kebumen.kasi', 'by=result');
    const quota = result.rows.find((r) => r.key === '05');
    expect(quota).toMatchObject({ label: 'Kuota Akses Hari ini telah Habis', answered: 0 });
    expect(quota?.refused).toBeGreaterThan(0);
    expect(quota?.refused).toBe(quota?.calls);
    expect(result.rows.find((r) => r.key === '01')?.refused).toBe(0);
    const element = await json('kebumen.kasi', 'by=element');
    expect(element.rows.find((r) => r.key === 'nama_lengkap')?.label).toBe('Nama lengkap');
    const operator = await json('bank.admin', 'by=operator');
    expect(operator.rows.map((r) => r.label)).toContain('=HYPERLINK("x")');
    expect(operator.rows.some((r) => /^Pembaca KTP-el SN-USAGE$/.test(r.label))).toBe(true);
    const portalOnly = await json('bank.admin', 'by=operator&channel=web_portal');
    expect(portalOnly.rows.every((r) => r.key !== bankCred.id)).toBe(true);
    const byGrant = await json('kebumen.kasi', `grantId=${bankCred.id}&by=result`);
    expect(byGrant.rows.find((r) => r.key === '03')?.calls).toBe(1);
    const inst = await json('pusat.dirjen', 'by=institution');
    expect(inst.rows.find((r) => r.key === rsudId)).toMatchObject({
      label: 'RSUD Padang Pariaman',
      dailyLimit: expect.any(Number),
    });
  });

  it('exports CSV with a header, one line per row and formula cells neutralised', async () => {
    const res = await usage('bank.admin', 'by=operator&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="pemakaian-operator-.+\.csv"$/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('operator,nama,panggilan,dijawab,ditolak');
    const rows = (await json('bank.admin', 'by=operator')).rows;
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""x"")"`))).toBe(true);
    expect(lines.some((l) => /(^|,)=/.test(l))).toBe(false);
    const inst = await usage('pusat.dirjen', 'by=institution&format=csv');
    expect(inst.body.split('\r\n')[0]).toBe('lembaga,nama,panggilan,dijawab,ditolak,kuota_harian');
  });

  it('refuses a bad query with a 400 problem', async () => {
    for (const q of ['by=week', 'format=xml', 'from=2026-02-30', 'colour=red', 'channel=fax']) {
      const res = await usage('kebumen.kasi', q);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(problem(await usage('kebumen.kasi', 'from=2025-01-01&to=2026-06-01')).code).toBe('period_too_long');
    expect(problem(await usage('kebumen.kasi', 'from=2026-06-02&to=2026-06-01')).code).toBe('period_reversed');
  });

  it("sums a PKS's usage for its semester report", async () => {
    const s = await usageSummary(t.database.db, {
      agreementId: bankPks,
      from: localDate(-10),
      to: localDate(0),
    });
    const pusat = await json('pusat.dirjen', `agreementId=${bankPks}`);
    expect(s.calls).toBe(pusat.totals.calls);
    expect(s.refused).toBe(pusat.totals.refused);
    expect(s.byChannel.card_reader).toBe(2);
    const result = await json('pusat.dirjen', `agreementId=${bankPks}&by=result`);
    expect(s.refusalsByReason['05']).toBe(result.rows.find((r) => r.key === '05')?.calls);
    expect(s.operators.find((o) => o.id === bankCred.id)?.name).toBe('=HYPERLINK("x")');
    // Distinct residents answered: niks 0, 1 (not found does not count), 2, 4 (three times), 5, 6 — and the v1
    // verification when it was answered.
    expect(s.residentsServed).toBeGreaterThanOrEqual(5);
    expect(s.byElement.nama_lengkap).toBeGreaterThan(0);
  });
});
