/**
 * The anomaly rules (rules.ts) evaluated over sliding windows, one event at a time, in memory and without I/O. The
 * detector (modules/anomalies/detector.ts) feeds it the sealed audit log's entries in order with what it knows of
 * each caller (its office's zone and area, its daily quota, its usual volume, its known addresses, the office's
 * tuning) and raises the triggers it returns as findings. Windows run on the entries' own times, so the same
 * entries give the same triggers — and the same dedupe keys — in every process that reads them.
 *
 * Evidence is aggregates only: counts, ratios, thresholds, hours. Never a NIK or its hash.
 */
import {
  isAnswered,
  isBehaviourRefusal,
  isNotFound,
  passedLogin,
  type DetectorEvent,
  type SubjectRef,
} from './features.js';
import { RULE_CODES, ruleByCode, type RuleSpec } from './rules.js';

/** An office's setting of one rule: whether it runs and its parameters (defaults filled in). */
export interface RuleSettings {
  enabled: boolean;
  params: Record<string, number>;
}

/** What the detector knows of the caller of one event. */
export interface EventContext {
  /** The office's UTC offset (minutes): night and hour of week are the office's local time. */
  offsetMinutes: number;
  /** The office's service area as a NIK prefix ("3305", "13"), or null (pusat: no area). */
  areaPrefix: string | null;
  /** The grant's declared daily quota (the PKS's), or null. */
  dailyQuota: number | null;
  /**
   * Whether the call came from the credential's own IP allow-list (null: not a credential, or unknown). Bad
   * passwords from outside it do not suspend the credential: anyone who learnt a user id could otherwise have an
   * innocent institution cut off; those strangers are stopped by the login throttle and the allow-list.
   */
  fromAllowedAddress?: boolean | null;
  /** The subject's usual calls in this hour of the week (mean of past weeks), or null without history. */
  usual: number | null;
  /** The subject's known client addresses (address → last seen, epoch ms), updated here; undefined: not checked. */
  addresses?: Map<string, number>;
  settings: (rule: string) => RuleSettings;
}

/** Evidence of a finding: aggregates only. */
export type Evidence = Record<string, number | string | boolean | null>;

/** A rule that fired. */
export interface Trigger {
  rule: string;
  severity: RuleSpec['severity'];
  subject: SubjectRef;
  institutionId: string | null;
  /** The first and last entries (epoch ms, seq) the evidence covers. */
  windowStart: number;
  windowEnd: number;
  firstSeq: number;
  lastSeq: number;
  /** One finding per rule, subject and window, whichever process raises it. */
  dedupeKey: string;
  evidence: Evidence;
}

/** What observing one event gave. */
export interface Observation {
  triggers: Trigger[];
  /** An address the subject used (to remember): first seen, or seen again after a day. */
  learned: { subject: SubjectRef; address: string; time: number } | null;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Events within a time window: count (weighted), per-key counts, the oldest event's time and seq. */
export class SlidingWindow {
  private times: number[] = [];
  private seqs: number[] = [];
  private weights: number[] = [];
  private keys: (string | null)[] = [];
  private head = 0;
  total = 0;
  readonly byKey = new Map<string, number>();

  /** Adds an event and drops those older than `spanMs` before it. */
  push(time: number, seq: number, spanMs: number, weight = 1, key: string | null = null): void {
    this.times.push(time);
    this.seqs.push(seq);
    this.weights.push(weight);
    this.keys.push(key);
    this.total += weight;
    if (key !== null) this.byKey.set(key, (this.byKey.get(key) ?? 0) + weight);
    this.evict(time - spanMs);
  }

