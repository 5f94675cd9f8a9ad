/**
 * The operations dashboard's arithmetic, pure: quantiles estimated from fixed-bucket histograms (as Prometheus's
 * histogram_quantile does), and result codes in words.
 */
import type { Message } from '../errors.js';
import { isResponseCode, RESPON } from '../dukcapil/codes.js';
import { resultLabel } from '../usage/query.js';

/**
 * The q-quantile (0..1) of observations counted in buckets: `counts[i]` observations were ≤ `bounds[i]` and above
 * the previous bound (not cumulative), and the last slot (`counts[bounds.length]`) counts those above every
 * bound. Linear interpolation inside the bucket; an observation above every bound reads as the highest bound.
 * Null with no observations. An estimate: exact only to the bucket's width.
 */
export function quantileOf(bounds: readonly number[], counts: readonly number[], q: number): number | null {
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (c > 0 && below + c >= rank) {
      if (i >= bounds.length) return bounds[bounds.length - 1] ?? null;
      const lower = i === 0 ? 0 : (bounds[i - 1] as number);
      const upper = bounds[i] as number;
      return lower + (upper - lower) * Math.min(1, Math.max(0, (rank - below) / c));
    }
    below += c;
  }
  return bounds[bounds.length - 1] ?? null;
}

/** The bucket an observation falls in (the index of the first bound ≥ it; bounds.length above them all). */
export function bucketOf(bounds: readonly number[], value: number): number {
  let i = 0;
  while (i < bounds.length && value > (bounds[i] as number)) i++;
  return i;
}

/** Refusal reasons recorded without a Dukcapil code, in English (the Indonesian is domain/usage resultLabel's). */
const REASONS_EN: Readonly<Record<string, string>> = {
  no_portal_access: 'No portal access',
  device_unknown: 'Unknown device',
  signature_invalid: 'Invalid device signature',
  stale: 'Read outside the time limit',
  replay: 'Replayed read',
  fingerprint_mismatch: 'Fingerprint does not match the card',
  nik_invalid: 'Invalid NIK',
  invalid: 'Incomplete request',
  unreadable_body: 'Unreadable request',
};

/** A data call's result code in words, Indonesian and English. */
export function codeLabel(code: string): Message {
  if (isResponseCode(code)) return RESPON[code];
  return { id: resultLabel(code), en: REASONS_EN[code] ?? `Refused (${code.replace(/_/g, ' ')})` };
}

/** A label value safe for the Prometheus text format and of bounded variety: anything odd reads as "other". */
export function labelValue(value: string | null | undefined, fallback = 'none'): string {
  if (value === null || value === undefined || value === '') return fallback;
  return /^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : 'other';
}
