/**
 * The anomaly detector (issue 13): the rules of domain/anomalies evaluated continuously on the stream of sealed
 * audit entries — not a nightly batch. A follower in each serving process reads the log's sealed end every ~2 s
 * (`sealedEnd`, `entryRowsBetween`: the log's shared readers) and feeds the entries past what it has seen, in
 * order, to its in-memory sliding windows (AnomalyEngine), warmed at start from the last hour of the log. Each
 * trigger becomes a finding: in ONE transaction the finding's row (deduplicated by `dedupe_key`, so two processes
 * reading the same log raise one finding, not two), for a high-severity rule the suspension of the credential,
 * device or operator concerned (never the whole institution; idempotent), the review (openFindingReview) and the
 * decision on the signed record. An enumeration is therefore suspended a few seconds after its 25th call: well
 * within 60 s of the behaviour starting.
 *
 * Offices tune the rules (anomaly_rule_settings: enabled and parameters, falling back to RULES' defaults), read
 * at most every 30 s. The detector's memory across restarts is its working tables: client addresses seen per
 * credential or device, and answered calls per clock hour (the usual volume by hour of week).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AnomalyFindingTable } from '../../db/schema-anomalies.js';
import { entryRowsBetween, sealedEnd } from '../access/audit/audit.repository.js';
import { LogFollower } from '../access/audit/log-follower.js';
import { compileIpMatcher, type IpMatcher } from '../../../domain/grant/ip.js';
import { recordDecision } from '../access/audit/decisions.js';
import { accessChanged } from '../access/runtime/access-changes.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { newId } from '../../lib/ids.js';
import { AnomalyEngine, type EventContext, type RuleSettings, type Trigger } from '../../../domain/anomalies/detect.js';
import {
  areaPrefixOf,
  eventOf,
  isAnswered,
  type DetectorEvent,
  type SubjectRef,
} from '../../../domain/anomalies/features.js';
import { paramsOf, RULES, ruleByCode } from '../../../domain/anomalies/rules.js';
import { openFindingReview } from './findings.js';
import { suspendSubject } from './subjects.js';
import * as repo from './detector.repository.js';

/** How often the follower looks whether the log grew. */
export const DETECT_MS = 2000;
/** Entries read per step. */
const CHUNK = 2000;
/** At start, the windows are warmed from the log's last hour (at most this many entries back). */
const WARM_MS = 3_600_000;
const WARM_ENTRIES = 200_000;
/** An office's tuning and a grant's quota are read again after this long. */
const SETTINGS_TTL_MS = 30_000;
const HOUR = 3_600_000;
const WEEK = 7 * 86_400_000;
const WIB = 420;

/** How the detector logs trouble that does not stop it. */
export type DetectorLog = (message: string, err?: unknown) => void;

interface Placement {
  officeId: string;
  areaPrefix: string | null;
  offsetMinutes: number;
}

/** What raising a finding gave (tests read it). */
export interface RaisedFinding {
  id: string;
  rule: string;
  severity: string;
  subject: SubjectRef;
  suspended: boolean;
}

const key = (s: SubjectRef) => `${s.kind}:${s.id}`;

/** The follower: one per serving process (app.anomalyDetector). */
export class AnomalyDetector {
  private readonly engine = new AnomalyEngine();
  private cursor = -1;
  /** Epoch ms from which this process has seen every entry (hours before it are incomplete here). */
  private seenSince = Infinity;
  private readonly placements = new Map<string, Placement | null>();
  private readonly settings = new Map<string, { at: number; rules: Map<string, RuleSettings> }>();
  /** Each grant's quota and allow-list (compiled), read again after SETTINGS_TTL_MS. */
  private readonly quotas = new Map<string, { at: number; quota: number | null; allowed: IpMatcher | null }>();
  private readonly addresses = new Map<string, Map<string, number>>();
  private readonly usual = new Map<string, number | null>();
  private readonly hours = new Map<string, { subject: SubjectRef; hour: number; calls: number }>();
  /** The every-2-s look at the log's sealed end (shared with the usage ledger and the resident index). */
  private readonly follower: LogFollower;
  /** Findings raised by this process (newest last; bounded). */
  readonly raised: RaisedFinding[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date,
    private readonly options: {
      log?: DetectorLog;
      /** Run after a finding committed (the server seals the decision entries it wrote). */
      afterRaise?: () => Promise<unknown>;
    } = {},
  ) {
    this.follower = new LogFollower(
      db,
      () => this.drain(),
      (message, err) => this.options.log?.(message, err),
      'anomaly detector: reading the log failed; retried',
    );
  }

