/**
 * The usage ledger's arithmetic, without I/O: audit entries folded into counters of calls and of disclosed
 * elements (modules/usage/ledger.ts reads the entries and writes the counters). Only data calls count
 * (domain/audit/actions.ts); a call whose entry names no institution (an unknown user id, device or operator) is
 * nobody's usage and is left out — Pengawasan still shows it. Reconciliation (ledger.reconcile) applies the same
 * rule, so the ledger always equals the log up to its cursor.
 */
import { channelOf, isDataCall, isRefusal } from '../audit/actions.js';
import { localDay } from '../audit/oversight.js';

/** What the fold reads of one audit entry. */
export interface FoldEntry {
  seq: number;
  time: string;
  action: string;
  actorKind: string;
  actorId: string;
  institutionId: string | null;
  pksId: string | null;
  /** Element codes disclosed or asked for. */
  elements: readonly string[];
  resultCode: string;
  /** `detail.grantId` when the entry carries it. */
  grantId: string | null;
}

/** How a chunk's entries are placed: known offsets of institutions' offices and grants of devices and operators. */
export interface FoldContext {
  /** UTC offset (minutes) of each institution's office calendar. */
  offsetOf: ReadonlyMap<string, number>;
  /** access_devices.grant_id per device id. */
  deviceGrant: ReadonlyMap<string, string>;
  /** The (lowest) grant id per operator user id (access_operators). */
  operatorGrant: ReadonlyMap<string, string>;
}

/** One counter of calls. */
export interface CallCount {
  day: string;
  institutionId: string;
  agreementId: string;
  grantId: string;
  channel: string;
  resultCode: string;
  actorKind: string;
  actorId: string;
  count: number;
}

/** One counter of disclosed elements. */
export interface ElementCount {
  day: string;
  institutionId: string;
  agreementId: string;
  grantId: string;
  channel: string;
  actorKind: string;
  actorId: string;
  element: string;
  count: number;
}

/** What a chunk adds to the ledger. */
export interface Fold {
  calls: CallCount[];
  elements: ElementCount[];
  /** Entries counted (data calls with an institution). */
  counted: number;
  /** The newest entry time seen in the chunk (any entry), or null. */
  newest: string | null;
}

/** The default offset when an office's calendar cannot be read: WIB. */
export const DEFAULT_OFFSET_MINUTES = 420;

/** Whether the ledger counts an entry: a data call attributed to an institution. */
export function counts(e: Pick<FoldEntry, 'action' | 'institutionId'>): boolean {
  return e.institutionId !== null && isDataCall(e.action);
}

/** The grant an entry is attributed to: detail.grantId, else its credential, device's or operator's grant; or ''. */
export function grantOf(e: FoldEntry, ctx: FoldContext): string {
  if (e.grantId) return e.grantId;
  if (e.actorKind === 'credential') return e.actorId;
  if (e.actorKind === 'device') return ctx.deviceGrant.get(e.actorId) ?? '';
  if (e.actorKind === 'operator') return ctx.operatorGrant.get(e.actorId) ?? '';
  return '';
}

const SEP = '\u0000';

/** Folds entries into counters (each key once). */
export function foldEntries(entries: readonly FoldEntry[], ctx: FoldContext): Fold {
  const calls = new Map<string, CallCount>();
  const elements = new Map<string, ElementCount>();
  let counted = 0;
  let newest: string | null = null;
  for (const e of entries) {
    if (newest === null || e.time > newest) newest = e.time;
    if (!counts(e)) continue;
    const institutionId = e.institutionId as string; // counts() checked
    const channel = channelOf(e.action) as string; // a data call has a channel
    const day = localDay(e.time, ctx.offsetOf.get(institutionId) ?? DEFAULT_OFFSET_MINUTES);
    const agreementId = e.pksId ?? '';
    const grantId = grantOf(e, ctx);
    counted++;
    const base = [day, institutionId, agreementId, grantId, channel, e.actorKind, e.actorId].join(SEP);
    const ck = base + SEP + e.resultCode;
    const c = calls.get(ck);
    if (c) c.count++;
    else
      calls.set(ck, {
        day,
        institutionId,
        agreementId,
        grantId,
        channel,
        resultCode: e.resultCode,
        actorKind: e.actorKind,
        actorId: e.actorId,
        count: 1,
      });
    if (isRefusal(e.resultCode)) continue;
    for (const element of new Set(e.elements)) {
      const ek = base + SEP + element;
      const x = elements.get(ek);
      if (x) x.count++;
      else
        elements.set(ek, {
          day,
          institutionId,
          agreementId,
          grantId,
          channel,
          actorKind: e.actorKind,
          actorId: e.actorId,
          element,
          count: 1,
        });
    }
  }
  return { calls: [...calls.values()], elements: [...elements.values()], counted, newest };
}

/** One total of reconciliation: calls per day, institution, grant, channel and result code. */
export interface ReconcileTotal {
  day: string;
  institutionId: string;
  grantId: string;
  channel: string;
  resultCode: string;
  count: number;
}

/** A difference between the ledger and the log. */
export interface ReconcileDifference {
  day: string;
  institutionId: string;
  grantId: string;
  channel: string;
  resultCode: string;
  ledger: number;
  log: number;
}

function totalKey(t: Omit<ReconcileTotal, 'count'>): string {
  return [t.day, t.institutionId, t.grantId, t.channel, t.resultCode].join(SEP);
}

/** Sums totals that share a key (e.g. several actions of one channel). */
export function sumTotals(rows: Iterable<ReconcileTotal>): Map<string, ReconcileTotal> {
  const out = new Map<string, ReconcileTotal>();
  for (const r of rows) {
    if (r.count === 0) continue;
    const k = totalKey(r);
    const had = out.get(k);
    if (had) had.count += r.count;
    else out.set(k, { ...r });
  }
  return out;
}

/** Every key whose count differs between the ledger and the log, sorted. */
export function differences(ledger: Iterable<ReconcileTotal>, log: Iterable<ReconcileTotal>): ReconcileDifference[] {
  const a = sumTotals(ledger);
  const b = sumTotals(log);
  const out: ReconcileDifference[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    const n = x?.count ?? 0;
    const m = y?.count ?? 0;
    if (n === m) continue;
    const t = (x ?? y) as ReconcileTotal;
    out.push({
      day: t.day,
      institutionId: t.institutionId,
      grantId: t.grantId,
      channel: t.channel,
      resultCode: t.resultCode,
      ledger: n,
      log: m,
    });
  }
  return out.sort((p, q) => (totalKey(p) < totalKey(q) ? -1 : totalKey(p) > totalKey(q) ? 1 : 0));
}
