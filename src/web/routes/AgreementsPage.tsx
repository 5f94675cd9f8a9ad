import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import type { AgreementSummary } from '../api/client';
import { QueryList } from '../components/QueryList';
import { PksStatusBadge } from '../components/StatusBadges';
import { useLang } from '../i18n';
import { formatDate } from '../lib/format';

/** Perjanjian: the PKS the user may see, with their state and validity. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const list = useQuery<AgreementSummary[], ApiError>({ queryKey: ['agreements'], queryFn: api.agreements });

  return (
    <Stack data-testid="agreements-page">
      <Title order={1} size="h2" data-testid="page-title">
        {t('agreements.title')}
      </Title>
      <Text c="dimmed">{t('agreements.subtitle')}</Text>
      <QueryList query={list} empty={t('agreements.empty')} emptyTestId="agreements-empty">
        {(rows) => (
          <Table.ScrollContainer minWidth={700}>
            <Table highlightOnHover data-testid="agreements-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agreements.number')}</Table.Th>
                  <Table.Th>{t('case.institution')}</Table.Th>
                  <Table.Th>{t('agreements.validity')}</Table.Th>
                  <Table.Th>{t('agreements.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr
                    key={a.id}
                    style={{ cursor: 'pointer' }}
                    onClick={(e) => {
                      // The link itself navigates; a click elsewhere on the row does the same.
                      if (!(e.target as HTMLElement).closest('a')) void navigate(`/agreements/${a.id}`);
                    }}
                    data-testid="agreement-row"
                    data-id={a.id}
                    data-number={a.number}
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/agreements/${a.id}`} size="sm" fw={600}>
                        {a.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{a.institutionName}</Table.Td>
                    <Table.Td>
                      {a.startDate ? `${formatDate(a.startDate, lang)} – ${formatDate(a.endDate, lang)}` : '—'}
                    </Table.Td>
                    <Table.Td>
                      <PksStatusBadge status={a.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryList>
    </Stack>
  );
}
