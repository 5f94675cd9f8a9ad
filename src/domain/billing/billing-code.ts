/**
 * The SIMPONI kode billing (Kementerian Keuangan's PNBP billing system) a payment was made under: 15 digits, and
 * PNBP billing codes begin with 8 (tax codes of DJP begin 0–3, customs 6), e.g. 820220922465628. Spaces, dots
 * and dashes a user types as separators are dropped before the check; anything else is refused.
 */

/** The canonical billing code (digits only), or null when it is not a SIMPONI PNBP billing code. */
export function parseBillingCode(input: string): string | null {
  const digits = input.replace(/[\s.-]/g, '');
  return /^8\d{14}$/.test(digits) ? digits : null;
}
