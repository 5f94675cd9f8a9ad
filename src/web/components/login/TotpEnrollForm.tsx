import { Button, Code, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { TotpSetup } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { useStageStep } from './useStageStep';

/** Authenticator enrolment required by the office: shows the secret, then takes a first code. */
export function TotpEnrollForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  // A query rather than an effect, so the secret is requested once (not twice under StrictMode) and kept.
  const setup = useQuery<TotpSetup, ApiError>({
    queryKey: ['totp-setup'],
    queryFn: api.setupTotp,
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const enable = useStageStep(api.enableTotp);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    enable.mutate(code.trim());
  };

  if (setup.isPending) return <Loading />;
  if (setup.isError) return <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />;

  return (
    <form onSubmit={submit} data-testid="totp-enroll-form">
      <Stack>
        <Text fw={600}>{t('login.enrollTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('login.enrollHelp')}
        </Text>
        <div>
          <Text size="sm" fw={500}>
            {t('login.secret')}
          </Text>
          <Code block data-testid="totp-secret">
            {setup.data.secret}
          </Code>
        </div>
        <div>
          <Text size="sm" fw={500}>
            {t('login.uri')}
          </Text>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="totp-uri">
            {setup.data.uri}
          </Code>
        </div>
        {enable.isError && <ErrorAlert error={enable.error} />}
        <TextInput
          label={t('login.totpCode')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={10}
          required
          data-testid="totp-enroll-code"
        />
        <Button type="submit" loading={enable.isPending} data-testid="totp-enroll-submit">
          {t('login.enable')}
        </Button>
      </Stack>
    </form>
  );
}
