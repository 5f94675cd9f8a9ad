import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** A page path the app does not know. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="center" mt="xl" data-testid="not-found">
      <Title order={1} size="h2">
        {t('notFound.title')}
      </Title>
      <Text c="dimmed">{t('notFound.body')}</Text>
      <Button component={Link} to="/" variant="light">
        {t('soon.home')}
      </Button>
    </Stack>
  );
}
