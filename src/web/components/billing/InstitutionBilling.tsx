import { Anchor, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n';
import { formatDate } from '../../lib/format';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { ChargesChart } from './ChargesChart';
import { formatRupiah, statementPdfUrl, useBillingSummary } from './api';

function lastMonths(n: number): string[] {
  const out: string[] = [];
  const d = new Date();
  for (let i = 0; i < n; i++) {
    const x = new Date(d.getFullYear(), d.getMonth() - i, 1);
    out.push(`${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** One institution's billing: the balance first, then charges per month, statements and payments. */
export function InstitutionBilling({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const summary = useBillingSummary(institutionId);
  const months = lastMonths(12);
  const [month, setMonth] = useState<string>(months[0] ?? '');
  if (summary.isPending) return <Loading />;
  if (summary.error) return <ErrorAlert error={summary.error} />;
  const s = summary.data;
  const monthLabel = (m: string) =>
    new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric' }).format(
      new Date(`${m}-01T00:00:00`),
    );
  if (!s.profitOriented)
    return (
      <Card withBorder data-testid="billing-not-profit">
        <Title order={4}>{s.name}</Title>
        <Text>{t('billing.notProfit')}</Text>
      </Card>
    );
  return (
    <Stack>
      <Card withBorder data-testid="billing-balance">
        <Text size="sm" c="dimmed">
          {t('billing.balanceOf', { name: s.name })}
        </Text>
        <Title order={1} c={s.balanceRupiah > 0 ? undefined : 'red'} data-testid="billing-balance-amount">
          {formatRupiah(s.balanceRupiah)}
        </Title>
        <Text size="sm">{s.balanceRupiah > 0 ? t('billing.balanceHelp') : t('billing.balanceEmpty')}</Text>
      </Card>
      <ChargesChart summary={s} />
      <Card withBorder>
        <Title order={4}>{t('billing.statementTitle')}</Title>
        <Group align="end" mt="xs">
          <Select
            label={t('billing.month')}
            data={months.map((m) => ({ value: m, label: monthLabel(m) }))}
            value={month}
            onChange={(v) => setMonth(v ?? month)}
            allowDeselect={false}
          />
          <Anchor href={statementPdfUrl(institutionId, month)} target="_blank" data-testid="billing-statement-pdf">
            {t('billing.downloadPdf')}
          </Anchor>
        </Group>
      </Card>
      <Card withBorder>
        <Title order={4}>{t('billing.paymentsTitle')}</Title>
        {s.payments.length === 0 ? (
          <Text size="sm">{t('billing.noPayments')}</Text>
        ) : (
          <Table data-testid="billing-payments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.paidOn')}</Table.Th>
                <Table.Th>{t('billing.billingCode')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('billing.amount')}</Table.Th>
                <Table.Th>{t('billing.recordedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.payments.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{formatDate(p.paidOn, lang)}</Table.Td>
                  <Table.Td>{p.billingCode}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatRupiah(p.amountRupiah)}</Table.Td>
                  <Table.Td>{p.recordedBy || t('billing.recordedBySystem')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
