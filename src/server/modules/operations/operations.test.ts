/**
 * The operations dashboard and /metrics after real calls through the gateway: the bank's office, its provinsi and
 * pusat see the calls and the refusals by code, another office sees none of them, an institution user is told
 * the page does not exist; the scheduler's runs are recorded, a failing job with its error; the /metrics scrape
 * parses as the Prometheus text format and carries the per-institution series, and is refused to a non-loopback
 * address without the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type Session, type TestContext } from '../../../../test/harness.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../access/fixtures.js';
import { generateInto } from '../access/population/population.service.js';
import { runDue } from '../../scheduler/scheduler.js';
import { newId } from '../../lib/ids.js';
import type { OperationsResponse } from './operations.service.js';
import { MAX_SERIES, OperationsStats, WINDOW_SECONDS } from './operations.stats.js';
import type { AuditEntry } from '../../../domain/audit/audit.js';

interface Cred {
  customerId: string;
  userId: string;
  secret: string;
}

/** One sample of the text format. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format strictly: every line a comment, a sample or empty. */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
      if (!m) throw new Error(`bad comment line: ${line}`);
      if (m[1] === 'TYPE') {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(m[3] ?? '')) throw new Error(line);
        if (types.has(m[2] ?? '')) throw new Error(`TYPE given twice: ${line}`);
        types.set(m[2] ?? '', m[3] ?? '');
      }
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[3] ?? '';
    let rest = body;
    while (rest.length) {
      const l = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/.exec(rest);
      if (!l) throw new Error(`bad labels: ${line}`);
      labels[l[1] ?? ''] = (l[2] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(l[0].length);
    }
    const raw = m[4] ?? '';
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    if (raw !== 'NaN' && Number.isNaN(value)) throw new Error(`bad value: ${line}`);
    samples.push({ name: m[1] ?? '', labels, value });
  }
  return samples;
}

