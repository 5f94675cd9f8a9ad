/**
 * The semester reports owed (issue 12), as obligations for the ladder and as entries for the screens: for every
 * PKS that owes reports, each semester its period in force overlaps up to the office's current local date, with
 * the office's deadline and the report row when there is one.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { UsageReportTable } from '../../db/schema-reports.js';
import type { Obligation } from '../../../domain/obligations/obligation.js';
import { localDate } from '../../../domain/calendar/calendar.js';
import {
  dueDateOf,
  semesterLabel,
  semesterLabelEn,
  semestersOwed,
  type Semester,
} from '../../../domain/reports/semester.js';
import { calendarFor } from '../calendar/calendar.service.js';
import * as repo from './reports.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The office-local date of `now` per office, looked up once per office. */
export class OfficeDates {
  private readonly cache = new Map<string, string | null>();
  constructor(
    private readonly db: Q,
    private readonly now: Date,
  ) {}

  /** The office's local date; null when the office has no usable calendar (its obligations wait). */
  async of(officeId: string): Promise<string | null> {
    if (!this.cache.has(officeId)) {
      try {
        this.cache.set(officeId, localDate(await calendarFor(this.db, officeId), this.now));
      } catch {
        this.cache.set(officeId, null);
      }
    }
    return this.cache.get(officeId) ?? null;
  }
}

/** One semester a PKS owes a report for, with its report row (if any) and the office's date. */
export interface OwedReport {
  agreement: repo.ReportingAgreement;
  semester: Semester;
  /** The part of the semester the PKS was in force. */
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  today: string;
  report: UsageReportTable | undefined;
  obligation: Obligation;
}

/** The obligation key of a report. */
export function reportKey(agreementId: string, semester: string): string {
  return `report:${agreementId}:${semester}`;
}

/** The reports owed by these agreements on their offices' dates. */
export async function owedReports(
  db: Q,
  agreements: readonly repo.ReportingAgreement[],
  dates: OfficeDates,
): Promise<OwedReport[]> {
  const rows = await repo.reportsOfAgreements(
    db,
    agreements.map((a) => a.id),
  );
  const byKey = new Map(rows.map((r) => [`${r.agreement_id}:${r.semester}`, r]));
  const out: OwedReport[] = [];
  for (const a of agreements) {
    const today = await dates.of(a.office_id);
    if (!today || !a.start_date) continue;
    for (const s of semestersOwed({ start: a.start_date, end: a.end_date }, today)) {
      const report = byKey.get(`${a.id}:${s.key}`);
      const periodStart = a.start_date > s.start ? a.start_date : s.start;
      const periodEnd = a.end_date && a.end_date < s.end ? a.end_date : s.end;
      const dueDate = dueDateOf(s, a.report_deadline_days);
      out.push({
        agreement: a,
        semester: s,
        periodStart,
        periodEnd,
        dueDate,
        today,
        report,
        obligation: {
          kind: 'semester_report',
          key: reportKey(a.id, s.key),
          institutionId: a.institution_id,
          officeId: a.office_id,
          agreementId: a.id,
          periodStart,
          periodEnd,
          dueDate,
          fulfilledAt: report?.status === 'accepted' ? report.accepted_at : null,
          label: `Laporan penggunaan data ${semesterLabel(s)}`,
        },
      });
    }
  }
  return out;
}

/** English label of a report obligation. */
export function reportLabelEn(s: Semester): string {
  return `Usage report ${semesterLabelEn(s)}`;
}

/** Every semester report owed up to `now`, as obligations (fulfilled once accepted). */
export async function reportObligations(db: Q, now: Date): Promise<Obligation[]> {
  const owed = await owedReports(db, await repo.reportingAgreements(db), new OfficeDates(db, now));
  return owed.map((o) => o.obligation);
}
