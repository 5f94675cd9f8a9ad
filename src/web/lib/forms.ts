/**
 * The app's own form validation (issue 14): forms carry `noValidate`, so the browser never answers "Please fill out
 * this field" in its own language; each field shows one message from i18n through Mantine's `error` prop, and the
 * messages are recomputed from the current values, so an error disappears as soon as its field is fixed.
 */
import { BULAN, MONTHS_EN } from '../../domain/tanggal.js';

/** A message in both UI languages, as domain and server issues carry it. */
type Bilingual = { id: string; en: string };

/** Why a value is refused; each maps to `integration.forms.<code>` in i18n. */
export type FieldProblem = 'required' | 'tooShort' | 'tooLong' | 'pattern' | 'email' | 'mismatch' | 'pickOne';

/** One rule of a field. */
export interface FieldRule {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  email?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The first problem of a text value under a rule, or null. Blank optional values pass. */
export function checkText(value: string, rule: FieldRule): FieldProblem | null {
  const v = value.trim();
  if (!v) return rule.required ? 'required' : null;
  if (rule.minLength !== undefined && v.length < rule.minLength) return 'tooShort';
  if (rule.maxLength !== undefined && v.length > rule.maxLength) return 'tooLong';
  if (rule.pattern && !rule.pattern.test(v)) return 'pattern';
  if (rule.email && !EMAIL.test(v)) return 'email';
  return null;
}

/** The problems of a whole form, field by field: only fields with a problem are keys. */
export function checkForm<K extends string>(
  values: NoInfer<Record<K, string>>,
  rules: Partial<Record<K, FieldRule>>,
): Partial<Record<K, FieldProblem>> {
  const out: Partial<Record<K, FieldProblem>> = {};
  for (const key of Object.keys(rules) as K[]) {
    const rule = rules[key];
    if (!rule) continue;
    const problem = checkText(values[key] ?? '', rule);
    if (problem) out[key] = problem;
  }
  return out;
}

/** True when a form's problems (from checkForm or issuesByField) are empty. */
export function isClean(problems: object): boolean {
  return Object.keys(problems).length === 0;
}

/**
 * Server or domain issues (`{ field, message }`) keyed by their field, in the UI's language: the first message of
 * each field wins, and an indexed field ("ipRanges[2]") is folded onto its list ("ipRanges").
 */
export function issuesByField(
  issues: readonly { field: string; message: Bilingual }[],
  lang: 'id' | 'en',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.field.replace(/\[\d+\]$/, '');
    out[key] ??= issue.message[lang];
  }
  return out;
}

/** A YYYY-MM-DD string for a picked day (its local calendar day), or '' for none. */
export function isoDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : '';
  if (Number.isNaN(value.getTime())) return '';
  const m = String(value.getMonth() + 1).padStart(2, '0');
  const d = String(value.getDate()).padStart(2, '0');
  return `${value.getFullYear()}-${m}-${d}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Reads a typed date: "2017-01-01", "01-01-2017", "1/1/2017", "1 Januari 2017" or "1 January 2017" (any case,
 * also "Jan"); YYYY-MM-DD, or null when it is not a real calendar day.
 */
export function parseTypedDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(s);
  if (m) {
    const word = (m[2] ?? '').toLowerCase();
    const month = [BULAN, MONTHS_EN]
      .map((names) => names.findIndex((n) => n.toLowerCase() === word || n.toLowerCase().slice(0, 3) === word))
      .find((i) => i >= 0);
    if (month !== undefined) return ymd(Number(m[3]), month + 1, Number(m[1]));
  }
  return null;
}

/** A translate function, as react-i18next's `t` is called here. */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A problem as the message the field shows (integration.forms.*), or undefined for none. */
export function problemText(
  t: Translate,
  problem: FieldProblem | null | undefined,
  rule?: FieldRule,
): string | undefined {
  if (!problem) return undefined;
  return t(`integration.forms.${problem}`, { min: rule?.minLength, max: rule?.maxLength });
}
