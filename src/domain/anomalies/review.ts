/**
 * The review of anomaly findings (issue 13), pure: who sees a finding and who tunes an office's rules, what a
 * reviewer's decision may say, and how a false positive moves a rule's parameters (by the declared step, in the
 * declared direction, within the declared bounds of domain/anomalies/rules.ts).
 */
import type { Actor } from '../authz.js';
import type { FieldIssue, Message } from '../errors.js';
import type { RuleSpec } from './rules.js';

/** The reviewer's verdicts on a finding. */
export const VERDICTS = ['confirmed', 'false_positive'] as const;
/** The reviewer's verdict on a finding. */
export type Verdict = (typeof VERDICTS)[number];
/** What the reviewer may do with a suspended subject. */
export const OUTCOMES = ['resumed', 'revoked'] as const;
/** What the reviewer does with a suspended subject. */
export type Outcome = (typeof OUTCOMES)[number];
/** Where a finding stands: open until a reviewer's verdict. */
export const FINDING_STATUSES = ['open', ...VERDICTS] as const;
/** Where a finding stands. */
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** Who raised a finding: the detector, or a resident reporting an access they do not recognise. */
export const FINDING_SOURCES = ['detector', 'resident_report'] as const;
/** Who raised a finding. */
export type FindingSource = (typeof FINDING_SOURCES)[number];
/** What a finding's subject (what it suspends) is. */
export const SUBJECT_KINDS = ['grant', 'device', 'operator'] as const;
/** What a finding's subject is. */
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** Where a finding sits: its office and the offices above it (nearest first), and its institution. */
export interface FindingScope {
  officeChain: readonly string[];
  institutionId: string | null;
}

/**
 * Who sees a finding: pusat all; an office those of its own institutions and of the offices under it; an
 * institution its own (what was suspended and why), never another's.
 */
export function canSeeFinding(actor: Actor, f: FindingScope): boolean {
  if (actor.orgKind === 'institution') return f.institutionId !== null && f.institutionId === actor.orgId;
  return actor.atPusat || f.officeChain.includes(actor.orgId);
}

/**
 * Who tunes an office's rules: its own admin, or a holder of the role its anomaly-review SOP names as reviewer
 * (the role of the `anomaly.decide` step; Kabid in the shipped template). Nobody else, not pusat nor the province.
 */
export function canTuneRules(actor: Actor, officeId: string, reviewerRoles: readonly string[]): boolean {
  if (actor.orgKind !== 'office' || actor.orgId !== officeId) return false;
  return actor.roles.includes('admin') || actor.roles.some((r) => reviewerRoles.includes(r));
}

/** A rule's parameters as an office runs them: its stored values where they are valid, else the defaults. */
export function effectiveParams(spec: RuleSpec, stored: Readonly<Record<string, unknown>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(spec.params)) {
    const v = stored[name];
    out[name] = typeof v === 'number' && Number.isFinite(v) && v >= p.min && v <= p.max ? v : p.default;
  }
  return out;
}

/** What is wrong with parameters an office submits (unknown names, values out of bounds); empty when none. */
export function paramIssues(spec: RuleSpec, params: Readonly<Record<string, number>>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, v] of Object.entries(params)) {
    const p = spec.params[name];
    if (!p) {
      issues.push({
        field: `params.${name}`,
        message: {
          id: `aturan ini tidak punya parameter "${name}"`,
          en: `this rule has no parameter "${name}"`,
        },
      });
      continue;
    }
    if (!Number.isFinite(v) || v < p.min || v > p.max)
      issues.push({
        field: `params.${name}`,
        message: {
          id: `${p.label.id}: antara ${p.min} dan ${p.max} ${p.unit.id}`,
          en: `${p.label.en}: between ${p.min} and ${p.max} ${p.unit.en}`,
        },
      });
  }
  return issues;
}

/** One parameter a false positive moved. */
export interface Moved {
  name: string;
  from: number;
  to: number;
}

/**
 * A false positive tunes the rule towards fewer findings: each parameter moves by its step in its declared
 * direction, clamped to its bounds. A parameter already at its bound stays there (and is not listed).
 */
export function tuneAfterFalsePositive(
  spec: RuleSpec,
  current: Readonly<Record<string, number>>,
): { params: Record<string, number>; moved: Moved[] } {
  const params = { ...current };
  const moved: Moved[] = [];
  for (const [name, dir] of Object.entries(spec.tuning)) {
    const p = spec.params[name];
    const from = params[name];
    if (!p || from === undefined) continue;
    const raw = dir === 'up' ? from + p.step : from - p.step;
    // Steps may be fractional: keep the figure readable (no 0.30000000000000004).
    const to = Math.min(p.max, Math.max(p.min, Math.round(raw * 1e6) / 1e6));
    if (to === from) continue;
    params[name] = to;
    moved.push({ name, from, to });
  }
  return { params, moved };
}

/** Why a decision cannot be taken as given (undefined: it can). */
export function decisionProblem(
  finding: { suspended: boolean },
  input: { verdict: Verdict; outcome: Outcome | null },
): { field: string; message: Message } | undefined {
  if (finding.suspended && input.outcome === null)
    return {
      field: 'outcome',
      message: {
        id: 'temuan ini menangguhkan akses: pilih pulihkan atau cabut',
        en: 'this finding suspended access: choose resume or revoke',
      },
    };
  if (!finding.suspended && input.outcome !== null)
    return {
      field: 'outcome',
      message: {
        id: 'temuan ini tidak menangguhkan apa pun: tidak ada yang dipulihkan atau dicabut',
        en: 'this finding suspended nothing: there is nothing to resume or revoke',
      },
    };
  if (input.verdict === 'false_positive' && input.outcome === 'revoked')
    return {
      field: 'outcome',
      message: {
        id: 'temuan yang keliru tidak menjadi alasan mencabut akses: pulihkan, atau nyatakan temuan benar',
        en: 'a false positive is no reason to revoke access: resume, or mark the finding true',
      },
    };
  return undefined;
}
