import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { useStageStep } from './useStageStep';

/** Forced password change (first login with a one-time password, or an expired password). */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useStageStep((input: { current: string; next: string }) =>
    api.changePassword(input.current, input.next),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const differ = next !== confirm;
    setMismatch(differ);
    if (!differ) change.mutate({ current, next });
  };

  return (
    <form onSubmit={submit} data-testid="password-change-form">
      <Stack>
        <Text fw={600}>{t('login.changeTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('login.changeHelp')}
        </Text>
        {change.isError && <ErrorAlert error={change.error} />}
        {mismatch && (
          <Alert color="red" data-testid="password-mismatch">
            {t('login.mismatch')}
          </Alert>
        )}
        <PasswordInput
          label={t('login.currentPassword')}
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          autoComplete="current-password"
          required
          data-testid="current-password"
        />
        <PasswordInput
          label={t('login.newPassword')}
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          autoComplete="new-password"
          required
          data-testid="new-password"
        />
        <PasswordInput
          label={t('login.confirmPassword')}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          autoComplete="new-password"
          required
          data-testid="confirm-password"
        />
        <Button type="submit" loading={change.isPending} data-testid="password-change-submit">
          {t('login.changeSubmit')}
        </Button>
      </Stack>
    </form>
  );
}
