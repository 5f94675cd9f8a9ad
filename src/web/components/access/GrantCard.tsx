import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { Grant, GrantWithSecret, PortalOperator, ReaderDevice, User } from '../../api/client';
import { useLang } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { ErrorAlert } from '../ErrorAlert';
import { ElementsAgainstPks, EnvironmentBadge, GrantStatusBadge } from './AccessBadges';
import { ConfirmModal } from './ConfirmModal';
import { Fingerprint } from '../plain/Fingerprint';

type Verb = 'suspend' | 'resume' | 'revoke' | 'rotate' | 'trial-passed' | 'trial-failed';

/** Query keys a provisioning change makes stale. */
export const ACCESS_KEYS = [['agreement-access'], ['institution-grants'], ['audit-entries']] as const;

/**
 * One grant beside its PKS: credential, environment, state, elements against the PKS, methods, IP allow-list,
 * hours, quota, validity and trial; with the provisioning actions when the user may provision.
 */
export function GrantCard({
  grant,
  pksElements,
  canProvision,
  onSecret,
}: {
  grant: Grant;
  pksElements: string[] | null;
  canProvision: boolean;
  onSecret?: (created: GrantWithSecret) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<Verb | null>(null);
  const refresh = async () => {
    await Promise.all(ACCESS_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })));
  };
  const act = useMutation<Grant | GrantWithSecret, ApiError, { verb: Verb; reason: string }>({
    mutationFn: ({ verb, reason }) => {
      if (verb === 'rotate') return api.rotateSecret(grant.id);
      if (verb === 'trial-passed' || verb === 'trial-failed')
        return api.recordTrial(grant.id, verb === 'trial-passed', reason || undefined);
      return api.setGrantStatus(grant.id, verb, reason || undefined);
    },
    onSuccess: async (result) => {
      setConfirm(null);
      if ('secret' in result && result.secret && onSecret) onSecret(result as GrantWithSecret);
      await refresh();
    },
  });
  const open = (verb: Verb) => {
    act.reset();
    setConfirm(verb);
  };
  const live = grant.status !== 'revoked';
  const dialog: Record<Verb, { color: string; reason: boolean }> = {
    suspend: { color: 'orange', reason: true },
    resume: { color: 'teal', reason: true },
    revoke: { color: 'red', reason: true },
    rotate: { color: 'indigo', reason: false },
    'trial-passed': { color: 'teal', reason: true },
    'trial-failed': { color: 'red', reason: true },
  };

  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="grant-card"
      data-grant-id={grant.id}
      data-user-id={grant.userId ?? ''}
      data-kind={grant.kind}
      data-status={grant.status}
      data-env={grant.environment}
      // A revoked grant is set apart by its ground and border, never by fading: faded text fails contrast.
      bg={grant.status === 'revoked' ? 'gray.0' : undefined}
      style={grant.status === 'revoked' ? { borderStyle: 'dashed' } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Group gap="xs">
              <Text fw={600}>{grant.label}</Text>
              <Badge variant="outline" color="gray" size="sm" data-testid="grant-kind">
                {t(`methods.${grant.kind}`, { defaultValue: grant.kind })}
              </Badge>
            </Group>
            {grant.userId && (
              <Text size="sm">
                {t('access.userId')}: <Code data-testid="grant-user-id">{grant.userId}</Code>
                {grant.customerId && (
                  <>
                    {' · '}
                    {t('access.customerId')}: <Code>{grant.customerId}</Code>
                  </>
                )}
              </Text>
            )}
          </div>
          <Group gap={6} wrap="nowrap">
            <EnvironmentBadge environment={grant.environment} />
            <GrantStatusBadge status={grant.status} />
          </Group>
        </Group>
        {grant.statusReason && grant.status !== 'active' && (
          <Text size="xs" c="dimmed" data-testid="grant-status-reason">
            {t('access.reason')}: {grant.statusReason}
          </Text>
        )}
        <Table variant="vertical" layout="fixed" withTableBorder fz="sm">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={170}>{t('access.elements')}</Table.Th>
              <Table.Td>
                <ElementsAgainstPks granted={grant.elements} pks={pksElements} />
                <Text size="xs" c="dimmed" mt={4}>
                  {pksElements
                    ? t('access.elementsCount', { granted: grant.elements.length, pks: pksElements.length })
                    : t('oversight.elementsCount', { count: grant.elements.length })}
                </Text>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('access.method')}</Table.Th>
              <Table.Td>{t(`methods.${grant.kind}`, { defaultValue: grant.kind })}</Table.Td>
            </Table.Tr>
            {grant.operations && (
              <Table.Tr>
                <Table.Th>{t('access.operations')}</Table.Th>
                <Table.Td data-testid="grant-operations">
                  {grant.operations.map((o) => t(`access.operation_${o}`, { defaultValue: o })).join(', ')}
                </Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>{t('access.ipAllow')}</Table.Th>
              <Table.Td data-testid="grant-ips">
                {grant.ipAllow.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('access.noIps')}
                  </Text>
                ) : (
                  <Group gap={4}>
                    {grant.ipAllow.map((ip) => (
                      <Code key={ip}>{ip}</Code>
                    ))}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('access.hours')}</Table.Th>
              <Table.Td>
                {grant.hours ? `${grant.hours.from}–${grant.hours.to} (${grant.hours.timezone})` : t('access.anyTime')}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('access.dailyQuota')}</Table.Th>
              <Table.Td data-testid="grant-quota">
                {grant.dailyQuota === null
                  ? t('access.unlimited')
                  : new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(grant.dailyQuota)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('access.validity')}</Table.Th>
              <Table.Td>
                {formatDate(grant.validFrom, lang)} – {formatDate(grant.validTo, lang)}{' '}
                <Text span size="xs" c="dimmed">
                  ({t('access.validityIsPks')})
                </Text>
                {grant.secretExpiresAt && (
                  <Text size="xs">
                    {t('access.secretExpiry')}: {formatDateTime(grant.secretExpiresAt, lang)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('access.pksVersion')}</Table.Th>
              <Table.Td>
                <Fingerprint hash={grant.pksVersionHash} label={t('plain.pksFingerprint')} chars={16} />
              </Table.Td>
            </Table.Tr>
            {grant.environment === 'trial' && (
              <Table.Tr>
                <Table.Th>{t('access.trialResult')}</Table.Th>
                <Table.Td data-testid="grant-trial" data-result={grant.trial?.result ?? 'none'}>
                  {grant.trial ? (
                    <>
                      <Badge color={grant.trial.result === 'passed' ? 'green' : 'red'} variant="light">
                        {t(`trialResult.${grant.trial.result}`, { defaultValue: grant.trial.result })}
                      </Badge>{' '}
                      <Text span size="xs" c="dimmed">
                        {formatDateTime(grant.trial.recordedAt, lang)}
                        {grant.trial.note ? ` · ${grant.trial.note}` : ''}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('access.trialPending')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>

        {grant.changes.length > 0 && (
          <Stack gap={4} data-testid="grant-changes">
            <Text size="sm" fw={600}>
              {t('access.changesTitle')}
            </Text>
            {grant.changes.map((c, i) => (
              <Text size="xs" key={i} data-testid="grant-change" data-action={c.action}>
                {formatDateTime(c.at, lang)} · {t(`access.changeCause.${c.cause}`, { defaultValue: c.cause })}
                {c.action === 'revoked' ? ` · ${t('access.changeRevoked')}` : ''}
                {c.removedElements.length > 0 &&
                  ` · ${t('access.changeRemovedElements', { list: c.removedElements.join(', ') })}`}
                {c.removedMethods.length > 0 &&
                  ` · ${t('access.changeRemovedMethods', {
                    list: c.removedMethods.map((m) => t(`methods.${m}`, { defaultValue: m })).join(', '),
                  })}`}
                {c.validTo &&
                  ` · ${t('access.changeValidTo', {
                    before: formatDate(c.validTo.before, lang),
                    after: formatDate(c.validTo.after, lang),
                  })}`}
              </Text>
            ))}
          </Stack>
        )}

        {canProvision && live && (
          <Group gap="xs" data-testid="grant-actions">
            {grant.kind === 'web_service' && (
              <Button
                size="xs"
                variant="light"
                color="indigo"
                onClick={() => open('rotate')}
                data-testid="grant-rotate"
              >
                {t('access.rotate')}
              </Button>
            )}
            {grant.status === 'active' && (
              <Button
                size="xs"
                variant="light"
                color="orange"
                onClick={() => open('suspend')}
                data-testid="grant-suspend"
              >
                {t('access.suspend')}
              </Button>
            )}
            {grant.status === 'suspended' && (
              <Button size="xs" variant="light" color="teal" onClick={() => open('resume')} data-testid="grant-resume">
                {t('access.resume')}
              </Button>
            )}
            <Button size="xs" variant="light" color="red" onClick={() => open('revoke')} data-testid="grant-revoke">
              {t('access.revoke')}
            </Button>
            {/* A trial is decided once: its buttons go when the result is on the record. */}
            {grant.environment === 'trial' && !grant.trial && (
              <>
                <Button
                  size="xs"
                  variant="outline"
                  color="teal"
                  onClick={() => open('trial-passed')}
                  data-testid="grant-trial-passed"
                >
                  {t('access.trialPassed')}
                </Button>
                <Button
                  size="xs"
                  variant="outline"
                  color="red"
                  onClick={() => open('trial-failed')}
                  data-testid="grant-trial-failed"
                >
                  {t('access.trialFailed')}
                </Button>
              </>
            )}
          </Group>
        )}
        {grant.kind === 'card_reader' && <DevicesPanel grant={grant} canProvision={canProvision && live} />}
        {grant.kind === 'web_portal' && <OperatorsPanel grant={grant} canProvision={canProvision && live} />}
      </Stack>
      {confirm && (
        <ConfirmModal
          opened
          title={t(`access.confirm.${confirm}.title`)}
          body={t(`access.confirm.${confirm}.body`, { label: grant.label, user: grant.userId ?? grant.label })}
          confirmLabel={t(`access.confirm.${confirm}.ok`)}
          color={dialog[confirm].color}
          withReason={dialog[confirm].reason}
          loading={act.isPending}
          error={act.error}
          onConfirm={(reason) => act.mutate({ verb: confirm, reason })}
          onClose={() => setConfirm(null)}
        />
      )}
    </Card>
  );
}

/** Card-reader devices of a grant: serial, PCID, key; registration with the device's Ed25519 public key. */
function DevicesPanel({ grant, canProvision }: { grant: Grant; canProvision: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const devices = useQuery<ReaderDevice[], ApiError>({
    queryKey: ['grant-devices', grant.id],
    queryFn: () => api.grantDevices(grant.id),
  });
  const [open, setOpen] = useState(false);
  const [serial, setSerial] = useState('');
  const [pcid, setPcid] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: ['grant-devices', grant.id] });
    await queryClient.invalidateQueries({ queryKey: ['audit-entries'] });
  };
  const add = useMutation<ReaderDevice, ApiError, void>({
    mutationFn: () =>
      api.addDevice(grant.id, { serial: serial.trim(), pcid: pcid.trim(), publicKey: publicKey.trim() }),
    onSuccess: async () => {
      setOpen(false);
      setSerial('');
      setPcid('');
      setPublicKey('');
      await done();
    },
  });
  const revoke = useMutation<ReaderDevice, ApiError, string>({
    mutationFn: (id) => api.revokeDevice(id),
    onSuccess: done,
  });
  return (
    <Stack gap="xs" data-testid="grant-devices">
      <Title order={6}>{t('access.devices')}</Title>
      {devices.isError && <ErrorAlert error={devices.error} />}
      {devices.data && devices.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('access.noDevices')}
        </Text>
      )}
      {devices.data && devices.data.length > 0 && (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('access.serial')}</Table.Th>
              <Table.Th>PCID</Table.Th>
              <Table.Th>{t('access.registered')}</Table.Th>
              <Table.Th>{t('access.statusLabel')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.data.map((d) => (
              <Table.Tr key={d.id} data-testid="device-row" data-pcid={d.pcid} data-status={d.status}>
                <Table.Td>{d.serial}</Table.Td>
                <Table.Td>
                  <Code>{d.pcid}</Code>
                </Table.Td>
                <Table.Td>{formatDateTime(d.createdAt, lang)}</Table.Td>
                <Table.Td>
                  <GrantStatusBadge status={d.status} />
                </Table.Td>
                <Table.Td>
                  {canProvision && d.status === 'active' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      loading={revoke.isPending && revoke.variables === d.id}
                      onClick={() => revoke.mutate(d.id)}
                      data-testid="device-revoke"
                    >
                      {t('access.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {revoke.isError && <ErrorAlert error={revoke.error} />}
      {canProvision && !open && (
        <Button size="xs" variant="light" w="fit-content" onClick={() => setOpen(true)} data-testid="device-add-open">
          {t('access.addDevice')}
        </Button>
      )}
      {canProvision && open && (
        <Card withBorder padding="sm" bg="gray.0" data-testid="device-form">
          <Stack gap="xs">
            <Group grow>
              <TextInput
                label={t('access.serial')}
                value={serial}
                onChange={(e) => setSerial(e.currentTarget.value)}
                maxLength={64}
                withAsterisk
                data-testid="device-serial"
              />
              <TextInput
                label="PCID"
                value={pcid}
                onChange={(e) => setPcid(e.currentTarget.value)}
                maxLength={64}
                withAsterisk
                data-testid="device-pcid"
              />
            </Group>
            <Textarea
              label={t('access.publicKey')}
              description={t('access.publicKeyHelp')}
              placeholder={'-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----'}
              value={publicKey}
              onChange={(e) => setPublicKey(e.currentTarget.value)}
              autosize
              minRows={4}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              withAsterisk
              data-testid="device-key"
            />
            {add.isError && <ErrorAlert error={add.error} />}
            <Group>
              <Button
                size="xs"
                onClick={() => add.mutate()}
                loading={add.isPending}
                disabled={!serial.trim() || !pcid.trim() || publicKey.trim().length < 40}
                data-testid="device-submit"
              >
                {t('access.register')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setOpen(false)}>
                {t('applications.cancel')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

/** Web-portal operators of a grant, chosen from the institution's users. */
function OperatorsPanel({ grant, canProvision }: { grant: Grant; canProvision: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const operators = useQuery<PortalOperator[], ApiError>({
    queryKey: ['grant-operators', grant.id],
    queryFn: () => api.grantOperators(grant.id),
  });
  // The institution's users; some office roles may not list them (403), and then a user id is typed instead.
  const users = useQuery<User[], ApiError>({
    queryKey: ['users', 'institution', grant.institutionId],
    queryFn: () => api.users('institution', grant.institutionId),
    enabled: canProvision,
  });
  const [userId, setUserId] = useState<string | null>(null);
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: ['grant-operators', grant.id] });
    await queryClient.invalidateQueries({ queryKey: ['audit-entries'] });
  };
  const add = useMutation<PortalOperator, ApiError, string>({
    mutationFn: (id) => api.addOperator(grant.id, id),
    onSuccess: async () => {
      setUserId(null);
      await done();
    },
  });
  const remove = useMutation<{ id: string; status: string }, ApiError, string>({
    mutationFn: (id) => api.removeOperator(id),
    onSuccess: done,
  });
  const active = (operators.data ?? []).filter((o) => o.status === 'active');
  const taken = new Set(active.map((o) => o.userId));
  const options = (users.data ?? [])
    .filter((u) => !taken.has(u.id) && u.status === 'active')
    .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  return (
    <Stack gap="xs" data-testid="grant-operators">
      <Title order={6}>{t('access.operators')}</Title>
      {operators.isError && <ErrorAlert error={operators.error} />}
      {operators.data && active.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('access.noOperators')}
        </Text>
      )}
      {active.map((o) => (
        <Group key={o.id} justify="space-between" data-testid="operator-row" data-user-id={o.userId}>
          <Text size="sm">
            {o.displayName ?? o.username ?? o.userId}
            {o.username && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({o.username})
              </Text>
            )}
          </Text>
          {canProvision && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              loading={remove.isPending && remove.variables === o.id}
              onClick={() => remove.mutate(o.id)}
              data-testid="operator-remove"
            >
              {t('access.remove')}
            </Button>
          )}
        </Group>
      ))}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {canProvision && (
        <Group align="flex-end">
          {users.isError ? (
            <TextInput
              label={t('access.operatorUserId')}
              description={t('access.operatorUserIdHelp')}
              value={userId ?? ''}
              onChange={(e) => setUserId(e.currentTarget.value || null)}
              data-testid="operator-user"
              style={{ flex: 1 }}
            />
          ) : (
            <Select
              label={t('access.addOperator')}
              data={options}
              value={userId}
              onChange={setUserId}
              searchable
              nothingFoundMessage={t('access.noUsers')}
              data-testid="operator-user"
              style={{ flex: 1 }}
            />
          )}
          <Button
            size="sm"
            variant="light"
            disabled={!userId}
            loading={add.isPending}
            onClick={() => userId && add.mutate(userId.trim())}
            data-testid="operator-add"
          >
            {t('access.add')}
          </Button>
        </Group>
      )}
      {add.isError && <ErrorAlert error={add.error} />}
      {canProvision && users.data && options.length === 0 && (
        <Alert color="blue" variant="light" p="xs" data-testid="operator-first">
          <Text size="xs">{t('integration.grant.operatorFirst')}</Text>
        </Alert>
      )}
      {canProvision && users.isError && (
        <Alert color="gray" variant="light" p="xs">
          <Text size="xs">{t('access.usersUnavailable')}</Text>
        </Alert>
      )}
    </Stack>
  );
}
