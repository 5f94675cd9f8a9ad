import { Alert, Anchor, Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import { isAdmin, isPusat, useSession } from '../api/hooks';
import type { Office } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { CreateOfficeForm } from '../components/office/CreateOfficeForm';
import { timezoneKey } from '../components/office/vocabulary';

/** The offices: a pusat admin sees them all and creates new ones; an office admin sees its own. */
export function OfficesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSession();
  const pusat = isPusat(me) && isAdmin(me);
  const offices = useQuery<Office[], ApiError>({ queryKey: ['offices'], queryFn: api.offices });

  if (!isAdmin(me) || me.organisation.kind !== 'office') {
    return (
      <Alert color="yellow" data-testid="offices-forbidden">
        {t('office.forbidden')}
      </Alert>
    );
  }

  const visible = (offices.data ?? []).filter((o) => pusat || o.id === me.organisation.id);
  const parentName = (id: string | null) => offices.data?.find((o) => o.id === id)?.name ?? '—';

  return (
    <Stack data-testid="offices-page">
      <Title order={1} size="h2" data-testid="page-title">
        {t('offices.title')}
      </Title>
      <Text c="dimmed">{pusat ? t('offices.subtitle') : t('offices.mine')}</Text>
      {offices.isPending && <Loading />}
      {offices.isError && <ErrorAlert error={offices.error} onRetry={() => void offices.refetch()} />}
      {offices.isSuccess && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="offices-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('offices.name')}</Table.Th>
                <Table.Th>{t('offices.level')}</Table.Th>
                <Table.Th>{t('offices.parent')}</Table.Th>
                <Table.Th>{t('offices.timezone')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visible.map((o) => (
                <Table.Tr key={o.id} data-testid="office-row" data-code={o.code}>
                  <Table.Td>
                    <Anchor component={Link} to={`/offices/${o.id}`} data-testid="office-link">
                      {o.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`officeLevel.${o.level}`, { defaultValue: o.level })}</Badge>
                  </Table.Td>
                  <Table.Td>{o.parentId ? parentName(o.parentId) : '—'}</Table.Td>
                  <Table.Td>{t(timezoneKey(o.timezone), { defaultValue: o.timezone })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pusat && offices.isSuccess && (
        <Card withBorder data-testid="create-office-card">
          <Title order={4} mb="sm">
            {t('offices.createTitle')}
          </Title>
          <CreateOfficeForm offices={offices.data} onCreated={(office) => void navigate(`/offices/${office.id}`)} />
        </Card>
      )}
    </Stack>
  );
}
