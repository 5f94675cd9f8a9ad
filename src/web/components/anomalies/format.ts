import type { Lang } from '../../i18n';
import type { Words } from '../../api/anomalies';

/** The server's words in the UI's language. */
export function say(w: Words | null | undefined, lang: Lang): string {
  if (!w) return '';
  return lang === 'en' ? w.en : w.id;
}

/** The colour of a severity badge. */
export function severityColor(s: 'low' | 'medium' | 'high'): string {
  return s === 'high' ? 'red' : s === 'medium' ? 'orange' : 'gray';
}
