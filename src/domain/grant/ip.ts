/**
 * IP allow-lists: CIDRs parsed once into numeric ranges, matched per request without allocation for IPv4.
 * IPv4 addresses and IPv4-mapped IPv6 addresses (::ffff:127.0.0.2, what a dual-stack socket reports) are the
 * same host, so both forms match IPv4 CIDRs, and an IPv6 CIDR inside ::ffff:0:0/96 is stored as IPv4.
 * Other IPv6 addresses are compared as bigint ranges.
 */

/** A compiled allow-list. */
export interface IpMatcher {
  /** True when the address is in one of the ranges; false for a malformed address. */
  matches(ip: string): boolean;
  /** The CIDRs it was built from, normalised ("10.0.0.0/8"). */
  readonly cidrs: readonly string[];
}

/** Why a CIDR was refused. */
export interface CidrIssue {
  index: number;
  cidr: string;
}

/** Parses dotted IPv4 to an unsigned 32-bit number, or -1; reads characters, allocates nothing. */
export function parseIPv4(s: string, start = 0, end = s.length): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
      if (dots > 3) return -1;
    } else if (c >= 48 && c <= 57) {
      // Leading zeros ("010") are refused: some parsers read them as octal, so they are ambiguous.
      if (digits > 0 && part === 0) return -1;
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

/**
 * Parses an IPv6 address to a bigint, or null; accepts "::", an embedded IPv4 tail and a zone id ("%eth0").
 */
export function parseIPv6(input: string): bigint | null {
  let s = input;
  const pct = s.indexOf('%');
  if (pct >= 0) s = s.slice(0, pct);
  if (s.length < 2 || s.indexOf(':') < 0) return null;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) >= 0) {
    // An embedded IPv4 tail ("::ffff:1.2.3.4") becomes two hex groups, then parses like the rest.
    const v4 = parseIPv4(s, lastColon + 1);
    if (v4 < 0) return null;
    s = s.slice(0, lastColon + 1) + (v4 >>> 16).toString(16) + ':' + (v4 & 0xffff).toString(16);
  }
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let groups: number[];
  if (dbl >= 0) {
    const head = parseGroups(s.slice(0, dbl));
    const rest = parseGroups(s.slice(dbl + 2));
    if (!head || !rest) return null;
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  } else {
    const all = parseGroups(s);
    if (!all) return null;
    groups = all;
  }
  if (groups.length !== 8) return null;
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

const LOW32 = 0xffffffffn;

/**
 * An address as IPv4 number when it is dotted IPv4 or "::ffff:" + dotted IPv4, else -1.
 * The common dotted case and "::ffff:a.b.c.d" are read without allocating.
 */
function v4Of(ip: string): number {
  if (ip.indexOf(':') < 0) return parseIPv4(ip);
  // "::ffff:1.2.3.4", any letter case
  if (ip.length > 7 && ip.charCodeAt(0) === 58 && ip.charCodeAt(1) === 58 && ip.charCodeAt(6) === 58) {
    // "ffff" in either case: | 0x20 lower-cases an ASCII letter.
    let f = true;
    for (let i = 2; i < 6; i++) if ((ip.charCodeAt(i) | 0x20) !== 102) f = false;
    if (f && ip.indexOf('.', 7) >= 0) return parseIPv4(ip, 7);
  }
  return -1;
}

/** Normalises an address for display and audit: IPv4-mapped IPv6 becomes dotted IPv4; null when malformed. */
export function canonicalIp(ip: string): string | null {
  const v4 = v4Of(ip);
  if (v4 >= 0) return v4ToString(v4);
  const v6 = parseIPv6(ip);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return v4ToString(Number(v6 & LOW32));
  return v6ToString(v6);
}

/** True for a syntactically valid IPv4 or IPv6 address. */
export function isIp(ip: string): boolean {
  return v4Of(ip) >= 0 || parseIPv6(ip) !== null;
}

