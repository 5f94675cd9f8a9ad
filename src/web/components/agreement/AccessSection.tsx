import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { AgreementAccess, GrantWithSecret } from '../../api/client';
import { ACCESS_KEYS, GrantCard } from '../access/GrantCard';
import { CreateGrantForm } from '../access/CreateGrantForm';
import { SecretModal } from '../access/SecretModal';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { Fingerprint } from '../plain/Fingerprint';

const ORDER: Record<string, number> = { active: 0, suspended: 1, revoked: 2 };

/**
 * "Hak akses": the grants compiled from this PKS, beside it. Office staff who may provision (the server says so
 * in canProvision) create credentials, rotate secrets, suspend, resume, revoke and record trials here.
 */
export function AccessSection({ agreementId, pksStatus }: { agreementId: string; pksStatus: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const access = useQuery<AgreementAccess, ApiError>({
    queryKey: ['agreement-access', agreementId],
    queryFn: () => api.agreementAccess(agreementId),
  });
  // The page's PKS is the fresher one: when its state moves on (Berlakukan, ...), this section follows at once.
  const stale = access.isSuccess && access.data.agreement.status !== pksStatus;
  useEffect(() => {
    if (stale) void access.refetch();
  }, [stale, access]);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<GrantWithSecret | null>(null);

  if (access.isPending) return <Loading />;
  if (access.isError) {
    // Viewers who may not see grants (another office, say) simply do not get the section.
    if (access.error.status === 403 || access.error.status === 404) return null;
    return <ErrorAlert error={access.error} onRetry={() => void access.refetch()} />;
  }
  const { agreement, grants } = access.data;
  const sorted = [...grants].sort(
    (a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || a.createdAt.localeCompare(b.createdAt),
  );
  const inForce = agreement.status === 'active' || agreement.status === 'expiring';
  const onCreated = async (created: GrantWithSecret) => {
    setCreating(false);
    if (created.secret) setSecret(created);
    await Promise.all(ACCESS_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })));
  };

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      data-testid="access-section"
      data-can-provision={agreement.canProvision ? 'yes' : 'no'}
      style={{ borderLeft: '4px solid var(--mantine-color-indigo-5)' }}
    >
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>{t('access.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('access.subtitle')}
            </Text>
            <Text size="xs" mt={4}>
              {t('pks.methods')}:{' '}
              {agreement.methods.map((m) => (
                <Badge key={m} size="xs" variant="outline" mr={4}>
                  {t(`methods.${m}`, { defaultValue: m })}
                </Badge>
              ))}
            </Text>
            <Fingerprint hash={agreement.versionHash} label={t('plain.pksFingerprint')} chars={16} />
          </div>
          {agreement.canProvision && !creating && (
            <Button onClick={() => setCreating(true)} data-testid="grant-create-open">
              {t('access.newGrant')}
            </Button>
          )}
        </Group>
        {agreement.canProvision && !inForce && (
          <Alert color="gray" data-testid="access-precondition">
            {t('access.needsInForce', { status: t(`pksStatus.${pksStatus}`, { defaultValue: pksStatus }) })}
          </Alert>
        )}
        {agreement.canProvision && inForce && !agreement.juknisApproved && (
          <Alert color="orange" data-testid="access-precondition">
            {t('access.needsJuknis')}
          </Alert>
        )}
        {creating && (
          <CreateGrantForm
            access={access.data}
            onCreated={(c) => void onCreated(c)}
            onCancel={() => setCreating(false)}
          />
        )}
        {sorted.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="access-empty">
            {t('access.noGrants')}
          </Text>
        ) : (
          sorted.map((g) => (
            <GrantCard
              key={g.id}
              grant={g}
              pksElements={agreement.elements}
              canProvision={agreement.canProvision}
              onSecret={setSecret}
            />
          ))
        )}
      </Stack>
      <SecretModal created={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
