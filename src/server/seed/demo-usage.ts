/**
 * Demo data of the usage feature (issue 12): a semester (~183 days up to yesterday) of usage over every active
 * grant, so a newcomer sees the ledger and its charts on first start. The calls are real entries of the SIGNED
 * audit log — appended through the audit writer, sealed in batches with their tree heads and witnessed, so
 * `gerbang audit verify` holds — then folded into the ledger. Their times are older than the demo's decisions
 * sealed before them: positions are what the log commits (batches and the tree), never time order, and
 * Pengawasan filters by time. Working days and office hours of the institution's office calendar, a growing
 * trend, some refusals of several kinds, portal lookups and card reads when such grants exist. Deterministic.
 * Past days only, so today's quota counters (access_usage) stay as they are. The demo PKS started before the
 * history (demo-agreement.ts dates it 213 days back). Answers of a profit-oriented institution's production
 * grants carry their PNBP charge, as the gateway's do, so the bank's statements add up over the history.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { Grant } from '../../domain/grant/grant.js';
import { isWorkingDay, type WorkingCalendar } from '../../domain/calendar/calendar.js';
import { localDayStart } from '../../domain/audit/oversight.js';
import { AccessRuntime } from '../modules/access/runtime.js';
import { sampleNiks } from '../modules/access/population/population.repository.js';
import { calendarFor } from '../modules/calendar/calendar.service.js';
import type { ChargedCall, NewEntry } from '../modules/access/audit/audit-log.js';
import { billingMethodOf, isBillable, isChargeable, PP10_2023_TARIFFS } from '../../domain/billing/tariffs.js';
import { catchUpLedger } from '../modules/usage/ledger.js';

/** Days of history before today. */
export const DEMO_USAGE_DAYS = 183;
/** At most this many entries in all. */
const MAX_ENTRIES = 30_000;
const DAY_MS = 86_400_000;

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoGrant {
  id: string;
  kind: 'web_service' | 'card_reader' | 'web_portal';
  environment: 'trial' | 'production';
  institutionId: string;
  officeId: string;
  customerId: string | null;
  compiled: Grant;
  dailyQuota: number | null;
  devices: string[];
  operators: string[];
  /** A production grant of a profit-oriented institution: its answers are charged PNBP (domain/billing). */
  chargeable: boolean;
}

async function activeGrants(db: Kysely<DB>): Promise<DemoGrant[]> {
  const rows = await db
    .selectFrom('access_grants')
    .innerJoin('institutions', 'institutions.id', 'access_grants.institution_id')
    .select([
      'access_grants.id',
      'access_grants.kind',
      'access_grants.environment',
      'access_grants.institution_id',
      'access_grants.office_id',
      'access_grants.customer_id',
      'access_grants.compiled',
      'access_grants.daily_quota',
      'institutions.profit_oriented',
    ])
    .where('access_grants.status', '=', 'active')
    .orderBy('access_grants.id')
    .execute();
  const out: DemoGrant[] = [];
  for (const r of rows) {
    const devices = await db
      .selectFrom('access_devices')
      .select('id')
      .where('grant_id', '=', r.id)
      .where('status', '=', 'active')
      .execute();
    const operators = await db
      .selectFrom('access_operators')
      .select('user_id')
      .where('grant_id', '=', r.id)
      .where('status', '=', 'active')
      .execute();
    out.push({
      id: r.id,
      kind: r.kind,
      environment: r.environment,
      institutionId: r.institution_id,
      officeId: r.office_id,
      customerId: r.customer_id,
      compiled: JSON.parse(r.compiled) as Grant,
      dailyQuota: r.daily_quota,
      devices: devices.map((d) => d.id),
      operators: operators.map((o) => o.user_id),
      chargeable: isChargeable(r.profit_oriented === 1, r.environment),
    });
  }
  return out;
}

