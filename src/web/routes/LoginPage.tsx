import { Anchor, Box, Button, Card, Center, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';
import { ChangePasswordForm } from '../components/login/ChangePasswordForm';
import { PasswordForm } from '../components/login/PasswordForm';
import { TotpEnrollForm } from '../components/login/TotpEnrollForm';
import { TotpForm } from '../components/login/TotpForm';
import { useLogout } from '../components/useLogout';
import type { Stage } from '../api/client';

function fromOf(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string')
    return state.from;
  return '/';
}

function Step({ stage }: { stage: Exclude<Stage, 'full'> | null }) {
  switch (stage) {
    case 'totp':
      return <TotpForm />;
    case 'password_change':
      return <ChangePasswordForm />;
    case 'totp_enroll':
      return <TotpEnrollForm />;
    default:
      return <PasswordForm />;
  }
}

/** The login page: password, then whatever the session still owes (TOTP, password change, enrolment). */
export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const logout = useLogout();

  if (me.isPending) return <Loading />;
  if (me.isSuccess && me.data.stage === 'full') return <Navigate to={fromOf(location.state)} replace />;
  const stage = me.isSuccess && me.data.stage !== 'full' ? me.data.stage : null;
  // 401 simply means nobody is signed in; any other failure is worth showing.
  const failure = me.isError && me.error.status !== 401 ? me.error : null;

  return (
    <Center component="main" mih="100vh" bg="gray.0" p="md">
      <Card withBorder shadow="sm" radius="md" padding="xl" w={420} maw="100%" data-testid="login-card">
        <Stack>
          <Group justify="space-between" align="flex-start">
            <Box>
              <Title order={1} size="h2" c="teal.8">
                {t('app.name')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('login.subtitle')}
              </Text>
            </Box>
            <LanguageSwitch />
          </Group>
          <Title order={4}>{t('login.title')}</Title>
          {failure && <ErrorAlert error={failure} />}
          <Step stage={stage} />
          {stage && (
            <Button variant="subtle" color="gray" onClick={() => logout.mutate()} data-testid="login-cancel">
              {t('login.cancel')}
            </Button>
          )}
          <Divider />
          <Group justify="space-between" gap="xs">
            <Anchor component={Link} to="/daftar" size="sm" data-testid="login-signup">
              {t('public.signupNav')}
            </Anchor>
            <Anchor component={Link} to="/register" size="sm" data-testid="login-register">
              {t('public.registerNav')}
            </Anchor>
          </Group>
          <Anchor component={Link} to="/warga" size="sm" ta="center" data-testid="login-resident">
            {t('resident.linkFromRegister')}
          </Anchor>
        </Stack>
      </Card>
    </Center>
  );
}
