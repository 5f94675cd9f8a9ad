/**
 * The rules over simulated traffic (domain/traffic/scenarios.ts), without I/O: each fires on its scenario and
 * none on a normal working day of the bank — the false-positive count of that day is printed and must be 0.
 */
import { describe, expect, it } from 'vitest';
import { AnomalyEngine, isNight, localHour, type EventContext, type Trigger } from './detect.js';
import { nikBlockHasher, type DetectorEvent } from './features.js';
import { paramsOf, RULES, RULE_CODES } from './rules.js';
import { eventsOf, scenarioCalls, type Callers, type ScenarioName } from '../traffic/scenarios.js';
import { createHmac } from 'node:crypto';

const hashNik = (nik: string) => createHmac('sha256', 'k').update(nik).digest('hex');
const hashBlock = nikBlockHasher('k');

/** NIKs of an area: region + a birth date + a serial (found ones). */
function niks(region: string, n: number, seed: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = String(1 + ((i * 7 + seed) % 28)).padStart(2, '0');
    const month = String(1 + ((i * 5 + seed) % 12)).padStart(2, '0');
    const year = String(60 + ((i * 3 + seed) % 40)).padStart(2, '0');
    out.push(`${region}${String(1 + (i % 20)).padStart(2, '0')}${day}${month}${year}${String(1 + i).padStart(4, '0')}`);
  }
  return out;
}
const inArea = niks('3305', 3000, 1);
const outside = [...niks('1305', 300, 2), ...niks('1273', 300, 3), ...niks('1771', 300, 4)];
const found = new Set([...inArea, ...outside]);

const callers: Callers = {
  credential: { kind: 'grant', id: 'G1' },
  operators: [
    { kind: 'operator', id: 'U1' },
    { kind: 'operator', id: 'U2' },
    { kind: 'operator', id: 'U3' },
  ],
  institutionId: 'I1',
  clientIp: '127.0.0.1',
  hashNik,
  hashBlock,
  found: (n) => found.has(n),
};

const defaults = new Map(RULES.map((r) => [r.code, { enabled: true, params: paramsOf(r) }]));
function run(
  events: readonly DetectorEvent[],
  over: Partial<EventContext> = {},
  addresses = new Map<string, Map<string, number>>(),
) {
  const engine = new AnomalyEngine();
  const triggers: Trigger[] = [];
  for (const e of events) {
    const k = `${e.subject?.kind}:${e.subject?.id}`;
    let a = addresses.get(k);
    if (!a) addresses.set(k, (a = new Map()));
    triggers.push(
      ...engine.observe(e, {
        offsetMinutes: 420,
        areaPrefix: '3305',
        dailyQuota: 100_000,
        usual: null,
        addresses: a,
        settings: (r) => defaults.get(r) ?? { enabled: false, params: {} },
        ...over,
      }).triggers,
    );
  }
  return triggers;
}

// Monday 2026-11-30 00:00 WIB.
const MONDAY = Date.parse('2026-11-29T17:00:00Z');
const input = { start: MONDAY + 10 * 3_600_000, offsetMinutes: 420, inArea, outside, operators: 3, seed: 7 };
const scenario = (name: ScenarioName, minutes: number, start = input.start) =>
  eventsOf(scenarioCalls(name, { ...input, minutes, start }), start, callers);

