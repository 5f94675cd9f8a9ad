import { Anchor, Box, Container, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../LanguageSwitch';

/** The frame of the public pages (verification, register, self-registration): no login needed. */
export function PublicShell({ children, size = 'lg' }: { children: ReactNode; size?: string }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={size} py="sm">
          <Group justify="space-between" wrap="wrap">
            <Group gap="sm">
              <Anchor component={Link} to="/login" c="teal.8" underline="never" fw={700} fz="h3">
                {t('app.name')}
              </Anchor>
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {t('app.tagline')}
              </Text>
            </Group>
            <Group component="nav" gap="md">
              <Anchor component={Link} to="/register" size="sm" data-testid="public-nav-register">
                {t('public.registerNav')}
              </Anchor>
              <Anchor component={Link} to="/daftar" size="sm" data-testid="public-nav-signup">
                {t('public.signupNav')}
              </Anchor>
              <Anchor component={Link} to="/login" size="sm" data-testid="public-nav-login">
                {t('public.loginNav')}
              </Anchor>
              <LanguageSwitch />
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" size={size} py="lg">
        <Stack>{children}</Stack>
      </Container>
    </Box>
  );
}
