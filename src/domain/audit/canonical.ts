/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, undefined members omitted, only finite
 * numbers. Two processes (or two dialects reading the same row back) must produce the same bytes for the
 * same entry, or every hash in the log would depend on who computed it.
 */

/** A value canonical JSON can carry. */
export type CanonicalValue =
  string | number | boolean | null | undefined | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

/** What JSON.stringify escapes in a string: a quote, a backslash, a control character, a surrogate. */
// eslint-disable-next-line no-control-regex
export const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without the builtin's call when nothing needs escaping (most strings). */
export function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

/** Serialises a value canonically; throws on non-finite numbers, which JSON cannot represent faithfully. */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'undefined':
      return 'null';
    default:
      break;
  }
  if (Array.isArray(value)) return '[' + value.map((v: CanonicalValue) => canonicalJson(v)).join(',') + ']';
  const obj = value as { readonly [key: string]: CanonicalValue }; // arrays and primitives handled above
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => jsonString(k) + ':' + canonicalJson(obj[k])).join(',') + '}';
}
