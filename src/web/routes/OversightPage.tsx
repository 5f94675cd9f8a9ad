import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { DateField } from '../components/DateField';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip as ChartTooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, type ApiError } from '../api/client';
import { useSession } from '../api/hooks';
import type { AuditEntry, AuditFilters, AuditSummary, AuditVerification } from '../api/client';
import { ResultCodeBadge } from '../components/access/AccessBadges';
import { useVisibleGrants } from '../components/access/useGrants';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useDataElements } from '../components/useDataElements';
import { useLang } from '../i18n';
import { shortDate } from '../components/usage/usage-format';
import { displayTimeZone, formatDate, formatDateTime, zoneAbbreviation } from '../lib/format';
import { isDataCall } from '../../domain/audit/actions.js';
import { actionName, resultName } from '../lib/labels';

const PAGE = 25;
/** The facts of a decision worth a line under it: the case, the PKS, the step, the reason. */
function decisionSummary(e: AuditEntry, step: (id: string) => string): string {
  const d = e.detail;
  const parts = [d.caseNumber, d.number, d.stepId ? step(String(d.stepId)) : null, d.reason]
    .filter((x) => x !== null && x !== undefined && x !== '')
    .map(String);
  return parts.join(' · ');
}

const COLORS = { answered: '#12b886', refusals: '#fa5252', decisions: '#868e96' };

