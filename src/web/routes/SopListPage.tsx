import { Anchor, Badge, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import { hasCapability, isPusat, useSession } from '../api/hooks';
import type { Office, SopPurposeView, SopSummary } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { SopPublishForm } from '../components/sop-view/SopPublishForm';
import { useLang } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';

/** The SOPs of my office (or, for an institution, of the office it belongs to), with every version. */
export function SopListPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSession();
  const isOffice = me.organisation.kind === 'office';
  const [officeId, setOfficeId] = useState<string | null>(isOffice ? me.organisation.id : null);
  const offices = useQuery<Office[], ApiError>({ queryKey: ['offices'], queryFn: api.offices, enabled: isOffice });
  const sops = useQuery<SopSummary[], ApiError>({
    queryKey: ['sops', officeId ?? 'mine'],
    queryFn: () => api.sops(officeId ?? undefined),
  });
  const officeOptions = (offices.data ?? []).map((o) => ({ value: o.id, label: o.name }));
  // Staff of the office (or of pusat) see which SOP serves which purpose; publishers may add a new SOP.
  const ownOrPusat = isOffice && officeId !== null && (officeId === me.organisation.id || isPusat(me));
  const canPublish = ownOrPusat && hasCapability(me, 'sop.publish');
  const purposes = useQuery<SopPurposeView[], ApiError>({
    queryKey: ['sop-purposes', officeId],
    queryFn: () => api.sopPurposes(officeId ?? ''),
    enabled: ownOrPusat,
  });
  const servedBy = (code: string) => (purposes.data ?? []).filter((p) => p.serving?.code === code);

  return (
    <Stack data-testid="sop-page">
      <Title order={1} size="h2" data-testid="page-title">
        {t('sop.title')}
      </Title>
      <Text c="dimmed">{t('sop.subtitle')}</Text>
      {isOffice && officeOptions.length > 1 && (
        <Select
          label={t('sop.office')}
          data={officeOptions}
          value={officeId}
          onChange={(v) => setOfficeId(v ?? me.organisation.id)}
          allowDeselect={false}
          searchable
          maw={520}
          data-testid="sop-office"
        />
      )}
      {sops.isPending && <Loading />}
      {sops.isError && <ErrorAlert error={sops.error} onRetry={() => void sops.refetch()} />}
      {sops.isSuccess && sops.data.length === 0 && !canPublish && (
        <Card withBorder padding="xl" data-testid="sop-empty">
          <Text c="dimmed" ta="center">
            {t('sop.empty')}
          </Text>
        </Card>
      )}
      {sops.data?.map((sop) => {
        const current = sop.versions.find((v) => v.current) ?? sop.versions[0];
        return (
          <Card key={sop.code} withBorder radius="md" padding="lg" data-testid="sop-card" data-code={sop.code}>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={4}>
                  {current ? (
                    <Anchor component={Link} to={`/sop/versions/${current.id}`} data-testid="sop-link">
                      {sop.name}
                    </Anchor>
                  ) : (
                    sop.name
                  )}
                </Title>
              </div>
              <Group gap="xs">
                {servedBy(sop.code).map((p) => (
                  <Badge key={p.purpose} color="teal" data-testid="sop-serving" data-purpose={p.purpose}>
                    {t('sopPublishNew.serving', { purpose: t(`purpose.${p.purpose}`) })}
                  </Badge>
                ))}
                <Badge variant="light">{t('sop.versionCount', { count: sop.versions.length })}</Badge>
              </Group>
            </Group>
            <Table mt="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sop.versionCol')}</Table.Th>
                  <Table.Th>{t('sop.effectiveFrom')}</Table.Th>
                  <Table.Th>{t('sop.publishedAt')}</Table.Th>
                  <Table.Th>{t('sop.note')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sop.versions.map((v) => (
                  <Table.Tr key={v.id} data-testid="sop-version-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/sop/versions/${v.id}`}>
                        {t('sop.version', { version: v.version })}
                      </Anchor>
                      {v.current && (
                        <Badge ml="xs" size="sm" color="teal">
                          {t('sop.current')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDate(v.effectiveFrom, lang)}</Table.Td>
                    <Table.Td>{formatDateTime(v.publishedAt, lang)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {v.note || '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        );
      })}
      {canPublish && officeId && sops.isSuccess && (
        <Card withBorder radius="md" padding="lg" data-testid="sop-publish-new">
          <Title order={4}>{t('sopPublishNew.title')}</Title>
          <Text size="sm" c="dimmed" mb="sm">
            {sops.data.length === 0 ? t('sopPublishNew.emptyHelp') : t('sopPublishNew.help')}
          </Text>
          {/* Keyed by office: switching office starts an empty editor checked against that office's roles. */}
          <SopPublishForm key={officeId} officeId={officeId} initialSource="" />
        </Card>
      )}
    </Stack>
  );
}