describe.each(DIALECTS)('the operations dashboard on %s', (kind) => {
  let t: TestContext;
  let bankId: string;
  let cred: Cred;
  let niks: string[];
  const sessions = new Map<string, Session>();
  const as = async (username: string) => {
    let s = sessions.get(username);
    if (!s) sessions.set(username, (s = await login(t.app, username)));
    return s;
  };
  const callNik = (nik: string, secret = cred.secret) =>
    t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${cred.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: cred.userId, password: secret, ip_user: '10.0.0.9' },
      remoteAddress: '127.0.0.1',
    });
  const dashboard = async (who: string) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/operations', headers: (await as(who)).headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as OperationsResponse;
  };
  const scrape = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode, res.body).toBe(200);
    return parseExposition(res.body);
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 20, seed: 'operations', population: 'sandbox' });
    niks = (
      await t.database.db
        .selectFrom('residents_sandbox')
        .select('nik')
        .where('alive', '=', 1)
        .where('active', '=', 1)
        .orderBy('nik')
        .limit(3)
        .execute()
    ).map((r) => r.nik);
    bankId = (await demoBankId(t.database.db)) ?? '';
    const period = { startDate: dayOffset(t.clock.now, -30), endDate: dayOffset(t.clock.now, 365), now: t.clock.now };
    const pks = (await insertActivePks(t.database.db, { institutionId: bankId, ...period })).id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pks}/grants`,
      headers: (await as('kebumen.kasi')).headers,
      payload: {
        kind: 'web_service',
        environment: 'trial',
        elements: BANK_ELEMENTS,
        ipAllow: ['127.0.0.0/8', '::1'],
        dailyQuota: 100,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { grant: { customerId: string; userId: string }; secret: string };
    cred = { customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };

    // Three answered calls (found), one refused as not a Dukcapil-format NIK (15), two for a wrong password (03).
    for (const nik of niks) expect((await callNik(nik)).statusCode).toBe(200);
    await callNik('3305999999999999');
    await callNik(niks[0] ?? '', 'wrong-secret');
    await callNik(niks[1] ?? '', 'wrong-again');
    await t.app.usageLedger.catchUp();

    // One open anomaly finding of the bank (the detector's table; its review is another feature's).
    const office = await t.database.db
      .selectFrom('institutions')
      .select('office_id')
      .where('id', '=', bankId)
      .executeTakeFirstOrThrow();
    const at = t.clock.now.toISOString();
    await t.database.db
      .insertInto('anomaly_findings')
      .values({
        id: newId(),
        office_id: office.office_id,
        institution_id: bankId,
        source: 'detector',
        rule: 'enumeration',
        severity: 'high',
        subject_kind: null,
        subject_id: null,
        dedupe_key: `operations-test-${kind}`,
        window_start: at,
        window_end: at,
        evidence: '{}',
        first_seq: null,
        last_seq: null,
        status: 'open',
        suspended_at: null,
        outcome: null,
        case_id: null,
        audit_entry_id: null,
        report_id: null,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });
  afterAll(async () => t?.close());

  it('shows the bank office its calls per second, refusals by code in words, latency, the audit writer and top callers', async () => {
    const d = await dashboard('kebumen.kasi');
    expect(d.scope).toEqual({ kind: 'office', name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen' });
    expect(d.rate.windowCalls).toBe(6);
    expect(d.rate.windowRefused).toBe(3);
    expect(d.rate.series).toHaveLength(90);
    expect(d.rate.series.reduce((n, p) => n + p.calls, 0)).toBe(6);
    expect(d.rate.lastMinutePerSecond).toBe(0.1);
    expect(d.refusals).toEqual([
      { code: '03', label: { id: 'Login Gagal', en: 'Login failed' }, count: 2 },
      { code: '15', label: { id: 'NIK Tidak Sesuai Format Dukcapil', en: 'Not a Dukcapil-format NIK' }, count: 1 },
    ]);
    const ws = d.latency.find((l) => l.channel === 'web_service');
    expect(ws?.count).toBe(6);
    expect(ws?.p50Ms).toBeGreaterThan(0);
    expect(ws?.p99Ms).toBeGreaterThanOrEqual(ws?.p50Ms ?? 0);
    expect(d.latency.find((l) => l.channel === 'web_portal')).toMatchObject({ count: 0, p50Ms: null });
    // Every call was sealed in some batch; the seal lag is measured.
    expect(d.audit.batches).toBeGreaterThanOrEqual(6);
    expect(d.audit.lastBatchSize).toBeGreaterThanOrEqual(1);
    expect(d.audit.lastSealLagMs).toBeGreaterThanOrEqual(0);
    // Today's top callers from the ledger: the bank, all its calls.
    const bank = d.topCallers.rows.find((r) => r.institutionId === bankId);
    expect(bank).toMatchObject({ name: 'PT Bank Nusantara Sejahtera Tbk', calls: 6, refused: 3 });
    expect(bank?.share).toBeGreaterThan(0);
    expect(bank?.share).toBeLessThanOrEqual(1);
  });

  it('shows the calls to the provinsi above and to pusat, not to another office; an institution user gets 404', async () => {
    const jateng = await dashboard('jateng.kadis');
    expect(jateng.rate.windowCalls).toBe(6);
    expect(jateng.topCallers.rows.map((r) => r.institutionId)).toContain(bankId);
    const pusat = await dashboard('pusat.staf');
    expect(pusat.scope.kind).toBe('all');
    expect(pusat.rate.windowCalls).toBe(6);
    expect(pusat.refusals.find((r) => r.code === '03')?.count).toBe(2);
    expect(pusat.topCallers.rows.map((r) => r.institutionId)).toContain(bankId);

    const sibolga = await dashboard('sibolga.kasi');
    expect(sibolga.rate.windowCalls).toBe(0);
    expect(sibolga.refusals).toEqual([]);
    expect(sibolga.topCallers.rows.map((r) => r.institutionId)).not.toContain(bankId);
    // The bank's open anomaly: its office, its provinsi and pusat see it; another office does not.
    const bankAnomaly = { institutionId: bankId, name: 'PT Bank Nusantara Sejahtera Tbk', open: 1 };
    expect((await dashboard('kebumen.kasi')).anomalies.institutions).toContainEqual(bankAnomaly);
    expect(jateng.anomalies.institutions).toContainEqual(bankAnomaly);
    expect(pusat.anomalies.institutions).toContainEqual(bankAnomaly);
    expect(sibolga.anomalies.institutions.map((a) => a.institutionId)).not.toContain(bankId);

    const bankUser = await t.app.inject({
      method: 'GET',
      url: '/api/operations',
      headers: (await as('bank.admin')).headers,
    });
    expect(bankUser.statusCode).toBe(404);
    expect(problem(bankUser).code).toBe('not_found');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/operations' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('records the scheduler runs, and a failing job with its error', async () => {
    const now = new Date(t.clock.now.getTime() + 60_000);
    const runs = await t.app.scheduler.runDue(now);
    expect(runs.filter((r) => r.ran).length).toBeGreaterThan(0);
    await runDue({ db: t.database.db, config: t.config, now: () => now }, now, {
      holder: 'test',
      jobs: [
        {
          name: 'always-fails',
          run: () => Promise.reject(new Error('gudang data tidak terjangkau')),
        },
      ],
    });
    const d = await dashboard('kebumen.kasi');
    const ledger = d.scheduler.find((r) => r.job === 'usage-ledger');
    expect(ledger).toMatchObject({ ok: true, error: null, startedAt: now.toISOString() });
    expect(ledger?.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(ledger?.finishedAt ?? '')).toBeGreaterThanOrEqual(now.getTime());
    expect(d.scheduler.find((r) => r.job === 'always-fails')).toMatchObject({
      ok: false,
      error: 'gudang data tidak terjangkau',
    });

    // Only the newest runs of a job are kept.
    const quick = { name: 'quick', run: () => Promise.resolve(0) };
    for (let i = 0; i < 23; i++)
      await runDue({ db: t.database.db, config: t.config, now: () => now }, now, { holder: 'test', jobs: [quick] });
    const kept = await t.database.db
      .selectFrom('scheduler_runs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('job', '=', 'quick')
      .executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBe(20);

    const samples = await scrape();
    const failed = samples.find((s) => s.name === 'gerbang_scheduler_last_run_ok' && s.labels.job === 'always-fails');
    expect(failed?.value).toBe(0);
    expect(
      samples.find((s) => s.name === 'gerbang_scheduler_recent_failures' && s.labels.job === 'always-fails')?.value,
    ).toBe(1);
    expect(
      samples.find((s) => s.name === 'gerbang_scheduler_last_run_timestamp_seconds' && s.labels.job === 'usage-ledger')
        ?.value,
    ).toBeGreaterThanOrEqual(now.getTime() / 1000);
  });

  it('carries the per-institution series on /metrics, parsed as the text format', async () => {
    const samples = await scrape();
    const calls = samples.filter((s) => s.name === 'gerbang_data_calls_total' && s.labels.institution === bankId);
    const byCode = (code: string) =>
      calls
        .filter((s) => s.labels.code === code && s.labels.channel === 'web_service')
        .reduce((n, s) => n + s.value, 0);
    expect(byCode('01')).toBe(3);
    expect(byCode('03')).toBe(2);
    expect(calls.reduce((n, s) => n + s.value, 0)).toBe(6);
    const buckets = samples.filter(
      (s) => s.name === 'gerbang_data_call_duration_seconds_bucket' && s.labels.channel === 'web_service',
    );
    expect(buckets.at(-1)).toMatchObject({ labels: { channel: 'web_service', le: '+Inf' }, value: 6 });
    for (let i = 1; i < buckets.length; i++)
      expect(buckets[i]?.value).toBeGreaterThanOrEqual(buckets[i - 1]?.value ?? 0);
    expect(samples.find((s) => s.name === 'gerbang_anomalies_open' && s.labels.institution === bankId)?.value).toBe(1);
    expect(samples.find((s) => s.name === 'gerbang_audit_seal_lag_seconds_count')?.value).toBeGreaterThanOrEqual(6);
    expect(samples.find((s) => s.name === 'gerbang_audit_batch_size_sum')?.value).toBeGreaterThanOrEqual(6);
  });

  it('refuses /metrics to a non-loopback address without the token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(res.statusCode).toBe(403);
    expect(problem(res).code).toBe('metrics_loopback_only');
    expect(res.body).not.toContain('gerbang_data_calls_total');
  });
});

describe('the process figures', () => {
  const entry = (institutionId: string | null, resultCode: string, action = 'CALL_NIK') =>
    ({ action, institutionId, resultCode }) as unknown as AuditEntry;

  it('keep calls per second for 15 minutes, per institution, and forget older seconds', () => {
    const clock = { now: new Date('2026-12-01T10:00:00Z') };
    const stats = new OperationsStats(() => clock.now);
    stats.record({ entries: [entry('a', '01'), entry('a', '03'), entry('b', '01'), entry(null, '03')], sealLagMs: 3 });
    // A decision is not a data call.
    stats.record({ entries: [entry('a', 'ok', 'pks.signed')], sealLagMs: 1 });
    expect(stats.window(new Set(['a'])).calls.at(-1)).toBe(2);
    expect([...stats.window(new Set(['a'])).refusalsByCode]).toEqual([['03', 1]]);
    expect(stats.window(null).calls.reduce((x, y) => x + y, 0)).toBe(4);
    clock.now = new Date(clock.now.getTime() + WINDOW_SECONDS * 1000);
    expect(stats.window(null).calls.reduce((x, y) => x + y, 0)).toBe(0);
    // The counters since the start stay.
    expect(stats.callCounters().find((c) => c.institution === 'none')).toMatchObject({ code: '03', count: 1 });
    expect(stats.batchSize.count).toBe(2);
  });

  it('keep the number of counters bounded', () => {
    const stats = new OperationsStats(() => new Date());
    for (let i = 0; i < MAX_SERIES + 50; i++) stats.record({ entries: [entry(`inst${i}`, '01')], sealLagMs: 1 });
    const counters = stats.callCounters();
    expect(counters.length).toBe(MAX_SERIES + 1);
    expect(counters.find((c) => c.institution === 'other')?.count).toBe(50);
  });
});
