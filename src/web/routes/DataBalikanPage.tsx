import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder of the dataBalikan section (issue 12); replaced by the feature's page. */
export function DataBalikanPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('nav.dataBalikan')}</Title>;
}
