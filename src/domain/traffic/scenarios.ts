/**
 * Traffic scenarios for `gerbang traffic simulate` and the detector's tests: what a caller does, call by call, as
 * pure data (no I/O, seeded). `normal` is a plausible working day of the demo bank: web-service lookups of its own
 * customers through the day (peaking in office hours), mostly found, some verifications, a few typos, portal
 * lookups by its operators in office hours only. Each other scenario is the behaviour one rule exists for.
 *
 * `eventsOf` turns a scenario's calls into the events the sealed audit log would hold after the gateway answered
 * them (domain/anomalies/features.ts), for fast tests of the rules without HTTP.
 */
import type { DetectorEvent, SubjectRef } from '../anomalies/features.js';
import { nikArea } from '../anomalies/features.js';

/** The scenarios. */
export const SCENARIOS = ['normal', 'enumeration', 'probing', 'stuffing', 'offhours', 'outofarea'] as const;
/** A scenario's name. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** One call a scenario makes. */
export interface TrafficCall {
  /** Milliseconds after the scenario's start. */
  at: number;
  channel: 'web_service' | 'portal';
  op: 'lookup' | 'verify';
  nik: string;
  /** Verification: the claimed full name (right or wrong). */
  claimedName?: string;
  /** Sends a wrong secret (credential stuffing). */
  wrongSecret?: boolean;
  /** Portal: which of the institution's operators (index). */
  operator?: number;
}

/** What a scenario draws from. */
export interface ScenarioInput {
  /** How long it runs (minutes of traffic). */
  minutes: number;
  /** Epoch ms of the first call (normal's shape follows the office's local hour). */
  start: number;
  /** The office's UTC offset (minutes). */
  offsetMinutes: number;
  /** Found NIKs of the institution's service area, and of elsewhere. */
  inArea: readonly string[];
  outside: readonly string[];
  /** Portal operators available (normal's office-hours lookups; offhours uses the first). */
  operators?: number;
  seed?: number;
  /** Calls per second at normal's office-hours peak (default 0.5). */
  peakRate?: number;
}

