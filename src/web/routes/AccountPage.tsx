import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError, type Signatory } from '../api/client';
import { useSession } from '../api/hooks';
import type { SessionItem } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { nipValid } from '../components/office/LetterheadForm';
import { Loading } from '../components/Loading';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';

const SESSIONS_KEY = ['auth', 'sessions'] as const;

/** The user's own account: password, two-step verification, and the sessions signed in with it. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <Stack>
      <Title order={1} size="h2" data-testid="page-title">
        {t('account.title')}
      </Title>
      <Text c="dimmed">
        {me.displayName} · {me.username}
      </Text>
      <SignatoryCard />
      <PasswordCard />
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('account.totpTitle')}
        </Title>
        <Text size="sm" data-testid="account-totp">
          {me.totpEnabled ? t('account.totpOn') : t('account.totpOff')}
        </Text>
      </Card>
      <SessionsCard />
    </Stack>
  );
}

function PasswordCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation<unknown, ApiError, { current: string; next: string }>({
    mutationFn: (input) => api.changePassword(input.current, input.next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const differ = next !== confirm;
    setMismatch(differ);
    if (!differ) change.mutate({ current, next });
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} data-testid="account-password-form">
        <Stack maw={420}>
          <Title order={4}>{t('account.passwordTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('account.passwordHelp')}
          </Text>
          {change.isError && <ErrorAlert error={change.error} />}
          {change.isSuccess && (
            <Alert color="teal" data-testid="account-password-changed">
              {t('account.passwordChanged')}
            </Alert>
          )}
          {mismatch && <Alert color="red">{t('login.mismatch')}</Alert>}
          <PasswordInput
            label={t('login.currentPassword')}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            autoComplete="current-password"
            required
          />
          <PasswordInput
            label={t('login.newPassword')}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            autoComplete="new-password"
            required
          />
          <PasswordInput
            label={t('login.confirmPassword')}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            autoComplete="new-password"
            required
          />
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t('login.changeSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** A short readable name for a browser's user agent (the full text is in the tooltip). */
function deviceName(userAgent: string, unknown: string): string {
  if (!userAgent) return unknown;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} · ${system}`;
  return userAgent.length > 60 ? `${userAgent.slice(0, 57)}…` : userAgent;
}

function SessionsCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const sessions = useQuery<SessionItem[], ApiError>({ queryKey: SESSIONS_KEY, queryFn: api.sessions });
  const refresh = () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
  const end = useMutation<void, ApiError, string>({ mutationFn: api.endSession, onSettled: refresh });
  const endOthers = useMutation<{ ended: number }, ApiError>({ mutationFn: api.endOtherSessions, onSettled: refresh });
  const others = (sessions.data ?? []).filter((s) => !s.current);

  return (
    <Card withBorder data-testid="account-sessions">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('account.sessionsTitle')}</Title>
        <Button
          size="xs"
          variant="light"
          color="red"
          disabled={others.length === 0}
          loading={endOthers.isPending}
          onClick={() => endOthers.mutate()}
          data-testid="account-end-others"
        >
          {t('account.endOthers')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('account.sessionsHelp')}
      </Text>
      {endOthers.isSuccess && (
        <Alert color="teal" mb="sm">
          {t('account.endedOthers', { count: endOthers.data.ended })}
        </Alert>
      )}
      {end.isError && <ErrorAlert error={end.error} />}
      {endOthers.isError && <ErrorAlert error={endOthers.error} />}
      {sessions.isPending ? (
        <Loading />
      ) : sessions.error ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={300}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('account.device')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('account.address')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('account.signedInAt')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('account.lastSeen')}</Table.Th>
                <Table.Th>{t('account.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((s) => (
                <Table.Tr key={s.id} data-testid="account-session">
                  <Table.Td title={s.userAgent}>
                    {deviceName(s.userAgent, t('account.unknownDevice'))}
                    {/* On phones the dates' columns are hidden: the last activity goes under the device. */}
                    <Text size="xs" c="dimmed" hiddenFrom="sm">
                      {t('account.lastSeen')}: {formatDateTime(s.lastSeenAt, lang)}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{s.ip}</Table.Td>
                  <Table.Td visibleFrom="sm">{formatDateTime(s.createdAt, lang)}</Table.Td>
                  <Table.Td visibleFrom="sm">{formatDateTime(s.lastSeenAt, lang)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {s.current && <Badge color="teal">{t('account.thisSession')}</Badge>}
                      {!s.signedIn && <Badge color="yellow">{t('account.incomplete')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {!s.current && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={end.isPending && end.variables === s.id}
                        onClick={() => end.mutate(s.id)}
                        data-testid="account-end-session"
                      >
                        {t('account.end')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {others.length === 0 && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('account.noOthers')}
            </Text>
          )}
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

/** The details printed under the user's signature on the letters they sign: NIP, position (jabatan), rank. */
function SignatoryCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['account', 'signatory'];
  const current = useQuery<Signatory, ApiError>({
    queryKey: key,
    queryFn: () => api.signatory(),
  });
  const [form, setForm] = useState<{ nip: string; position: string; rank: string } | null>(null);
  useEffect(() => {
    if (current.data && !form)
      setForm({ nip: current.data.nip, position: current.data.position, rank: current.data.rank });
  }, [current.data, form]);
  const save = useMutation<Signatory, ApiError, { nip: string; position: string; rank: string }>({
    mutationFn: (body) => api.updateSignatory(body),
    onSuccess: (data) => client.setQueryData(key, data),
  });
  const nipOk = form ? nipValid(form.nip) : true;
  return (
    <Card withBorder data-testid="account-signatory">
      <Title order={4} mb="xs">
        {t('letterhead.signatoryTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('letterhead.signatoryHelp')}
      </Text>
      {current.isError ? (
        <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />
      ) : !form ? (
        <Loading />
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (nipOk) save.mutate(form);
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('letterhead.nip')}
              value={form.nip}
              inputMode="numeric"
              onChange={(e) => setForm({ ...form, nip: e.currentTarget.value.replace(/\D/g, '').slice(0, 18) })}
              error={nipOk ? undefined : t('letterhead.nipInvalid')}
              data-testid="account-nip"
            />
            <TextInput
              label={t('letterhead.position')}
              value={form.position}
              maxLength={160}
              onChange={(e) => setForm({ ...form, position: e.currentTarget.value })}
            />
            <TextInput
              label={t('letterhead.rank')}
              value={form.rank}
              maxLength={80}
              onChange={(e) => setForm({ ...form, rank: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Group mt="sm">
            <Button type="submit" loading={save.isPending} disabled={!nipOk} data-testid="account-signatory-save">
              {t('letterhead.save')}
            </Button>
          </Group>
          {save.error && <ErrorAlert error={save.error} />}
          {save.isSuccess && (
            <Alert color="green" mt="sm" role="status" data-testid="account-signatory-saved">
              {t('letterhead.signatorySaved')}
            </Alert>
          )}
        </form>
      )}
    </Card>
  );
}
