import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OperationsResponse } from '../../api/operations';
import { useLang } from '../../i18n';
import { ChartCard } from '../usage/ChartCard';
import { USAGE_COLORS } from '../usage/colors';
import { formatCount } from '../usage/usage-format';
import { clockTime, formatRatePerSecond } from './operations-format';

type Point = OperationsResponse['rate']['series'][number] & { time: string; refusedPerSecond: number };

/** Calls per second over the window (this process), answered and refused lines, with its table alternative. */
export function RateChart({ rate, stepSeconds }: { rate: OperationsResponse['rate']; stepSeconds: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const points: Point[] = rate.series.map((p) => ({
    ...p,
    time: clockTime(p.at, lang),
    refusedPerSecond: Math.round((p.refused / stepSeconds) * 100) / 100,
  }));
  const peak = points.reduce((a, p) => Math.max(a, p.perSecond), 0);
  const summary = t('operations.rateSummary', {
    calls: formatCount(rate.windowCalls, lang),
    refused: formatCount(rate.windowRefused, lang),
    peak: formatRatePerSecond(peak, lang),
  });
  return (
    <ChartCard<Point>
      testId="operations-rate"
      title={`${t('operations.rateChart')} (${t('operations.processThis')})`}
      description={t('operations.rateChartNote', { step: stepSeconds })}
      summary={summary}
      empty={rate.windowCalls === 0 ? t('operations.noCalls') : null}
      rows={points.filter((p) => p.calls > 0)}
      rowKey={(p) => p.at}
      columns={[
        { header: t('operations.time'), cell: (p) => p.time },
        { header: t('operations.calls'), cell: (p) => formatCount(p.calls, lang), numeric: true },
        { header: t('operations.refused'), cell: (p) => formatCount(p.refused, lang), numeric: true },
        { header: t('operations.perSecond'), cell: (p) => formatRatePerSecond(p.perSecond, lang), numeric: true },
      ]}
      chart={
        <ResponsiveContainer>
          <LineChart data={points} margin={{ top: 4, right: 16, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="time" fontSize={11} minTickGap={40} />
            <YAxis fontSize={11} width={40} tickFormatter={(n: number) => formatRatePerSecond(n, lang)} />
            <Tooltip formatter={(value) => formatRatePerSecond(Number(value), lang)} />
            <Legend />
            <Line
              type="monotone"
              dataKey="perSecond"
              name={t('operations.calls')}
              stroke={USAGE_COLORS.calls}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="refusedPerSecond"
              name={t('operations.refused')}
              stroke={USAGE_COLORS.refused}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      }
    />
  );
}
