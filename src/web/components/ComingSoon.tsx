import { Button, Card, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { NavItem } from './nav';

/** A friendly placeholder for a capability that is not built yet. */
export function ComingSoon({ feature }: { feature: NavItem['key'] }) {
  const { t } = useTranslation();
  const name = t(`nav.${feature}`);
  return (
    <Card withBorder padding="xl" radius="md" maw={560} mx="auto" mt="xl" data-testid="coming-soon">
      <Stack align="center" gap="md">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          ⏳
        </ThemeIcon>
        <Title order={1} size="h2" data-testid="page-title">
          {name}
        </Title>
        <Text fw={600}>{t('soon.title')}</Text>
        <Text c="dimmed" ta="center">
          {t('soon.body', { feature: name })}
        </Text>
        <Button component={Link} to="/" variant="light">
          {t('soon.home')}
        </Button>
      </Stack>
    </Card>
  );
}
