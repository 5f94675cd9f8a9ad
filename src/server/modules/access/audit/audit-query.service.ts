/**
 * Pengawasan: the audit log as an actor may read it (domain/authz auditScopeOf), filtered, paged and summarised
 * per day in the office's time zone, by the server over the whole log.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { auditScopeOf, type Actor } from '../../../../domain/authz.js';
import { DATA_CALL_ACTIONS, type DataChannel, type EntryKind } from '../../../../domain/audit/actions.js';
import {
  dayBoundaryUtc,
  daySeries,
  localDayOfGroup,
  periodOf,
  summaryPeriod,
  type DayCounts,
} from '../../../../domain/audit/oversight.js';
import { makeCalendar } from '../../../../domain/calendar/calendar.js';
import { officeDescendants } from '../../directory/directory.repository.js';
import { institutionIdsOfOffices } from './audit.repository.js';
import {
  codeCounts,
  dayGroups,
  listEntries,
  officeTimeZone,
  type EntryFilter,
  type Visibility,
} from './audit-query.repository.js';

/** Pengawasan's filters as a client sends them (dates are office-local, both included). */
export interface OversightQuery {
  from?: string | undefined;
  to?: string | undefined;
  kind?: EntryKind | undefined;
  channel?: DataChannel | undefined;
  institutionId?: string | undefined;
  actorId?: string | undefined;
  resultCode?: string | undefined;
  action?: string | undefined;
  q?: string | undefined;
}

async function visibilityOf(db: Kysely<DB>, actor: Actor): Promise<Visibility> {
  const scope = auditScopeOf(actor);
  if (scope.kind === 'all') return { kind: 'all' };
  if (scope.kind === 'institution') return { kind: 'institution', institutionId: scope.institutionId };
  const officeIds = await officeDescendants(db, scope.officeId);
  return { kind: 'offices', officeIds, institutionIds: await institutionIdsOfOffices(db, officeIds) };
}

/** The viewer's office clock: its IANA zone and offset (Indonesia keeps no daylight saving time). */
async function clockOf(db: Kysely<DB>, actor: Actor): Promise<{ timeZone: string; offsetMinutes: number }> {
  const zone = (await officeTimeZone(db, actor.officeId)) ?? 'Asia/Jakarta';
  const cal = makeCalendar({ timeZone: zone });
  return { timeZone: cal.timeZone, offsetMinutes: cal.offsetMinutes };
}

function filterOf(
  visibility: Visibility,
  q: OversightQuery,
  period: { fromUtc?: string; toUtc?: string },
): EntryFilter {
  return {
    visibility,
    fromUtc: period.fromUtc,
    toUtc: period.toUtc,
    kind: q.kind,
    actions: q.channel ? DATA_CALL_ACTIONS[q.channel] : undefined,
    action: q.action,
    institutionId: q.institutionId,
    actorId: q.actorId,
    resultCode: q.resultCode,
    q: q.q?.trim() || undefined,
  };
}

/** Entries newest first; `next` is the beforeSeq of the following page, null on the last. */
export async function oversightEntries(
  db: Kysely<DB>,
  actor: Actor,
  q: OversightQuery,
  page: { beforeSeq?: number | undefined; limit: number },
) {
  const [visibility, clock] = await Promise.all([visibilityOf(db, actor), clockOf(db, actor)]);
  const period = periodOf(q.from, q.to, clock.offsetMinutes);
  const rows = await listEntries(db, filterOf(visibility, q, period), { ...page, limit: page.limit + 1 });
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown[shown.length - 1];
  return { rows: shown, next: more && last ? Number(last.seq) : null };
}

/** Per-day counts (data calls, refusals, decisions) of the period in the viewer's office time zone, and totals. */
export async function oversightSummary(db: Kysely<DB>, actor: Actor, q: OversightQuery, now: Date) {
  const [visibility, clock] = await Promise.all([visibilityOf(db, actor), clockOf(db, actor)]);
  const period = summaryPeriod(q.from, q.to, now, clock.offsetMinutes);
  const filter = filterOf(visibility, q, period);
  const [groups, codes] = await Promise.all([
    dayGroups(db, filter, dayBoundaryUtc(clock.offsetMinutes)),
    codeCounts(db, filter),
  ]);
  const counts: DayCounts[] = groups.map((g) => ({
    day: localDayOfGroup(g.utcDate, g.late),
    dataCalls: g.dataCalls,
    refusals: g.refusals,
    decisions: g.decisions,
  }));
  // Failed web-service logins throttled (credential.throttled), a signal beside the counts of daySeries.
  const throttled = new Map<string, number>();
  for (const g of groups) {
    const day = localDayOfGroup(g.utcDate, g.late);
    throttled.set(day, (throttled.get(day) ?? 0) + g.throttled);
  }
  const days = daySeries(period.from, period.to, counts).map((d) => ({ ...d, throttled: throttled.get(d.day) ?? 0 }));
  const totals = days.reduce(
    (t, d) => ({
      dataCalls: t.dataCalls + d.dataCalls,
      refusals: t.refusals + d.refusals,
      decisions: t.decisions + d.decisions,
      throttled: t.throttled + d.throttled,
    }),
    { dataCalls: 0, refusals: 0, decisions: 0, throttled: 0 },
  );
  return { timeZone: clock.timeZone, from: period.from, to: period.to, days, totals, byCode: codes };
}
