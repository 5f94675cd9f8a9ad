import { Alert, Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n';
import { badRowsUrl, type Delivery } from './api';

/** A delivery's outcome: rows received and refused, and each refused row with its reasons. */
export function DeliveryResult({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const lang = useLang();
  const bad = delivery.badRowList ?? [];
  return (
    <Stack gap="sm" data-testid="delivery-result">
      <Alert color={delivery.badRows === 0 ? 'green' : 'yellow'} title={t('dataBalikan.resultTitle')}>
        <Text size="sm" data-testid="delivery-counts">
          {t('dataBalikan.resultCounts', {
            good: delivery.goodRows,
            bad: delivery.badRows,
            total: delivery.totalRows,
          })}
        </Text>
        {delivery.supersedesId && (
          <Text size="sm" mt={4}>
            {t('dataBalikan.correctionNote')}
          </Text>
        )}
      </Alert>
      {bad.length > 0 && (
        <>
          <Group justify="space-between">
            <Text fw={500}>{t('dataBalikan.badRowsTitle')}</Text>
            <Anchor href={badRowsUrl(delivery.id)} download data-testid="bad-rows-download">
              {t('dataBalikan.downloadBadRows')}
            </Anchor>
          </Group>
          <Table striped withTableBorder data-testid="bad-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dataBalikan.row')}</Table.Th>
                <Table.Th>{t('dataBalikan.nik')}</Table.Th>
                <Table.Th>{t('dataBalikan.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bad.map((r) => (
                <Table.Tr key={r.line}>
                  <Table.Td>{r.line}</Table.Td>
                  <Table.Td>{r.nikMasked ?? '—'}</Table.Td>
                  <Table.Td>{r.problems.map((p) => p.message[lang]).join('; ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {delivery.badRows > bad.length && (
            <Text size="sm" c="dimmed">
              {t('dataBalikan.moreBadRows', { shown: bad.length, total: delivery.badRows })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
