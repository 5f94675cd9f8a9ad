import { useTranslation } from 'react-i18next';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import { useUsage, type UsageQuery } from '../../api/usage';
import { useLang } from '../../i18n';
import { USAGE_COLORS } from './colors';
import { fillDays, formatCount, longDate, trendOf } from './usage-format';

/** One institution's calls per day over the period, as a small line with its reading for screen readers. */
export function UsageSparkline({ query }: { query: Omit<UsageQuery, 'by'> & { institutionId: string } }) {
  const { t } = useTranslation();
  const lang = useLang();
  const day = useUsage({ ...query, by: 'day' });
  if (!day.data) return <span aria-hidden>…</span>;
  const points = fillDays(day.data.rows, day.data.from, day.data.to);
  const trend = trendOf(points.map((p) => p.calls));
  const peak = points.reduce((a, p) => (p.calls > a.calls ? p : a), points[0] ?? { day: '', calls: 0 });
  const label = t('usage.trendSummary', {
    trend: t(`usage.trend.${trend}`),
    peak: formatCount(peak.calls, lang),
    peakDay: peak.day ? longDate(peak.day, lang) : '—',
  });
  return (
    <div
      role="img"
      aria-label={label}
      title={label}
      style={{ width: 120, height: 32 }}
      data-testid="usage-sparkline"
      data-trend={trend}
    >
      <ResponsiveContainer>
        <LineChart data={points} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <YAxis hide domain={[0, 'dataMax']} />
          <Line
            type="monotone"
            dataKey="calls"
            stroke={USAGE_COLORS.calls}
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
