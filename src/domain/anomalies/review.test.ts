import { describe, expect, it } from 'vitest';
import type { Actor } from '../authz.js';
import { evidenceWords } from './evidence.js';
import {
  canSeeFinding,
  canTuneRules,
  decisionProblem,
  effectiveParams,
  paramIssues,
  tuneAfterFalsePositive,
} from './review.js';
import type { RuleSpec } from './rules.js';

const spec: RuleSpec = {
  code: 'x',
  severity: 'high',
  title: { id: 'X', en: 'X' },
  rationale: { id: 'r', en: 'r' },
  tuning: { calls: 'up', windowMinutes: 'down' },
  params: {
    calls: { default: 25, min: 5, max: 30, step: 5, label: { id: 'p', en: 'c' }, unit: { id: 'kali', en: 'times' } },
    windowMinutes: {
      default: 2,
      min: 1,
      max: 60,
      step: 1,
      label: { id: 'j', en: 'w' },
      unit: { id: 'menit', en: 'min' },
    },
  },
};

const actor = (o: Partial<Actor>): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  orgKind: 'office',
  orgId: 'kab',
  officeId: 'kab',
  atPusat: false,
  roles: ['kabid'],
  capabilities: [],
  ...o,
});

describe('the review of anomaly findings (pure)', () => {
  it('moves each parameter by its step in its direction, within bounds, and stops at a bound', () => {
    const first = tuneAfterFalsePositive(spec, effectiveParams(spec, {}));
    expect(first.params).toEqual({ calls: 30, windowMinutes: 1 });
    const second = tuneAfterFalsePositive(spec, first.params);
    expect(second.params).toEqual({ calls: 30, windowMinutes: 1 });
    expect(second.moved).toEqual([]);
  });

  it('keeps stored values within bounds and refuses others', () => {
    expect(effectiveParams(spec, { calls: 10, windowMinutes: 999 })).toEqual({ calls: 10, windowMinutes: 2 });
    expect(paramIssues(spec, { calls: 10 })).toEqual([]);
    expect(paramIssues(spec, { calls: 31 }).map((i) => i.field)).toEqual(['params.calls']);
    expect(paramIssues(spec, { other: 1 }).map((i) => i.field)).toEqual(['params.other']);
  });

  it('asks resume or revoke only of what was suspended, and never revokes on a false positive', () => {
    expect(decisionProblem({ suspended: true }, { verdict: 'confirmed', outcome: null })).toBeDefined();
    expect(decisionProblem({ suspended: false }, { verdict: 'confirmed', outcome: 'resumed' })).toBeDefined();
    expect(decisionProblem({ suspended: true }, { verdict: 'false_positive', outcome: 'revoked' })).toBeDefined();
    expect(decisionProblem({ suspended: true }, { verdict: 'false_positive', outcome: 'resumed' })).toBeUndefined();
    expect(decisionProblem({ suspended: false }, { verdict: 'confirmed', outcome: null })).toBeUndefined();
  });

  it('shows a finding to its office chain and its own institution only; tuning to the office admin or reviewer', () => {
    const scope = { officeChain: ['kab', 'prov', 'pusat'], institutionId: 'bank' };
    expect(canSeeFinding(actor({}), scope)).toBe(true);
    expect(canSeeFinding(actor({ orgId: 'prov' }), scope)).toBe(true);
    expect(canSeeFinding(actor({ orgId: 'other' }), scope)).toBe(false);
    expect(canSeeFinding(actor({ orgId: 'other', atPusat: true }), scope)).toBe(true);
    expect(canSeeFinding(actor({ orgKind: 'institution', orgId: 'bank' }), scope)).toBe(true);
    expect(canSeeFinding(actor({ orgKind: 'institution', orgId: 'dinsos' }), scope)).toBe(false);
    expect(canTuneRules(actor({}), 'kab', ['kabid'])).toBe(true);
    expect(canTuneRules(actor({ roles: ['kasi'] }), 'kab', ['kabid'])).toBe(false);
    expect(canTuneRules(actor({ roles: ['admin'] }), 'kab', ['kabid'])).toBe(true);
    expect(canTuneRules(actor({ orgId: 'prov' }), 'kab', ['kabid'])).toBe(false);
  });

  it('words the evidence without a NIK, with the measure against its threshold', () => {
    const w = evidenceWords('credential_stuffing', { failedLogins: 40, threshold: 15, windowMinutes: 10 });
    expect(w.summary.id).toBe('40 login gagal dalam 10 menit (ambang 15).');
    expect(w.chart).toMatchObject({ observed: 40, threshold: 15 });
    expect(w.facts.map((f) => f.value.id)).toContain('10 menit');
    const r = evidenceWords('resident_report', { accessedAt: '2026-11-30T03:00:00Z', channel: 'web_service' });
    expect(r.facts.map((f) => f.value.id)).toEqual(['30 November 2026', 'web service']);
  });
});
