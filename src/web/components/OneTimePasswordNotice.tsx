import { Alert, Button, Code, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CreatedUser } from '../api/client';

/** Shows a new user's one-time password, once; dismissing it forgets the password. */
export function OneTimePasswordNotice({ user, onDone }: { user: CreatedUser; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" title={t('users.created', { username: user.username })} data-testid="otp-notice">
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('users.otpLabel')}
        </Text>
        <Code fz="lg" data-testid="otp-value">
          {user.oneTimePassword}
        </Code>
        <Text size="sm">{t('users.otpNote')}</Text>
        <Button size="xs" onClick={onDone} w="fit-content" data-testid="otp-done">
          {t('users.done')}
        </Button>
      </Stack>
    </Alert>
  );
}
