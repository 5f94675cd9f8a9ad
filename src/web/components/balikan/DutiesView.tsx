import { Anchor, Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLang } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import type { AgreementDuties } from './api';

const COLOR = { delivered: 'green', due: 'blue', missing: 'red' } as const;

/** Each duty of each PKS in force with its owed periods: delivered, not yet due, or late. */
export function DutiesView({
  agreements,
  showInstitution,
}: {
  agreements: AgreementDuties[];
  showInstitution: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (agreements.length === 0)
    return (
      <Text c="dimmed" data-testid="no-duties">
        {showInstitution ? t('dataBalikan.noDutiesOffice') : t('dataBalikan.noDuties')}
      </Text>
    );
  return (
    <Stack data-testid="balikan-duties">
      {agreements.map((a) => (
        <Card withBorder key={a.agreementId}>
          <Stack gap="sm">
            <div>
              <Title order={4}>
                {showInstitution ? a.institution.name : t('dataBalikan.pks', { number: a.agreementNumber })}
              </Title>
              {showInstitution && (
                <Text size="sm" c="dimmed">
                  {t('dataBalikan.pks', { number: a.agreementNumber })}
                </Text>
              )}
            </div>
            {a.duties.map((d) => {
              const missing = d.periods.filter((p) => p.state === 'missing').length;
              return (
                <Stack gap={4} key={d.kind}>
                  <Text fw={500}>
                    {d.kindName[lang]}, {t(`dataBalikan.frequency.${d.frequency}`)}
                    {missing > 0 && (
                      <Badge color="red" ml="sm" data-testid="missing-count">
                        {t('dataBalikan.missingCount', { count: missing })}
                      </Badge>
                    )}
                  </Text>
                  {d.periods.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('dataBalikan.noPeriodYet')}
                    </Text>
                  ) : (
                    <Table withTableBorder striped>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('dataBalikan.period')}</Table.Th>
                          <Table.Th>{t('dataBalikan.dueDate')}</Table.Th>
                          <Table.Th>{t('dataBalikan.status')}</Table.Th>
                          <Table.Th>{t('dataBalikan.deliveredAt')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {[...d.periods].reverse().map((p) => (
                          <Table.Tr key={p.period} data-testid={`period-${p.state}`}>
                            <Table.Td>{p.label[lang]}</Table.Td>
                            <Table.Td>{formatDate(p.dueDate, lang)}</Table.Td>
                            <Table.Td>
                              <Badge color={COLOR[p.state]} variant="light">
                                {t(`dataBalikan.state.${p.state}`)}
                              </Badge>
                            </Table.Td>
                            <Table.Td>
                              {p.currentDeliveryId ? (
                                <Anchor
                                  size="sm"
                                  component={Link}
                                  to={`/data-balikan/deliveries/${p.currentDeliveryId}`}
                                >
                                  {p.fulfilledAt ? formatDateTime(p.fulfilledAt, lang) : t('dataBalikan.open')}
                                </Anchor>
                              ) : (
                                '—'
                              )}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  )}
                </Stack>
              );
            })}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
