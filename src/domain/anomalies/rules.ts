/**
 * Cross-feature contract (issue 13): the anomaly rules as data — code, severity, rationale, tunable parameters with
 * defaults and bounds. Owned by the detection feature (it fills RULES and may add fields; it keeps these). The
 * review feature reads it for the office's tuning screen and API, and to tune a rule after a false positive.
 */

/** One tunable parameter of a rule. */
export interface RuleParam {
  default: number;
  min: number;
  max: number;
  /** How far a false positive moves it (towards fewer findings), bounded by min/max. */
  step: number;
  /** Plain words for the settings screen. */
  label: { id: string; en: string };
  /** Unit in words (e.g. "panggilan" / "calls", "%", "menit"). */
  unit: { id: string; en: string };
}

/** One rule of the detector. */
export interface RuleSpec {
  /** Stable code stored on findings and settings (e.g. `enumeration`). */
  code: string;
  severity: 'low' | 'medium' | 'high';
  /** Its name on screen. */
  title: { id: string; en: string };
  /** Why it exists and what its threshold means, documented for the office that tunes it. */
  rationale: { id: string; en: string };
  /** Whether a false positive raises (`up`) or lowers (`down`) each parameter; per parameter name. */
  tuning: Record<string, 'up' | 'down'>;
  params: Record<string, RuleParam>;
}

/** Every rule the detector evaluates. */
export const RULES: readonly RuleSpec[] = [];

/** A rule by code, or undefined. */
export function ruleByCode(code: string): RuleSpec | undefined {
  return RULES.find((r) => r.code === code);
}
