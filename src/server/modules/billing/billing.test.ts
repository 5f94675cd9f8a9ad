/**
 * PNBP fees end to end (issue 12): a prepaid balance drawn in the request path runs out under concurrent calls and
 * the next billable call is refused (20 on the compatible service, 402 on v1) without overdraft; a payment
 * restores service on the next request; a non-profit institution is never charged; statements add up and their
 * charges equal the charged entries of the signed log; a new process loads what was persisted; scope and
 * validation of payments.
 */
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
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../access/fixtures.js';
import { generateInto } from '../access/population/population.service.js';
import { sampleNiks } from '../access/population/population.repository.js';
import { AccessRuntime } from '../access/runtime.js';
import { DEMO_BILLING_CODE, DEMO_PREPAID_RUPIAH, seedDemoBilling } from '../../seed/demo-billing.js';
import { pdfText } from '../../../../test/pdf-text.js';

interface Cred {
  id: string;
  customerId: string;
  userId: string;
  secret: string;
}

const jakartaMonth = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' }).format(d);
const jakartaDay = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Jakarta',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);

describe.each(DIALECTS)('PNBP billing on %s', (kind) => {
  let t: TestContext;
  let kasi: Session;
  let bankId = '';
  let dinsosId = '';
  let bank: Cred;
  let dinsos: Cred;
  let niks: string[] = [];
  let missing = '';
  let codeSeq = 0;

  const billingCode = () => `8${String(Date.now() % 1e9).padStart(9, '0')}${String(codeSeq++).padStart(5, '0')}`;

  const cred = async (pksId: string, input: Record<string, unknown>): Promise<Cred> => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pksId}/grants`,
      headers: kasi.headers,
      payload: { kind: 'web_service', elements: BANK_ELEMENTS, ipAllow: ['127.0.0.0/8', '::1'], ...input },
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    return { id: b.grant.id, customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };
  };
  const production = async (pksId: string) => {
    const trial = await cred(pksId, { environment: 'trial' });
    const passed = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${trial.id}/trial`,
      headers: kasi.headers,
      payload: { passed: true, note: 'ok' },
    });
    expect(passed.statusCode).toBe(200);
    return cred(pksId, { environment: 'production', dailyQuota: 10_000 });
  };
  const callNik = (c: Cred, nik: string) =>
    t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${c.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: c.userId, password: c.secret, ip_user: '10.0.0.1' },
      remoteAddress: '127.0.0.1',
    });
  const codeOf = (res: { json: () => unknown }) => {
    const row = (res.json() as { content: Record<string, string>[] }).content[0] ?? {};
    return row.RESPONSE_CODE ?? (row.NIK ? '01' : '?');
  };
  const v1Lookup = (c: Cred, nik: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${nik}`,
      headers: { authorization: `Bearer ${c.userId}:${c.secret}` },
      remoteAddress: '127.0.0.1',
    });
  const proof = async (s: Session) => {
    const up = await uploadFile(t.app, s, 'bukti-setor.pdf', await samplePdf('Bukti setor SIMPONI'));
    expect(up.statusCode, up.body).toBe(201);
    return (up.json() as { id: string }).id;
  };
  const pay = async (s: Session, institutionId: string, amountRupiah: number, code = billingCode()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/billing/payments',
      headers: s.headers,
      payload: {
        institutionId,
        billingCode: code,
        amountRupiah,
        paidOn: jakartaDay(t.clock.now),
        proofFileId: await proof(s),
      },
    });
  const balanceOf = async (s: Session, id: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/billing/institutions/${id}`, headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { balanceRupiah: number }).balanceRupiah;
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 200, seed: 'billing' });
    niks = await sampleNiks(t.database.db, 'production', 12);
    const all = new Set((await t.database.db.selectFrom('residents').select('nik').execute()).map((r) => r.nik));
    const base = niks[0] ?? '';
    for (let i = 1; i < 9999 && !missing; i++) {
      const candidate = base.slice(0, 12) + String(i).padStart(4, '0');
      if (!all.has(candidate)) missing = candidate;
    }
    bankId = (await demoBankId(t.database.db)) ?? '';
    const dinsosRow = await t.database.db
      .selectFrom('institutions')
      .select('id')
      .where('name', '=', 'Dinas Sosial Kabupaten Kebumen')
      .executeTakeFirstOrThrow();
    dinsosId = dinsosRow.id;
    const period = { startDate: dayOffset(t.clock.now, -30), endDate: dayOffset(t.clock.now, 365), now: t.clock.now };
    // The bank (profit-oriented) starts with an empty balance; the Dinas Sosial is not profit-oriented.
    const bankPks = await insertActivePks(t.database.db, { institutionId: bankId, prepaidRupiah: 0, ...period });
    const dinsosPks = await insertActivePks(t.database.db, { institutionId: dinsosId, ...period });
    kasi = await login(t.app, 'kebumen.kasi');
    bank = await production(bankPks.id);
    dinsos = await production(dinsosPks.id);
  }, 120_000);
  afterAll(async () => t?.close());

  it('draws the balance per answer, never beyond it under concurrent calls, and refuses with 20 and 402', async () => {
    // Empty: refused with its own code before anything is read.
    expect(codeOf(await callNik(bank, niks[0] ?? ''))).toBe('20');
    const paid = await pay(kasi, bankId, 5_000);
    expect(paid.statusCode, paid.body).toBe(201);
    // Not found is never billed.
    expect(codeOf(await callNik(bank, missing))).toBe('13');
    expect(await balanceOf(kasi, bankId)).toBe(5_000);
    // Twelve concurrent lookups against Rp5.000 at Rp1.000: five answered, seven refused.
    const results = await Promise.all(niks.map((nik) => callNik(bank, nik)));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === '01')).toHaveLength(5);
    expect(codes.filter((c) => c === '20')).toHaveLength(7);
    const refused = results.find((r) => codeOf(r) === '20');
    expect((refused?.json() as { content: { RESPON: string }[] }).content[0]?.RESPON).toBe(
      'Saldo PNBP Tidak Mencukupi',
    );
    expect(await balanceOf(kasi, bankId)).toBe(0);
    // v1: 402 problem+json with a stable code.
    const v1 = await v1Lookup(bank, niks[0] ?? '');
    expect(v1.statusCode).toBe(402);
    expect(v1.headers['content-type']).toContain('application/problem+json');
    expect(problem(v1).code).toBe('balance_exhausted');
    expect((v1.json() as { dukcapilCode: string }).dukcapilCode).toBe('20');
    // The refusal is on the record, uncharged.
    const entry = await t.database.db
      .selectFrom('audit_entries')
      .select(['result_code', 'detail'])
      .where('id', '=', String(v1.headers['x-audit-id']))
      .executeTakeFirstOrThrow();
    expect(entry.result_code).toBe('20');
    expect(JSON.parse(entry.detail ?? '{}')).toMatchObject({ reason: 'balance_exhausted' });
    expect(JSON.parse(entry.detail ?? '{}').pnbpRupiah).toBeUndefined();
  });

  it('restores service on the next request after a payment, and a tariff change applies to the next call', async () => {
    const paid = await pay(kasi, bankId, 3_000);
    expect(paid.statusCode, paid.body).toBe(201);
    const ok = await v1Lookup(bank, niks[1] ?? '');
    expect(ok.statusCode, ok.body).toBe(200);
    const pusat = await login(t.app, 'pusat.admin');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/billing/tariffs',
      headers: pusat.headers,
      payload: {
        method: 'web_service',
        amountRupiah: 1_500,
        effectiveFrom: jakartaDay(t.clock.now),
        legalBasis: 'Uji',
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const next = await callNik(bank, niks[2] ?? '');
    expect(codeOf(next)).toBe('01');
    const entry = await t.database.db
      .selectFrom('audit_entries')
      .select('detail')
      .where('id', '=', String(next.headers['x-audit-id']))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail ?? '{}')).toMatchObject({ pnbpMethod: 'web_service', pnbpRupiah: 1_500 });
    expect(await balanceOf(kasi, bankId)).toBe(500);
    // Rp500 left cannot cover Rp1.500.
    expect(codeOf(await callNik(bank, niks[3] ?? ''))).toBe('20');
  });

  it('never charges a non-profit institution', async () => {
    for (const nik of niks.slice(0, 3)) expect(codeOf(await callNik(dinsos, nik))).toBe('01');
    const charges = await t.database.db
      .selectFrom('billing_charges')
      .selectAll()
      .where('institution_id', '=', dinsosId)
      .execute();
    expect(charges).toEqual([]);
    const entries = await t.database.db
      .selectFrom('audit_entries')
      .select('detail')
      .where('institution_id', '=', dinsosId)
      .where('result_code', '=', '01')
      .execute();
    expect(entries.length).toBe(3);
    expect(entries.every((e) => !String(e.detail).includes('pnbp'))).toBe(true);
    const own = await login(t.app, 'dinsos.admin');
    const list = await t.app.inject({ method: 'GET', url: '/api/billing/balances', headers: own.headers });
    expect(list.json()).toEqual([expect.objectContaining({ institutionId: dinsosId, profitOriented: false })]);
    // Nor can a payment be recorded for it.
    const refused = await pay(kasi, dinsosId, 1_000);
    expect(refused.statusCode).toBe(400);
    expect(problem(refused).code).toBe('not_profit_oriented');
  });

  it('adds up: opening + payments − charges = closing, charges equal the charged entries, also as a PDF', async () => {
    const month = jakartaMonth(t.clock.now);
    const bankAdmin = await login(t.app, 'bank.admin');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/billing/institutions/${bankId}/statements/${month}`,
      headers: bankAdmin.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as {
      openingRupiah: number;
      paymentsRupiah: number;
      chargesRupiah: number;
      closingRupiah: number;
      billableCalls: number;
      charges: { method: string; unitRupiah: number; count: number; amountRupiah: number }[];
    };
    expect(s.openingRupiah + s.paymentsRupiah - s.chargesRupiah).toBe(s.closingRupiah);
    expect(s.paymentsRupiah).toBe(8_000);
    expect(s.charges).toEqual([
      { method: 'web_service', unitRupiah: 1_000, count: 6, amountRupiah: 6_000 },
      { method: 'web_service', unitRupiah: 1_500, count: 1, amountRupiah: 1_500 },
    ]);
    expect(s.closingRupiah).toBe(await balanceOf(bankAdmin, bankId));
    const charged = await t.database.db
      .selectFrom('audit_entries')
      .select('detail')
      .where('institution_id', '=', bankId)
      .where('result_code', '=', '01')
      .execute();
    const fees = charged.map((e) => Number(JSON.parse(e.detail ?? '{}').pnbpRupiah ?? 0));
    expect(fees.filter((f) => f > 0)).toHaveLength(s.billableCalls);
    expect(fees.reduce((a, b) => a + b, 0)).toBe(s.chargesRupiah);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/billing/institutions/${bankId}/statements/${month}/pdf`,
      headers: bankAdmin.headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('LAPORANSALDOPNBPPRABAYAR');
    expect(text).toContain('SaldoakhirRp500');
    expect(text).toContain('Rp7.500');
  });

  it('loads what was persisted in a new process', async () => {
    const rt = new AccessRuntime({ db: t.database.db, config: t.config, now: () => t.clock.now });
    try {
      const account = await rt.balances.load(bankId);
      expect(account.available).toBe(500);
    } finally {
      await rt.close();
    }
  });

  it('lets only the office or pusat record payments, keeps institutions apart, and refuses a bad billing code', async () => {
    const bankAdmin = await login(t.app, 'bank.admin');
    // The institution cannot record its own payment; another office cannot either.
    expect((await pay(bankAdmin, bankId, 1_000)).statusCode).toBe(403);
    const otherOffice = await login(t.app, 'sibolga.kasi');
    expect((await pay(otherOffice, bankId, 1_000)).statusCode).toBe(403);
    // One institution never sees another's balance.
    const dinsosAdmin = await login(t.app, 'dinsos.admin');
    const peek = await t.app.inject({
      method: 'GET',
      url: `/api/billing/institutions/${bankId}`,
      headers: dinsosAdmin.headers,
    });
    expect(peek.statusCode).toBe(404);
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/billing/payments?institutionId=${bankId}`,
      headers: dinsosAdmin.headers,
    });
    expect(theirs.statusCode).toBe(404);
    const own = await t.app.inject({ method: 'GET', url: '/api/billing/payments', headers: dinsosAdmin.headers });
    expect(own.json()).toEqual([]);
    // Bad billing code: 400 problem naming the field; a code used twice: 409.
    const bad = await pay(kasi, bankId, 1_000, '12345');
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).code).toBe('billing_code_invalid');
    expect(problem(bad).issues?.[0]?.field).toBe('body.billingCode');
    const code = billingCode();
    expect((await pay(kasi, bankId, 1_000, code)).statusCode).toBe(201);
    expect((await pay(kasi, bankId, 1_000, code)).statusCode).toBe(409);
  });

  it('seeds the demo bank a payment and a healthy balance', async () => {
    const before = await balanceOf(kasi, bankId);
    await seedDemoBilling(t.database.db, t.config, t.clock.now);
    expect(await balanceOf(kasi, bankId)).toBe(before + DEMO_PREPAID_RUPIAH);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/billing/payments?institutionId=${bankId}`,
      headers: kasi.headers,
    });
    const demo = (list.json() as { billingCode: string; proofFileId: string | null }[]).find(
      (p) => p.billingCode === DEMO_BILLING_CODE,
    );
    expect(demo?.proofFileId).toBeTruthy();
  });
});
