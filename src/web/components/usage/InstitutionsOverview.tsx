import { Anchor, Card, Group, Progress, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type ApiError } from '../../api/client';
import { useSession } from '../../api/hooks';
import type { InstitutionSummary, Office } from '../../api/client';
import { useUsage, type UsageBy, type UsageQuery } from '../../api/usage';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { BreakdownChart } from './BreakdownChart';
import { DailyUsageChart } from './DailyUsageChart';
import { TotalsCard } from './QuotaCard';
import { UsageSparkline } from './Sparkline';
import { UsageFilters } from './UsageFilters';
import { daysInclusive, formatCount, formatShare, quotaShare, topByCalls } from './usage-format';
import { useUsagePeriod } from './usePeriod';

/** Institutions that get a trend line (each one is a query of its own). */
const TRENDS = 8;
const CSV_BY: UsageBy[] = ['institution', 'day', 'month', 'element', 'channel', 'result'];

/**
 * An office's institutions side by side: calls and refusals, share of quota and a trend line each, with a click
 * through to one institution's view. Pusat may narrow the list to one office.
 */
export function InstitutionsOverview() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSession();
  const state = useUsagePeriod();
  const [params, setParams] = useSearchParams();
  const officeFilter = me.atPusat ? (params.get('office') ?? null) : null;
  const base: Omit<UsageQuery, 'by'> = useMemo(
    () => ({ from: state.from, to: state.to, channel: state.channel }),
    [state.from, state.to, state.channel],
  );
  const enabled = { enabled: state.ready };
  const byInstitution = useUsage({ ...base, by: 'institution' }, enabled);
  const day = useUsage({ ...base, by: 'day' }, enabled);
  const offices = useQuery<Office[], ApiError>({
    queryKey: ['offices'],
    queryFn: api.offices,
    enabled: me.atPusat,
  });
  const institutions = useQuery<InstitutionSummary[], ApiError>({
    queryKey: ['institutions'],
    queryFn: api.institutions,
    enabled: me.atPusat && officeFilter !== null,
  });
  const officeOf = useMemo(
    () => new Map((institutions.data ?? []).map((i) => [i.id, i.officeId])),
    [institutions.data],
  );

  const rows = useMemo(() => {
    const all = byInstitution.data?.rows ?? [];
    const shown = officeFilter ? all.filter((r) => officeOf.get(r.key) === officeFilter) : all;
    return topByCalls(shown, shown.length);
  }, [byInstitution.data, officeFilter, officeOf]);
  const trendIds = useMemo(() => new Set(rows.slice(0, TRENDS).map((r) => r.key)), [rows]);
  const search = params.toString();
  const detailLink = (id: string) => `/usage/institutions/${encodeURIComponent(id)}${search ? `?${search}` : ''}`;

  const filters = (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <UsageFilters state={state} shown={byInstitution.data} csvBase={base} csvBy={CSV_BY} />
      {me.atPusat && (
        <Select
          label={t('usage.office')}
          placeholder={t('usage.allOffices')}
          value={officeFilter}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v) next.set('office', v);
            else next.delete('office');
            setParams(next, { replace: true });
          }}
          data={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          clearable
          searchable
          w={280}
          data-testid="usage-office-filter"
        />
      )}
    </Group>
  );
  if (byInstitution.isError)
    return (
      <Stack>
        {filters}
        <ErrorAlert error={byInstitution.error} onRetry={() => void byInstitution.refetch()} />
      </Stack>
    );
  if (!byInstitution.data)
    return (
      <Stack>
        {filters}
        <Loading />
      </Stack>
    );
  const { from, to } = byInstitution.data;
  const days = daysInclusive(from, to);
  const totals = rows.reduce(
    (a, r) => ({ calls: a.calls + r.calls, answered: a.answered + r.answered, refused: a.refused + r.refused }),
    { calls: 0, answered: 0, refused: 0 },
  );
  const sideBySide = rows.map((r) => ({ key: r.key, name: r.label, answered: r.answered, refused: r.refused }));

  return (
    <Stack data-testid="institutions-usage">
      {filters}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TotalsCard totals={totals} asOf={byInstitution.data.asOf} />
        <div style={{ gridColumn: 'span 2', minWidth: 0 }}>
          {day.data && !officeFilter ? (
            <DailyUsageChart
              rows={day.data.rows}
              from={day.data.from}
              to={day.data.to}
              title={t('usage.perDayAll')}
              testId="usage-scope-daily"
            />
          ) : (
            day.isError && <ErrorAlert error={day.error} />
          )}
        </div>
      </SimpleGrid>
      <BreakdownChart
        testId="usage-institutions-chart"
        title={t('usage.sideBySide')}
        description={t('usage.sideBySideHelp')}
        items={sideBySide}
        empty={t('usage.noCalls')}
        nameHeader={t('usage.institution')}
      />
      <Card withBorder padding={0} radius="md">
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover fz="sm" data-testid="usage-institutions-table">
            <Table.Caption>{t('usage.tableCaption', { days: formatCount(days, lang) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('usage.institution')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('usage.calls')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('usage.refused')}</Table.Th>
                <Table.Th>{t('usage.quotaShare')}</Table.Th>
                <Table.Th>{t('usage.trendHeader')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed" size="sm" data-testid="usage-institutions-empty">
                      {t('usage.noInstitutions')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((r) => {
                const share = quotaShare(r.calls, r.dailyLimit, days);
                return (
                  <Table.Tr
                    key={r.key}
                    data-testid="usage-institution-row"
                    data-institution-id={r.key}
                    data-calls={r.calls}
                  >
                    <Table.Td>
                      <Anchor component={Link} to={detailLink(r.key)} data-testid="usage-institution-link">
                        {r.label}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.calls, lang)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {formatCount(r.refused, lang)}
                      {r.calls > 0 && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({formatShare(r.refused / r.calls, lang)})
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td data-testid="usage-quota-share" data-value={share ?? ''}>
                      {r.dailyLimit === null ? (
                        <Text size="xs" c="dimmed">
                          {t('usage.unlimited')}
                        </Text>
                      ) : share === null ? (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      ) : (
                        <Group gap={6} wrap="nowrap">
                          <Progress
                            value={Math.min(100, share * 100)}
                            w={80}
                            color={share >= 0.9 ? 'red' : share >= 0.7 ? 'orange' : 'teal'}
                            aria-label={t('usage.quotaShareOf', { name: r.label })}
                          />
                          <Text size="xs">{formatShare(share, lang)}</Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {trendIds.has(r.key) ? (
                        <UsageSparkline query={{ ...base, institutionId: r.key }} />
                      ) : (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {day.isPending && state.ready && <Loading />}
    </Stack>
  );
}