describe('the anomaly rules', () => {
  it('raise nothing on a simulated normal working day of the bank (false-positive count)', () => {
    const day = scenario('normal', 24 * 60, MONDAY);
    const triggers = run(day);
    // eslint-disable-next-line no-console
    console.log(
      `false positives on a simulated normal day: ${triggers.length} of ${day.length} audit entries ` +
        `(${triggers.map((t) => t.rule + JSON.stringify(t.evidence)).join(', ') || 'none'})`,
    );
    expect(day.length).toBeGreaterThan(10_000);
    expect(day.filter((e) => e.channel === 'web_portal').length).toBeGreaterThan(100);
    expect(triggers).toEqual([]);
  });

  it.each([
    ['enumeration', RULE_CODES.enumeration, 2],
    ['probing', RULE_CODES.verifyProbing, 2],
    ['stuffing', RULE_CODES.credentialStuffing, 2],
    ['outofarea', RULE_CODES.outOfArea, 2],
  ] as const)('%s raises %s, high rules within 60 s of the first call', (name, rule, minutes) => {
    const events = scenario(name, minutes);
    const triggers = run(events);
    const t = triggers.find((x) => x.rule === rule);
    expect(t, JSON.stringify(triggers)).toBeDefined();
    if (!t) return;
    const first = events[0]?.time ?? 0;
    if (t.severity === 'high') expect(t.windowEnd - first).toBeLessThan(60_000);
    expect(t.windowStart).toBe(first);
    // Evidence is aggregates: no NIK, no hash of one.
    const ev = JSON.stringify(t.evidence);
    expect(ev).not.toMatch(/\d{16}/);
    for (const e of events) if (e.nikHash) expect(ev).not.toContain(e.nikHash);
  });

  it('offhours raises portal_night at night, not in office hours', () => {
    const night = Date.parse('2026-11-30T16:00:00Z'); // 23:00 WIB
    expect(run(scenario('offhours', 10, night)).map((t) => t.rule)).toContain(RULE_CODES.portalNight);
    expect(run(scenario('offhours', 10, MONDAY + 10 * 3_600_000)).map((t) => t.rule)).not.toContain(
      RULE_CODES.portalNight,
    );
    expect(isNight(localHour(night, 420).hourOfDay, 21, 6)).toBe(true);
  });

  it('the enumeration of an office that turned the rule off raises nothing', () => {
    const off = new Map(defaults);
    off.set(RULE_CODES.enumeration, { enabled: false, params: paramsOf(RULES[3]!) });
    const triggers = run(scenario('enumeration', 2), { settings: (r) => off.get(r) ?? { enabled: false, params: {} } });
    expect(triggers.map((t) => t.rule)).not.toContain(RULE_CODES.enumeration);
  });

  it('an operator far above their peers raises operator_outlier', () => {
    const base = {
      seq: 0,
      channel: 'web_portal' as const,
      action: 'PORTAL_LOOKUP',
      institutionId: 'I1',
      resultCode: '01',
      reason: 'ok',
      clientIp: '10.1.1.1',
      nikHash: 'h',
      nikBlock: 'b',
      nikArea: '3305',
      verify: false,
      failures: 0,
      grantId: null,
    };
    const events: DetectorEvent[] = [];
    let seq = 1;
    for (let i = 0; i < 60; i++)
      events.push({
        ...base,
        seq: seq++,
        time: input.start + i * 30_000,
        subject: { kind: 'operator', id: 'U1' },
        nikHash: `h${i}`,
      });
    for (const u of ['U2', 'U3'])
      for (let i = 0; i < 6; i++)
        events.push({ ...base, seq: seq++, time: input.start + i * 60_000 + 1, subject: { kind: 'operator', id: u } });
    events.sort((a, b) => a.time - b.time);
    const t = run(events).find((x) => x.rule === RULE_CODES.operatorOutlier);
    expect(t?.subject).toEqual({ kind: 'operator', id: 'U1' });
    expect(t?.evidence.peersMedian).toBe(6);
  });

  it('volume far above the usual hour, a burst of refusals, a new client address', () => {
    const day = scenario('normal', 60);
    // The usual for this hour is 10 calls: normal's ~1,800 answered calls are far above it.
    expect(run(day, { usual: 10 }).map((t) => t.rule)).toContain(RULE_CODES.volume);
    expect(run(day, { usual: 2_000 }).map((t) => t.rule)).not.toContain(RULE_CODES.volume);
    // Calls from outside the allow-list: refused 04, a burst.
    const refused = day.slice(0, 60).map((e) => ({ ...e, resultCode: '04', reason: 'ip_not_allowed' }));
    expect(run(refused).map((t) => t.rule)).toContain(RULE_CODES.refusalBurst);
    // Known at 127.0.0.1; then one call from elsewhere.
    const moved = [...day.slice(0, 5), { ...day[5]!, clientIp: '203.0.113.9' }];
    const found = run(moved).filter((t) => t.rule === RULE_CODES.newClientAddress);
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('low');
    // A credential without history only learns its first address.
    expect(run([{ ...day[0]!, clientIp: '203.0.113.9' }]).map((t) => t.rule)).toEqual([]);
  });

  it('the same events give the same dedupe keys (two processes, one finding)', () => {
    const events = scenario('enumeration', 1);
    expect(run(events).map((t) => t.dedupeKey)).toEqual(run(events).map((t) => t.dedupeKey));
  });
});

describe('the rules as data', () => {
  it('declare every parameter within its bounds, with a tuning direction, and clamp stored values', () => {
    expect(new Set(RULES.map((r) => r.code)).size).toBe(RULES.length);
    for (const r of RULES)
      for (const [name, p] of Object.entries(r.params)) {
        expect(p.min <= p.default && p.default <= p.max, `${r.code}.${name}`).toBe(true);
        expect(p.step).toBeGreaterThan(0);
        expect(['up', 'down']).toContain(r.tuning[name]);
      }
    const en = RULES.find((r) => r.code === RULE_CODES.enumeration)!;
    expect(paramsOf(en, { minCalls: 1_000_000, notFoundPct: 'x' })).toMatchObject({
      minCalls: 10_000,
      notFoundPct: 40,
    });
    expect(
      RULES.filter((r) => r.severity === 'high')
        .map((r) => r.code)
        .sort(),
    ).toEqual(['credential_stuffing', 'enumeration', 'verify_probing']);
  });
});

describe('enumeration counts distinct NIKs', () => {
  it('does not fire on the same few NIKs asked over and over (a load test, a retrying client)', () => {
    const calls = Array.from({ length: 300 }, (_, i) => ({
      at: i * 100,
      channel: 'web_service' as const,
      op: 'lookup' as const,
      nik: i % 2 ? (inArea[i % 5] ?? '') : `3305010101600${String(900 + (i % 3)).padStart(3, '0')}`,
    }));
    const events = eventsOf(calls, input.start, callers);
    expect(events.filter((e) => e.resultCode === '13').length).toBeGreaterThan(100);
    expect(run(events).map((t) => t.rule)).not.toContain(RULE_CODES.enumeration);
  });
});
