/**
 * Issue 13 demo data: a FINISHED control campaign of Kebumen over the demo bank and RSUD dr. Soedirman (the late
 * institution of demo-obligations.ts), run the way the web runs it, on the shipped control SOP published on first
 * use: opened by the Kabid three weeks ago over the quarter before, data dukung frozen from the demo's usage
 * history and obligations, both checklists filled with an evidence file, two findings for the bank — one
 * follow-up answered and accepted, one still owed (due in three weeks) — and the report routed up through the
 * Kadis and the Bupati to the Dirjen. Deterministic given `now`.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { Actor } from '../../domain/authz.js';
import { addDays } from '../../domain/reports/semester.js';
import { localDate } from '../../domain/calendar/calendar.js';
import { loadActor } from '../modules/directory/actor.repository.js';
import { calendarFor } from '../modules/calendar/calendar.service.js';
import { completeTask } from '../modules/cases/case.service.js';
import { renderRecordPdf } from '../modules/documents/record-pdf.js';
import { upload } from '../modules/files/files.service.js';
import { CHECKLIST_ITEMS, type Checklist } from '../../domain/campaigns/checklist.js';
import * as campaigns from '../modules/campaigns/campaigns.service.js';
import '../modules/campaigns/campaign.subject.js';

const DAY = 86_400_000;
/** The demo campaign's title (demo.json names it). */
export const DEMO_CAMPAIGN_TITLE = 'Pengendalian dan pengamanan triwulan lalu';

async function actorOf(db: Kysely<DB>, username: string): Promise<Actor | undefined> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return user ? await loadActor(db, user.id) : undefined;
}

async function institutionNamed(db: Kysely<DB>, name: string) {
  return (await db.selectFrom('institutions').select('id').where('name', '=', name).executeTakeFirst())?.id;
}

/** Seeds the finished campaign; returns `{ campaign: { id, title } }` for demo.json (empty when the demo lacks its people). */
export async function seedDemoCampaign(db: Kysely<DB>, config: Config, now: Date): Promise<Record<string, unknown>> {
  const bank = await institutionNamed(db, 'PT Bank Nusantara Sejahtera Tbk');
  const other =
    (await institutionNamed(db, 'RSUD dr. Soedirman Kabupaten Kebumen')) ??
    (await institutionNamed(db, 'Dinas Sosial Kabupaten Kebumen'));
  const names = ['kebumen.kabid', 'kebumen.staf', 'kebumen.kasi', 'kebumen.kadis', 'kebumen.bupati', 'pusat.dirjen'];
  const people = await Promise.all([...names, 'bank.pimpinan'].map((u) => actorOf(db, u)));
  const [kabid, staf, kasi, kadis, bupati, dirjen, pimpinan] = people;
  if (!bank || !other || !kabid || !staf || !kasi || !kadis || !bupati || !dirjen || !pimpinan) return {};
  const at = (daysAgo: number, hour = 3) => new Date(now.getTime() - daysAgo * DAY + (hour - 3) * 3_600_000);
  const deps = (t: Date) => ({ db, config, now: () => t });
  const cal = await calendarFor(db, kabid.orgId);
  const day = (daysAgo: number) => localDate(cal, at(daysAgo));

  const opened = await campaigns.openCampaign(deps(at(21)), kabid, {
    title: DEMO_CAMPAIGN_TITLE,
    periodStart: day(112),
    periodEnd: day(22),
    institutionIds: [bank, other],
  });
  const id = opened.id;
  const step = async (who: Actor, t: Date, comment?: string) => {
    const task = await db
      .selectFrom('tasks')
      .select('id')
      .where('case_id', '=', opened.caseId)
      .where('status', '=', 'open')
      .where('assignee_org_id', '=', who.orgId)
      .where((eb) => eb.or(who.roles.map((r) => eb('role_code', '=', r))))
      .executeTakeFirstOrThrow();
    await completeTask(deps(t), who, task.id, comment ? { comment } : {});
  };
  await step(kabid, at(21, 4), 'Laksanakan pengendalian atas Bank Nusantara Sejahtera dan RSUD dr. Soedirman.');
  await step(staf, at(20), 'Data dukung dari Gerbang diperiksa.');

  // The visit: both checklists, an evidence file, two findings for the bank.
  const visit = at(17);
  const answers = (gaps: Partial<Record<(typeof CHECKLIST_ITEMS)[number], string>>): Checklist =>
    Object.fromEntries(
      CHECKLIST_ITEMS.map((i) => [
        i,
        gaps[i] ? { answer: 'partial' as const, note: gaps[i] } : { answer: 'yes' as const, note: 'Sesuai.' },
      ]),
    );
  await campaigns.saveChecklist(
    deps(visit),
    kasi,
    id,
    bank,
    answers({
      operators: 'Dua operator memakai satu akun portal bersama.',
      network: 'Pernyataan jaringan tertutup belum ditandatangani.',
    }),
  );
  await campaigns.saveChecklist(deps(visit), kasi, id, other, answers({}));
  const evidence = await renderRecordPdf({
    issuer: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen',
    title: 'Berita Acara Kunjungan Pengendalian',
    subtitle: 'PT Bank Nusantara Sejahtera Tbk, kantor cabang Kebumen',
    rows: [
      ['Ruang server', 'Terkunci; akses tercatat'],
      ['Card reader', 'Dua unit terpasang di meja layanan'],
    ],
    footer: 'Bukti kunjungan (data demo).',
    createdAt: visit,
  });
  const file = await upload(deps(visit), kasi, evidence, 'berita-acara-kunjungan.pdf');
  await campaigns.addEvidence(deps(visit), kasi, id, bank, { fileId: file.id, item: 'network' });
  const withFindings = await campaigns.addFinding(deps(visit), kasi, id, {
    institutionId: bank,
    severity: 'medium',
    finding: 'Dua operator portal memakai satu akun bersama di kantor cabang Kebumen.',
    recommendation: 'Tetapkan setiap operator dengan nama dan akun masing-masing, lalu cabut akun bersama.',
    dueDate: addDays(day(17), 10),
  });
  await campaigns.addFinding(deps(visit), kasi, id, {
    institutionId: bank,
    severity: 'low',
    finding: 'Pernyataan jaringan tertutup dan aman belum ditandatangani pimpinan.',
    recommendation: 'Sampaikan pernyataan jaringan tertutup yang ditandatangani pimpinan.',
    dueDate: addDays(day(0), 21),
  });
  const first = withFindings.institutions.find((i) => i.id === bank)?.findings[0];
  if (first) {
    await campaigns.respond(deps(at(15)), pimpinan, first.id, {
      response: 'Akun bersama dicabut; dua operator kini memakai akun masing-masing sesuai SK Direksi.',
    });
    await campaigns.judge(deps(at(14)), kabid, first.id, { decision: 'accept' });
  }
  await step(kasi, at(16), 'Kunjungan ke dua lembaga selesai.');
  await step(kasi, at(15, 5), 'Laporan hasil pengendalian disusun.');
  await step(kabid, at(14, 5));
  await step(kadis, at(13));
  await step(bupati, at(12));
  await step(dirjen, at(10));
  return { campaign: { id, title: DEMO_CAMPAIGN_TITLE } };
}
