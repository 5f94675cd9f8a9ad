import { Alert, Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import type { InstitutionSummary } from '../api/client';
import { useSession } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import {
  VerificationDecision,
  VerifyInstitutionButtons,
  useVerifications,
} from '../components/VerifyInstitutionButtons';
import { Loading } from '../components/Loading';

/** The institutions the user may see: their own, or those their office deals with. */
export function InstitutionsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const list = useQuery<InstitutionSummary[], ApiError>({ queryKey: ['institutions'], queryFn: api.institutions });
  // Office staff verify the institutions that registered with their office.
  const reviewer = me.capabilities.includes('institution.verify');
  const mayVerify = (inst: InstitutionSummary) =>
    me.organisation.kind === 'office' && reviewer && inst.officeId === me.organisation.id && inst.status === 'pending';
  const pending = (list.data ?? []).filter(mayVerify).length;
  // Who verified each institution and when (office staff; at most the first 200 of the list).
  const decisions = useVerifications(
    me.organisation.kind === 'office' ? (list.data ?? []).slice(0, 200).map((i) => i.id) : [],
  );

  return (
    <Stack>
      <Title order={1} size="h2" data-testid="page-title">
        {t('institutions.title')}
      </Title>
      {pending > 0 && (
        <Alert color="orange" data-testid="institutions-pending">
          {t('institutions.pendingNote', { count: pending })}
        </Alert>
      )}
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && list.data.length === 0 && (
        <Text c="dimmed" data-testid="institutions-empty">
          {t('institutions.empty')}
        </Text>
      )}
      {list.isSuccess && list.data.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover data-testid="institutions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('institutions.name')}</Table.Th>
                <Table.Th>{t('institutions.type')}</Table.Th>
                <Table.Th>{t('institutions.office')}</Table.Th>
                <Table.Th>{t('institutions.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((inst) => (
                <Table.Tr key={inst.id} data-testid="institution-row" data-status={inst.status}>
                  <Table.Td>
                    <Anchor component={Link} to={`/institutions/${inst.id}`} data-testid="institution-name">
                      {inst.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`institutionTypes.${inst.type}`, { defaultValue: inst.type })}</Table.Td>
                  <Table.Td>{inst.officeName}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={inst.status === 'pending' ? 'orange' : undefined}>
                      {t(`status.${inst.status}`, { defaultValue: inst.status })}
                    </Badge>
                    <VerificationDecision compact decision={decisions.data?.find((d) => d.institutionId === inst.id)} />
                  </Table.Td>
                  <Table.Td>
                    {mayVerify(inst) && (
                      <VerifyInstitutionButtons institutionId={inst.id} institutionName={inst.name} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