  /** Reads and evaluates everything sealed so far (serialised with the follower's runs); returns entries read. */
  catchUp(): Promise<number> {
    return this.follower.catchUp();
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.step();
      if (n === 0) return total;
      total += n;
    }
  }

  private async step(): Promise<number> {
    const end = await sealedEnd(this.db);
    if (this.cursor < 0) {
      this.cursor = Math.max(0, end - WARM_ENTRIES);
      this.seenSince = this.now().getTime() - WARM_MS;
    }
    if (end <= this.cursor) return 0;
    const rows = await entryRowsBetween(this.db, this.cursor + 1, end, CHUNK);
    const last = rows[rows.length - 1];
    if (!last) return 0;
    const oldest = this.now().getTime() - WARM_MS;
    const events: DetectorEvent[] = [];
    for (const r of rows) {
      const e = eventOf({ ...r, seq: Number(r.seq) });
      if (e && e.time >= oldest) events.push(e);
    }
    await this.observe(events);
    this.cursor = Number(last.seq);
    return rows.length;
  }

  /** Feeds events in order (the follower's chunks; tests feed a scenario's events directly). */
  async observe(events: readonly DetectorEvent[]): Promise<RaisedFinding[]> {
    if (!events.length) return [];
    await this.prepare(events);
    const triggers: Trigger[] = [];
    const learned: { subject: SubjectRef; address: string; time: number }[] = [];
    const closed: { subject: SubjectRef; hourStart: string; calls: number }[] = [];
    for (const e of events) {
      const ctx = this.contextOf(e);
      if (!ctx) continue;
      const obs = this.engine.observe(e, ctx);
      triggers.push(...obs.triggers);
      if (obs.learned) learned.push(obs.learned);
      this.countHour(e, closed);
    }
    try {
      if (learned.length) await repo.rememberAddresses(this.db, learned);
      if (closed.length) await repo.storeHourlyVolume(this.db, closed);
    } catch (err) {
      this.options.log?.('anomaly detector: its working tables could not be written', err);
    }
    const out: RaisedFinding[] = [];
    for (const t of triggers) {
      const f = await this.raise(t);
      if (f) out.push(f);
    }
    return out;
  }

  private countHour(e: DetectorEvent, closed: { subject: SubjectRef; hourStart: string; calls: number }[]) {
    if (!e.subject || e.subject.kind !== 'grant' || !isAnswered(e)) return;
    const hour = Math.floor(e.time / HOUR);
    const k = key(e.subject);
    const h = this.hours.get(k);
    if (h && h.hour === hour) {
      h.calls++;
      return;
    }
    // A closed hour is stored only when this process saw it whole.
    if (h && h.hour * HOUR >= this.seenSince)
      closed.push({ subject: h.subject, hourStart: new Date(h.hour * HOUR).toISOString(), calls: h.calls });
    this.hours.set(k, { subject: e.subject, hour, calls: 1 });
  }

  private contextOf(e: DetectorEvent): EventContext | null {
    if (!e.subject || !e.institutionId) return null;
    const place = this.placements.get(e.institutionId);
    if (!place) return null;
    const rules = this.settings.get(place.officeId)?.rules;
    const s = e.subject;
    const hour = Math.floor(e.time / HOUR) * HOUR;
    return {
      offsetMinutes: place.offsetMinutes,
      areaPrefix: place.areaPrefix,
      dailyQuota: s.kind === 'grant' ? (this.quotas.get(s.id)?.quota ?? null) : null,
      fromAllowedAddress: this.fromAllowed(e),
      usual: s.kind === 'grant' ? (this.usual.get(`${key(s)}@${hour}`) ?? null) : null,
      addresses: s.kind === 'operator' ? undefined : this.addresses.get(key(s)),
      settings: (rule) => rules?.get(rule) ?? DEFAULTS.get(rule) ?? OFF,
    };
  }

  /** Whether a credential's call came from its allow-list; null when that cannot be told (not a grant, no address). */
  private fromAllowed(e: DetectorEvent): boolean | null {
    if (e.subject?.kind !== 'grant' || !e.clientIp) return null;
    const allowed = this.quotas.get(e.subject.id)?.allowed;
    return allowed ? allowed.matches(e.clientIp) : null;
  }

  /** Loads what the events' callers need that is not cached (batched per chunk). */
  private async prepare(events: readonly DetectorEvent[]): Promise<void> {
    const now = this.now().getTime();
    const institutions = new Set<string>();
    const grants = new Set<string>();
    const addressless = new Map<string, SubjectRef>();
    const hoursOf = new Map<string, { subject: SubjectRef; hour: number }>();
    for (const e of events) {
      if (!e.subject) continue;
      if (e.institutionId && !this.placements.has(e.institutionId)) institutions.add(e.institutionId);
      const k = key(e.subject);
      if (e.subject.kind === 'grant') {
        const q = this.quotas.get(e.subject.id);
        if (!q || now - q.at > SETTINGS_TTL_MS) grants.add(e.subject.id);
        const hour = Math.floor(e.time / HOUR) * HOUR;
        if (!this.usual.has(`${k}@${hour}`)) hoursOf.set(`${k}@${hour}`, { subject: e.subject, hour });
      }
      if (e.subject.kind !== 'operator' && !this.addresses.has(k)) addressless.set(k, e.subject);
    }
    for (const r of await repo.institutionsOf(this.db, [...institutions])) {
      let offsetMinutes = WIB;
      try {
        offsetMinutes = (await calendarFor(this.db, r.office_id)).offsetMinutes;
      } catch (err) {
        this.options.log?.(`anomaly detector: office ${r.office_id} has no usable calendar; WIB assumed`, err);
      }
      this.placements.set(r.id, { officeId: r.office_id, areaPrefix: areaPrefixOf(r.office_code), offsetMinutes });
    }
    for (const id of institutions) if (!this.placements.has(id)) this.placements.set(id, null);
    const offices = new Set<string>();
    for (const e of events) {
      const p = e.institutionId ? this.placements.get(e.institutionId) : null;
      if (p) offices.add(p.officeId);
    }
    for (const office of offices) {
      const held = this.settings.get(office);
      if (held && now - held.at <= SETTINGS_TTL_MS) continue;
      const rules = new Map<string, RuleSettings>();
      for (const row of await repo.settingsOf(this.db, office)) {
        const spec = ruleByCode(row.rule);
        if (!spec) continue;
        rules.set(row.rule, { enabled: Number(row.enabled) === 1, params: paramsOf(spec, parsedParams(row.params)) });
      }
      this.settings.set(office, { at: now, rules });
    }
    const terms = await repo.grantTermsOf(this.db, [...grants]);
    for (const id of grants) {
      const t = terms.get(id);
      this.quotas.set(id, { at: now, quota: t?.quota ?? null, allowed: t ? matcherOf(t.ipAllow) : null });
    }
    if (addressless.size) {
      const known = await repo.knownAddresses(this.db, [...addressless.values()]);
      for (const [k, m] of known) this.addresses.set(k, m);
    }
    for (const [k, { subject, hour }] of hoursOf) {
      const starts = [1, 2, 3, 4].map((w) => new Date(hour - w * WEEK).toISOString());
      const v = await repo.hourlyVolumes(this.db, subject, starts, new Date(hour - WEEK).toISOString());
      const weeks = starts.map((s) => v.calls.get(s) ?? 0);
      this.usual.set(k, v.hasHistory ? weeks.reduce((a, b) => a + b, 0) / weeks.length : null);
    }
    if (this.usual.size > 50_000) this.usual.clear();
  }

  /** Raises one trigger as a finding (one transaction); null when it was raised already (here or elsewhere). */
  private async raise(t: Trigger): Promise<RaisedFinding | null> {
    const place = t.institutionId ? this.placements.get(t.institutionId) : null;
    if (!place || !t.institutionId) return null;
    let subject: SubjectRef = t.subject;
    if (subject.kind === 'operator') {
      const row = await repo.operatorRowOf(this.db, subject.id, null);
      if (!row) return null;
      subject = { kind: 'operator', id: row };
    }
    const now = this.now();
    const at = now.toISOString();
    const id = newId();
    const institutionId = t.institutionId;
    const row: AnomalyFindingTable = {
      id,
      office_id: place.officeId,
      institution_id: institutionId,
      source: 'detector',
      rule: t.rule,
      severity: t.severity,
      subject_kind: subject.kind,
      subject_id: subject.id,
      dedupe_key: t.dedupeKey,
      window_start: new Date(t.windowStart).toISOString(),
      window_end: new Date(t.windowEnd).toISOString(),
      evidence: JSON.stringify(t.evidence),
      first_seq: t.firstSeq,
      last_seq: t.lastSeq,
      status: 'open',
      suspended_at: null,
      outcome: null,
      case_id: null,
      audit_entry_id: null,
      report_id: null,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_at: at,
      updated_at: at,
    };
    let suspended = false;
    try {
      const raised = await this.db.transaction().execute(async (trx) => {
        if (await repo.openFindingOf(trx, t.rule, subject)) return false;
        if (!(await repo.insertFinding(trx, row))) return false;
        if (t.severity === 'high') {
          suspended = await suspendSubject(trx, now, subject, id);
          if (suspended) await repo.markSuspended(trx, id, at);
        }
        await openFindingReview(trx, id, now);
        await recordDecision(
          trx,
          now,
          { kind: 'system' },
          {
            action: 'anomaly.finding',
            result: t.severity,
            institutionId,
            detail: { findingId: id, rule: t.rule, subjectKind: subject.kind, subjectId: subject.id, suspended },
          },
        );
        return true;
      });
      if (!raised) return null;
    } catch (err) {
      this.options.log?.(`anomaly detector: the ${t.rule} finding could not be raised; retried if it recurs`, err);
      return null;
    }
    if (suspended) accessChanged();
    await this.options.afterRaise?.().catch((err: unknown) => this.options.log?.('anomaly detector: sealing', err));
    const f = { id, rule: t.rule, severity: t.severity, subject, suspended };
    this.raised.push(f);
    if (this.raised.length > 1000) this.raised.splice(0, 500);
    return f;
  }

  /** Starts following (a first look at once). */
  start(intervalMs = DETECT_MS): void {
    this.follower.start(intervalMs);
  }

  /** Stops following and waits for a look in progress. */
  stop(): Promise<void> {
    return this.follower.stop();
  }
}

/** A stored allow-list compiled, or null when it cannot be (then nothing is taken to be outside it). */
function matcherOf(cidrs: readonly string[]): IpMatcher | null {
  try {
    return compileIpMatcher(cidrs);
  } catch {
    return null;
  }
}

/** A stored settings row's parameters (an unreadable one: the defaults). */
function parsedParams(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const OFF: RuleSettings = { enabled: false, params: {} };
const DEFAULTS = new Map<string, RuleSettings>(RULES.map((r) => [r.code, { enabled: true, params: paramsOf(r) }]));
