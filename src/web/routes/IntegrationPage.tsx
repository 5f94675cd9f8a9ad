import {
  Alert,
  Anchor,
  Badge,
  Card,
  Code,
  CopyButton,
  Button,
  Group,
  List,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isAdmin, useSession } from '../api/hooks';
import { useServiceAddress, type ServiceAddress } from '../api/integration';
import type { Me } from '../api/client';
import { EnvironmentBadge, GrantStatusBadge } from '../components/access/AccessBadges';
import { dukcapilEndpoint, ServiceUsage } from '../components/access/ServiceUsage';
import { useVisibleGrants, type GrantRow } from '../components/access/useGrants';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';

/** A value with its copy button. */
function Copyable({ value, testId }: { value: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Code data-testid={testId} style={{ wordBreak: 'break-all' }}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" onClick={copy}>
            {copied ? t('access.copied') : t('access.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

/**
 * /cara-integrasi — how an institution's admin connects its systems (issue 14): the service address, the methods
 * its grants allow, the Dukcapil-compatible web service and the v1 API, with copyable examples on the institution's
 * own endpoint. The operator's lookup page carries none of this.
 */
export function IntegrationPage() {
  const { t } = useTranslation();
  const me = useSession();
  const address = useServiceAddress();
  return (
    <Stack data-testid="integration-page">
      <div>
        <Title order={1} data-testid="page-title">
          {t('integration.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('integration.intro')}
        </Text>
      </div>
      {address.isPending && <Loading />}
      {address.isError && <ErrorAlert error={address.error} onRetry={() => void address.refetch()} />}
      {address.data && (
        <>
          <Card withBorder radius="md" padding="md" data-testid="integration-address">
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('integration.address.title')}
              </Title>
              <Text size="sm">{t('integration.address.help')}</Text>
              <Table variant="vertical" withTableBorder layout="fixed">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={220}>{t('integration.address.base')}</Table.Th>
                    <Table.Td>
                      <Copyable value={address.data.url} testId="integration-base-url" />
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('integration.address.dukcapil')}</Table.Th>
                    <Table.Td>
                      <Copyable value={`${address.data.dukcapil}/{customerId}/CALL_NIK`} />
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('integration.address.v1')}</Table.Th>
                    <Table.Td>
                      <Copyable value={address.data.v1} />
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Stack>
          </Card>
          <Card withBorder radius="md" padding="md">
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('integration.methods.title')}
              </Title>
              <List size="sm" spacing={4}>
                <List.Item>
                  <b>{t('methods.web_service')}</b> — {t('integration.methods.web_service')}
                </List.Item>
                <List.Item>
                  <b>{t('methods.web_portal')}</b> — {t('integration.methods.web_portal')}
                </List.Item>
                <List.Item>
                  <b>{t('methods.card_reader')}</b> — {t('integration.methods.card_reader')}
                </List.Item>
              </List>
            </Stack>
          </Card>
          {me.organisation.kind === 'institution' ? (
            <OwnGrants me={me} address={address.data} />
          ) : (
            <Alert color="gray" data-testid="integration-office-note">
              {t('integration.officeNote')}
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}

/** The institution's grants that are not revoked, each with how to use it. */
function OwnGrants({ me, address }: { me: Me; address: ServiceAddress }) {
  const { t } = useTranslation();
  const { rows, isPending, error } = useVisibleGrants(me);
  if (isPending) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  const live = rows.filter((g) => g.status !== 'revoked');
  if (live.length === 0)
    return (
      <Card withBorder padding="xl" data-testid="integration-empty">
        <Text c="dimmed">{t('integration.noGrants')}</Text>
      </Card>
    );
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('integration.grants.title')}
      </Title>
      {!isAdmin(me) && (
        <Text size="sm" c="dimmed">
          {t('integration.grants.askAdmin')}
        </Text>
      )}
      {live.map((g) => (
        <GrantHowTo key={g.id} grant={g} address={address} />
      ))}
    </Stack>
  );
}

function GrantHowTo({ grant, address }: { grant: GrantRow; address: ServiceAddress }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="integration-grant"
      data-kind={grant.kind}
      data-env={grant.environment}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Group gap="xs">
              <Text fw={600}>{grant.label}</Text>
              <Badge variant="outline" color="gray" size="sm">
                {t(`methods.${grant.kind}`, { defaultValue: grant.kind })}
              </Badge>
            </Group>
            {grant.kind === 'web_service' && (
              <Text size="sm" mt={4}>
                {t('integration.grants.endpoint')}{' '}
                <Code data-testid="integration-endpoint">
                  {dukcapilEndpoint(address, grant.customerId, 'CALL_NIK')}
                </Code>
              </Text>
            )}
          </div>
          <Group gap={6} wrap="nowrap">
            <EnvironmentBadge environment={grant.environment} />
            <GrantStatusBadge status={grant.status} />
          </Group>
        </Group>
        {grant.kind === 'web_service' && <ServiceUsage grant={grant} address={address} />}
        {grant.kind === 'web_portal' && (
          <Text size="sm">
            {t('integration.grants.portal')}{' '}
            <Anchor component={Link} to="/data-access">
              {t('nav.dataAccess')}
            </Anchor>
          </Text>
        )}
        {grant.kind === 'card_reader' && <Text size="sm">{t('integration.grants.cardReader')}</Text>}
        {grant.environment === 'trial' && (
          <Text size="xs" c="dimmed">
            {t('integration.grants.trial')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
