/**
 * Gerbang's data dukung for a control campaign (issue 13): per institution, from what the platform already
 * knows — the usage ledger (calls, refusals), anomaly findings (anomalies.summary), late reports and data
 * balikan (the obligations of the reports and balikan modules, and the ladder's warnings), PKS ending soon, the
 * named operators, credentials, card-reader devices and IP ranges. Read in the caller's transaction, frozen by it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localDate } from '../../../domain/calendar/calendar.js';
import { daysBetween, EXPIRY_WINDOW_DAYS, lateIn, type DataDukung } from '../../../domain/campaigns/data-dukung.js';
import type { Obligation } from '../../../domain/obligations/obligation.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { anomalySummary } from '../anomalies/anomalies.summary.js';
import { dataBalikanObligations } from '../balikan/balikan.obligations.js';
import { reportObligations } from '../reports/report.obligations.js';
import { stepsTaken } from '../reports/reports.repository.js';
import { usageSummary } from '../usage/usage.summary.js';
import * as repo from './campaigns.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

function add(to: Record<string, number>, from: Record<string, number>) {
  for (const [k, v] of Object.entries(from)) to[k] = (to[k] ?? 0) + v;
}

function ipsOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The data dukung of each institution of a campaign, as of `now`. */
export async function prepareDataDukung(
  db: Q,
  input: {
    officeId: string;
    period: { from: string; to: string };
    institutions: readonly { id: string; name: string; officeName: string }[];
  },
  now: Date,
): Promise<DataDukung[]> {
  const cal = await calendarFor(db, input.officeId);
  const today = localDate(cal, now);
  const ids = input.institutions.map((i) => i.id);
  // A transaction is a Kysely (the same queries on its connection).
  const kdb: Kysely<DB> = db;
  const obligations: Obligation[] = [
    ...(await reportObligations(db, now)),
    ...(await dataBalikanObligations(kdb, now)),
  ].filter((o) => ids.includes(o.institutionId));
  const anomalies = await anomalySummary(kdb, {
    institutionIds: ids,
    from: `${input.period.from}T00:00:00.000Z`,
    to: `${input.period.to}T23:59:59.999Z`,
  });
  const warnings = (await stepsTaken(db, ids)).filter(
    (s) => s.step === 'warning' && s.local_date >= input.period.from && s.local_date <= input.period.to,
  );
  const out: DataDukung[] = [];
  for (const inst of input.institutions) {
    const agreements = await repo.agreementsOf(db, inst.id);
    const usage = { calls: 0, answered: 0, refused: 0, byChannel: {}, refusalsByReason: {}, residentsServed: 0 };
    for (const a of agreements) {
      const s = await usageSummary(kdb, { agreementId: a.id, from: input.period.from, to: input.period.to });
      usage.calls += s.calls;
      usage.answered += s.answered;
      usage.refused += s.refused;
      usage.residentsServed += s.residentsServed;
      add(usage.byChannel, s.byChannel);
      add(usage.refusalsByReason, s.refusalsByReason);
    }
    const own = obligations
      .filter((o) => o.institutionId === inst.id)
      .map((o) => ({ ...o, fulfilledOn: o.fulfilledAt ? localDate(cal, new Date(o.fulfilledAt)) : null }));
    const grants = await repo.grantsOf(db, inst.id);
    const a = anomalies.get(inst.id);
    out.push({
      institutionId: inst.id,
      name: inst.name,
      officeName: inst.officeName,
      period: input.period,
      preparedOn: today,
      agreements: agreements.map((g) => ({
        id: g.id,
        number: g.number,
        status: g.status,
        startDate: g.start_date,
        endDate: g.end_date,
      })),
      usage,
      anomalies: {
        total: a?.total ?? 0,
        open: a?.open ?? 0,
        high: a?.high ?? 0,
        confirmed: a?.confirmed ?? 0,
        falsePositive: a?.falsePositive ?? 0,
      },
      lateReports: lateIn(
        own.filter((o) => o.kind === 'semester_report'),
        input.period,
        today,
      ),
      lateBalikan: lateIn(
        own.filter((o) => o.kind === 'data_balikan'),
        input.period,
        today,
      ),
      warnings: warnings.filter((w) => w.institution_id === inst.id).length,
      pksExpiring: agreements
        .filter(
          (g) =>
            g.end_date !== null &&
            (g.status === 'active' || g.status === 'expiring') &&
            daysBetween(today, g.end_date) <= EXPIRY_WINDOW_DAYS,
        )
        .map((g) => ({
          number: g.number,
          endDate: g.end_date ?? '',
          daysLeft: daysBetween(today, g.end_date ?? today),
        })),
      operators: (await repo.operatorsOf(db, inst.id)).map((o) => ({ name: o.name, status: o.status })),
      credentials: grants.map((g) => ({ label: g.label, kind: g.kind, environment: g.environment, status: g.status })),
      devices: (await repo.devicesOf(db, inst.id)).map((d) => ({ serial: d.serial, status: d.status })),
      ipRanges: [...new Set(grants.flatMap((g) => ipsOf(g.ip_allow)))],
    });
  }
  return out;
}
