/**
 * Issue 12 attack tests (independent security review): each test reproduced one defect of the obligations ladder
 * found by reading the change, failed on that code, and holds the fix.
 *
 * 1. The ladder lifts its sanction when the PKS whose report is overdue is terminated: the overdue report simply
 *    stops being owed (reportingAgreements excludes `terminated`), so the institution is reactivated with a
 *    numbered letter that says the overdue obligations were fulfilled, though nothing was filed.
 * 2. The ladder lifts a suspension the office imposed: while the ladder's sanction is open the office reactivates
 *    the institution by hand, then suspends it again for its own reason (misuse); when the overdue report is
 *    accepted the ladder flips `suspended` → `verified`, undoing the office's decision.
 * 3. After the office lifts a ladder sanction by hand (a grace period), the ladder's sanction row stays open and
 *    institutionStep() does nothing while one is open: the institution is never sanctioned again, however many
 *    later reports it leaves more than three months overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, type Session, type TestContext } from '../../../test/harness.js';
import { runDue } from '../scheduler/scheduler.js';
import { insertActivePks } from './access/fixtures.js';

const CONTENT = {
  purposes: 'Verifikasi identitas penerima bantuan sosial.',
  services: '1.250 penerima bantuan diverifikasi.',
  dataBalikan: 'Tidak ada kewajiban data balikan.',
  incidents: 'Tidak ada',
  changes: 'Tidak ada',
};

/** A demo app whose clock the test moves, with re-login after each move and one scheduler tick helper. */
function ladderHarness() {
  const h = {
    t: undefined as unknown as TestContext,
    sessions: {} as Record<string, Session>,
    async as(u: string) {
      return (h.sessions[u] ??= await login(h.t.app, u));
    },
    async call(u: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
      return h.t.app.inject({ method, url, headers: (await h.as(u)).headers, ...(payload ? { payload } : {}) });
    },
    at(date: string) {
      h.t.clock.now = new Date(`${date}T03:00:00Z`);
      h.sessions = {};
    },
    async tick() {
      const runs = await runDue({ db: h.t.database.db, config: h.t.config, now: () => h.t.clock.now }, h.t.clock.now, {
        holder: 'attack',
      });
      expect(runs.find((r) => r.job === 'obligations')?.error).toBeUndefined();
    },
    async institutionId(name: string) {
      return (
        await h.t.database.db.selectFrom('institutions').select('id').where('name', '=', name).executeTakeFirstOrThrow()
      ).id;
    },
    async status(id: string) {
      return (
        await h.t.database.db.selectFrom('institutions').select('status').where('id', '=', id).executeTakeFirstOrThrow()
      ).status;
    },
    async openSanctions(id: string) {
      return (
        await h.t.database.db
          .selectFrom('obligation_sanctions')
          .select(['id', 'lifted_at'])
          .where('institution_id', '=', id)
          .execute()
      ).filter((s) => s.lifted_at === null).length;
    },
  };
  return h;
}

describe.each(DIALECTS)('issue 12 attack: the ladder on %s', (kind) => {
  const h = ladderHarness();
  beforeAll(async () => {
    h.t = await demoApp(kind);
  }, 120_000);
  afterAll(async () => h.t?.close());

  it('keeps a sanctioned institution suspended when the office terminates the PKS whose report is overdue (nothing was filed)', async () => {
    const inst = await h.institutionId('Dinas Sosial Kabupaten Kebumen');
    h.at('2026-06-20');
    const overduePks = (
      await insertActivePks(h.t.database.db, {
        institutionId: inst,
        startDate: '2026-03-01',
        endDate: '2027-12-31',
        now: h.t.clock.now,
      })
    ).id;
    // More than three months after the 2026-1 report's deadline (30 July): warned and suspended by the ladder.
    h.at('2026-11-01');
    await h.tick();
    expect(await h.status(inst)).toBe('suspended');
    expect(await h.openSanctions(inst)).toBe(1);

    // The office ends the PKS (e.g. for the very breach): the report for January–June 2026 is still unfiled.
    const ended = await h.call('kebumen.kadis', 'POST', `/api/agreements/${overduePks}/terminate`, {
      reason: 'Kewajiban pelaporan tidak dipenuhi.',
    });
    expect(ended.statusCode, ended.body).toBe(200);

    h.at('2026-11-02');
    await h.tick();
    // Defect: the obligation vanished with the PKS, so the ladder "reactivated" the institution with a letter
    // saying the overdue obligations were fulfilled (scheduler/jobs/obligations.ts reactivate).
    const letters = await h.t.database.db
      .selectFrom('documents')
      .select('kind')
      .where('institution_id', '=', inst)
      .where('kind', '=', 'reactivation_letter')
      .execute();
    expect({
      status: await h.status(inst),
      openSanctions: await h.openSanctions(inst),
      letters: letters.length,
    }).toEqual({ status: 'suspended', openSanctions: 1, letters: 0 });
  }, 120_000);
});

