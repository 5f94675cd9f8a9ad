/**
 * Usage figures as an actor may see them (GET /api/access/usage): the scope is decided here from the actor —
 * pusat all institutions, an office the institutions of it and of the offices under it (a provinsi its
 * kabupaten/kota), an institution its own — and a filter naming anything outside it is 404, never someone
 * else's numbers. Figures come from the ledger (ledger.ts), the quota from access_usage.
 */
import type { Deps } from '../../deps.js';
import { auditScopeOf, type Actor } from '../../../domain/authz.js';
import { errors } from '../../../domain/errors.js';
import { elementByCode } from '../../../domain/elements/elements.js';
import type { DataChannel } from '../../../domain/audit/actions.js';
import {
  bulan,
  CHANNEL_NAMES,
  daysOf,
  hari,
  monthsOf,
  resultLabel,
  toCsv,
  todayAt,
  usagePeriod,
  type UsageBy,
} from '../../../domain/usage/query.js';
import { officeDescendants } from '../directory/directory.repository.js';
import { institutionIdsOfOffices } from '../access/audit/audit.repository.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { DEFAULT_OFFSET_MINUTES } from '../../../domain/usage/fold.js';
import { readCursor } from './ledger.repository.js';
import * as repo from './usage.repository.js';
import { actorNames } from './usage.labels.js';

/** The query as the route passes it. */
export interface UsageQuery {
  institutionId?: string | undefined;
  agreementId?: string | undefined;
  grantId?: string | undefined;
  channel?: DataChannel | undefined;
  from?: string | undefined;
  to?: string | undefined;
  by?: UsageBy | undefined;
}

/** One row of the answer. */
export interface UsageRow {
  key: string;
  label: string;
  calls: number;
  answered: number;
  refused: number;
  /** by=institution: the institution's summed daily quota (null: unlimited). */
  dailyLimit?: number | null;
}

/** The answer (the web's usage page codes against this shape). */
export interface UsageResponse {
  from: string;
  to: string;
  by: string;
  asOf: string | null;
  rows: UsageRow[];
  totals: { calls: number; answered: number; refused: number };
  quota: { dailyLimit: number | null; usedToday: number; remainingToday: number | null } | null;
}

type Ctx = Pick<Deps, 'db' | 'now'>;

const notFound = (what: 'institution' | 'agreement' | 'grant') =>
  errors.notFound(
    what === 'institution'
      ? { id: 'Lembaga', en: 'Institution' }
      : what === 'agreement'
        ? { id: 'PKS', en: 'Agreement' }
        : { id: 'Hak akses', en: 'Grant' },
  );

/** The institutions an actor sees: null for all (pusat). */
export async function visibleInstitutions(db: Ctx['db'], actor: Actor): Promise<string[] | null> {
  const scope = auditScopeOf(actor);
  if (scope.kind === 'all') return null;
  if (scope.kind === 'institution') return [scope.institutionId];
  return institutionIdsOfOffices(db, await officeDescendants(db, scope.officeId));
}

async function offsetOfOffice(db: Ctx['db'], officeId: string): Promise<number> {
  try {
    return (await calendarFor(db, officeId)).offsetMinutes;
  } catch {
    return DEFAULT_OFFSET_MINUTES;
  }
}

/** The daily limit of some grants: the sum of their quotas, null if any is unlimited. */
function limitOf(quotas: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const q of quotas) {
    if (q === null) return null;
    sum += q;
  }
  return sum;
}

async function labelsFor(db: Ctx['db'], by: UsageBy, rows: readonly repo.GroupRow[]): Promise<Map<string, string>> {
  if (by === 'institution')
    return repo.institutionNames(
      db,
      rows.map((r) => r.key),
    );
  if (by !== 'operator') return new Map();
  return actorNames(
    db,
    rows.map((r) => ({ kind: r.kind, id: r.key })),
  );
}

function labelOf(by: UsageBy, key: string, names: Map<string, string>): string {
  switch (by) {
    case 'day':
      return hari(key);
    case 'month':
      return bulan(key);
    case 'element':
      return elementByCode(key)?.name.id ?? key;
    case 'channel':
      return CHANNEL_NAMES[key as DataChannel]?.id ?? key;
    case 'result':
      return resultLabel(key);
    default:
      return names.get(key) ?? key;
  }
}

function row(key: string, label: string, calls: number, answered: number): UsageRow {
  return { key, label, calls, answered, refused: calls - answered };
}

