/**
 * Verification by elements: the caller sends what it believes about a person and learns, per field it sent,
 * whether it matches ("Sesuai") or not ("Tidak Sesuai"). Fuzzy fields (names, places, addresses) carry a
 * similarity score and pass at the caller's threshold. Nothing is answered for a field the caller did not send,
 * and no stored value is ever echoed, so the mode discloses nothing the caller did not already hold.
 */
import { FIELD_SPECS, isFieldName, type FieldName, type FieldSpec } from '../elements/elements.js';
import { nameSimilarity, placeSimilarity } from './similarity.js';

/** The two answers of the Dukcapil verification service. */
export const SESUAI = 'Sesuai';
/** The negative answer. */
export const TIDAK_SESUAI = 'Tidak Sesuai';

/** One field's outcome, for callers that need more than the wire string (the v1 API, audit). */
export interface FieldVerdict {
  field: FieldName;
  match: boolean;
  /** Similarity 0–100 for fuzzy fields; null for exact ones. */
  score: number | null;
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
  for (const key in claimed) {
    if (!isFieldName(key)) continue;
    const raw = claimed[key];
    if (raw === null || raw === undefined) continue;
    const c = typeof raw === 'number' ? String(raw) : raw;
    const a = actual[key] ?? '';
    const spec = FIELD_SPECS[key];
    if (spec.fuzzy) {
      const score = fuzzyScore(spec, c, a);
      out.push({ field: key, match: score >= threshold && score > 0, score });
    } else {
      out.push({ field: key, match: a !== '' && exactMatch(spec, c, a), score: null });
    }
  }
  return out;
}

/** The wire string of one verdict: "Sesuai", "Tidak Sesuai", "Sesuai (92)", "Tidak Sesuai (41)". */
export function verdictText(v: FieldVerdict): string {
  const word = v.match ? SESUAI : TIDAK_SESUAI;
  return v.score === null ? word : `${word} (${v.score})`;
}

/**
 * Per sent field, "Sesuai" / "Tidak Sesuai", with the score for fuzzy fields ("Sesuai (92)").
 * threshold is 0–100; a fuzzy field matches when its score reaches it.
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