/** Calls a grant makes on a working day of the history at `progress` (0 at the start, 1 at the end). */
function dailyVolume(g: DemoGrant, progress: number, r: () => number): number {
  const base = g.kind === 'web_portal' ? 14 : g.kind === 'card_reader' ? 18 : g.environment === 'trial' ? 0 : 120;
  // Trial credentials were tried out in the first weeks only.
  if (g.environment === 'trial') return progress < 0.12 && r() < 0.5 ? 2 + Math.floor(r() * 6) : 0;
  const trend = 0.55 + 0.45 * progress;
  const n = Math.round(base * trend * (0.75 + r() * 0.5));
  return g.dailyQuota === null ? n : Math.min(n, g.dailyQuota);
}

/** A time of day (minutes after local midnight): mostly office hours, peaking mid-morning and after lunch. */
function minuteOfDay(r: () => number, outsideHours: boolean): number {
  if (outsideHours) return 19 * 60 + Math.floor(r() * 150);
  const peak = r() < 0.6 ? 10 * 60 : 14 * 60;
  const spread = (r() + r() + r() - 1.5) * 150;
  return Math.max(7 * 60 + 30, Math.min(16 * 60 + 30, Math.round(peak + spread)));
}

/** The entries of one call: action, result, elements, who and from where, as the gateway records them. */
function callOf(g: DemoGrant, at: number, r: () => number, nikHash: string, outside: boolean): NewEntry {
  const c = g.compiled;
  const roll = r();
  let action: string;
  let actor: NewEntry['actor'] = { kind: 'credential', id: g.id };
  let verify = false;
  if (g.kind === 'web_portal') {
    action = 'PORTAL_LOOKUP';
    actor = { kind: 'operator', id: g.operators[Math.floor(r() * g.operators.length)] as string };
  } else if (g.kind === 'card_reader') {
    action = 'reader.read';
    actor = { kind: 'device', id: g.devices[Math.floor(r() * g.devices.length)] as string };
  } else if (roll < 0.72) action = 'CALL_NIK';
  else if (roll < 0.86) {
    action = 'CALL_VERIFY_BY_ELEMEN';
    verify = true;
  } else if (roll < 0.95) action = 'v1.lookup';
  else {
    action = 'v1.verify';
    verify = true;
  }
  const o = r();
  let code: string;
  let reason: string;
  let ip = '127.0.0.1';
  if (outside && c.hours) [code, reason] = ['06', 'outside_hours'];
  else if (g.kind === 'web_service' && o < 0.012) [code, reason] = ['03', 'login_failed'];
  else if (g.kind === 'web_service' && o < 0.03) {
    [code, reason] = ['04', 'ip_not_allowed'];
    ip = `203.0.113.${1 + Math.floor(r() * 200)}`;
  } else if (g.kind === 'card_reader' && o < 0.02) [code, reason] = ['fingerprint_mismatch', 'fingerprint_mismatch'];
  else if (o < 0.04) [code, reason] = ['08', 'nik_invalid'];
  else if (o < 0.085) [code, reason] = ['13', 'lookup'];
  else if (o < 0.095) [code, reason] = ['11', 'lookup'];
  else [code, reason] = ['01', 'ok'];
  const verifyElements = c.elements.filter((e) => ['nama_lengkap', 'tanggal_lahir', 'nama_ibu'].includes(e));
  const elements = code === '01' ? (verify ? verifyElements : c.elements) : verify ? verifyElements : [];
  const compatible = action === 'CALL_NIK' || action === 'CALL_VERIFY_BY_ELEMEN';
  const base = { reason, environment: g.environment };
  const detail =
    action === 'PORTAL_LOOKUP' || action === 'reader.read'
      ? {
          ...base,
          ipUser: null,
          grantId: g.id,
          ...(action === 'reader.read' ? { fingerprintMatch: code !== 'fingerprint_mismatch' } : {}),
        }
      : compatible
        ? { ...base, ipUser: '10.20.30.40', grantId: g.id, customerId: g.customerId }
        : { ...base, ipUser: null };
  return {
    time: new Date(at).toISOString(),
    action,
    actor,
    institutionId: g.institutionId,
    pksId: c.pksId,
    pksVersionHash: c.pksVersionHash,
    elements: [...elements],
    resultCode: code,
    clientIp: ip,
    nikHash: code === '08' ? null : nikHash,
    detail,
  };
}

