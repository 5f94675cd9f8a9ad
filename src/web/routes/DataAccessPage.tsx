import {
  Anchor,
  Badge,
  Card,
  Code,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isAdmin, useSession } from '../api/hooks';
import type { Me } from '../api/client';
import { EnvironmentBadge, GrantStatusBadge } from '../components/access/AccessBadges';
import { GrantCard } from '../components/access/GrantCard';
import { PortalLookup } from '../components/access/PortalLookup';
import { useVisibleGrants, type GrantRow } from '../components/access/useGrants';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useLang } from '../i18n';
import { formatDate } from '../lib/format';

/** /data-access — an institution's own grants and how to call the service; for offices, the grants they oversee. */
export function DataAccessPage() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <Stack data-testid="data-access-page">
      <div>
        <Title order={1} size="h2" data-testid="page-title">
          {t('nav.dataAccess')}
        </Title>
        <Text c="dimmed" size="sm">
          {me.organisation.kind === 'institution' ? t('integration.dataAccessIntro') : t('dataAccess.officeIntro')}
        </Text>
      </div>
      <Anchor component={Link} to="/usage" size="sm" data-testid="data-access-usage-link">
        {me.organisation.kind === 'institution' ? t('usage.link.own') : t('usage.link.office')}
      </Anchor>
      {me.organisation.kind === 'institution' ? <InstitutionView me={me} /> : <OfficeView me={me} />}
    </Stack>
  );
}

function InstitutionView({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { rows, isPending, error } = useVisibleGrants(me);
  if (isPending) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  if (rows.length === 0)
    return (
      <Card withBorder padding="xl" data-testid="data-access-empty">
        <Text c="dimmed">{t('dataAccess.noneYet')}</Text>
      </Card>
    );
  const portal = rows.some((g) => g.kind === 'web_portal' && g.status === 'active');
  const service = rows.some((g) => g.kind === 'web_service' && g.status !== 'revoked');
  return (
    <Stack>
      {portal && <PortalLookup />}
      {/* The developer examples live on Cara integrasi, for the institution's admin; the operator only looks up. */}
      {service && isAdmin(me) && (
        <Anchor component={Link} to="/cara-integrasi" size="sm" data-testid="data-access-integration-link">
          {t('integration.link')}
        </Anchor>
      )}
      {rows.map((g) => (
        <Card key={g.id} withBorder radius="md" padding="md" data-testid="own-grant" data-env={g.environment}>
          <Stack>
            <GrantCard grant={g} pksElements={null} canProvision={false} />
            <Anchor component={Link} to={`/agreements/${g.agreementId}`} size="sm">
              {t('dataAccess.openPks')}
            </Anchor>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function OfficeView({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { rows, isPending, error } = useVisibleGrants(me);
  const [status, setStatus] = useState('all');
  const [env, setEnv] = useState('all');
  const [search, setSearch] = useState('');
  if (isPending) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  const q = search.trim().toLowerCase();
  const shown = rows.filter(
    (g: GrantRow) =>
      (status === 'all' || g.status === status) &&
      (env === 'all' || g.environment === env) &&
      (!q || `${g.institutionName} ${g.label} ${g.userId ?? ''}`.toLowerCase().includes(q)),
  );
  const count = (s: string) => rows.filter((g) => g.status === s).length;
  return (
    <Stack>
      <Group align="flex-end">
        <SegmentedControl
          value={status}
          onChange={setStatus}
          data={[
            { value: 'all', label: `${t('dataAccess.all')} (${rows.length})` },
            { value: 'active', label: `${t('grantStatus.active')} (${count('active')})` },
            { value: 'suspended', label: `${t('grantStatus.suspended')} (${count('suspended')})` },
            { value: 'revoked', label: `${t('grantStatus.revoked')} (${count('revoked')})` },
          ]}
          data-testid="grant-status-filter"
        />
        <SegmentedControl
          value={env}
          onChange={setEnv}
          data={[
            { value: 'all', label: t('dataAccess.allEnvs') },
            { value: 'trial', label: t('grantEnv.trial') },
            { value: 'production', label: t('grantEnv.production') },
          ]}
        />
        <TextInput
          placeholder={t('dataAccess.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={240}
        />
      </Group>
      {shown.length === 0 ? (
        <Card withBorder padding="xl" data-testid="data-access-empty">
          <Text c="dimmed">{t('dataAccess.noneMatch')}</Text>
        </Card>
      ) : (
        <Card withBorder padding={0} radius="md">
          <Table highlightOnHover data-testid="grants-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('case.institution')}</Table.Th>
                <Table.Th>{t('access.credential')}</Table.Th>
                <Table.Th>{t('access.environment')}</Table.Th>
                <Table.Th>{t('access.statusLabel')}</Table.Th>
                <Table.Th>{t('access.elements')}</Table.Th>
                <Table.Th>{t('access.dailyQuota')}</Table.Th>
                <Table.Th>{t('access.validity')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((g) => (
                <Table.Tr key={g.id} data-testid="grant-row" data-status={g.status} data-user-id={g.userId ?? ''}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {g.institutionName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {g.label}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color="gray" size="sm">
                      {t(`methods.${g.kind}`, { defaultValue: g.kind })}
                    </Badge>
                    {g.userId && (
                      <div>
                        <Code fz="xs">{g.userId}</Code>
                      </div>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <EnvironmentBadge environment={g.environment} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <GrantStatusBadge status={g.status} size="sm" />
                  </Table.Td>
                  <Table.Td>{g.elements.length}</Table.Td>
                  <Table.Td>
                    {g.dailyQuota === null
                      ? '∞'
                      : new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(g.dailyQuota)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {formatDate(g.validFrom, lang)} – {formatDate(g.validTo, lang)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/agreements/${g.agreementId}`} size="sm" data-testid="grant-pks-link">
                      {t('dataAccess.openPks')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
