/**
 * Verification by elements: the caller sends what it believes about a person and learns, per field it sent,
 * whether it matches ("Sesuai") or not ("Tidak Sesuai") — one bit, never a score. Fuzzy fields (names, places,
 * addresses) are compared by similarity and pass at the threshold (the caller's, never below MIN_THRESHOLD).
 * Nothing is answered for a field the caller did not send and no stored value or similarity is ever disclosed:
 * a score ("Tidak Sesuai (41)") is a gradient a caller can climb to rebuild the stored value letter by letter,
 * so it never leaves this module. With the per-NIK daily cap (grant.ts VERIFY_CAP_PER_NIK_PER_DAY), repeated
 * guessing learns a few bits a day.
 */
import { FIELD_SPECS, isFieldName, type FieldName, type FieldSpec } from '../elements/elements.js';
import { nameSimilarity, placeSimilarity } from './similarity.js';

/** The two answers of the Dukcapil verification service. */
export const SESUAI = 'Sesuai';
/** The negative answer. */
export const TIDAK_SESUAI = 'Tidak Sesuai';

/** One field's outcome: matched or not, nothing more (the similarity stays inside this module). */
export interface FieldVerdict {
  field: FieldName;
  match: boolean;
}

/** The threshold when the caller sends none: high, because a lenient default would confirm near-misses. */
export const DEFAULT_THRESHOLD = 90;
/**
 * The lowest threshold applied: a caller's lower one is raised to it. A low threshold turns "Sesuai" into a
 * coarse score (try 50, 60, 70 … and read where it flips) and confirms names that are not the person's.
 */
export const MIN_THRESHOLD = 80;

/**
 * The threshold a sent value stands for, or null when it is not one. Absent is DEFAULT_THRESHOLD, never 0; a
 * number 0–100 is raised to MIN_THRESHOLD. `lenient` (the compatible wire) also reads null and "" as absent and
 * numeric strings ("85") as numbers, as integrations send them; the v1 API is strict: a JSON number or nothing.
 */
export function thresholdOf(value: unknown, lenient: boolean): number | null {
  if (value === undefined) return DEFAULT_THRESHOLD;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (!lenient) return null;
  else if (value === null || value === '') return DEFAULT_THRESHOLD;
  else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) n = Number(value);
  else return null;
  if (!(n >= 0 && n <= 100)) return null;
  return n < MIN_THRESHOLD ? MIN_THRESHOLD : n;
}

/** A claimed value may arrive as a string or a number (NO_RT: 3). */
export type ClaimedValue = string | number;

/** What the caller claims, by field name; unknown keys are ignored. */
export type Claimed = Readonly<Record<string, ClaimedValue | null | undefined>>;

/** The stored values of the person, by field name (dates YYYY-MM-DD). */
export type ActualFields = Readonly<Partial<Record<FieldName, string>>>;

/**
 * A date as YYYY-MM-DD from YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY (one-digit day or month allowed), or null.
 * Integrations send both orders; the registry stores one.
 */
export function normalizeDate(input: string): string | null {
  const s = input.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  let y: string | undefined;
  let mo: string | undefined;
  let d: string | undefined;
  if (m) [, y, mo, d] = m;
  else {
    m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(s);
    if (!m) return null;
    [, d, mo, y] = m;
  }
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${y}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

const SEX_SYNONYMS: Readonly<Record<string, string>> = {
  L: 'LAKI-LAKI',
  LK: 'LAKI-LAKI',
  'LAKI LAKI': 'LAKI-LAKI',
  PRIA: 'LAKI-LAKI',
  '1': 'LAKI-LAKI',
  P: 'PEREMPUAN',
  PR: 'PEREMPUAN',
  WANITA: 'PEREMPUAN',
  '2': 'PEREMPUAN',
};

function normalizeText(s: string): string {
  return s.trim().toUpperCase().replace(/\s+/g, ' ');
}

function stripLeadingZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  return i === 0 ? s : s.slice(i);
}

/** Exact comparison after the field kind's normalisation. */
export function exactMatch(spec: FieldSpec, claimed: string, actual: string): boolean {
  switch (spec.kind) {
    case 'date': {
      const c = normalizeDate(claimed);
      return c !== null && c === normalizeDate(actual);
    }
    case 'code': {
      const c = claimed.trim();
      const a = actual.trim();
      // RT "3" and "003" are the same RT.
      return /^\d+$/.test(c) && /^\d+$/.test(a) ? stripLeadingZeros(c) === stripLeadingZeros(a) : c === a;
    }
    case 'nik':
    case 'kk':
      return claimed.trim() === actual;
    case 'enum': {
      let c = normalizeText(claimed);
      if (spec.name === 'JENIS_KLMIN') c = SEX_SYNONYMS[c] ?? c;
      return c === normalizeText(actual);
    }
    default:
      return normalizeText(claimed) === normalizeText(actual);
  }
}

/** Similarity 0–100 for a fuzzy field. */
export function fuzzyScore(spec: FieldSpec, claimed: string, actual: string): number {
  return spec.kind === 'name' ? nameSimilarity(claimed, actual) : placeSimilarity(claimed, actual);
}

/**
 * Verdicts for exactly the known fields the caller sent, in the order sent.
 * An empty stored value never matches a non-empty claim; a field the caller sent as null is skipped.
 */
export function verifyFields(claimed: Claimed, actual: ActualFields, threshold: number): FieldVerdict[] {
  const out: FieldVerdict[] = [];
  const t = threshold < MIN_THRESHOLD ? MIN_THRESHOLD : threshold;
  for (const key in claimed) {
    if (!isFieldName(key)) continue;
    const raw = claimed[key];
    if (raw === null || raw === undefined) continue;
    const c = typeof raw === 'number' ? String(raw) : raw;
    const a = actual[key] ?? '';
    const spec = FIELD_SPECS[key];
    if (spec.fuzzy) {
      const score = fuzzyScore(spec, c, a);
      out.push({ field: key, match: score >= t && score > 0 });
    } else {
      out.push({ field: key, match: a !== '' && exactMatch(spec, c, a) });
    }
  }
  return out;
}

/** The wire string of one verdict: "Sesuai" or "Tidak Sesuai", never with a score. */
export function verdictText(v: FieldVerdict): string {
  return v.match ? SESUAI : TIDAK_SESUAI;
}

/**
 * Per sent field, "Sesuai" / "Tidak Sesuai". threshold is 0–100 (raised to MIN_THRESHOLD); a fuzzy field
 * matches when its similarity reaches it.
 */
export function verifyElements(
  claimed: Claimed,
  actual: ActualFields,
  threshold: number,
): Partial<Record<FieldName, string>> {
  const out: Partial<Record<FieldName, string>> = {};
  for (const v of verifyFields(claimed, actual, threshold)) out[v.field] = verdictText(v);
  return out;
}