describe.each(DIALECTS)('issue 12 attack: an office suspension on %s', (kind) => {
  const h = ladderHarness();
  beforeAll(async () => {
    h.t = await demoApp(kind);
  }, 120_000);
  afterAll(async () => h.t?.close());

  it('never lifts a suspension the office imposed after its own, when the overdue report is later accepted', async () => {
    const inst = await h.institutionId('Dinas Sosial Kabupaten Kebumen');
    h.at('2026-06-20');
    const pks = (
      await insertActivePks(h.t.database.db, {
        institutionId: inst,
        startDate: '2026-03-01',
        endDate: '2027-12-31',
        now: h.t.clock.now,
      })
    ).id;
    h.at('2026-11-01');
    await h.tick();
    expect(await h.status(inst)).toBe('suspended');

    // The office gives the institution a grace period by hand, then suspends it for its own reason (misuse).
    const grace = await h.call('kebumen.kabid', 'POST', `/api/institutions/${inst}/verify`, {
      approve: true,
      note: 'Diberi kesempatan menyusun laporan.',
    });
    expect(grace.statusCode, grace.body).toBe(200);
    const misuse = await h.call('kebumen.kabid', 'POST', `/api/institutions/${inst}/verify`, {
      approve: false,
      note: 'Dihentikan: data dibagikan kepada pihak ketiga (penyalahgunaan).',
    });
    expect(misuse.statusCode, misuse.body).toBe(200);
    expect(await h.status(inst)).toBe('suspended');

    // The institution files its overdue report and the office accepts it.
    h.at('2026-11-03');
    const submitted = await h.call('dinsos.pimpinan', 'POST', `/api/reports/${pks}/2026-1/submit`, CONTENT);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const accepted = await h.call('kebumen.kabid', 'POST', `/api/reports/${pks}/2026-1/review`, {
      decision: 'accept',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await h.tick();
    // Defect: the ladder's reactivate() sets suspended → verified whoever suspended last, undoing the office's
    // misuse suspension (scheduler/jobs/obligations.ts, setInstitutionStatusIf 'suspended' → 'verified').
    expect(await h.status(inst)).toBe('suspended');
  }, 120_000);
});

describe.each(DIALECTS)('issue 12 attack: a grace period that switches the ladder off on %s', (kind) => {
  const h = ladderHarness();
  beforeAll(async () => {
    h.t = await demoApp(kind);
  }, 120_000);
  afterAll(async () => h.t?.close());

  it('suspends again for a later report more than three months overdue after the office lifted the first sanction by hand', async () => {
    const inst = await h.institutionId('Dinas Sosial Kabupaten Kebumen');
    h.at('2026-06-20');
    await insertActivePks(h.t.database.db, {
      institutionId: inst,
      startDate: '2026-03-01',
      endDate: '2027-12-31',
      now: h.t.clock.now,
    });
    // 2026-1 report more than three months late: sanctioned by the ladder.
    h.at('2026-11-01');
    await h.tick();
    expect(await h.status(inst)).toBe('suspended');
    // The office gives a grace period by hand (status verified; the ladder's sanction stays open).
    const grace = await h.call('kebumen.kabid', 'POST', `/api/institutions/${inst}/verify`, {
      approve: true,
      note: 'Diberi kesempatan menyusun laporan.',
    });
    expect(grace.statusCode, grace.body).toBe(200);
    // The institution files nothing at all. Its 2026-2 report (due 30 January 2027) is more than three months
    // late on 1 May 2027, on top of the 2026-1 one.
    h.at('2027-05-01');
    await h.tick();
    h.at('2027-05-02');
    await h.tick();
    // Defect: institutionStep() returns nothing while a ladder sanction is open, whatever the status, so after
    // one manual reactivation the ladder never sanctions this institution again (domain/reports/ladder.ts).
    expect(await h.status(inst)).toBe('suspended');
  }, 120_000);
});
