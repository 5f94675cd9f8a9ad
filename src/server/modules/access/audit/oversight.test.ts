/**
 * Pengawasan reads from the server: filters and keyset paging over the whole log, per-day counts computed by the
 * server in the viewer's office time zone, web-portal lookups counted as data calls with the operator's name, and
 * the same visibility as the entries (an office: its institutions and its staff; pusat: all; an institution: its own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type TestContext } from '../../../../../test/harness.js';
import { demoBankId, insertActivePks } from '../fixtures.js';
import { generateInto } from '../population/population.service.js';
import { sampleNiks } from '../population/population.repository.js';

interface Entry {
  seq: number;
  action: string;
  actorKind: string;
  actorId: string;
  actorName: string | null;
  institutionId: string | null;
  resultCode: string;
  time: string;
}
interface Day {
  day: string;
  dataCalls: number;
  refusals: number;
  decisions: number;
}
interface Summary {
  timeZone: string;
  from: string;
  to: string;
  days: Day[];
  totals: Omit<Day, 'day'>;
  byCode: { code: string; count: number }[];
}

const utcDate = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => utcDate(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

describe.each(DIALECTS)('Pengawasan from the server on %s', (kind) => {
  let t: TestContext;
  let bankId: string;
  let ws: { customerId: string; userId: string; secret: string; grantId: string };
  let niks: string[];
  let operatorName: string;
  // D is a local day in WIB (UTC+7): 16:30Z is 23:30 on D, 17:30Z is 00:30 on D+1.
  const D = utcDate(new Date());
  const at = (hhmm: string, day = D) => new Date(`${day}T${hhmm}:00.000Z`);

  beforeAll(async () => {
    t = await demoApp(kind);
    t.clock.now = at('03:00'); // 10:00 WIB on D
    await generateInto(t.database.db, t.config, { count: 200, seed: 'oversight', population: 'sandbox' });
    niks = await sampleNiks(t.database.db, 'sandbox', 3);
    bankId = (await demoBankId(t.database.db)) ?? '';
    const pks = await insertActivePks(t.database.db, {
      institutionId: bankId,
      methods: ['web_service', 'web_portal'],
      startDate: plusDays(D, -10),
      endDate: plusDays(D, 200),
      now: t.clock.now,
    });
    const kasi = await login(t.app, 'kebumen.kasi');
    const grant = async (kind: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/access/agreements/${pks.id}/grants`,
        headers: kasi.headers,
        payload: {
          kind,
          environment: 'trial',
          elements: ['nik', 'nama_lengkap'],
          ipAllow: ['127.0.0.0/8', '::1/128'],
          dailyQuota: 100_000,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    };
    const w = await grant('web_service');
    ws = { customerId: w.grant.customerId, userId: w.grant.userId, secret: w.secret, grantId: w.grant.id };
    const portal = await grant('web_portal');
    const operator = await t.database.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'bank.operator')
      .executeTakeFirstOrThrow();
    operatorName = operator.display_name;
    const add = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${portal.grant.id}/operators`,
      headers: kasi.headers,
      payload: { userId: operator.id },
    });
    expect(add.statusCode, add.body).toBe(201);
  }, 60_000);
  afterAll(async () => t.close());

  const callNik = (nik: string, password = ws.secret) =>
    t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${ws.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: ws.userId, password, ip_user: '127.0.0.1' },
    });
  const get = async <T>(who: string, url: string) => {
    const s = await login(t.app, who);
    const res = await t.app.inject({ method: 'GET', url, headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    return { body: res.json() as T, next: res.headers['x-next-before-seq'] as string | undefined };
  };

  it('counts portal lookups as data calls with the operator, on the office-local day of each entry', async () => {
    t.clock.now = at('16:30'); // 23:30 WIB on D
    const op = await login(t.app, 'bank.operator');
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/portal/lookup',
        headers: op.headers,
        payload: { nik: niks[i % niks.length] },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().code).toBe('01');
    }
    expect((await callNik(niks[0] ?? '')).json().content[0].NIK).toBe(niks[0]);
    expect((await callNik(niks[1] ?? '', 'wrong-secret')).json().content[0].RESPONSE_CODE).toBe('03');
    t.clock.now = at('17:30'); // 00:30 WIB on D+1
    expect((await callNik(niks[2] ?? '')).json().content[0].NIK).toBe(niks[2]);

    const { body: s } = await get<Summary>('kebumen.kabid', `/api/access/audit/summary?from=${D}&to=${plusDays(D, 1)}`);
    expect(s.timeZone).toBe('Asia/Jakarta');
    expect(s.days.map((d) => d.day)).toEqual([D, plusDays(D, 1)]);
    expect(s.days[0]).toMatchObject({ day: D, dataCalls: 8, refusals: 1 });
    expect(s.days[1]).toMatchObject({ day: plusDays(D, 1), dataCalls: 1, refusals: 0 });
    // The grants and the operator were decisions of the office's staff on D (10:00 WIB).
    expect(s.days[0]?.decisions).toBeGreaterThanOrEqual(3);
    expect(s.totals.dataCalls).toBe(9);
    expect(s.byCode).toEqual([
      { code: '01', count: 8 },
      { code: '03', count: 1 },
    ]);

    const portal = (
      await get<Entry[]>('kebumen.kabid', `/api/access/audit/entries?kind=data_call&channel=web_portal&limit=500`)
    ).body;
    expect(portal).toHaveLength(6);
    expect(portal.every((e) => e.action === 'PORTAL_LOOKUP' && e.actorName === operatorName)).toBe(true);
    const decisions = (await get<Entry[]>('kebumen.kabid', `/api/access/audit/entries?kind=decision&limit=500`)).body;
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.some((e) => e.action === 'PORTAL_LOOKUP' || e.action === 'CALL_NIK')).toBe(false);
    // The local day D+1 holds the 00:30 WIB call only; D holds the 23:30 WIB ones.
    const late = (
      await get<Entry[]>('kebumen.kabid', `/api/access/audit/entries?kind=data_call&from=${plusDays(D, 1)}`)
    ).body;
    expect(late.map((e) => e.time)).toEqual([at('17:30').toISOString()]);
    const onD = (await get<Entry[]>('kebumen.kabid', `/api/access/audit/entries?kind=data_call&from=${D}&to=${D}`))
      .body;
    expect(onD).toHaveLength(8);
    // The other filters.
    const refused = (await get<Entry[]>('kebumen.kabid', `/api/access/audit/entries?kind=data_call&resultCode=03`))
      .body;
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actorKind: 'credential', actorId: ws.grantId, institutionId: bankId });
    const byActor = (await get<Entry[]>('kebumen.kabid', `/api/access/audit/entries?actorId=${ws.grantId}`)).body;
    expect(byActor.map((e) => e.action)).toEqual(['CALL_NIK', 'CALL_NIK', 'CALL_NIK']);
    const byAction = (await get<Entry[]>('kebumen.kabid', `/api/access/audit/entries?action=PORTAL_LOOKUP`)).body;
    expect(byAction).toHaveLength(6);
    const byName = (
      await get<Entry[]>(
        'kebumen.kabid',
        `/api/access/audit/entries?kind=data_call&q=${encodeURIComponent(operatorName.toUpperCase())}`,
      )
    ).body;
    expect(byName).toHaveLength(6);
    const byInstitution = (
      await get<Entry[]>('kebumen.kabid', `/api/access/audit/entries?kind=data_call&institutionId=${bankId}`)
    ).body;
    expect(byInstitution).toHaveLength(9);
  });

  it('pages through the whole log by position, far beyond the newest 500 entries', async () => {
    t.clock.now = at('18:00'); // 01:00 WIB on D+1
    for (let i = 0; i < 12; i++)
      await Promise.all(Array.from({ length: 50 }, (_, j) => callNik(niks[(i + j) % niks.length] ?? '')));
    const day = plusDays(D, 1);
    const { body: s } = await get<Summary>('kebumen.kabid', `/api/access/audit/summary?from=${day}&to=${day}`);
    expect(s.days).toEqual([{ day, dataCalls: 601, refusals: 0, decisions: s.days[0]?.decisions, throttled: 0 }]);
    const seen: number[] = [];
    let url = `/api/access/audit/entries?kind=data_call&from=${day}&to=${day}&limit=250`;
    for (let pages = 0; pages < 10; pages++) {
      const page = await get<Entry[]>('kebumen.kabid', url);
      seen.push(...page.body.map((e) => e.seq));
      if (!page.next) break;
      url = `/api/access/audit/entries?kind=data_call&from=${day}&to=${day}&limit=250&beforeSeq=${page.next}`;
    }
    expect(seen).toHaveLength(601);
    expect(new Set(seen).size).toBe(601);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  }, 60_000);

  it('shows each viewer only what it may see, in entries and in the summary alike', async () => {
    const period = `from=${D}&to=${plusDays(D, 1)}`;
    const kebumen = (await get<Summary>('kebumen.kabid', `/api/access/audit/summary?${period}`)).body;
    const sibolga = (await get<Summary>('sibolga.kadis', `/api/access/audit/summary?${period}`)).body;
    const bank = (await get<Summary>('bank.pimpinan', `/api/access/audit/summary?${period}`)).body;
    const pusat = (await get<Summary>('pusat.dirjen', `/api/access/audit/summary?${period}`)).body;
    expect(kebumen.totals.dataCalls).toBe(609);
    expect(sibolga.totals.dataCalls).toBe(0);
    expect(bank.totals.dataCalls).toBe(609);
    expect(pusat.totals.dataCalls).toBe(609);
    expect(pusat.totals.decisions).toBeGreaterThan(kebumen.totals.decisions);
    // The office sees its own staff's decisions (the grants made by its Kasi); another office does not.
    const kasiName = (
      await t.database.db
        .selectFrom('users')
        .select('display_name')
        .where('username', '=', 'kebumen.kasi')
        .executeTakeFirstOrThrow()
    ).display_name;
    const byKasi = (q: string) =>
      get<Entry[]>(q, `/api/access/audit/entries?kind=decision&q=${encodeURIComponent(kasiName)}&limit=500`).then(
        (r) => r.body,
      );
    expect((await byKasi('kebumen.kabid')).length).toBeGreaterThan(0);
    expect(await byKasi('sibolga.kadis')).toEqual([]);
    const sibolgaCalls = (await get<Entry[]>('sibolga.kadis', `/api/access/audit/entries?kind=data_call`)).body;
    expect(sibolgaCalls).toEqual([]);
    // An institution sees its own entries only, whatever it asks for.
    const own = (await get<Entry[]>('bank.pimpinan', `/api/access/audit/entries?limit=500`)).body;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.institutionId === bankId)).toBe(true);
    const other = (await get<Entry[]>('bank.pimpinan', `/api/access/audit/entries?institutionId=someone-else`)).body;
    expect(other).toEqual([]);
  });

  it('answers impossible dates and periods with 400, never 500', async () => {
    const s = await login(t.app, 'kebumen.kabid');
    const ask = (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
    for (const [url, code] of [
      ['/api/access/audit/entries?from=2026-02-30', 'invalid_date'],
      ['/api/access/audit/summary?to=2026-13-01', 'invalid_date'],
      [`/api/access/audit/entries?from=${D}&to=${plusDays(D, -1)}`, 'period_reversed'],
      [`/api/access/audit/summary?from=${plusDays(D, -400)}&to=${D}`, 'period_too_long'],
      ['/api/access/audit/entries?kind=everything', 'validation_failed'],
      ['/api/access/audit/entries?channel=fax', 'validation_failed'],
    ] as const) {
      const res = await ask(url);
      expect(res.statusCode, url).toBe(400);
      expect(problem(res).code, url).toBe(code);
    }
    // Whatever the text, it is a pattern to match, never SQL; a far position is just an empty page.
    for (const url of [
      `/api/access/audit/entries?q=${encodeURIComponent(`%_\\'"; drop table audit_entries; --`)}`,
      `/api/access/audit/summary?q=${encodeURIComponent('%')}&resultCode=${encodeURIComponent("'")}`,
      `/api/access/audit/entries?beforeSeq=${Number.MAX_SAFE_INTEGER}&actorId=unknown:x`,
    ]) {
      const res = await ask(url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
    }
    expect((await ask(`/api/access/audit/entries?beforeSeq=${2 ** 63}`)).statusCode).toBe(400);
  });
});