  /** Drops events before `cutoff`. */
  evict(cutoff: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) < cutoff) {
      const w = this.weights[this.head] ?? 0;
      this.total -= w;
      const k = this.keys[this.head];
      if (k !== null && k !== undefined) {
        const n = (this.byKey.get(k) ?? 0) - w;
        if (n <= 0) this.byKey.delete(k);
        else this.byKey.set(k, n);
      }
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.seqs = this.seqs.slice(this.head);
      this.weights = this.weights.slice(this.head);
      this.keys = this.keys.slice(this.head);
      this.head = 0;
    }
  }

  /** The largest per-key count. */
  maxKeyCount(): number {
    let m = 0;
    for (const v of this.byKey.values()) if (v > m) m = v;
    return m;
  }

  get firstTime(): number {
    return this.times[this.head] ?? 0;
  }

  get firstSeq(): number {
    return this.seqs[this.head] ?? 0;
  }

  /** The oldest event's time and seq among those with `key`. */
  firstOfKey(key: string): { time: number; seq: number } {
    for (let i = this.head; i < this.times.length; i++)
      if (this.keys[i] === key) return { time: this.times[i] ?? 0, seq: this.seqs[i] ?? 0 };
    return { time: this.firstTime, seq: this.firstSeq };
  }
}

interface SubjectState {
  windows: Map<string, SlidingWindow>;
  hour: number;
  hourCalls: number;
  hourFirst: { time: number; seq: number };
  /** rule (or rule:address) → until when it stays quiet after firing. */
  quietUntil: Map<string, number>;
  last: number;
}

interface InstitutionHour {
  hour: number;
  counts: Map<string, number>;
  first: Map<string, { time: number; seq: number }>;
}

const subjectKey = (s: SubjectRef) => `${s.kind}:${s.id}`;
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0);

/** The office-local hour of day (0–23) and hour of week (0 = Monday 00:00) of an instant. */
export function localHour(time: number, offsetMinutes: number): { hourOfDay: number; hourOfWeek: number } {
  const local = time + offsetMinutes * MINUTE;
  const hourOfDay = Math.floor(local / HOUR) % 24;
  // 1970-01-01 was a Thursday: day 0 → weekday 3 (Monday = 0).
  const weekday = (Math.floor(local / DAY) + 3) % 7;
  return { hourOfDay, hourOfWeek: weekday * 24 + hourOfDay };
}

