/**
 * The anomaly detector over the real pipeline (app.inject): an enumeration through the compatible web service is
 * suspended within 60 s of its first call (on the recorded instants) and the credential's next call is refused;
 * the finding carries aggregates only (no NIK); a device and an operator are suspended and settled (resumed,
 * revoked) with the contract's functions; two detectors over one database raise one finding, not two.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, type Session, type TestContext } from '../../../../test/harness.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../access/fixtures.js';
import { generateInto } from '../access/population/population.service.js';
import { signRead } from '../access/reader/signing.js';
import { openDatabase } from '../../bootstrap.js';
import { accessChanged } from '../access/runtime/access-changes.js';
import { AnomalyDetector } from './detector.js';
import { settleSubject, suspendSubject, type FindingSubject } from './subjects.js';
import { withSerial } from '../../../domain/traffic/scenarios.js';

interface Cred {
  id: string;
  customerId: string;
  userId: string;
  secret: string;
}

describe.each(DIALECTS)('the anomaly detector on %s', (kind) => {
  let t: TestContext;
  let pks: string;
  let niks: string[];
  const sessions = new Map<string, Session>();
  const as = async (username: string) => {
    let s = sessions.get(username);
    if (!s) sessions.set(username, (s = await login(t.app, username)));
    return s;
  };
  const provision = async (input: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pks}/grants`,
      headers: (await as('kebumen.kasi')).headers,
      payload: { environment: 'trial', elements: BANK_ELEMENTS, ipAllow: ['127.0.0.0/8', '::1'], ...input },
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    return { id: b.grant.id, customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };
  };
  const callNik = async (c: Cred, nik: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${c.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: c.userId, password: c.secret, ip_user: '10.0.0.9' },
      remoteAddress: '127.0.0.1',
    });
    const r = res.json() as { content: Record<string, string>[] };
    return r.content[0]?.RESPONSE_CODE ?? '01';
  };
  /** An enumeration: serials of one region and birth date walked, one call every 200 ms (the app's clock). */
  const enumerate = async (c: Cred, calls: number) => {
    const start = t.clock.now.getTime();
    for (let i = 0; i < calls; i++) {
      t.clock.now = new Date(start + i * 200);
      await callNik(c, withSerial(niks[0] ?? '', 9000 + i));
    }
    return start;
  };
  const findingsOf = (subjectId: string) =>
    t.database.db.selectFrom('anomaly_findings').selectAll().where('subject_id', '=', subjectId).execute();
  const statusOf = async (table: 'access_grants' | 'access_devices' | 'access_operators', id: string) =>
    (await t.database.db.selectFrom(table).select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  /** Decisions on the record (sealed, or waiting in the outbox): action and detail. */
  const decisions = async () => {
    const sealed = await t.database.db.selectFrom('audit_entries').select(['action', 'detail']).execute();
    const pending = (await t.database.db.selectFrom('audit_pending').select('entry').execute()).map(
      (r) => JSON.parse(r.entry) as { action: string; detail: unknown },
    );
    return [
      ...sealed.map((r) => ({ action: r.action, detail: r.detail ?? '' })),
      ...pending.map((p) => ({ action: p.action, detail: JSON.stringify(p.detail) })),
    ];
  };
  const inTrx = async <T>(work: (trx: Parameters<typeof suspendSubject>[0]) => Promise<T>) => {
    const out = await t.database.db.transaction().execute(work);
    accessChanged();
    return out;
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 60, seed: 'anomaly', population: 'sandbox' });
    niks = (
      await t.database.db
        .selectFrom('residents_sandbox')
        .select('nik')
        .where('alive', '=', 1)
        .where('active', '=', 1)
        .orderBy('nik')
        .limit(5)
        .execute()
    ).map((r) => r.nik);
    const bankId = (await demoBankId(t.database.db)) ?? '';
    const period = { startDate: dayOffset(t.clock.now, -30), endDate: dayOffset(t.clock.now, 365), now: t.clock.now };
    pks = (await insertActivePks(t.database.db, { institutionId: bankId, ...period })).id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('suspends an enumeration within 60 s of its first call; the next call is refused; the evidence has no NIK', async () => {
    const cred = await provision({ kind: 'web_service', dailyQuota: 10_000 });
    expect(await callNik(cred, niks[1] ?? '')).toBe('01');
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const start = await enumerate(cred, 30);
    // The follower's next look, two seconds on.
    t.clock.now = new Date(t.clock.now.getTime() + 2000);
    await t.app.anomalyDetector.catchUp();
    const [f, ...more] = await findingsOf(cred.id);
    expect(more).toEqual([]);
    expect(f?.rule).toBe('enumeration');
    expect(f?.severity).toBe('high');
    expect(f?.status).toBe('open');
    expect(f?.subject_kind).toBe('grant');
    // The window covers the behaviour from its first call (and the honest lookup a minute before it).
    expect(Date.parse(f?.window_start ?? '')).toBeLessThanOrEqual(start);
    expect(Date.parse(f?.suspended_at ?? '') - start).toBeLessThan(60_000);
    expect(await statusOf('access_grants', cred.id)).toBe('suspended');
    // Revocation bites on the next request: 17 (User Tidak Aktif).
    expect(await callNik(cred, niks[1] ?? '')).toBe('17');
    const evidence = f?.evidence ?? '';
    expect(evidence).not.toMatch(/\d{16}/);
    expect(JSON.parse(evidence)).toMatchObject({ distinctNiks: expect.any(Number), notFoundPct: expect.any(Number) });
    // The suspension and the finding are on the signed record.
    const recorded = (await decisions()).filter((d) => d.detail.includes(f?.id ?? '-'));
    expect(recorded.map((d) => d.action)).toEqual(expect.arrayContaining(['anomaly.finding', 'grant.suspend']));
    // The review task is in the office's Kotak Masuk: a case on its anomaly-review SOP for this finding.
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/inbox',
      headers: (await as('kebumen.kabid')).headers,
    });
    const tasks = (inbox.json() as { caseId: string; sopCode: string }[]).filter(
      (i) => i.sopCode === 'tinjauan-anomali',
    );
    expect(tasks.map((x) => x.caseId)).toContain(f?.case_id);
    // Read again: nothing twice.
    await t.app.anomalyDetector.catchUp();
    expect(await findingsOf(cred.id)).toHaveLength(1);
  });

  it('two detectors over one database raise one finding, not two', async () => {
    const cred = await provision({ kind: 'web_service', dailyQuota: 10_000 });
    t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
    await enumerate(cred, 30);
    const other = openDatabase(t.config);
    try {
      const a = new AnomalyDetector(t.database.db, () => t.clock.now);
      const b = new AnomalyDetector(other.db, () => t.clock.now);
      await Promise.all([a.catchUp(), b.catchUp()]);
      expect(a.raised.length + b.raised.length).toBeGreaterThanOrEqual(1);
      const rows = await findingsOf(cred.id);
      expect(rows.map((r) => r.rule)).toEqual(['enumeration']);
      // The suspension is idempotent: one decision, whoever won.
      const suspensions = (await decisions()).filter((d) => d.action === 'grant.suspend' && d.detail.includes(cred.id));
      expect(suspensions).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('suspends and settles a card-reader device and a portal operator', async () => {
    const reader = await provision({ kind: 'card_reader', elements: ['nik', 'nama_lengkap'] });
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const dev = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${reader.id}/devices`,
      headers: (await as('kebumen.kasi')).headers,
      payload: { serial: 'SN-ANOM', pcid: 'PCIDANOM', publicKey: publicKey.export({ type: 'spki', format: 'pem' }) },
    });
    expect(dev.statusCode, dev.body).toBe(201);
    const deviceId = (dev.json() as { id: string }).id;
    const read = async () =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/reader/read',
          payload: signRead(
            {
              deviceId,
              nik: niks[2] ?? '',
              fingerprintMatch: true,
              timestamp: t.clock.now.toISOString(),
              nonce: crypto.randomBytes(8).toString('hex'),
            },
            privateKey,
          ),
        })
      ).statusCode;
    expect(await read()).toBe(200);
    const device: FindingSubject = { kind: 'device', id: deviceId };
    const reviewer = { kind: 'system' as const };
    expect(await inTrx((trx) => suspendSubject(trx, t.clock.now, device, 'F-DEV'))).toBe(true);
    expect(await inTrx((trx) => suspendSubject(trx, t.clock.now, device, 'F-DEV'))).toBe(false);
    expect(await statusOf('access_devices', deviceId)).toBe('suspended');
    expect(await read()).not.toBe(200);
    await inTrx((trx) => settleSubject(trx, t.clock.now, reviewer, device, 'F-DEV', 'resumed'));
    expect(await statusOf('access_devices', deviceId)).toBe('active');
    expect(await read()).toBe(200);
    await inTrx((trx) => suspendSubject(trx, t.clock.now, device, 'F-DEV2'));
    await inTrx((trx) => settleSubject(trx, t.clock.now, reviewer, device, 'F-DEV2', 'revoked'));
    expect(await statusOf('access_devices', deviceId)).toBe('revoked');
    expect(await read()).not.toBe(200);

    const portal = await provision({ kind: 'web_portal', elements: ['nik', 'nama_lengkap'] });
    const userId = (
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
      payload: { userId },
    });
    expect(add.statusCode, add.body).toBe(201);
    const operatorId = (add.json() as { id: string }).id;
    const op = await as('bank.operator');
    const lookup = async () =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/portal/lookup',
          headers: op.headers,
          payload: { nik: niks[3] },
        })
      ).statusCode;
    expect(await lookup()).toBe(200);
    const operator: FindingSubject = { kind: 'operator', id: operatorId };
    expect(await inTrx((trx) => suspendSubject(trx, t.clock.now, operator, 'F-OP'))).toBe(true);
    expect(await statusOf('access_operators', operatorId)).toBe('suspended');
    expect(await lookup()).toBe(403);
    await inTrx((trx) => settleSubject(trx, t.clock.now, reviewer, operator, 'F-OP', 'resumed'));
    expect(await lookup()).toBe(200);
    await inTrx((trx) => suspendSubject(trx, t.clock.now, operator, 'F-OP2'));
    await inTrx((trx) => settleSubject(trx, t.clock.now, reviewer, operator, 'F-OP2', 'revoked'));
    expect(await statusOf('access_operators', operatorId)).toBe('revoked');
    expect(await lookup()).toBe(403);
    const onRecord = (await decisions()).filter((d) => d.detail.includes('F-OP')).map((d) => d.action);
    expect(onRecord.sort()).toEqual(['operator.remove', 'operator.resume', 'operator.suspend', 'operator.suspend']);
  });
});
