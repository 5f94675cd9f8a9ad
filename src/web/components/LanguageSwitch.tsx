import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLang, useLang } from '../i18n';

/** Indonesian / English switch; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      data-testid="lang-switch"
      value={lang}
      onChange={(value) => setLang(value === 'en' ? 'en' : 'id')}
      data={[
        { value: 'id', label: <span data-testid="lang-id">ID</span> },
        { value: 'en', label: <span data-testid="lang-en">EN</span> },
      ]}
    />
  );
}
