/**
 * Similarity of Indonesian names, places and addresses, 0–100.
 * People type names with and without honorifics ("H.", "Hj."), academic degrees ("S.Kom", "S.Pd., M.M."),
 * abbreviations ("M. Yusuf" for "Muhammad Yusuf"), in any case and spacing, sometimes in another order
 * ("Santoso Budi"). Normalisation removes what is not the name; the score is the better of a character-level
 * Jaro-Winkler over the whole string and a token alignment that tolerates reordering and initials.
 * Runs per verified field on the request path, so the Jaro-Winkler reuses module-level buffers.
 */

// Honorifics that precede a name; removed only at the start so an initial "H" inside a name survives.
const PREFIX_TITLES = new Set([
  'H',
  'HJ',
  'HAJI',
  'HAJAH',
  'HAJJAH',
  'DR',
  'DRS',
  'DRA',
  'IR',
  'PROF',
  'KH',
  'TN',
  'NY',
  'SDR',
  'SDRI',
  'BPK',
  'IBU',
  'TUAN',
  'NYONYA',
  'USTADZ',
  'USTADZAH',
  'DRG',
]);

// Degrees written after a name ("S.Kom", "M.M.", "A.Md.Kep"), compared without dots.
const SUFFIX_TITLES = new Set([
  'SH',
  'SE',
  'ST',
  'SKOM',
  'SPD',
  'SPDI',
  'SAG',
  'SSOS',
  'SIP',
  'SHUT',
  'SP',
  'SPT',
  'SKM',
  'SKEP',
  'SFARM',
  'SSI',
  'SS',
  'SPSI',
  'SHI',
  'STP',
  'SKED',
  'SIKOM',
  'SAK',
  'SKG',
  'SSTP',
  'MM',
  'MSI',
  'MPD',
  'MKOM',
  'MH',
  'MT',
  'MAG',
  'MKES',
  'MBA',
  'MAP',
  'MSC',
  'MA',
  'MHUM',
  'AMD',
  'AMDKEP',
  'AMDKEB',
  'AMA',
  'PHD',
  'SPOG',
  'SPA',
  'SPB',
  'SPPD',
  'BSC',
  'BA',
]);

function stripAccents(s: string): string {
  // Fast path: pure ASCII needs no decomposition.
  for (let i = 0; i < s.length; i++)
    if (s.charCodeAt(i) > 127) return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return s;
}

/**
 * Normalises a name for comparison: upper case, accents and apostrophes removed, honorifics and degrees
 * dropped, other punctuation turned into spaces, spaces collapsed. "Hj. Siti Nur'aini, S.Kom" → "SITI NURAINI".
 */
export function normalizeName(input: string): string {
  let s = stripAccents(input).toUpperCase();
  // A comma separates the name from degrees ("BUDI, S.KOM., M.M."); drop trailing segments that are all degrees.
  const comma = s.indexOf(',');
  if (comma >= 0) {
    const segments = s.split(',');
    let keep = segments.length;
    while (keep > 1 && isDegreeSegment(segments[keep - 1] ?? '')) keep--;
    s = segments.slice(0, keep).join(' ');
  }
  const tokens = s
    .replace(/['`’‘]/g, '')
    .split(/[^A-Z0-9.]+/)
    .filter((t) => t.length > 0);
  // Leading honorifics ("H.", "HJ.", "DR."), possibly several ("PROF. DR. IR. H.").
  let start = 0;
  while (start < tokens.length - 1 && PREFIX_TITLES.has((tokens[start] ?? '').replace(/\./g, ''))) start++;
  // Trailing degrees written without a comma ("BUDI SANTOSO S.KOM").
  let end = tokens.length;
  while (end - 1 > start && isDegreeToken(tokens[end - 1] ?? '')) end--;
  const out: string[] = [];
  for (let i = start; i < end; i++) {
    for (const part of (tokens[i] ?? '').split('.')) if (part.length > 0) out.push(part);
  }
  return out.join(' ');
}

function isDegreeToken(token: string): boolean {
  // Only a token written with a dot ("S.KOM", "M.M.") counts without a comma: "SE" alone may be a name part.
  return token.includes('.') && SUFFIX_TITLES.has(token.replace(/\./g, ''));
}

function isDegreeSegment(segment: string): boolean {
  const words = segment
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return true;
  // "S.Kom" and "S. Kom" are one degree; "S.Kom M.M." (no comma between) are two.
  return (
    SUFFIX_TITLES.has(segment.replace(/[\s.]/g, '')) || words.every((w) => SUFFIX_TITLES.has(w.replace(/\./g, '')))
  );
}

/** Normalises a place or address: like a name, with common abbreviations expanded (JL → JALAN, KEL → KELURAHAN). */
export function normalizePlace(input: string): string {
  const s = stripAccents(input)
    .toUpperCase()
    .replace(/['`’‘]/g, '')
    .split(/[^A-Z0-9]+/)
    .filter((t) => t.length > 0);
  for (let i = 0; i < s.length; i++) {
    const expanded = PLACE_ABBREVIATIONS[s[i] ?? ''];
    if (expanded) s[i] = expanded;
  }
  return s.join(' ');
}

const PLACE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  JL: 'JALAN',
  JLN: 'JALAN',
  GG: 'GANG',
  KEL: 'KELURAHAN',
  KEC: 'KECAMATAN',
  KAB: 'KABUPATEN',
  KOT: 'KOTA',
  DS: 'DESA',
  DSN: 'DUSUN',
  PERUM: 'PERUMAHAN',
  KOMP: 'KOMPLEK',
  KOMPLEKS: 'KOMPLEK',
  NO: 'NOMOR',
  PROV: 'PROVINSI',
  KAV: 'KAVLING',
  BLK: 'BLOK',
};

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro-Winkler similarity 0–1 of two strings (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

// Token alignment: each token of the shorter list takes its best partner in the longer list; an initial
// ("M") matches a token with the same first letter at 0.9. Divided by the longer count, so a missing or extra
// name part costs its share.
function tokenScore(a: readonly string[], b: readonly string[]): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length === 0) return 0;
  let total = 0;
  for (const s of short) {
    let best = 0;
    for (const l of long) {
      let score: number;
      if (s.length === 1 || l.length === 1) score = s[0] === l[0] ? 0.9 : 0;
      else score = jaroWinkler(s, l);
      if (score > best) best = score;
      if (best === 1) break;
    }
    total += best;
  }
  return total / long.length;
}

function scoreNormalized(na: string, nb: string): number {
  if (na === nb) return na.length > 0 ? 100 : 0;
  if (na.length === 0 || nb.length === 0) return 0;
  const ta = na.split(' ');
  const tb = nb.split(' ');
  const whole = jaroWinkler(na, nb);
  const tokens = ta.length === 1 && tb.length === 1 ? whole : tokenScore(ta, tb);
  const best = whole > tokens ? whole : tokens;
  // Floor, not round: "Sesuai (100)" must mean the normalised values are identical.
  const score = Math.floor(best * 100);
  return score >= 100 ? 99 : score;
}

/** Similarity 0–100 of two person names after normalisation; 100 only when the normalised names are equal. */
export function nameSimilarity(a: string, b: string): number {
  return scoreNormalized(normalizeName(a), normalizeName(b));
}

/** Similarity 0–100 of two place names or addresses after normalisation. */
export function placeSimilarity(a: string, b: string): number {
  return scoreNormalized(normalizePlace(a), normalizePlace(b));
}
