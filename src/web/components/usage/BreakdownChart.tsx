import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLang } from '../../i18n';
import { ChartCard } from './ChartCard';
import { USAGE_COLORS } from './colors';
import { formatCount } from './usage-format';

/** One bar of a breakdown: its words (never a code), and its figures. */
export interface BreakdownItem {
  key: string;
  name: string;
  answered: number;
  refused: number;
}

/** Bars drawn at most; the table lists them all. */
const MAX_BARS = 10;

/**
 * A horizontal bar chart of calls by one dimension (element, channel, operator, refusal reason), answered and
 * refused stacked, or only the refusals when `refusalsOnly`.
 */
export function BreakdownChart({
  title,
  description,
  items,
  testId,
  refusalsOnly = false,
  empty,
  nameHeader,
}: {
  title: string;
  description?: string;
  items: readonly BreakdownItem[];
  testId: string;
  refusalsOnly?: boolean;
  empty: string;
  nameHeader: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const shown = items.slice(0, MAX_BARS);
  // Element disclosures are answers only: no refused series to draw or explain.
  const anyRefused = items.some((i) => i.refused > 0);
  const stacked = !refusalsOnly && anyRefused;
  const total = items.reduce((a, i) => a + (refusalsOnly ? i.refused : i.answered + i.refused), 0);
  const summary = t(refusalsOnly ? 'usage.refusalSummary' : 'usage.breakdownSummary', {
    title,
    total: formatCount(total, lang),
    list: shown
      .map((i) => `${i.name}: ${formatCount(refusalsOnly ? i.refused : i.answered + i.refused, lang)}`)
      .join('; '),
  });
  const columns = refusalsOnly
    ? [
        { header: nameHeader, cell: (i: BreakdownItem) => i.name },
        { header: t('usage.refused'), cell: (i: BreakdownItem) => formatCount(i.refused, lang), numeric: true },
      ]
    : [
        { header: nameHeader, cell: (i: BreakdownItem) => i.name },
        {
          header: t('usage.calls'),
          cell: (i: BreakdownItem) => formatCount(i.answered + i.refused, lang),
          numeric: true,
        },
        { header: t('usage.answered'), cell: (i: BreakdownItem) => formatCount(i.answered, lang), numeric: true },
        { header: t('usage.refused'), cell: (i: BreakdownItem) => formatCount(i.refused, lang), numeric: true },
      ];
  return (
    <ChartCard<BreakdownItem>
      testId={testId}
      title={title}
      description={description}
      summary={summary}
      empty={items.length === 0 || total === 0 ? empty : null}
      rows={items}
      rowKey={(i) => i.key}
      columns={columns}
      height={Math.max(120, shown.length * 34 + 48)}
      chart={
        <ResponsiveContainer>
          <BarChart data={shown} layout="vertical" margin={{ top: 4, right: 16, left: 4, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              allowDecimals={false}
              fontSize={11}
              tickFormatter={(n: number) => formatCount(n, lang)}
            />
            <YAxis type="category" dataKey="name" width={150} fontSize={11} interval={0} />
            <Tooltip formatter={(value) => formatCount(Number(value), lang)} />
            {stacked && <Legend />}
            {!refusalsOnly && (
              <Bar
                dataKey="answered"
                stackId="calls"
                fill={USAGE_COLORS.answered}
                name={t('usage.answered')}
                isAnimationActive={false}
              />
            )}
            {(refusalsOnly || anyRefused) && (
              <Bar
                dataKey="refused"
                stackId="calls"
                fill={USAGE_COLORS.refused}
                name={t('usage.refused')}
                isAnimationActive={false}
              />
            )}
          </BarChart>
        </ResponsiveContainer>
      }
    />
  );
}
