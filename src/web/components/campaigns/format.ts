/** Small helpers of the campaign screens: dates and numbers in words. */
import type { Lang } from '../../i18n';
import { formatDate } from '../../lib/format';

/** A date in words (no ISO on screen): the web's one date format (lib/format.ts), in the office's zone. */
export function dateText(value: string | null | undefined, lang: Lang): string {
  return formatDate(value, lang);
}

/** A count with the language's grouping. */
export function count(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB');
}
