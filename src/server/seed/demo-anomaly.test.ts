/**
 * The demo's open anomaly (issue 13, "Done when"): a short enumeration by a second credential of the demo bank,
 * played through the gateway at seed time, leaves that credential suspended with its finding open — never the
 * bank's production credential — and a spare credential for the traffic simulator. SQLite only: one seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness.js';
import type { Database } from '../db/connect.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../modules/access/fixtures.js';
import { AccessRuntime } from '../modules/access/runtime.js';
import { createGrant, recordTrial } from '../modules/access/provisioning/provisioning.service.js';
import { generateInto } from '../modules/access/population/population.service.js';
import { seedDemoAnomaly } from './demo-anomaly.js';

describe('demo anomaly', () => {
  const now = new Date('2026-12-01T03:00:00Z');
  let database: Database;
  let drop: () => Promise<void>;
  let out: Record<string, unknown>;

  beforeAll(async () => {
    const fresh = await freshDatabase('sqlite', 'demo');
    database = fresh.database;
    drop = fresh.drop;
    await generateInto(database.db, fresh.config, { count: 300, seed: 'demo-anomaly' });
    const bankId = (await demoBankId(database.db)) ?? '';
    const pks = await insertActivePks(database.db, {
      institutionId: bankId,
      startDate: dayOffset(now, -30),
      endDate: dayOffset(now, 365),
      now,
    });
    // As the demo's access seed does: production only after a passed trial.
    const rt = new AccessRuntime({ db: database.db, config: fresh.config, now: () => now });
    await rt.init();
    const d = { rt, now: () => now };
    const trial = await createGrant(d, 'system', { clientIp: null }, pks.id, {
      kind: 'web_service',
      environment: 'trial',
      elements: BANK_ELEMENTS,
      ipAllow: ['127.0.0.1/32'],
    });
    await recordTrial(d, 'system', { clientIp: null }, trial.grant.id, true, 'demo');
    await rt.close();
    out = await seedDemoAnomaly(database.db, fresh.config, now);
  }, 120_000);
  afterAll(async () => drop?.());

  it('leaves an open enumeration finding whose credential is suspended, and a spare credential for the simulator', async () => {
    const anomaly = out.anomaly as { findingId: string; rule: string; userId: string };
    expect(anomaly.rule).toBe('enumeration');
    const f = await database.db
      .selectFrom('anomaly_findings')
      .selectAll()
      .where('id', '=', anomaly.findingId)
      .executeTakeFirstOrThrow();
    expect(f.status).toBe('open');
    expect(f.severity).toBe('high');
    expect(f.evidence).not.toMatch(/\d{16}/);
    expect(Date.parse(f.suspended_at ?? '') - Date.parse(f.window_start)).toBeLessThan(60_000);
    const grants = await database.db.selectFrom('access_grants').select(['id', 'user_id', 'status']).execute();
    const byUser = new Map(grants.map((g) => [g.user_id, g]));
    expect(byUser.get('bns-analitik')?.status).toBe('suspended');
    expect(f.subject_id).toBe(byUser.get('bns-analitik')?.id);
    expect(byUser.get('bns-simulasi')?.status).toBe('active');
    expect((out.traffic as { userId: string }).userId).toBe('bns-simulasi');
    // The only finding: the spare and any other credential untouched.
    expect(await database.db.selectFrom('anomaly_findings').select('id').execute()).toHaveLength(1);
  });
});