/** Whether a local hour is at night (from `start` o'clock to `end` o'clock the next morning). */
export function isNight(hourOfDay: number, start: number, end: number): boolean {
  return start > end ? hourOfDay >= start || hourOfDay < end : hourOfDay >= start && hourOfDay < end;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** The rules' state over the stream: windows per subject, portal hours per institution. */
export class AnomalyEngine {
  private readonly subjects = new Map<string, SubjectState>();
  private readonly institutions = new Map<string, InstitutionHour>();
  private observed = 0;

  /** Subjects held in memory (for tests and metrics). */
  get size(): number {
    return this.subjects.size;
  }

  private stateOf(s: SubjectRef, time: number): SubjectState {
    const k = subjectKey(s);
    let st = this.subjects.get(k);
    if (!st) {
      st = { windows: new Map(), hour: -1, hourCalls: 0, hourFirst: { time, seq: 0 }, quietUntil: new Map(), last: 0 };
      this.subjects.set(k, st);
    }
    st.last = Math.max(st.last, time);
    return st;
  }

  private win(st: SubjectState, name: string): SlidingWindow {
    let w = st.windows.get(name);
    if (!w) st.windows.set(name, (w = new SlidingWindow()));
    return w;
  }

  /** Observes one event; returns the rules that fired and an address to remember. */
  observe(e: DetectorEvent, ctx: EventContext): Observation {
    const out: Observation = { triggers: [], learned: null };
    const subject = e.subject;
    if (!subject || !Number.isFinite(e.time)) return out;
    const st = this.stateOf(subject, e.time);
    const fire = (
      rule: string,
      quietKey: string,
      quietMs: number,
      bucket: string,
      first: { time: number; seq: number },
      evidence: Evidence,
    ) => {
      if ((st.quietUntil.get(quietKey) ?? -Infinity) > e.time) return;
      st.quietUntil.set(quietKey, e.time + quietMs);
      const spec = ruleByCode(rule);
      if (!spec) return;
      out.triggers.push({
        rule,
        severity: spec.severity,
        subject,
        institutionId: e.institutionId,
        windowStart: first.time,
        windowEnd: e.time,
        firstSeq: first.seq,
        lastSeq: e.seq,
        dedupeKey: `${rule}:${subject.kind}:${subject.id}:${bucket}`,
        evidence,
      });
    };
    const on = (rule: string) => {
      const s = ctx.settings(rule);
      return s.enabled ? s.params : null;
    };

    // Credential stuffing: failed logins of one credential (and attempts the throttle refused unchecked).
    const stuffing = on(RULE_CODES.credentialStuffing);
    if (stuffing && e.failures > 0 && subject.kind === 'grant' && ctx.fromAllowedAddress !== false) {
      const span = (stuffing.windowMinutes ?? 10) * MINUTE;
      const w = this.win(st, 'stuffing');
      w.push(e.time, e.seq, span, e.failures);
      if (w.total >= (stuffing.failures ?? 15))
        fire(RULE_CODES.credentialStuffing, 'stuffing', span, String(Math.floor(e.time / span)), firstOf(w), {
          failedLogins: w.total,
          threshold: stuffing.failures ?? 15,
          windowMinutes: stuffing.windowMinutes ?? 10,
        });
    }
    if (e.channel === null || !passedLogin(e)) return out;

    this.refusals(e, st, on(RULE_CODES.refusalBurst), fire);
    const answered = isAnswered(e);
    const notFound = isNotFound(e);
    const asked = answered || notFound;

    // Enumeration: many distinct NIKs that lead nowhere, or many sharing their first 12 digits. Distinct: the same
    // NIK asked again (a retry, a customer's second visit) counts once, so only new NIKs move the figures.
    const en = on(RULE_CODES.enumeration);
    if (en && asked && e.nikHash) {
      const span = (en.windowMinutes ?? 10) * MINUTE;
      const seen = this.win(st, 'enum:seen');
      seen.evict(e.time - span);
      const fresh = !seen.byKey.has(e.nikHash);
      seen.push(e.time, e.seq, span, 1, e.nikHash);
      const calls = this.win(st, 'enum');
      const nf = this.win(st, 'enum:nf');
      if (fresh) calls.push(e.time, e.seq, span, 1, e.nikBlock);
      else calls.evict(e.time - span);
      if (fresh && notFound) nf.push(e.time, e.seq, span);
      else nf.evict(e.time - span);
      const block = e.nikBlock ? (calls.byKey.get(e.nikBlock) ?? 0) : 0;
      const notFoundPct = pct(nf.total, calls.total);
      if (
        fresh &&
        calls.total >= (en.minCalls ?? 25) &&
        (notFoundPct >= (en.notFoundPct ?? 40) || block >= (en.sameBlock ?? 12))
      )
        fire(RULE_CODES.enumeration, 'enum', span, String(Math.floor(e.time / span)), firstOf(calls), {
          distinctNiks: calls.total,
          notFound: nf.total,
          notFoundPct,
          largestBlock: calls.maxKeyCount(),
          minCalls: en.minCalls ?? 25,
          notFoundPctThreshold: en.notFoundPct ?? 40,
          sameBlockThreshold: en.sameBlock ?? 12,
          windowMinutes: en.windowMinutes ?? 10,
        });
    }

    // Verification probing: one NIK verified over and over (the oracle pattern).
    const vp = on(RULE_CODES.verifyProbing);
    if (vp && e.verify && e.nikHash && !isStatus(e)) {
      const span = (vp.windowMinutes ?? 60) * MINUTE;
      const w = this.win(st, 'verify');
      w.push(e.time, e.seq, span, 1, e.nikHash);
      const n = w.byKey.get(e.nikHash) ?? 0;
      if (n >= (vp.perNik ?? 6))
        fire(RULE_CODES.verifyProbing, 'verify', span, String(Math.floor(e.time / span)), w.firstOfKey(e.nikHash), {
          verificationsOfOneNik: n,
          verificationsInWindow: w.total,
          distinctNiks: w.byKey.size,
          threshold: vp.perNik ?? 6,
          windowMinutes: vp.windowMinutes ?? 60,
        });
    }

    // Outside the service area: most NIKs asked for come from elsewhere.
    const oa = on(RULE_CODES.outOfArea);
    if (oa && asked && ctx.areaPrefix && e.nikArea) {
      const span = (oa.windowMinutes ?? 60) * MINUTE;
      const calls = this.win(st, 'area');
      calls.push(e.time, e.seq, span);
      const out2 = this.win(st, 'area:out');
      if (!e.nikArea.startsWith(ctx.areaPrefix)) out2.push(e.time, e.seq, span);
      else out2.evict(e.time - span);
      const share = pct(out2.total, calls.total);
      if (calls.total >= (oa.minCalls ?? 40) && share >= (oa.outsidePct ?? 80))
        fire(RULE_CODES.outOfArea, 'area', span, String(Math.floor(e.time / span)), firstOf(calls), {
          calls: calls.total,
          outside: out2.total,
          outsidePct: share,
          threshold: oa.outsidePct ?? 80,
          minCalls: oa.minCalls ?? 40,
          windowMinutes: oa.windowMinutes ?? 60,
          serviceArea: ctx.areaPrefix,
        });
    }

    // Volume: calls answered in this clock hour against the quota and the usual volume of the hour of week.
    const vol = on(RULE_CODES.volume);
    const hour = Math.floor(e.time / HOUR);
    if (st.hour !== hour) {
      st.hour = hour;
      st.hourCalls = 0;
      st.hourFirst = { time: e.time, seq: e.seq };
    }
    if (answered) st.hourCalls++;
    if (vol && answered && st.hourCalls >= (vol.minCalls ?? 200)) {
      const share = ctx.dailyQuota ? pct(st.hourCalls, ctx.dailyQuota) : 0;
      const overQuota = ctx.dailyQuota !== null && share >= (vol.quotaSharePct ?? 50);
      const overUsual = ctx.usual !== null && st.hourCalls >= Math.max(1, ctx.usual) * (vol.usualFactor ?? 5);
      if (overQuota || overUsual) {
        const { hourOfWeek } = localHour(e.time, ctx.offsetMinutes);
        fire(RULE_CODES.volume, 'volume', HOUR - (e.time % HOUR), String(hour), st.hourFirst, {
          callsInHour: st.hourCalls,
          hourOfWeek,
          dailyQuota: ctx.dailyQuota,
          quotaSharePct: share,
          quotaShareThreshold: vol.quotaSharePct ?? 50,
          usualInHour: ctx.usual === null ? null : Math.round(ctx.usual * 10) / 10,
          usualFactor: vol.usualFactor ?? 5,
        });
      }
    }

    // Portal: lookups at night, and an operator far above their peers.
    if (e.channel === 'web_portal' && subject.kind === 'operator') {
      const pn = on(RULE_CODES.portalNight);
      const { hourOfDay } = localHour(e.time, ctx.offsetMinutes);
      if (pn && isNight(hourOfDay, pn.nightStartHour ?? 21, pn.nightEndHour ?? 6)) {
        const w = this.win(st, 'night');
        w.push(e.time, e.seq, HOUR);
        if (w.total >= (pn.lookups ?? 5))
          fire(RULE_CODES.portalNight, 'night', HOUR, String(hour), firstOf(w), {
            nightLookupsInHour: w.total,
            localHour: hourOfDay,
            threshold: pn.lookups ?? 5,
            nightStartHour: pn.nightStartHour ?? 21,
            nightEndHour: pn.nightEndHour ?? 6,
          });
      }
      const oo = on(RULE_CODES.operatorOutlier);
      if (e.institutionId) {
        let ih = this.institutions.get(e.institutionId);
        if (!ih || ih.hour !== hour)
          this.institutions.set(e.institutionId, (ih = { hour, counts: new Map(), first: new Map() }));
        const own = (ih.counts.get(subject.id) ?? 0) + 1;
        ih.counts.set(subject.id, own);
        if (!ih.first.has(subject.id)) ih.first.set(subject.id, { time: e.time, seq: e.seq });
        if (oo && own >= (oo.minLookups ?? 40)) {
          const peers = [...ih.counts.entries()].filter(([id]) => id !== subject.id).map(([, n]) => n);
          const m = median(peers);
          if (peers.length >= 1 && own >= Math.max(1, m) * (oo.factor ?? 5))
            fire(RULE_CODES.operatorOutlier, 'outlier', HOUR, String(hour), ih.first.get(subject.id) ?? firstOfE(e), {
              lookupsInHour: own,
              peers: peers.length,
              peersMedian: m,
              factor: oo.factor ?? 5,
              minLookups: oo.minLookups ?? 40,
            });
        }
      }
    }

    // A new client address of a credential or device (operators' browsers move: not checked).
    const na = on(RULE_CODES.newClientAddress);
    const addresses = ctx.addresses;
    if (e.clientIp && addresses && subject.kind !== 'operator' && !isStatus(e)) {
      const seen = addresses.get(e.clientIp);
      const memory = (na?.memoryDays ?? 30) * DAY;
      const known = [...addresses.values()].filter((t) => e.time - t <= memory).length;
      if (na && known > 0 && (seen === undefined || e.time - seen > memory))
        fire(
          RULE_CODES.newClientAddress,
          `addr:${e.clientIp}`,
          DAY,
          `${e.clientIp}:${Math.floor(e.time / DAY)}`,
          firstOfE(e),
          {
            address: e.clientIp,
            knownAddresses: known,
            memoryDays: na.memoryDays ?? 30,
          },
        );
      if (seen === undefined || e.time - seen > DAY) {
        addresses.set(e.clientIp, e.time);
        out.learned = { subject, address: e.clientIp, time: e.time };
      }
    }

    if (++this.observed % 5000 === 0) this.prune(e.time);
    return out;
  }

  private refusals(
    e: DetectorEvent,
    st: SubjectState,
    rb: Record<string, number> | null,
    fire: (r: string, q: string, ms: number, b: string, f: { time: number; seq: number }, ev: Evidence) => void,
  ): void {
    if (!rb || isStatus(e)) return;
    const span = (rb.windowMinutes ?? 10) * MINUTE;
    const calls = this.win(st, 'refusal:calls');
    calls.push(e.time, e.seq, span);
    const refused = this.win(st, 'refusal');
    if (isBehaviourRefusal(e)) refused.push(e.time, e.seq, span);
    else refused.evict(e.time - span);
    const share = pct(refused.total, calls.total);
    if (isBehaviourRefusal(e) && refused.total >= (rb.refusals ?? 30) && share >= (rb.refusalPct ?? 50))
      fire(RULE_CODES.refusalBurst, 'refusal', span, String(Math.floor(e.time / span)), firstOf(refused), {
        refusals: refused.total,
        calls: calls.total,
        refusalPct: share,
        threshold: rb.refusals ?? 30,
        refusalPctThreshold: rb.refusalPct ?? 50,
        windowMinutes: rb.windowMinutes ?? 10,
      });
  }

  /** Forgets subjects quiet for a day (their windows are empty by then). */
  prune(now: number): void {
    for (const [k, st] of this.subjects) if (now - st.last > DAY + HOUR) this.subjects.delete(k);
    for (const [k, ih] of this.institutions) if (ih.hour < Math.floor(now / HOUR) - 1) this.institutions.delete(k);
  }
}

function firstOf(w: SlidingWindow) {
  return { time: w.firstTime, seq: w.firstSeq };
}

function firstOfE(e: DetectorEvent) {
  return { time: e.time, seq: e.seq };
}

const STATUS_CODES = new Set(['16', '17']);
const STATUS_REASONS = new Set(['device_unknown', 'no_portal_access', 'grant_suspended', 'grant_revoked']);

/** A refusal for the caller's own status (suspended, revoked): says nothing about its behaviour. */
function isStatus(e: DetectorEvent): boolean {
  return STATUS_CODES.has(e.resultCode) || STATUS_REASONS.has(e.reason ?? '');
}
