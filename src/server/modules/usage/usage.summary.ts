/** A PKS's usage over a period, for its semester report (issue 12): the ledger's figures and residents served. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isRefusal } from '../../../domain/audit/actions.js';
import { localDayStart, nextDay } from '../../../domain/audit/oversight.js';
import { DEFAULT_OFFSET_MINUTES } from '../../../domain/usage/fold.js';
import { calendarFor } from '../calendar/calendar.service.js';
import * as repo from './usage.repository.js';
import { actorNames } from './usage.labels.js';

/** What the ledger says about one PKS over a period. */
export interface UsageSummary {
  /** Data calls (answered + refused). */
  calls: number;
  answered: number;
  refused: number;
  /** Calls per channel (web_service, v1, card_reader, web_portal). */
  byChannel: Record<string, number>;
  /** Disclosures per element code (answered calls only). */
  byElement: Record<string, number>;
  /** Refusals per result code or reason. */
  refusalsByReason: Record<string, number>;
  /** Calls per operator (web portal) or credential/device: id, display name, calls. */
  operators: { id: string; name: string; calls: number }[];
  /** Distinct residents (NIK hashes) answered. */
  residentsServed: number;
}

function add(to: Record<string, number>, key: string, n: number) {
  to[key] = (to[key] ?? 0) + n;
}

/**
 * Usage of one PKS between two office-local dates (inclusive): figures from the ledger (as far as it has folded
 * the log), residents served as the distinct NIK hashes of its answered data calls in the period (one query).
 */
export async function usageSummary(
  db: Kysely<DB>,
  q: { agreementId: string; from: string; to: string },
): Promise<UsageSummary> {
  const out: UsageSummary = {
    calls: 0,
    answered: 0,
    refused: 0,
    byChannel: {},
    byElement: {},
    refusalsByReason: {},
    operators: [],
    residentsServed: 0,
  };
  const owner = await repo.agreementOwner(db, q.agreementId);
  if (!owner) return out;
  const filter: repo.UsageFilter = { visible: null, agreementId: q.agreementId, from: q.from, to: q.to };
  const [rows, elements] = await Promise.all([
    repo.agreementBreakdown(db, q.agreementId, q.from, q.to),
    repo.elementGroups(db, filter),
  ]);
  const perActor = new Map<string, { kind: string; calls: number }>();
  for (const r of rows) {
    const n = Number(r.n);
    out.calls += n;
    add(out.byChannel, r.channel, n);
    if (isRefusal(r.result_code)) {
      out.refused += n;
      add(out.refusalsByReason, r.result_code, n);
    } else out.answered += n;
    const a = perActor.get(r.actor_id) ?? { kind: r.actor_kind, calls: 0 };
    a.calls += n;
    perActor.set(r.actor_id, a);
  }
  for (const e of elements) out.byElement[e.key] = e.count;
  const names = await actorNames(
    db,
    [...perActor].map(([id, a]) => ({ kind: a.kind, id })),
  );
  out.operators = [...perActor]
    .map(([id, a]) => ({ id, name: names.get(id) ?? id, calls: a.calls }))
    .sort((x, y) => y.calls - x.calls || x.id.localeCompare(y.id));
  let offset = DEFAULT_OFFSET_MINUTES;
  try {
    offset = (await calendarFor(db, owner.office_id)).offsetMinutes;
  } catch {
    // an office without a usable calendar: WIB, as the ledger counts it
  }
  out.residentsServed = await repo.residentsServed(db, {
    institutionId: owner.institution_id,
    agreementId: q.agreementId,
    fromUtc: localDayStart(q.from, offset),
    toUtc: localDayStart(nextDay(q.to), offset),
  });
  return out;
}
