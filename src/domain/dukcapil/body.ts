/**
 * Request bodies of the compatible endpoints as the existing integrations send them, read from the raw text:
 *
 * - JSON, optionally after a UTF-8 byte-order mark (Windows tools and some PHP editors write one);
 * - form-encoded `NIK=…&user_id=…&password=…&IP_USER=…`, as PHP's `http_build_query` (and `curl -d`) sends it —
 *   whatever the declared content type, since integrations send JSON as `application/x-www-form-urlencoded`
 *   and forms with a JSON content type: the first character decides;
 * - a NIK sent as a JSON number: NIKs of provinces 91–96 exceed 2^53, so a double no longer holds their digits;
 *   the number's own text is read back from the body instead (the digits as sent, never through a double).
 *
 * Keys in any letter case are read by wire.ts (`pick`). The result goes to parseCallNikBody / parseVerifyBody;
 * undefined means unreadable (answered 07).
 */

type Body = Record<string, unknown>;

const BOM = 0xfeff;

/** The body of a compatible request from its raw text: an object of members, or undefined when unreadable. */
export function readWireBody(raw: string): unknown {
  let text = raw.charCodeAt(0) === BOM ? raw.slice(1) : raw;
  let first = text.charCodeAt(0);
  if (first !== 123 /* { */ && first !== 91 /* [ */) {
    text = text.trimStart();
    first = text.charCodeAt(0);
  }
  if (first === 123 || first === 91) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      return undefined;
    }
    // The common case — "NIK" as a string — returns here without looking further.
    if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof (v as Body).NIK === 'string') return v;
    return withNikDigits(v as Body, text);
  }
  return text.includes('=') ? formBody(text) : undefined;
}

/** A NIK member holding a JSON number gets the number's text as sent (see the module comment). */
function withNikDigits(body: Body, text: string): Body {
  for (const key of Object.keys(body)) {
    if (key.toLowerCase() !== 'nik' || typeof body[key] !== 'number') continue;
    const token = rawMember(text, key);
    if (token !== undefined) body[key] = token;
  }
  return body;
}

/**
 * A form-encoded body as an object without prototype (a key `__proto__` is a member like any other). A repeated
 * key keeps its LAST value, as PHP's parse_str (and so $_POST) and JSON.parse do, so a body means the same
 * whether it is sent as a form or as JSON. Case variants of one name (`NIK` and `Nik`) stay separate members,
 * as in JSON; wire.ts `pick` then takes the exact spelling first, else the first variant in body order — the
 * same for both encodings.
 */
function formBody(text: string): Body {
  const out = Object.create(null) as Body;
  for (const [key, value] of new URLSearchParams(text)) out[key] = value;
  return out;
}

function skipWs(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** The index after the string literal that starts at `i` (a quote). */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 92 /* \ */) j++;
    else if (c === 34 /* " */) return j + 1;
  }
  return s.length;
}

/** The index after the JSON value that starts at `i`. */
function valueEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return stringEnd(s, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const d = s.charCodeAt(j);
      if (d === 34) j = stringEnd(s, j) - 1;
      else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return s.length;
  }
  let j = i;
  while (j < s.length) {
    const d = s.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 9 || d === 10 || d === 13) break;
    j++;
  }
  return j;
}

/**
 * The raw text of the top-level member `key` of a JSON object text that JSON.parse accepted: the last one of
 * that name, as JSON.parse keeps the last of duplicates. Undefined when the text is not an object.
 */
export function rawMember(text: string, key: string): string | undefined {
  let i = skipWs(text, 0);
  if (text.charCodeAt(i) !== 123) return undefined;
  let found: string | undefined;
  i = skipWs(text, i + 1);
  while (i < text.length && text.charCodeAt(i) === 34) {
    const keyEnd = stringEnd(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string; // a valid JSON string: the whole text parsed
    i = skipWs(text, keyEnd);
    if (text.charCodeAt(i) !== 58 /* : */) return found;
    const start = skipWs(text, i + 1);
    const end = valueEnd(text, start);
    if (name === key) found = text.slice(start, end);
    i = skipWs(text, end);
    if (text.charCodeAt(i) !== 44 /* , */) break;
    i = skipWs(text, i + 1);
  }
  return found;
}
