/**
 * The PKS lifecycle runs on a scheduler, never on reads (issue 11, "A scheduler, not lazy reads"), tried as a
 * client and an auditor would: GETs of an agreement past its end date change nothing; one scheduler tick expires
 * it at the office's local midnight, records the 90/30-day notices and every change as a decision; a PKS whose
 * period is over cannot be activated; a PKS starting in the future is scheduled, takes no grants, and comes into
 * force on its start date; only the holder of a job's lease runs it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  seededAgreement,
  type Session,
  type TestContext,
} from '../../../test/harness.js';
import { runDue, Scheduler } from './scheduler.js';
import { takeLease } from './scheduler.repository.js';

const follow = vi.hoisted(() => ({ calls: [] as [string, string][] }));
vi.mock('../modules/access/provisioning/follow-pks.js', async (original) => {
  const real = await original<typeof import('../modules/access/provisioning/follow-pks.js')>();
  return {
    ...real,
    followPks: async (...args: Parameters<typeof real.followPks>) => {
      follow.calls.push([args[2], args[3]]);
      return real.followPks(...args);
    },
  };
});

describe.each(DIALECTS)('PKS lifecycle on the scheduler on %s', (kind) => {
  let t: TestContext;
  const s: Record<string, Session> = {};
  const as = async (u: string) => (s[u] ??= await login(t.app, u));
  const call = async (u: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: (await as(u)).headers, ...(payload ? { payload } : {}) });
  const orgOf = (u: string) => t.users.find((x) => x.username === u)?.organisation.id ?? '';
  const deps = () => ({ db: t.database.db, config: t.config, now: () => t.clock.now });
  const tick = (at: Date, holder = 'test') => runDue(deps(), at, { holder });
  const row = (id: string) =>
    t.database.db.selectFrom('agreements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Decision entries about an agreement, committed (sealed or still pending). */
  const decisions = async (pksId: string) => {
    const sealed = await t.database.db
      .selectFrom('audit_entries')
      .select(['action', 'actor_kind', 'detail'])
      .where('pks_id', '=', pksId)
      .execute();
    const pending = (await t.database.db.selectFrom('audit_pending').select('entry').execute())
      .map((p) => JSON.parse(p.entry) as { action: string; actor: { kind: string }; pksId: string; detail: object })
      .filter((e) => e.pksId === pksId)
      .map((e) => ({ action: e.action, actor_kind: e.actor.kind, detail: JSON.stringify(e.detail) }));
    return [...sealed, ...pending];
  };
  /** Everything a GET could have written to. */
  const snapshot = async () => ({
    agreements: await t.database.db.selectFrom('agreements').selectAll().orderBy('id').execute(),
    pending: await t.database.db.selectFrom('audit_pending').select('id').orderBy('id').execute(),
    entries: (await t.database.db.selectFrom('audit_entries').select('seq').execute()).length,
  });
  /** A draft PKS of RSUD Padang Pariaman taken through approval and both signatures (outside a case). */
  const signedPks = async () => {
    const { agreementId } = await seededAgreement(t, {
      institutionId: orgOf('rsudpp.admin'),
      officeId: orgOf('padangpariaman.admin'),
      status: 'draft',
    });
    for (const [u, path] of [
      ['padangpariaman.kabid', 'submit'],
      ['pusat.dirjen', 'approve'],
      ['padangpariaman.kadis', 'sign'],
      ['rsudpp.pimpinan', 'sign'],
    ] as const) {
      const res = await call(u, 'POST', `/api/agreements/${agreementId}/${path}`, {});
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
    }
    expect((await row(agreementId)).status).toBe('signed');
    return agreementId;
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    t.clock.now = new Date('2026-03-02T02:00:00Z');
  });
  afterAll(async () => t.close());

  it('GETs of an agreement past its end date write nothing; the scheduler tick expires it', async () => {
    const { agreementId } = await seededAgreement(t, {
      institutionId: orgOf('rsudpp.admin'),
      officeId: orgOf('padangpariaman.admin'),
      startDate: '2025-03-01',
      endDate: '2026-02-28',
    });
    await as('padangpariaman.kabid'); // the login is a decision of its own, before the snapshot
    const before = await snapshot();
    for (const url of ['/api/register', `/api/agreements/${agreementId}`, '/api/agreements']) {
      const res = await call('padangpariaman.kabid', 'GET', url);
      expect(res.statusCode, url).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/register' })).statusCode).toBe(200);
    expect(await snapshot()).toEqual(before);
    expect((await row(agreementId)).status).toBe('active');

    follow.calls.length = 0;
    await tick(t.clock.now);
    expect((await row(agreementId)).status).toBe('expired');
    expect(follow.calls).toContainEqual([agreementId, 'expired']);
    expect(await decisions(agreementId)).toContainEqual(
      expect.objectContaining({ action: 'pks.expired', actor_kind: 'system' }),
    );
    const register = (await t.app.inject({ method: 'GET', url: '/api/register' })).json() as { number: string }[];
    expect(register.map((r) => r.number)).not.toContain((await row(agreementId)).number);
  });

  it('sends the 90- and 30-day notices once each, as decisions, and marks the PKS expiring', async () => {
    const { agreementId } = await seededAgreement(t, {
      institutionId: orgOf('rsudpp.admin'),
      officeId: orgOf('padangpariaman.admin'),
      startDate: '2025-06-01',
      endDate: '2026-05-01', // 60 days after 2026-03-02
    });
    await tick(t.clock.now);
    expect((await row(agreementId)).status).toBe('expiring');
    expect(JSON.parse((await row(agreementId)).notices)).toEqual(['90']);
    await tick(t.clock.now);
    await tick(new Date('2026-03-20T02:00:00Z'));
    const notices = (await decisions(agreementId)).filter((d) => d.action === 'pks.expiry_notice');
    expect(notices).toHaveLength(1);
    await tick(new Date('2026-04-05T02:00:00Z')); // 26 days left
    expect(JSON.parse((await row(agreementId)).notices)).toEqual(['90', '30']);
    expect((await decisions(agreementId)).filter((d) => d.action === 'pks.expiry_notice')).toHaveLength(2);
    expect(await decisions(agreementId)).toContainEqual(
      expect.objectContaining({ action: 'pks.expiring', actor_kind: 'system' }),
    );
  });

  it("expires at the office's local midnight, not the server's", async () => {
    // Padang Pariaman moved to WIT (UTC+9) for this test; Kebumen stays on WIB (UTC+7).
    await t.database.db
      .updateTable('offices')
      .set({ timezone: 'Asia/Jayapura' })
      .where('id', '=', orgOf('padangpariaman.admin'))
      .execute();
    try {
      const east = await seededAgreement(t, {
        institutionId: orgOf('rsudpp.admin'),
        officeId: orgOf('padangpariaman.admin'),
        startDate: '2025-04-01',
        endDate: '2026-03-31',
      });
      const west = await seededAgreement(t, {
        institutionId: orgOf('bank.admin'),
        officeId: orgOf('kebumen.admin'),
        startDate: '2025-04-01',
        endDate: '2026-03-31',
      });
      // 2026-03-31T16:30Z is 23:30 on the 31st in WIB and 01:30 on 1 April in WIT.
      await tick(new Date('2026-03-31T16:30:00Z'));
      expect((await row(east.agreementId)).status).toBe('expired');
      expect((await row(west.agreementId)).status).toBe('expiring');
      await tick(new Date('2026-03-31T17:00:00Z'));
      expect((await row(west.agreementId)).status).toBe('expired');
    } finally {
      await t.database.db
        .updateTable('offices')
        .set({ timezone: 'Asia/Jakarta' })
        .where('id', '=', orgOf('padangpariaman.admin'))
        .execute();
    }
  });

  it('refuses to activate a PKS whose whole period is already over', async () => {
    const agreementId = await signedPks();
    const res = await call('padangpariaman.kabid', 'POST', `/api/agreements/${agreementId}/activate`, {
      startDate: '2024-01-01', // 12 months: ended 2024-12-31
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(problem(res).code).toBe('pks_period_over');
    expect(problem(res).message.id).toMatch(/berakhir/);
    expect((await row(agreementId)).status).toBe('signed');
    const grant = await call('padangpariaman.kabid', 'POST', `/api/access/agreements/${agreementId}/grants`, {
      kind: 'web_service',
      environment: 'trial',
      elements: ['nik', 'nama_lengkap'],
      ipAllow: ['127.0.0.1'],
    });
    expect(grant.statusCode, grant.body).toBe(409);
    expect(problem(grant).code).toBe('pks_not_in_force');
  });

  it('schedules a PKS starting in the future: not active, no grants, in force on its start date', async () => {
    const agreementId = await signedPks();
    const res = await call('padangpariaman.kabid', 'POST', `/api/agreements/${agreementId}/activate`, {
      startDate: '2026-04-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('scheduled');
    const view = (await call('rsudpp.pimpinan', 'GET', `/api/agreements/${agreementId}`)).json();
    expect(view.status).toBe('scheduled');
    expect([view.startDate, view.endDate]).toEqual(['2026-04-01', '2027-03-31']);
    const juknis = await call('padangpariaman.kabid', 'POST', `/api/agreements/${agreementId}/approve-juknis`, {});
    expect(juknis.statusCode, juknis.body).toBe(200);
    const grant = await call('padangpariaman.kabid', 'POST', `/api/access/agreements/${agreementId}/grants`, {
      kind: 'web_service',
      environment: 'trial',
      elements: ['nik', 'nama_lengkap'],
      ipAllow: ['127.0.0.1'],
    });
    expect(grant.statusCode, grant.body).toBe(409);
    expect(problem(grant).code).toBe('pks_not_in_force');
    const register = (await t.app.inject({ method: 'GET', url: '/api/register' })).json() as {
      number: string;
      status: string;
    }[];
    expect(register.find((r) => r.number === view.number)?.status).toBe('scheduled');

    follow.calls.length = 0;
    await tick(new Date('2026-03-31T16:00:00Z')); // 23:00 on 31 March in WIB: not yet
    expect((await row(agreementId)).status).toBe('scheduled');
    expect(follow.calls).not.toContainEqual([agreementId, 'in_force']);
    await tick(new Date('2026-03-31T17:00:00Z')); // 00:00 on 1 April in WIB
    expect((await row(agreementId)).status).toBe('active');
    expect(follow.calls).toContainEqual([agreementId, 'in_force']);
    expect(await decisions(agreementId)).toContainEqual(
      expect.objectContaining({ action: 'pks.in_force', actor_kind: 'system' }),
    );
  });

  it('runs the after-tick work (sealing its decisions) only after a tick that changed something', async () => {
    const { agreementId } = await seededAgreement(t, {
      institutionId: orgOf('rsudpp.admin'),
      officeId: orgOf('padangpariaman.admin'),
      startDate: '2025-02-01',
      endDate: '2026-01-31',
    });
    const scheduler = new Scheduler(deps());
    let after = 0;
    scheduler.afterRun(async () => {
      after += 1;
    });
    await scheduler.runDue(t.clock.now);
    expect((await row(agreementId)).status).toBe('expired');
    expect(after).toBe(1);
    await scheduler.runDue(t.clock.now);
    expect(after).toBe(1);
    await scheduler.stop();
  });

  it('runs a job only under its lease: a second holder waits until the lease expires', async () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(await takeLease(t.database.db, 'test-job', 'a', at, 60_000)).toBe(true);
    expect(await takeLease(t.database.db, 'test-job', 'b', at, 60_000)).toBe(false);
    expect(await takeLease(t.database.db, 'test-job', 'a', at, 60_000)).toBe(true);
    expect(await takeLease(t.database.db, 'test-job', 'b', new Date(at.getTime() + 61_000), 60_000)).toBe(true);
    expect(await takeLease(t.database.db, 'test-job', 'a', new Date(at.getTime() + 62_000), 60_000)).toBe(false);

    // While another process holds the lifecycle lease, this one changes nothing.
    const { agreementId } = await seededAgreement(t, {
      institutionId: orgOf('rsudpp.admin'),
      officeId: orgOf('padangpariaman.admin'),
      startDate: '2025-01-01',
      endDate: '2025-12-31',
    });
    expect(await takeLease(t.database.db, 'pks-lifecycle', 'other-process', t.clock.now, 300_000)).toBe(true);
    const runs = await tick(t.clock.now, 'this-process');
    expect(runs.find((r) => r.job === 'pks-lifecycle')?.ran).toBe(false);
    expect((await row(agreementId)).status).toBe('active');
    await tick(new Date(t.clock.now.getTime() + 301_000), 'this-process');
    expect((await row(agreementId)).status).toBe('expired');
  });
});
