import { SimpleGrid, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsage, type UsageBy, type UsageQuery, type UsageResponse } from '../../api/usage';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { BreakdownChart, type BreakdownItem } from './BreakdownChart';
import { DailyUsageChart } from './DailyUsageChart';
import { QuotaCard, TotalsCard } from './QuotaCard';
import { UsageFilters } from './UsageFilters';
import { useUsageLabels } from './labels';
import { refusalRows } from './usage-format';
import { useUsagePeriod } from './usePeriod';

const CSV_BY: UsageBy[] = ['day', 'month', 'element', 'channel', 'result', 'operator'];

function items(
  data: UsageResponse | undefined,
  by: UsageBy,
  name: (by: UsageBy, r: { key: string; label: string }) => string,
): BreakdownItem[] {
  return (data?.rows ?? [])
    .map((r) => ({ key: r.key, name: name(by, r), answered: r.answered, refused: r.refused }))
    .sort((a, b) => b.answered + b.refused - (a.answered + a.refused) || a.name.localeCompare(b.name));
}

/**
 * One institution's usage: calls per day against its quota, today's remaining quota, refusals by reason, usage per
 * operator, element and channel. Without `institutionId` the server takes the caller's own institution.
 */
export function InstitutionUsage({ institutionId }: { institutionId?: string }) {
  const { t } = useTranslation();
  const state = useUsagePeriod();
  const labels = useUsageLabels();
  const base: Omit<UsageQuery, 'by'> = useMemo(
    () => ({ institutionId, from: state.from, to: state.to, channel: state.channel }),
    [institutionId, state.from, state.to, state.channel],
  );
  const enabled = { enabled: state.ready };
  const day = useUsage({ ...base, by: 'day' }, enabled);
  const result = useUsage({ ...base, by: 'result' }, enabled);
  const operator = useUsage({ ...base, by: 'operator' }, enabled);
  const element = useUsage({ ...base, by: 'element' }, enabled);
  const channel = useUsage({ ...base, by: 'channel' }, enabled);

  const refusals = useMemo(
    () =>
      refusalRows(result.data?.rows ?? []).map((r) => ({
        key: r.key,
        name: labels.reason(r.key, r.label),
        answered: 0,
        refused: r.count,
      })),
    [result.data, labels],
  );
  const operators = useMemo(() => items(operator.data, 'operator', labels.row), [operator.data, labels]);
  const elements = useMemo(() => items(element.data, 'element', labels.row), [element.data, labels]);
  const channels = useMemo(() => items(channel.data, 'channel', labels.row), [channel.data, labels]);

  const filters = <UsageFilters state={state} shown={day.data} csvBase={base} csvBy={CSV_BY} />;
  if (day.isError) {
    return (
      <Stack>
        {filters}
        <ErrorAlert error={day.error} onRetry={() => void day.refetch()} />
      </Stack>
    );
  }
  if (!day.data) {
    return (
      <Stack>
        {filters}
        <Loading />
      </Stack>
    );
  }
  const quota = day.data.quota;
  const other = [result, operator, element, channel].find((q) => q.isError);
  return (
    <Stack data-testid="institution-usage">
      {filters}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <QuotaCard quota={quota} />
        <TotalsCard totals={day.data.totals} asOf={day.data.asOf} />
      </SimpleGrid>
      <DailyUsageChart
        rows={day.data.rows}
        from={day.data.from}
        to={day.data.to}
        dailyLimit={quota ? quota.dailyLimit : undefined}
      />
      {other?.error && <ErrorAlert error={other.error} onRetry={() => void other.refetch()} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <BreakdownChart
          testId="usage-refusals"
          title={t('usage.refusalsByReason')}
          description={t('usage.refusalsHelp')}
          items={refusals}
          refusalsOnly
          empty={t('usage.noRefusals')}
          nameHeader={t('usage.reasonHeader')}
        />
        <BreakdownChart
          testId="usage-operators"
          title={t('usage.perOperator')}
          description={t('usage.perOperatorHelp')}
          items={operators}
          empty={t('usage.noCalls')}
          nameHeader={t('usage.operator')}
        />
        <BreakdownChart
          testId="usage-elements"
          title={t('usage.perElement')}
          description={t('usage.perElementHelp')}
          items={elements}
          empty={t('usage.noCalls')}
          nameHeader={t('usage.element')}
        />
        <BreakdownChart
          testId="usage-channels"
          title={t('usage.perChannel')}
          items={channels}
          empty={t('usage.noCalls')}
          nameHeader={t('usage.channelHeader')}
        />
      </SimpleGrid>
    </Stack>
  );
}