/** The filters Pengawasan keeps in the URL (so a view can be shared and survives a reload). */
type FilterKey = 'from' | 'to' | 'kind' | 'channel' | 'institutionId' | 'resultCode' | 'q';
const KINDS = ['data_call', 'decision'] as const;
const CHANNELS = ['web_service', 'v1', 'card_reader', 'web_portal'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersOf(params: URLSearchParams): AuditFilters {
  const f: AuditFilters = {};
  const kind = params.get('kind');
  if (kind && (KINDS as readonly string[]).includes(kind)) f.kind = kind as AuditFilters['kind'];
  const channel = params.get('channel');
  if (channel && (CHANNELS as readonly string[]).includes(channel)) f.channel = channel as AuditFilters['channel'];
  for (const k of ['from', 'to'] as const) {
    const v = params.get(k);
    if (v && DATE.test(v)) f[k] = v;
  }
  for (const k of ['institutionId', 'resultCode', 'q'] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** /oversight — the tamper-evident audit log: entries, filters, calls per day, and verification of the chain. */
export function OversightPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSession();
  const catalogue = useDataElements();
  const isOffice = me.organisation.kind === 'office';
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const before = params.get('before') ?? undefined;
  // Cursors of the pages before this one (keyset paging: the server hands the next cursor only).
  const [history, setHistory] = useState<string[]>([]);
  const entries = useQuery<{ items: AuditEntry[]; next: string | null }, ApiError>({
    queryKey: ['audit-entries', filters, before],
    queryFn: () => api.auditEntries(filters, { beforeSeq: before, limit: PAGE }),
    placeholderData: keepPreviousData,
  });
  const summary = useQuery<AuditSummary, ApiError>({
    queryKey: ['audit-summary', filters],
    queryFn: () => api.auditSummary(filters),
    placeholderData: keepPreviousData,
  });
  const grants = useVisibleGrants(me);
  const byGrant = useMemo(() => new Map(grants.rows.map((g) => [g.id, g])), [grants.rows]);
  // The audit entries name the PKS by id; its version hash is the one its grants were compiled from.
  const pksHash = useMemo(() => new Map(grants.rows.map((g) => [g.agreementId, g.pksVersionHash])), [grants.rows]);
  const verify = useMutation<AuditVerification, ApiError, void>({ mutationFn: api.verifyAudit });
  const [search, setSearch] = useState(filters.q ?? '');
  const [debouncedSearch] = useDebouncedValue(search, 250);

  const setFilter = (key: FilterKey, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('before');
    setHistory([]);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if ((debouncedSearch.trim() || undefined) !== filters.q) setFilter('q', debouncedSearch.trim());
    // Only a settled search changes the URL.
  }, [debouncedSearch]);
  const goTo = (cursor: string | undefined, stack: string[]) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set('before', cursor);
    else next.delete('before');
    setHistory(stack);
    setParams(next);
  };

  const shown = entries.data?.items ?? [];
  const nextCursor = entries.data?.next ?? null;
  const actorLabel = (e: AuditEntry) => {
    const g = byGrant.get(e.actorId);
    if (e.actorKind === 'credential' && g) return g.userId ?? g.label;
    return e.actorId;
  };
  // The zone the server counts the days in (the viewer's office); times of the entries are shown on that clock.
  const timeZone = summary.data?.timeZone ?? displayTimeZone();
  const zone = zoneAbbreviation(timeZone);
  const stepLabel = (id: string) => t('plain.oversight.step', { step: id });
  const elementNames = (codes: string[]) => codes.map((c) => catalogue.byCode.get(c)?.name[lang] ?? c).join(', ');
  const chart = useMemo(
    () =>
      (summary.data?.days ?? []).map((d) => ({
        day: d.day,
        answered: d.dataCalls - d.refusals,
        refusals: d.refusals,
        decisions: d.decisions,
      })),
    [summary.data],
  );
  const totals = summary.data?.totals;
  const byCode = summary.data?.byCode ?? [];
  const codes = [
    ...new Set([...byCode.map((c) => c.code), ...(filters.resultCode ? [filters.resultCode] : [])]),
  ].sort();
  const institutionOptions = [...grants.names.entries()].map(([id, name]) => ({ value: id, label: name }));
  if (filters.institutionId && !grants.names.has(filters.institutionId))
    institutionOptions.push({ value: filters.institutionId, label: filters.institutionId });

  if (entries.isPending || summary.isPending) return <Loading />;
  if (entries.isError) return <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />;
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;

  const first = verify.data?.problems[0];

  return (
    <Stack data-testid="oversight-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2" data-testid="page-title">
            {t('nav.oversight')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('oversight.intro')}
          </Text>
        </div>
        <Group>
          <Button
            variant="default"
            onClick={() => {
              void entries.refetch();
              void summary.refetch();
            }}
            loading={entries.isFetching || summary.isFetching}
          >
            {t('oversight.refresh')}
          </Button>
          {isOffice && (
            <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
              {t('oversight.verify')}
            </Button>
          )}
        </Group>
      </Group>

      {verify.isError && <ErrorAlert error={verify.error} />}
      {verify.data?.ok && (
        <Alert color="green" title={t('oversight.verifyOk')} data-testid="audit-verify-ok">
          {t('oversight.verifyOkBody', {
            batches: verify.data.batches,
            entries: verify.data.sealedEntries,
            unsealed: verify.data.unsealed,
          })}
        </Alert>
      )}
      {verify.data && !verify.data.ok && (
        <Alert color="red" title={t('oversight.verifyBroken')} data-testid="audit-verify-broken">
          <Stack gap={4}>
            {first && (
              <Text fw={700} data-testid="audit-first-broken" data-seq={first.seq ?? ''}>
                {first.seq !== undefined ? t('oversight.firstBrokenEntry', { seq: first.seq }) : ''}
                {first.batchSeq !== undefined ? ` ${t('oversight.inBatch', { batch: first.batchSeq })}` : ''} —{' '}
                {first.message[lang]}
              </Text>
            )}
            {verify.data.problems.length > 1 && (
              <Text size="sm">{t('oversight.moreProblems', { count: verify.data.problems.length - 1 })}</Text>
            )}
          </Stack>
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Card withBorder radius="md" padding="md" style={{ gridColumn: 'span 2' }}>
          <Text fw={600}>{t('oversight.perDay')}</Text>
          <Text size="xs" c="dimmed" mb="xs" data-testid="audit-period">
            {t('oversight.periodNote', {
              from: formatDate(summary.data.from, lang),
              to: formatDate(summary.data.to, lang),
              zone,
            })}
          </Text>
          {totals && totals.dataCalls + totals.decisions === 0 ? (
            <Text size="sm" c="dimmed" data-testid="audit-chart-empty">
              {t('oversight.noActivity')}
            </Text>
          ) : (
            <div style={{ width: '100%', height: 220 }} data-testid="audit-chart">
              <ResponsiveContainer>
                <BarChart data={chart}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" fontSize={11} tickFormatter={(d: string) => shortDate(d, lang)} />
                  <YAxis allowDecimals={false} fontSize={11} />
                  <ChartTooltip labelFormatter={(d) => formatDate(String(d), lang)} />
                  <Legend />
                  <Bar
                    dataKey="answered"
                    stackId="calls"
                    fill={COLORS.answered}
                    name={t('oversight.answered')}
                    isAnimationActive={false}
                  />
                  <Bar
                    dataKey="refusals"
                    stackId="calls"
                    fill={COLORS.refusals}
                    name={t('oversight.refusals')}
                    isAnimationActive={false}
                  />
                  <Bar
                    dataKey="decisions"
                    fill={COLORS.decisions}
                    name={t('oversight.decisions')}
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text fw={600} mb="xs">
            {t('oversight.totals')}
          </Text>
          <Stack gap={4} mb="sm">
            {(['dataCalls', 'refusals', 'decisions'] as const).map((k) => (
              <Group key={k} justify="space-between" wrap="nowrap">
                <Text size="sm">{t(`oversight.total_${k}`)}</Text>
                <Text size="sm" fw={600} data-testid={`audit-total-${k}`}>
                  {totals?.[k] ?? 0}
                </Text>
              </Group>
            ))}
          </Stack>
          <Text fw={600} mb="xs">
            {t('oversight.byCode')}
          </Text>
          <Stack gap={4}>
            {byCode.map((c) => (
              <Group key={c.code} justify="space-between" wrap="nowrap">
                <ResultCodeBadge code={c.code} withText />
                <Text size="sm" fw={600}>
                  {c.count}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>

      <Group align="flex-end" gap="sm">
        <Select
          label={t('oversight.kind')}
          value={filters.kind ?? 'all'}
          onChange={(v) => setFilter('kind', v === 'all' ? null : v)}
          data={[
            { value: 'all', label: t('oversight.kindAll') },
            { value: 'data_call', label: t('oversight.kindData') },
            { value: 'decision', label: t('oversight.kindAdmin') },
          ]}
          allowDeselect={false}
          w={190}
          data-testid="audit-filter-kind"
        />
        <Select
          label={t('oversight.channel')}
          value={filters.channel ?? null}
          onChange={(v) => setFilter('channel', v)}
          data={CHANNELS.map((c) => ({ value: c, label: t(`oversight.channel_${c}`) }))}
          clearable
          placeholder={t('oversight.any')}
          w={190}
          data-testid="audit-filter-channel"
        />
        <Select
          label={t('case.institution')}
          value={filters.institutionId ?? null}
          onChange={(v) => setFilter('institutionId', v)}
          data={institutionOptions}
          clearable
          searchable
          placeholder={t('oversight.any')}
          w={240}
          data-testid="audit-filter-institution"
        />
        <Select
          label={t('oversight.resultCode')}
          value={filters.resultCode ?? null}
          onChange={(v) => setFilter('resultCode', v)}
          data={codes.map((c) => ({ value: c, label: `${c} — ${t(`resultCode.${c}`, { defaultValue: c })}` }))}
          clearable
          placeholder={t('oversight.any')}
          w={240}
          data-testid="audit-filter-code"
        />
        <DateField
          label={t('oversight.from')}
          value={filters.from ?? ''}
          onChange={(v) => setFilter('from', v)}
          testId="audit-filter-from"
        />
        <DateField
          label={t('oversight.to')}
          value={filters.to ?? ''}
          onChange={(v) => setFilter('to', v)}
          testId="audit-filter-to"
        />
        <TextInput
          label={t('oversight.search')}
          placeholder={t('oversight.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={220}
          data-testid="audit-filter-search"
        />
      </Group>

      <Card withBorder padding={0} radius="md">
        <Table striped highlightOnHover data-testid="audit-table" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('oversight.time')}</Table.Th>
              <Table.Th>{t('oversight.action')}</Table.Th>
              <Table.Th>{t('case.institution')}</Table.Th>
              <Table.Th>{t('oversight.actor')}</Table.Th>
              <Table.Th>{t('oversight.pksVersion')}</Table.Th>
              <Table.Th>{t('access.elements')}</Table.Th>
              <Table.Th>{t('oversight.resultCode')}</Table.Th>
              <Table.Th>{t('oversight.clientIp')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={9}>
                  <Text size="sm" c="dimmed" ta="center" py="md" data-testid="audit-empty">
                    {t('oversight.none')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {shown.map((e) => {
              const g = byGrant.get(e.actorId);
              const hash =
                e.pksVersionHash ??
                (g && g.agreementId === e.pksId ? g.pksVersionHash : e.pksId ? (pksHash.get(e.pksId) ?? null) : null);
              return (
                <Table.Tr
                  key={e.id}
                  data-testid="audit-row"
                  data-seq={e.seq}
                  data-action={e.action}
                  data-code={e.resultCode}
                  data-actor={actorLabel(e)}
                >
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {e.seq}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.time, lang, timeZone)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="audit-action-label">
                      {actionName(e.action, t)}
                    </Text>
                    {decisionSummary(e, stepLabel) && (
                      <Text size="xs" c="dimmed">
                        {decisionSummary(e, stepLabel)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {e.institutionId
                      ? (grants.names.get(e.institutionId) ?? <Code fz="xs">{e.institutionId}</Code>)
                      : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="xs" variant="outline" color="gray" mr={4}>
                      {t(`actorKind.${e.actorKind}`, { defaultValue: e.actorKind })}
                    </Badge>
                    {e.actorName ? (
                      <Text span size="sm">
                        {e.actorName}
                      </Text>
                    ) : (
                      <Code fz="xs">{actorLabel(e)}</Code>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {hash ? (
                      <Tooltip label={`${t('plain.oversight.pksFingerprint')}: ${hash}`} multiline w={320}>
                        <Text size="xs" td="underline" style={{ textDecorationStyle: 'dotted', whiteSpace: 'nowrap' }}>
                          {typeof e.detail.number === 'string' && e.detail.number
                            ? e.detail.number
                            : t('plain.oversight.pksRecorded')}
                        </Text>
                      </Tooltip>
                    ) : e.pksId ? (
                      t('plain.oversight.pksNoVersion')
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {e.elements.length === 0 ? (
                      '—'
                    ) : (
                      <Tooltip label={elementNames(e.elements)} multiline w={300}>
                        <Text size="xs" td="underline" style={{ textDecorationStyle: 'dotted', whiteSpace: 'nowrap' }}>
                          {t('oversight.elementsCount', { count: e.elements.length })}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {isDataCall(e.action) ? (
                      <ResultCodeBadge code={e.resultCode} withText />
                    ) : (
                      <Badge color="gray" variant="light" data-testid="result-code" data-code={e.resultCode}>
                        {resultName(e.resultCode, t)}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Code fz="xs">{e.clientIp ?? '—'}</Code>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('oversight.pageNote', { page: history.length + 1, shown: shown.length, zone })}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={history.length === 0}
            onClick={() => goTo(history[history.length - 1] || undefined, history.slice(0, -1))}
            data-testid="audit-prev"
          >
            {t('oversight.newer')}
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!nextCursor}
            onClick={() => nextCursor && goTo(nextCursor, [...history, before ?? ''])}
            data-testid="audit-next"
          >
            {t('oversight.older')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
