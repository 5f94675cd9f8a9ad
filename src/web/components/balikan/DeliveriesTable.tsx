import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import type { Delivery } from './api';

/** Deliveries, newest first: when, whose (for an office), what, which period, rows kept and refused. */
export function DeliveriesTable({ deliveries, showInstitution }: { deliveries: Delivery[]; showInstitution: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (deliveries.length === 0)
    return (
      <Text c="dimmed" data-testid="no-deliveries">
        {t('dataBalikan.noDeliveries')}
      </Text>
    );
  return (
    <Table striped withTableBorder data-testid="balikan-deliveries">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('dataBalikan.submittedAt')}</Table.Th>
          {showInstitution && <Table.Th>{t('dataBalikan.institution')}</Table.Th>}
          <Table.Th>{t('dataBalikan.kind')}</Table.Th>
          <Table.Th>{t('dataBalikan.period')}</Table.Th>
          <Table.Th>{t('dataBalikan.goodRows')}</Table.Th>
          <Table.Th>{t('dataBalikan.badRows')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {deliveries.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>{formatDateTime(d.submittedAt, lang)}</Table.Td>
            {showInstitution && <Table.Td>{d.institution.name}</Table.Td>}
            <Table.Td>{d.kindName[lang]}</Table.Td>
            <Table.Td>
              {d.periodLabel[lang]}
              {d.supersededBy && (
                <Badge ml="xs" color="gray" variant="light">
                  {t('dataBalikan.superseded')}
                </Badge>
              )}
              {d.supersedesId && !d.supersededBy && (
                <Badge ml="xs" color="blue" variant="light">
                  {t('dataBalikan.correction')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{d.goodRows.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB')}</Table.Td>
            <Table.Td>{d.badRows.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB')}</Table.Td>
            <Table.Td>
              <Anchor size="sm" component={Link} to={`/data-balikan/deliveries/${d.id}`}>
                {t('dataBalikan.view')}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
