import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OperationsResponse } from '../../api/operations';
import { useLang } from '../../i18n';
import { ChartCard } from '../usage/ChartCard';
import { USAGE_COLORS } from '../usage/colors';
import { formatCount } from '../usage/usage-format';
import { formatMs } from './operations-format';

type Row = OperationsResponse['latency'][number] & { name: string };

/** p50 and p99 response time per channel (estimated from buckets, this process), with its table alternative. */
export function LatencyChart({ latency }: { latency: OperationsResponse['latency'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows: Row[] = latency.map((l) => ({ ...l, name: l.label[lang] }));
  const measured = rows.filter((r) => r.count > 0);
  const summary = t('operations.latencyChartSummary', {
    list: measured.map((r) => `${r.name}: p50 ${formatMs(r.p50Ms, lang)}, p99 ${formatMs(r.p99Ms, lang)}`).join('; '),
  });
  return (
    <ChartCard<Row>
      testId="operations-latency"
      title={`${t('operations.latencyTitle')} (${t('operations.processThis')})`}
      description={t('operations.latencyNote')}
      summary={summary}
      empty={measured.length === 0 ? t('operations.noCalls') : null}
      rows={rows}
      rowKey={(r) => r.channel}
      height={Math.max(140, measured.length * 48 + 60)}
      columns={[
        { header: t('operations.channel'), cell: (r) => r.name },
        { header: t('operations.requests'), cell: (r) => formatCount(r.count, lang), numeric: true },
        {
          header: t('operations.p50'),
          cell: (r) => (r.count ? formatMs(r.p50Ms, lang) : t('operations.noRequests')),
          numeric: true,
        },
        {
          header: t('operations.p99'),
          cell: (r) => (r.count ? formatMs(r.p99Ms, lang) : t('operations.noRequests')),
          numeric: true,
        },
      ]}
      chart={
        <ResponsiveContainer>
          <BarChart data={measured} layout="vertical" margin={{ top: 4, right: 16, left: 4, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" fontSize={11} tickFormatter={(n: number) => formatMs(n, lang)} />
            <YAxis type="category" dataKey="name" width={150} fontSize={11} interval={0} />
            <Tooltip formatter={(value) => formatMs(Number(value), lang)} />
            <Legend />
            <Bar dataKey="p50Ms" name={t('operations.p50')} fill={USAGE_COLORS.calls} isAnimationActive={false} />
            <Bar dataKey="p99Ms" name={t('operations.p99')} fill={USAGE_COLORS.quota} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
    />
  );
}
