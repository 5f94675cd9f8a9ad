import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsageBy, UsageRow } from '../../api/usage';
import { useLang } from '../../i18n';
import { useDataElements } from '../useDataElements';
import { longDate, monthName } from './usage-format';

/**
 * Words for the ledger's keys: element names from the catalogue, channel names, refusal reasons, dates in words.
 * Codes never reach the screen; an unknown key falls back to the server's Indonesian label.
 */
export function useUsageLabels() {
  const { t } = useTranslation();
  const lang = useLang();
  const catalogue = useDataElements();
  return useMemo(() => {
    const channel = (key: string, fallback = '') =>
      t(`usage.channel.${key}`, { defaultValue: fallback || t('usage.unknownChannel') });
    const reason = (key: string, fallback = '') =>
      t(`usage.reason.${key}`, { defaultValue: fallback || t('usage.reasonOther') });
    const element = (key: string, fallback = '') => catalogue.byCode.get(key)?.name[lang] ?? (fallback || key);
    const row = (by: UsageBy, r: Pick<UsageRow, 'key' | 'label'>): string => {
      switch (by) {
        case 'day':
          return longDate(r.key, lang);
        case 'month':
          return monthName(r.key, lang);
        case 'element':
          return element(r.key, r.label);
        case 'channel':
          return channel(r.key, r.label);
        case 'result':
          return reason(r.key, r.label);
        default:
          return r.label || t('usage.unnamed');
      }
    };
    return { channel, reason, element, row };
  }, [t, lang, catalogue.byCode]);
}