/** The history's entries, oldest first. */
function history(
  grants: readonly DemoGrant[],
  calendars: ReadonlyMap<string, WorkingCalendar>,
  now: Date,
  hashes: { production: string[]; sandbox: string[] },
): { entry: NewEntry; charge: ChargedCall | undefined }[] {
  const r = rng(20261201);
  const calls: { at: number; entry: NewEntry; charge: ChargedCall | undefined }[] = [];
  const today = now.getTime();
  for (const g of grants) {
    if (g.kind === 'web_portal' && !g.operators.length) continue;
    if (g.kind === 'card_reader' && !g.devices.length) continue;
    const cal = calendars.get(g.officeId);
    if (!cal) continue;
    const pool = g.environment === 'trial' ? hashes.sandbox : hashes.production;
    if (!pool.length) continue;
    for (let back = DEMO_USAGE_DAYS; back >= 1; back--) {
      const day = new Date(today - back * DAY_MS + cal.offsetMinutes * 60_000).toISOString().slice(0, 10);
      if (!isWorkingDay(cal, day)) continue;
      if (day > g.compiled.validTo) continue;
      const start = Date.parse(localDayStart(day, cal.offsetMinutes));
      const n = dailyVolume(g, 1 - back / DEMO_USAGE_DAYS, r);
      for (let i = 0; i < n; i++) {
        const outside = r() < 0.01;
        const at = start + minuteOfDay(r, outside) * 60_000 + Math.floor(r() * 60_000);
        if (at >= today) continue;
        const entry = callOf(g, at, r, pool[Math.floor(r() * pool.length)] as string, outside);
        calls.push({ at, entry, charge: chargeOf(g, entry, at, cal.offsetMinutes) });
      }
    }
  }
  calls.sort((a, b) => a.at - b.at);
  // Keep the newest when over the bound.
  return calls.slice(Math.max(0, calls.length - MAX_ENTRIES));
}

/**
 * The PNBP charge of an answered call of a chargeable grant, as the gateway makes it (gateway.service.ts): the
 * method and PP 10/2023 tariff on the entry's detail, and the charge row its batch writes — so the history's
 * statements and balance agree with its usage.
 */
function chargeOf(g: DemoGrant, entry: NewEntry, at: number, offsetMinutes: number): ChargedCall | undefined {
  if (!g.chargeable || !isBillable(entry.resultCode)) return undefined;
  const method = billingMethodOf(g.kind, true);
  const unitRupiah = PP10_2023_TARIFFS[method];
  const detail = { ...(entry.detail ?? {}), pnbpMethod: method, pnbpRupiah: unitRupiah };
  (entry as { detail: NewEntry['detail'] }).detail = detail;
  const day = new Date(at + offsetMinutes * 60_000).toISOString().slice(0, 10);
  return { institutionId: g.institutionId, day, method, unitRupiah };
}

/** Seeds a semester of usage into the signed audit log and folds the ledger. */
export async function seedDemoUsage(db: Kysely<DB>, config: Config, now: Date): Promise<void> {
  if (!config.demoUsageHistory) return;
  const grants = await activeGrants(db);
  if (!grants.length) return;
  const calendars = new Map<string, WorkingCalendar>();
  for (const g of grants) if (!calendars.has(g.officeId)) calendars.set(g.officeId, await calendarFor(db, g.officeId));
  const rt = new AccessRuntime({ db, config, now: () => now });
  await rt.init();
  try {
    const hashes = {
      production: (await sampleNiks(db, 'production', 600)).map((n) => rt.hashNik(n)),
      sandbox: (await sampleNiks(db, 'sandbox', 40)).map((n) => rt.hashNik(n)),
    };
    const entries = history(grants, calendars, now, hashes);
    // Appended in slices: each slice is sealed by the group commit as a few signed batches.
    for (let i = 0; i < entries.length; i += 4096)
      await Promise.all(entries.slice(i, i + 4096).map((c) => rt.audit.append(c.entry, undefined, c.charge)));
  } finally {
    await rt.close();
  }
  await catchUpLedger(db, now);
}
