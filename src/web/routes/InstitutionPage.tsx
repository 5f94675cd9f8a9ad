import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import type { Institution } from '../api/client';
import { useSession } from '../api/hooks';
import { InstitutionDocumentsCard } from '../components/application/InstitutionDocumentsCard';
import { ErrorAlert } from '../components/ErrorAlert';
import {
  VerificationDecision,
  VerifyInstitutionButtons,
  useVerifications,
} from '../components/VerifyInstitutionButtons';
import { Loading } from '../components/Loading';

/** One institution with its address and contacts. */
export function InstitutionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const inst = useQuery<Institution, ApiError>({ queryKey: ['institution', id], queryFn: () => api.institution(id) });
  const decisions = useVerifications(inst.isSuccess && me.organisation.kind === 'office' ? [id] : []);

  return (
    <Stack>
      <Anchor component={Link} to="/institutions" size="sm">
        ← {t('common.back')}
      </Anchor>
      {inst.isPending && <Loading />}
      {inst.isError && <ErrorAlert error={inst.error} />}
      {inst.isSuccess && (
        <>
          <Title order={1} size="h2" data-testid="page-title">
            {inst.data.name}
          </Title>
          <Card withBorder>
            <Text>
              <b>{t('institutions.type')}:</b>{' '}
              {t(`institutionTypes.${inst.data.type}`, { defaultValue: inst.data.type })}
            </Text>
            <Text>
              <b>{t('institutions.status')}:</b> {t(`status.${inst.data.status}`, { defaultValue: inst.data.status })}
            </Text>
            <Text>
              <b>{t('institutions.profit')}:</b> {inst.data.profitOriented ? t('common.yes') : t('common.no')}
            </Text>
            <Text>
              <b>{t('institutions.address')}:</b> {inst.data.address}
            </Text>
          </Card>
          {(me.organisation.kind === 'office' || me.organisation.id === inst.data.id) && (
            <Anchor
              component={Link}
              to={me.organisation.kind === 'office' ? `/usage/institutions/${inst.data.id}` : '/usage'}
              size="sm"
              data-testid="institution-usage-link"
            >
              {t('usage.link.institution')}
            </Anchor>
          )}
          {me.organisation.kind === 'office' &&
            me.organisation.id === inst.data.officeId &&
            inst.data.status === 'pending' && (
              <Card withBorder data-testid="institution-pending">
                <Text mb="xs">{t('institutions.pendingHelp')}</Text>
                <VerifyInstitutionButtons institutionId={inst.data.id} institutionName={inst.data.name} />
              </Card>
            )}
          <VerificationDecision decision={decisions.data?.find((d) => d.institutionId === inst.data.id)} />
          {inst.data.type === 'badan_hukum' && (
            <InstitutionDocumentsCard
              institutionId={inst.data.id}
              canUpload={me.organisation.kind === 'institution' && me.organisation.id === inst.data.id}
            />
          )}
          <Title order={4}>{t('institutions.contacts')}</Title>
          {inst.data.contacts.length === 0 ? (
            <Text c="dimmed">{t('institutions.noContacts')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={500}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('institutions.name')}</Table.Th>
                    <Table.Th>{t('institutions.position')}</Table.Th>
                    <Table.Th>{t('institutions.email')}</Table.Th>
                    <Table.Th>{t('institutions.phone')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {inst.data.contacts.map((c, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td>{c.position}</Table.Td>
                      <Table.Td>{c.email}</Table.Td>
                      <Table.Td>{c.phone}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}
