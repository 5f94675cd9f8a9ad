import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../api/work';
import { useLang } from '../../i18n';

/** What an item asks, in words: a plain case step says its own activity; any other kind of work its name. */
export function useWorkWords() {
  const { t } = useTranslation();
  const lang = useLang();
  return {
    title: (item: WorkItem) =>
      item.action === 'case_step' && item.kegiatan ? item.kegiatan : t(`work.action.${item.action}`),
    /** The second line: the case step behind a named kind of work, or the derived work's detail. */
    detail: (item: WorkItem) =>
      item.detail
        ? item.detail[lang]
        : item.action !== 'case_step' && item.kegiatan
          ? `${t('work.inbox.step', { no: item.no ?? '' })}: ${item.kegiatan}`
          : null,
  };
}

/** Derived work without a deadline has no SLA to show ("Tanpa tenggat" says it); a case task always shows its own. */
export function showSla(item: WorkItem): boolean {
  return item.source === 'case' || item.sla !== 'no_standard';
}
