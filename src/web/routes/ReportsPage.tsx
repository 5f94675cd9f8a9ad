import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder of the reports section (issue 12); replaced by the feature's page. */
export function ReportsPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('nav.reports')}</Title>;
}
