/**
 * The demo's obligations (issue 12, "Done when"): at first start the demo bank is in good standing — its past
 * semester report accepted through the review case — while a second Kebumen institution is late and warned; the
 * bank files nothing afterwards, so the scheduler ten months later finds it sanctioned. SQLite only: one fresh
 * demo start (the same seeds on both dialects).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness.js';
import { prepare } from '../bootstrap.js';
import { runDue } from '../scheduler/scheduler.js';
import type { Database } from '../db/connect.js';
import { demoBankId } from '../modules/access/fixtures.js';

describe('demo obligations', () => {
  const now = new Date('2026-12-01T03:00:00Z');
  let database: Database;
  let drop: () => Promise<void>;
  let config: Awaited<ReturnType<typeof freshDatabase>>['config'];
  const tick = (at: Date) => runDue({ db: database.db, config, now: () => at }, at, { holder: 'test' });
  const status = async (name: string) =>
    (await database.db.selectFrom('institutions').select('status').where('name', '=', name).executeTakeFirstOrThrow())
      .status;

  beforeAll(async () => {
    const fresh = await freshDatabase('sqlite');
    drop = fresh.drop;
    // Without the usage history (another feature's, slow to seed): the ladder does not read it.
    config = { ...fresh.config, demo: true, demoUsageHistory: false };
    database = (await prepare(config, now)).database;
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('starts with the bank in good standing and one institution late and warned; ten months on the bank is sanctioned', async () => {
    const bankId = (await demoBankId(database.db)) ?? '';
    const bankReports = await database.db
      .selectFrom('usage_reports')
      .select(['semester', 'status', 'case_id'])
      .where('institution_id', '=', bankId)
      .execute();
    expect(bankReports.length).toBeGreaterThan(0);
    expect(bankReports.every((r) => r.status === 'accepted' && r.case_id !== null)).toBe(true);

    // The server's first tick: the late institution is warned; the bank is not touched.
    const first = await tick(now);
    expect(first.find((r) => r.job === 'obligations')?.error).toBeUndefined();
    const steps = await database.db
      .selectFrom('obligation_steps')
      .innerJoin('institutions', 'institutions.id', 'obligation_steps.institution_id')
      .select([
        'institutions.name',
        'obligation_steps.step',
        'obligation_steps.document_id',
        'obligation_steps.obligation_key',
        'obligation_steps.due_date',
      ])
      .execute();
    const late = steps.filter((s) => s.name === 'RSUD dr. Soedirman Kabupaten Kebumen');
    expect(late.find((s) => s.step === 'warning')?.document_id).toBeTruthy();
    expect(steps.filter((s) => s.name === 'PT Bank Nusantara Sejahtera Tbk' && s.step === 'warning')).toEqual([]);
    expect(await status('PT Bank Nusantara Sejahtera Tbk')).toBe('verified');

    // Ten months later, nothing filed: the bank's next report is more than three months overdue.
    const later = new Date(now);
    later.setUTCMonth(later.getUTCMonth() + 10);
    const runs = await tick(later);
    expect(runs.find((r) => r.job === 'obligations')?.error).toBeUndefined();
    expect(await status('PT Bank Nusantara Sejahtera Tbk')).toBe('suspended');
    const sanction = await database.db
      .selectFrom('obligation_sanctions')
      .select(['letter_id', 'lifted_at'])
      .where('institution_id', '=', bankId)
      .executeTakeFirstOrThrow();
    expect(sanction.letter_id).toBeTruthy();
    expect(sanction.lifted_at).toBeNull();
  }, 120_000);
});
