import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { useStageStep } from './useStageStep';

/** Second step for users with an authenticator: the 6-digit code. */
export function TotpForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const verify = useStageStep(api.verifyTotp);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate(code.trim());
  };

  return (
    <form onSubmit={submit} data-testid="totp-form">
      <Stack>
        <Text fw={600}>{t('login.totpTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('login.totpHelp')}
        </Text>
        {verify.isError && <ErrorAlert error={verify.error} />}
        <TextInput
          label={t('login.totpCode')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={10}
          required
          autoFocus
          data-testid="totp-code"
        />
        <Button type="submit" loading={verify.isPending} data-testid="totp-submit">
          {t('login.verify')}
        </Button>
      </Stack>
    </form>
  );
}