/** The usage figures of the actor's scope, filtered and grouped as asked. */
export async function usageReport(deps: Ctx, actor: Actor, q: UsageQuery): Promise<UsageResponse> {
  const db = deps.db;
  const visible = await visibleInstitutions(db, actor);
  const sees = (id: string) => visible === null || visible.includes(id);
  let institutionOffice: string | null = null;
  if (q.institutionId) {
    const inst = await repo.institutionRow(db, q.institutionId);
    if (!inst || !sees(inst.id)) throw notFound('institution');
    institutionOffice = inst.office_id;
  }
  if (q.agreementId) {
    const owner = await repo.agreementOwner(db, q.agreementId);
    if (!owner || !sees(owner.institution_id)) throw notFound('agreement');
  }
  if (q.grantId) {
    const owner = await repo.grantOwner(db, q.grantId);
    if (!owner || !sees(owner.institution_id)) throw notFound('grant');
  }
  // One institution in scope: its quota, and its office's day (an institution user's officeId is that office);
  // otherwise the viewer's office's day.
  const single = actor.orgKind === 'institution' ? actor.orgId : (q.institutionId ?? null);
  const offset = await offsetOfOffice(db, institutionOffice ?? actor.officeId);
  const today = todayAt(deps.now(), offset);
  const period = usagePeriod(q.from, q.to, today);
  const by: UsageBy = q.by ?? 'day';
  const filter: repo.UsageFilter = {
    visible,
    institutionId: q.institutionId,
    agreementId: q.agreementId,
    grantId: q.grantId,
    channel: q.channel,
    from: period.from,
    to: period.to,
  };
  const [totals, cursor] = await Promise.all([repo.callTotals(db, filter), readCursor(db)]);
  let rows: UsageRow[];
  if (by === 'element') {
    const groups = await repo.elementGroups(db, filter);
    rows = groups.map((g) => row(g.key, labelOf(by, g.key, new Map()), g.count, g.count));
    rows.sort((a, b) => b.calls - a.calls || a.key.localeCompare(b.key));
  } else {
    const groups = await repo.callGroups(db, filter, by);
    const names = await labelsFor(db, by, groups);
    if (by === 'day' || by === 'month') {
      const byKey = new Map(groups.map((g) => [g.key, g]));
      const keys = by === 'day' ? daysOf(period.from, period.to) : monthsOf(period.from, period.to);
      rows = keys.map((k) => row(k, labelOf(by, k, names), byKey.get(k)?.calls ?? 0, byKey.get(k)?.answered ?? 0));
    } else {
      rows = groups.map((g) => row(g.key, labelOf(by, g.key, names), g.calls, g.answered));
      rows.sort((a, b) => b.calls - a.calls || a.key.localeCompare(b.key));
    }
    if (by === 'institution') {
      const grants = await repo.activeGrants(
        db,
        rows.map((r) => r.key),
      );
      for (const r of rows)
        r.dailyLimit = limitOf(grants.filter((g) => g.institution_id === r.key).map((g) => g.daily_quota));
    }
  }
  let quota: UsageResponse['quota'] = null;
  if (single) {
    const grants = await repo.activeGrants(db, [single]);
    const dailyLimit = limitOf(grants.map((g) => g.daily_quota));
    const usedToday = await repo.usedOn(
      db,
      grants.map((g) => g.id),
      today,
    );
    quota = { dailyLimit, usedToday, remainingToday: dailyLimit === null ? null : Math.max(0, dailyLimit - usedToday) };
  }
  return {
    from: period.from,
    to: period.to,
    by,
    asOf: cursor.asOf,
    rows,
    totals: { calls: totals.calls, answered: totals.answered, refused: totals.calls - totals.answered },
    quota,
  };
}

const KEY_HEADER: Record<UsageBy, string> = {
  day: 'tanggal',
  month: 'bulan',
  element: 'elemen',
  channel: 'kanal',
  result: 'kode_hasil',
  operator: 'operator',
  institution: 'lembaga',
};

/** The answer as CSV (a header line, one line per row) and its file name. */
export function usageCsv(r: UsageResponse): { filename: string; body: string } {
  const withLimit = r.by === 'institution';
  const header = [KEY_HEADER[r.by as UsageBy] ?? 'kunci', 'nama', 'panggilan', 'dijawab', 'ditolak'];
  if (withLimit) header.push('kuota_harian');
  const lines = r.rows.map((x) => {
    const cells: (string | number | null)[] = [x.key, x.label, x.calls, x.answered, x.refused];
    if (withLimit) cells.push(x.dailyLimit ?? null);
    return cells;
  });
  return { filename: `pemakaian-${r.by}-${r.from}-${r.to}.csv`, body: toCsv(header, lines) };
}
