/** Small helpers of the campaign screens: dates and numbers in words. */
import { tanggalIn } from '../../../domain/tanggal.js';
import type { Lang } from '../../i18n';

/** A date in words (no ISO on screen). */
export function dateText(value: string | null | undefined, lang: Lang): string {
  return tanggalIn(value ?? null, lang);
}

/** A count with the language's grouping. */
export function count(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB');
}
