import { SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OperationsResponse } from '../../api/operations';
import { useLang } from '../../i18n';
import { ChartCard } from '../usage/ChartCard';
import { USAGE_COLORS } from '../usage/colors';
import { formatCount } from '../usage/usage-format';
import { formatMs } from './operations-format';

type Bucket = { key: string; name: string; batches: number };

/** The audit writer's seal lag and batch sizes (this process): figures, and batches by seal lag as bars. */
export function AuditCard({ audit }: { audit: OperationsResponse['audit'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const buckets: Bucket[] = audit.sealLagHistogram.map((b, i, all) => ({
    key: String(b.upToMs ?? 'inf'),
    name: b.upToMs === null ? `> ${formatMs(all[i - 1]?.upToMs ?? 0, lang)}` : `≤ ${formatMs(b.upToMs, lang)}`,
    batches: b.batches,
  }));
  const shown = buckets.filter((b) => b.batches > 0);
  const figures: [string, string, string][] = [
    ['operations-seal-lag-last', t('operations.sealLagLast'), formatMs(audit.lastSealLagMs, lang)],
    ['operations-seal-lag-p50', t('operations.sealLagP50'), formatMs(audit.sealLagP50Ms, lang)],
    ['operations-seal-lag-p99', t('operations.sealLagP99'), formatMs(audit.sealLagP99Ms, lang)],
    ['operations-batch-last', t('operations.batchLast'), formatCount(audit.lastBatchSize, lang)],
    ['operations-batch-average', t('operations.batchAverage'), formatCount(audit.averageBatchSize, lang)],
    ['operations-batches', t('operations.batches'), formatCount(audit.batches, lang)],
  ];
  return (
    <ChartCard<Bucket>
      testId="operations-audit"
      title={`${t('operations.auditTitle')} (${t('operations.processThis')})`}
      description={t('operations.auditNote')}
      summary={shown.map((b) => `${b.name}: ${formatCount(b.batches, lang)}`).join('; ')}
      empty={audit.batches === 0 ? t('operations.noCalls') : null}
      rows={shown}
      rowKey={(b) => b.key}
      height={160}
      columns={[
        { header: t('operations.sealLag'), cell: (b) => b.name },
        { header: t('operations.batches'), cell: (b) => formatCount(b.batches, lang), numeric: true },
      ]}
      extra={
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" style={{ width: '100%' }}>
          {figures.map(([id, label, value]) => (
            <div key={id}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text fw={600} data-testid={id}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      }
      chart={
        <ResponsiveContainer>
          <BarChart data={shown} margin={{ top: 4, right: 16, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} width={40} />
            <Tooltip formatter={(value) => formatCount(Number(value), lang)} />
            <Bar
              dataKey="batches"
              name={t('operations.batches')}
              fill={USAGE_COLORS.neutral}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      }
    />
  );
}
