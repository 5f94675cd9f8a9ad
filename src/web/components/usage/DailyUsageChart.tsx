import { Switch } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { UsageRow } from '../../api/usage';
import { useLang } from '../../i18n';
import { ChartCard } from './ChartCard';
import { USAGE_COLORS } from './colors';
import { fillDays, formatCount, longDate, periodText, quotaOnScale, shortDate, type DayPoint } from './usage-format';

/** Calls per day, answered and refused stacked, against the daily quota drawn as a reference line. */
export function DailyUsageChart({
  rows,
  from,
  to,
  dailyLimit,
  title,
  testId = 'usage-daily',
}: {
  rows: readonly UsageRow[];
  from: string;
  to: string;
  /** The daily quota (null: unlimited, undefined: not one institution's). */
  dailyLimit?: number | null;
  title?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const days = useMemo(() => fillDays(rows, from, to), [rows, from, to]);
  const peak = days.reduce((a, d) => Math.max(a, d.calls), 0);
  const total = days.reduce((a, d) => a + d.calls, 0);
  const refused = days.reduce((a, d) => a + d.refused, 0);
  const limit = typeof dailyLimit === 'number' ? dailyLimit : null;
  // A quota far above the calls would flatten the bars: then the line is off the scale unless asked for.
  const [showQuota, setShowQuota] = useState<boolean | null>(null);
  const quotaShown = limit !== null && (showQuota ?? quotaOnScale(peak, limit));
  const summary = t('usage.dailySummary', {
    period: periodText(from, to, lang),
    calls: formatCount(total, lang),
    refused: formatCount(refused, lang),
    peak: formatCount(peak, lang),
    quota: limit === null ? t('usage.unlimited') : formatCount(limit, lang),
  });
  return (
    <ChartCard<DayPoint>
      testId={testId}
      title={title ?? t('usage.perDay')}
      description={
        limit === null
          ? dailyLimit === null
            ? t('usage.quotaUnlimitedNote')
            : undefined
          : t(quotaShown ? 'usage.quotaLineNote' : 'usage.quotaOffScaleNote', { quota: formatCount(limit, lang) })
      }
      summary={summary}
      empty={total === 0 ? t('usage.noCalls') : null}
      extra={
        limit !== null && (
          <Switch
            size="xs"
            label={t('usage.showQuotaLine')}
            checked={quotaShown}
            onChange={(e) => setShowQuota(e.currentTarget.checked)}
            data-testid={`${testId}-quota-toggle`}
          />
        )
      }
      rows={days}
      rowKey={(d) => d.day}
      columns={[
        { header: t('usage.day'), cell: (d) => longDate(d.day, lang) },
        { header: t('usage.calls'), cell: (d) => formatCount(d.calls, lang), numeric: true },
        { header: t('usage.answered'), cell: (d) => formatCount(d.answered, lang), numeric: true },
        { header: t('usage.refused'), cell: (d) => formatCount(d.refused, lang), numeric: true },
      ]}
      chart={
        <ResponsiveContainer>
          <ComposedChart data={days} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" fontSize={11} tickFormatter={(d: string) => shortDate(d, lang)} minTickGap={16} />
            <YAxis allowDecimals={false} fontSize={11} width={56} tickFormatter={(n: number) => formatCount(n, lang)} />
            <Tooltip
              labelFormatter={(d) => longDate(String(d), lang)}
              formatter={(value) => formatCount(Number(value), lang)}
            />
            <Legend />
            <Bar
              dataKey="answered"
              stackId="calls"
              fill={USAGE_COLORS.answered}
              name={t('usage.answered')}
              isAnimationActive={false}
            />
            <Bar
              dataKey="refused"
              stackId="calls"
              fill={USAGE_COLORS.refused}
              name={t('usage.refused')}
              isAnimationActive={false}
            />
            {quotaShown && limit !== null && (
              <ReferenceLine
                y={limit}
                stroke={USAGE_COLORS.quota}
                strokeDasharray="6 3"
                strokeWidth={2}
                ifOverflow="extendDomain"
                label={{
                  value: t('usage.quotaLine', { quota: formatCount(limit, lang) }),
                  position: 'insideTopRight',
                  fontSize: 11,
                  fill: USAGE_COLORS.quota,
                }}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      }
    />
  );
}