/** A small seeded generator (a counter through the lowbias32 hash): the same seed, the same traffic. */
export function rng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return (t >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** A NIK with another serial (its last four digits): a typo, or a step of an enumeration. */
export function withSerial(nik: string, serial: number): string {
  return nik.slice(0, 12) + String(((serial % 9999) + 9999) % 9999 || 1).padStart(4, '0');
}

/** Normal's rate (calls per second) at a local hour of a weekday: office hours busy, nights quiet. */
export function normalRate(localHourOfDay: number, peak: number): number {
  if (localHourOfDay >= 8 && localHourOfDay < 16) return peak;
  if (localHourOfDay >= 6 && localHourOfDay < 20) return peak / 3;
  return peak / 25;
}

function localHourOf(time: number, offsetMinutes: number) {
  return Math.floor((time + offsetMinutes * 60_000) / HOUR) % 24;
}

/** Poisson arrivals at a rate (per second) that changes with time, at most `max`: thinning of a steady stream. */
function arrivals(r: () => number, start: number, ms: number, max: number, rate: (t: number) => number): number[] {
  const out: number[] = [];
  const lambda = max / 1000;
  for (let t = -Math.log(1 - r()) / lambda; t < ms; t += -Math.log(1 - r()) / lambda)
    if (r() * max < rate(start + t)) out.push(Math.floor(t));
  return out;
}

/** The calls of a scenario, in time order. */
export function scenarioCalls(name: ScenarioName, input: ScenarioInput): TrafficCall[] {
  const r = rng(input.seed ?? 13);
  const ms = Math.max(0.05, input.minutes) * 60_000;
  const own = input.inArea.length ? input.inArea : input.outside;
  const elsewhere = input.outside.length ? input.outside : input.inArea;
  const peak = input.peakRate ?? 0.5;
  const calls: TrafficCall[] = [];
  switch (name) {
    case 'normal': {
      for (const at of arrivals(r, input.start, ms, peak, (t) =>
        normalRate(localHourOf(t, input.offsetMinutes), peak),
      )) {
        // Customers of the bank's area mostly; some registered elsewhere (people move); a typo now and then.
        const base = r() < 0.85 ? pick(r, own) : pick(r, elsewhere);
        const nik = r() < 0.03 ? withSerial(base, Math.floor(r() * 9999)) : base;
        if (r() < 0.15)
          calls.push({ at, channel: 'web_service', op: 'verify', nik, claimedName: r() < 0.8 ? '' : 'NAMA LAIN' });
        else calls.push({ at, channel: 'web_service', op: 'lookup', nik });
      }
      const ops = input.operators ?? 0;
      for (let o = 0; o < ops; o++)
        for (const at of arrivals(r, input.start, ms, 20 / 3600, (t) => {
          const h = localHourOf(t, input.offsetMinutes);
          return h >= 8 && h < 16 ? 20 / 3600 : 0;
        }))
          calls.push({ at, channel: 'portal', op: 'lookup', nik: pick(r, own), operator: o });
      break;
    }
    case 'enumeration': {
      // Walks the serials of one region and birth date, five a second.
      const base = pick(r, own);
      for (let i = 0, at = 0; at < ms; i++, at += 200)
        calls.push({ at, channel: 'web_service', op: 'lookup', nik: withSerial(base, i + 1) });
      break;
    }
    case 'probing': {
      // One person's NIK verified over and over with a changing name: the answer used as an oracle.
      const nik = pick(r, own);
      for (let i = 0, at = 0; at < ms; i++, at += 2000)
        calls.push({ at, channel: 'web_service', op: 'verify', nik, claimedName: `TEBAKAN ${i}` });
      break;
    }
    case 'stuffing': {
      // Leaked or guessed secrets tried against the bank's user id, four a second.
      for (let at = 0; at < ms; at += 250)
        calls.push({ at, channel: 'web_service', op: 'lookup', nik: pick(r, own), wrongSecret: true });
      break;
    }
    case 'offhours': {
      // One operator looking people up through the portal, one every 20 s (the night is the instance's clock's).
      for (let at = 0; at < ms; at += 20_000)
        calls.push({ at, channel: 'portal', op: 'lookup', nik: pick(r, own), operator: 0 });
      break;
    }
    case 'outofarea': {
      // Found people, almost all registered outside the office's area, one a second.
      for (let at = 0; at < ms; at += 1000)
        calls.push({ at, channel: 'web_service', op: 'lookup', nik: r() < 0.95 ? pick(r, elsewhere) : pick(r, own) });
      break;
    }
  }
  return calls.sort((a, b) => a.at - b.at);
}

/** Who makes a scenario's calls, for eventsOf. */
export interface Callers {
  credential: SubjectRef;
  operators: readonly SubjectRef[];
  institutionId: string;
  clientIp: string;
  /** The gateway's keyed hashes (the NIK's, and its first 12 digits'). */
  hashNik: (nik: string) => string;
  hashBlock: (nik: string) => string;
  /** Whether a NIK is in the warehouse (found) — the scenario's pools are. */
  found: (nik: string) => boolean;
}

/**
 * The sealed audit entries a scenario's calls would produce, as detector events: a found NIK answers 01, any
 * other 13; a wrong secret 03 (the first ten; then the login throttle records them in bulk as
 * `credential.throttled`, as gateway/credential-guard.ts does); verifications beyond the daily cap per NIK are
 * refused. No quota, hours or address refusals (the scenarios stay within the grant's terms).
 */
export function eventsOf(calls: readonly TrafficCall[], start: number, who: Callers, firstSeq = 1): DetectorEvent[] {
  const out: DetectorEvent[] = [];
  let seq = firstSeq;
  let failed = 0;
  let heldSince = -1;
  let held = 0;
  const verifies = new Map<string, number>();
  for (const c of calls) {
    const time = start + c.at;
    const subject = c.channel === 'portal' ? (who.operators[c.operator ?? 0] ?? who.credential) : who.credential;
    const base = {
      seq: 0,
      time,
      channel: c.channel === 'portal' ? ('web_portal' as const) : ('web_service' as const),
      subject,
      institutionId: who.institutionId,
      clientIp: who.clientIp,
      grantId: subject.kind === 'grant' ? subject.id : null,
    };
    if (c.wrongSecret) {
      if (failed < 10) {
        failed++;
        out.push({
          ...base,
          seq: seq++,
          action: 'CALL_NIK',
          resultCode: '03',
          reason: 'login_failed',
          nikHash: null,
          nikBlock: null,
          nikArea: null,
          verify: false,
          failures: 1,
        });
      } else {
        if (heldSince < 0) {
          heldSince = time;
          out.push({
            ...base,
            seq: seq++,
            channel: null,
            action: 'credential.throttled',
            resultCode: 'throttled',
            reason: null,
            nikHash: null,
            nikBlock: null,
            nikArea: null,
            verify: false,
            failures: 1,
          });
        }
        held++;
        if (time - heldSince >= 5000) {
          out.push({
            ...base,
            seq: seq++,
            channel: null,
            action: 'credential.throttled',
            resultCode: 'throttled',
            reason: null,
            nikHash: null,
            nikBlock: null,
            nikArea: null,
            verify: false,
            failures: held,
          });
          held = 0;
          heldSince = time;
        }
      }
      continue;
    }
    const nikHash = who.hashNik(c.nik);
    const verify = c.op === 'verify';
    let code = who.found(c.nik) ? '01' : '13';
    let reason = code === '01' ? 'ok' : 'lookup';
    if (verify) {
      const n = (verifies.get(nikHash) ?? 0) + 1;
      verifies.set(nikHash, n);
      if (n > 10) {
        code = '05';
        reason = 'verify_cap_reached';
      }
    }
    out.push({
      ...base,
      seq: seq++,
      action: c.channel === 'portal' ? 'PORTAL_LOOKUP' : verify ? 'CALL_VERIFY_BY_ELEMEN' : 'CALL_NIK',
      resultCode: code,
      reason,
      nikHash,
      nikBlock: who.hashBlock(c.nik),
      nikArea: nikArea(c.nik),
      verify,
      failures: 0,
    });
  }
  return out;
}
