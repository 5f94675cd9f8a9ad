import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder of the billing section (issue 12); replaced by the feature's page. */
export function BillingPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('nav.billing')}</Title>;
}
