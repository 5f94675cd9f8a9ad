import { Card, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLang } from '../../i18n';
import type { BillingSummary } from './api';
import { formatRupiah } from './api';

const COLORS: Record<string, string> = {
  web_service: '#1c7ed6',
  web_portal: '#37b24d',
  fingerprint: '#f59f00',
  face: '#ae3ec9',
};

/** PNBP charges per month, stacked by method (rupiah), with a sentence for screen readers. */
export function ChargesChart({ summary }: { summary: BillingSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const methods = [...new Set(summary.chargesByMonth.map((c) => c.method))];
  const months = [...new Set(summary.chargesByMonth.map((c) => c.month))].sort();
  const monthName = (m: string) =>
    new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'short', year: 'numeric' }).format(
      new Date(`${m}-01T00:00:00`),
    );
  const rows = months.map((m) => {
    const row: Record<string, string | number> = { month: monthName(m) };
    for (const c of summary.chargesByMonth) if (c.month === m) row[c.method] = c.amountRupiah;
    return row;
  });
  const total = summary.chargesByMonth.reduce((a, c) => a + c.amountRupiah, 0);
  return (
    <Card withBorder data-testid="billing-charges-chart">
      <Title order={4}>{t('billing.chargesTitle')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('billing.chargesSummary', { total: formatRupiah(total), months: months.length })}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm">{t('billing.noCharges')}</Text>
      ) : (
        <div style={{ width: '100%', height: 240 }} aria-hidden>
          <ResponsiveContainer>
            <BarChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis tickFormatter={(v: number) => formatRupiah(v)} width={90} />
              <Tooltip formatter={(v) => formatRupiah(Number(v))} />
              <Legend />
              {methods.map((m) => (
                <Bar key={m} dataKey={m} name={t(`billing.method.${m}`)} stackId="a" fill={COLORS[m] ?? '#868e96'} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}
