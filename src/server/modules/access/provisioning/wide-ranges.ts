/**
 * A grant's allow-list may hold everything (0.0.0.0/0, ::/0), a very wide prefix or a link-local range only when
 * the office confirms it explicitly (`confirmWideRanges: true`); the confirmation is recorded with the decision.
 */
import { DomainError } from '../../../../domain/errors.js';
import { wideRanges, MIN_V4_PREFIX, MIN_V6_PREFIX, type WideRange } from '../../../../domain/grant/ip.js';

const WHY: Record<WideRange['reason'], { id: string; en: string }> = {
  everything: { id: 'mengizinkan semua alamat', en: 'allows every address' },
  too_wide: {
    id: `lebih luas dari /${MIN_V4_PREFIX} (IPv4) atau /${MIN_V6_PREFIX} (IPv6)`,
    en: `is wider than /${MIN_V4_PREFIX} (IPv4) or /${MIN_V6_PREFIX} (IPv6)`,
  },
  link_local: { id: 'berisi alamat link-local', en: 'holds link-local addresses' },
};

/**
 * Refuses (400 `ip_range_wide`, one issue per range, each named) an allow-list with ranges needing confirmation
 * unless `confirmed`; returns the confirmed ranges (normalised, space-separated) for the decision's detail, or
 * null when there are none.
 */
export function confirmWideRanges(ipAllow: readonly string[] | undefined, confirmed: boolean | undefined) {
  const wide = wideRanges(ipAllow ?? []);
  if (!wide.length) return null;
  if (confirmed === true) return wide.map((w) => w.text).join(' ');
  const names = wide.map((w) => w.cidr.trim()).join(', ');
  throw new DomainError(
    'invalid',
    'ip_range_wide',
    {
      id: `Rentang IP ${names} terlalu luas atau link-local; konfirmasi secara eksplisit (confirmWideRanges) bila memang dimaksud.`,
      en: `The IP range ${names} is very wide or link-local; confirm it explicitly (confirmWideRanges) if it is meant.`,
    },
    wide.map((w) => ({
      field: `ipAllow[${w.index}]`,
      message: { id: `"${w.cidr}" ${WHY[w.reason].id}.`, en: `"${w.cidr}" ${WHY[w.reason].en}.` },
    })),
    { ranges: wide.map((w) => w.text) },
  );
}
