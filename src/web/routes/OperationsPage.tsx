import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Issue 13 placeholder: replaced by the feature. */
export function OperationsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('operations.title')}</Title>
    </Stack>
  );
}
