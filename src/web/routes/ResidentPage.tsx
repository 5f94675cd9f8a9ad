import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Issue 13 placeholder: replaced by the feature. */
export function ResidentPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('resident.title')}</Title>
    </Stack>
  );
}
