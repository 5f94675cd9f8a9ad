/**
 * Demo data of semester reports and the obligations ladder (issue 12), seeded on a fresh demo's first start after
 * the demo's access. Two stories a newcomer finds at first start:
 *
 * - The demo bank is in good standing: every semester report whose deadline has passed was submitted by its
 *   pimpinan a few days after the semester ended and accepted by Kebumen's kabid through the review case, the way
 *   the web does it. It files nothing afterwards, so a server restarted ten months later (`GERBANG_NOW`) finds the
 *   next report more than three months overdue and the bank suspended.
 * - A second institution of Kebumen, RSUD dr. Soedirman, has a PKS in force for over a year and has not filed its
 *   latest report: the scheduler's first tick (at server start, after every demo seed) finds it late, sends the
 *   warning letter, and — when the deadline is more than three months behind — suspends its access.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { Actor } from '../../domain/authz.js';
import { localDate } from '../../domain/calendar/calendar.js';
import { addDays, dueDateOf, semestersOwed } from '../../domain/reports/semester.js';
import { newId } from '../lib/ids.js';
import { hashPassword } from '../lib/secrets.js';
import { loadActor } from '../modules/directory/actor.repository.js';
import { insertUser } from '../modules/directory/directory.repository.js';
import { calendarFor } from '../modules/calendar/calendar.service.js';
import { dayOffset, demoBankId, insertActivePks } from '../modules/access/fixtures.js';
import { review, submit } from '../modules/reports/reports.service.js';
import '../modules/reports/report.subject.js';
import { DEMO_PASSWORD } from './demo.js';

/** Days after a semester's end the demo institutions submitted their reports. */
const SUBMITTED_AFTER_DAYS = 5;

/** The second institution, with an overdue report. */
const LATE = {
  name: 'RSUD dr. Soedirman Kabupaten Kebumen',
  key: 'rsudkebumen',
  address: 'Jl. Lingkar Selatan, Muktisari, Kebumen',
};

async function actorOf(db: Kysely<DB>, username: string): Promise<Actor> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error(`demo user ${username} is not active`);
  return actor;
}

/** Submits and accepts every report of a PKS whose deadline is before `today`, but the last `leave` of them. */
async function fileReports(
  db: Kysely<DB>,
  config: Config,
  agreementId: string,
  pimpinan: Actor,
  reviewer: Actor,
  leave: number,
  now: Date,
) {
  const a = await db
    .selectFrom('agreements')
    .innerJoin('offices', 'offices.id', 'agreements.office_id')
    .select(['agreements.start_date', 'agreements.end_date', 'agreements.office_id', 'offices.report_deadline_days'])
    .where('agreements.id', '=', agreementId)
    .executeTakeFirstOrThrow();
  if (!a.start_date) return;
  const cal = await calendarFor(db, a.office_id);
  const today = localDate(cal, now);
  const past = semestersOwed({ start: a.start_date, end: a.end_date }, today).filter(
    (s) => dueDateOf(s, a.report_deadline_days) < today,
  );
  for (const s of past.slice(0, Math.max(0, past.length - leave))) {
    // Submitted a few days after the semester's end, reviewed the next day (10:00 WIB).
    const submittedAt = new Date(`${addDays(s.end, SUBMITTED_AFTER_DAYS)}T03:00:00Z`);
    const reviewedAt = new Date(submittedAt.getTime() + 86_400_000);
    await submit({ db, config, now: () => submittedAt }, pimpinan, agreementId, s.key, {
      purposes: 'Verifikasi identitas nasabah pada pembukaan rekening dan pengajuan kredit.',
      services: 'Pembukaan rekening tabungan dan pengajuan kredit usaha rakyat di kantor cabang Kebumen.',
      dataBalikan: 'Data nasabah yang telah diverifikasi dikirim setiap bulan melalui web service.',
      incidents: 'Tidak ada',
      changes: 'Tidak ada',
    });
    await review({ db, config, now: () => reviewedAt }, reviewer, agreementId, s.key, { decision: 'accept' });
  }
}

/** Seeds the feature's demo data. */
export async function seedDemoObligations(db: Kysely<DB>, config: Config, now: Date): Promise<void> {
  const bankId = await demoBankId(db);
  if (!bankId) return;
  const reviewer = await actorOf(db, 'kebumen.kabid');
  const bankPks = await db
    .selectFrom('agreements')
    .select('id')
    .where('institution_id', '=', bankId)
    .where('status', 'in', ['active', 'expiring'])
    .executeTakeFirst();
  if (bankPks) await fileReports(db, config, bankPks.id, await actorOf(db, 'bank.pimpinan'), reviewer, 0, now);

  // The late institution: an OPD of Kebumen with its three demo logins and a PKS in force for 14 months.
  const stamp = now.toISOString();
  const id = newId();
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('institutions')
      .values({
        id,
        name: LATE.name,
        type: 'opd',
        profit_oriented: 0,
        office_id: reviewer.orgId,
        status: 'verified',
        address: LATE.address,
        registered_by: null,
        verified_by: null,
        verified_at: stamp,
        created_at: stamp,
      })
      .execute();
    for (const role of ['pimpinan', 'admin', 'operator'] as const) {
      await insertUser(trx, {
        id: newId(),
        username: `${LATE.key}.${role}`,
        displayName: `${role === 'pimpinan' ? 'Direktur' : role === 'admin' ? 'Admin' : 'Operator'} ${LATE.name}`,
        passwordHash: hash,
        officeId: null,
        institutionId: id,
        roles: [role],
        mustChangePassword: false,
        now: stamp,
      });
    }
  });
  const pks = await insertActivePks(db, {
    institutionId: id,
    elements: ['nik', 'nama_lengkap', 'tanggal_lahir', 'alamat'],
    methods: ['web_service'],
    startDate: dayOffset(now, -425),
    endDate: dayOffset(now, 400),
    now,
  });
  await fileReports(db, config, pks.id, await actorOf(db, `${LATE.key}.pimpinan`), reviewer, 1, now);
}