function v4ToString(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

function v6ToString(v: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups
    .join(':')
    .replace(/(^|:)0(:0)+(:|$)/, '::')
    .replace(/:::+/, '::');
}

type ParsedCidr =
  { v4: true; lo: number; hi: number; text: string } | { v4: false; lo: bigint; hi: bigint; text: string };

/** Parses one CIDR (or a bare address, meaning /32 or /128); null when malformed. */
export function parseCidr(cidr: string): ParsedCidr | null {
  const s = cidr.trim();
  const slash = s.indexOf('/');
  const addr = slash >= 0 ? s.slice(0, slash) : s;
  const lenText = slash >= 0 ? s.slice(slash + 1) : null;
  if (lenText !== null && !/^\d{1,3}$/.test(lenText)) return null;
  const v4 = addr.indexOf(':') < 0 ? parseIPv4(addr) : -1;
  if (v4 >= 0) {
    const len = lenText === null ? 32 : Number(lenText);
    if (len > 32) return null;
    const size = 2 ** (32 - len);
    const lo = Math.floor(v4 / size) * size;
    return { v4: true, lo, hi: lo + size - 1, text: `${v4ToString(lo)}/${len}` };
  }
  const v6 = parseIPv6(addr);
  if (v6 === null) return null;
  const len = lenText === null ? 128 : Number(lenText);
  if (len > 128) return null;
  const hostBits = BigInt(128 - len);
  const lo = (v6 >> hostBits) << hostBits;
  const hi = lo | ((1n << hostBits) - 1n);
  // Inside ::ffff:0:0/96: the same hosts as an IPv4 range.
  if (len >= 96 && lo >> 32n === 0xffffn) {
    const l4 = Number(lo & LOW32);
    const h4 = Number(hi & LOW32);
    return { v4: true, lo: l4, hi: h4, text: `${v4ToString(l4)}/${len - 96}` };
  }
  return { v4: false, lo, hi, text: `${v6ToString(lo)}/${len}` };
}

/** The CIDRs that do not parse, with their positions, so provisioning can refuse them precisely. */
export function invalidCidrs(cidrs: readonly string[]): CidrIssue[] {
  const out: CidrIssue[] = [];
  cidrs.forEach((cidr, index) => {
    if (parseCidr(cidr) === null) out.push({ index, cidr });
  });
  return out;
}

/** Compiles an allow-list once; throws RangeError on a malformed CIDR (validate with invalidCidrs first). */
export function compileIpMatcher(cidrs: readonly string[]): IpMatcher {
  const v4lo: number[] = [];
  const v4hi: number[] = [];
  const v6: { lo: bigint; hi: bigint }[] = [];
  const texts: string[] = [];
  for (const c of cidrs) {
    const p = parseCidr(c);
    if (!p) throw new RangeError(`invalid CIDR "${c}"`);
    texts.push(p.text);
    if (p.v4) {
      v4lo.push(p.lo);
      v4hi.push(p.hi);
    } else v6.push({ lo: p.lo, hi: p.hi });
  }
  const lo4 = Float64Array.from(v4lo);
  const hi4 = Float64Array.from(v4hi);
  const n4 = lo4.length;
  return {
    cidrs: texts,
    matches(ip: string): boolean {
      const a = v4Of(ip);
      if (a >= 0) {
        for (let i = 0; i < n4; i++) if (a >= (lo4[i] ?? 1) && a <= (hi4[i] ?? 0)) return true;
        return false;
      }
      if (v6.length === 0 && n4 === 0) return false;
      const b = parseIPv6(ip);
      if (b === null) return false;
      if (b >> 32n === 0xffffn) {
        // A mapped address written in hex ("::ffff:7f00:2") is still IPv4.
        const m = Number(b & LOW32);
        for (let i = 0; i < n4; i++) if (m >= (lo4[i] ?? 1) && m <= (hi4[i] ?? 0)) return true;
        return false;
      }
      for (const r of v6) if (b >= r.lo && b <= r.hi) return true;
      return false;
    },
  };
}

/** Why a range in an allow-list needs the office's explicit confirmation. */
export type WideReason = 'everything' | 'too_wide' | 'link_local';

/** A range of an allow-list that needs the office's explicit confirmation. */
export interface WideRange extends CidrIssue {
  reason: WideReason;
  /** The range normalised ("0.0.0.0/0"). */
  text: string;
}

/** The widest IPv4 prefix an office may enter without confirming it (a /8 is 16 million addresses). */
export const MIN_V4_PREFIX = 8;
/** The widest IPv6 prefix without confirmation (a /32 is a whole provider's allocation). */
export const MIN_V6_PREFIX = 32;

const LINK_LOCAL_V4 = { lo: 0xa9fe0000, hi: 0xa9feffff }; // 169.254.0.0/16
const LINK_LOCAL_V6_LO = 0xfe80n << 112n; // fe80::/10
const LINK_LOCAL_V6_HI = LINK_LOCAL_V6_LO | ((1n << 118n) - 1n);

/**
 * The ranges of an allow-list that let in far more than an institution's servers: everything (0.0.0.0/0, ::/0),
 * prefixes wider than /8 (IPv4) or /32 (IPv6), and link-local addresses (169.254.0.0/16, fe80::/10: never a
 * routed caller, but cloud metadata services and unconfigured hosts), in whole or in part. Malformed entries are
 * left to invalidCidrs.
 */
export function wideRanges(cidrs: readonly string[]): WideRange[] {
  const out: WideRange[] = [];
  cidrs.forEach((cidr, index) => {
    const p = parseCidr(cidr);
    if (!p) return;
    const len = Number(p.text.slice(p.text.lastIndexOf('/') + 1));
    let reason: WideReason | null = null;
    if (len === 0) reason = 'everything';
    else if (p.v4 ? len < MIN_V4_PREFIX : len < MIN_V6_PREFIX) reason = 'too_wide';
    else if (
      p.v4 ? p.lo <= LINK_LOCAL_V4.hi && p.hi >= LINK_LOCAL_V4.lo : p.lo <= LINK_LOCAL_V6_HI && p.hi >= LINK_LOCAL_V6_LO
    )
      reason = 'link_local';
    if (reason) out.push({ index, cidr, reason, text: p.text });
  });
  return out;
}
