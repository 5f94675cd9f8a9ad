import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** /cara-integrasi — how an institution's admin connects its systems (issue 14): placeholder until built. */
export function IntegrationPage() {
  const { t } = useTranslation();
  return (
    <Stack data-testid="integration-page">
      <Title order={1}>{t('integration.title', { defaultValue: 'Cara integrasi' })}</Title>
    </Stack>
  );
}
