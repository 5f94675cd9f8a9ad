import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import type { AuditEntry, AuditVerification } from '../api/types';
import { ResultCodeBadge } from '../components/access/AccessBadges';
import { useVisibleGrants } from '../components/access/useGrants';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';

const PAGE = 25;
/** The facts of a decision worth a line under it: the case, the PKS, the step, the reason. */
function decisionSummary(e: AuditEntry): string {
  const d = e.detail;
  const parts = [d.caseNumber, d.number, d.code, d.stepId ? `langkah ${String(d.stepId)}` : null, d.reason]
    .filter((x) => x !== null && x !== undefined && x !== '')
    .map(String);
  return parts.join(' · ');
}

const DATA_ACTIONS = new Set(['CALL_NIK', 'CALL_VERIFY_BY_ELEMEN', 'v1.lookup', 'v1.verify', 'reader.read']);
const CODE_COLORS: Record<string, string> = {
  '01': '#12b886',
  '13': '#228be6',
  '11': '#7950f2',
  '14': '#15aabf',
  other: '#fa5252',
};

function dayOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** /oversight — the tamper-evident audit log: entries, filters, calls per day, and verification of the chain. */
export function OversightPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSession();
  const isOffice = me.organisation.kind === 'office';
  const entries = useQuery<AuditEntry[], ApiError>({
    queryKey: ['audit-entries'],
    queryFn: () => api.auditEntries(500),
  });
  const grants = useVisibleGrants(me);
  const byGrant = useMemo(() => new Map(grants.rows.map((g) => [g.id, g])), [grants.rows]);
  // The audit entries name the PKS by id; its version hash is the one its grants were compiled from.
  const pksHash = useMemo(() => new Map(grants.rows.map((g) => [g.agreementId, g.pksVersionHash])), [grants.rows]);
  const [kind, setKind] = useState<string | null>('all');
  const [institution, setInstitution] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const verify = useMutation<AuditVerification, ApiError, void>({ mutationFn: api.verifyAudit });

  const all = useMemo(() => entries.data ?? [], [entries.data]);
  const actorLabel = (e: AuditEntry) => {
    const g = byGrant.get(e.actorId);
    if (e.actorKind === 'credential' && g) return g.userId ?? g.label;
    return e.actorId;
  };
  const q = search.trim().toLowerCase();
  const filtered = all.filter((e) => {
    if (kind === 'data' && !DATA_ACTIONS.has(e.action)) return false;
    if (kind === 'admin' && DATA_ACTIONS.has(e.action)) return false;
    if (institution && e.institutionId !== institution) return false;
    if (code && e.resultCode !== code) return false;
    if (from && dayOf(e.time) < from) return false;
    if (to && dayOf(e.time) > to) return false;
    if (q && !`${e.action} ${e.actorId} ${actorLabel(e)} ${e.clientIp ?? ''}`.toLowerCase().includes(q)) return false;
    return true;
  });
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
  const current = Math.min(page, pages);
  const shown = filtered.slice((current - 1) * PAGE, current * PAGE);

  const chart = useMemo(() => {
    const days = new Map<string, Record<string, number>>();
    for (const e of all) {
      if (!DATA_ACTIONS.has(e.action)) continue;
      const day = dayOf(e.time);
      const bucket = days.get(day) ?? {};
      const key = CODE_COLORS[e.resultCode] ? e.resultCode : 'other';
      bucket[key] = (bucket[key] ?? 0) + 1;
      days.set(day, bucket);
    }
    return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, ...counts }));
  }, [all]);
  const chartKeys = Object.keys(CODE_COLORS).filter((k) => chart.some((d) => (d as Record<string, unknown>)[k]));
  const codes = [...new Set(all.map((e) => e.resultCode))].sort();
  const institutionIds = [...new Set(all.map((e) => e.institutionId).filter((x): x is string => Boolean(x)))];

  if (entries.isPending) return <Loading />;
  if (entries.isError) return <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />;

  const first = verify.data?.problems[0];

  return (
    <Stack data-testid="oversight-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} data-testid="page-title">
            {t('nav.oversight')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('oversight.intro')}
          </Text>
        </div>
        <Group>
          <Button variant="default" onClick={() => void entries.refetch()} loading={entries.isFetching}>
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
                {first.message[lang]} ({first.kind})
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
          <Text fw={600} mb="xs">
            {t('oversight.callsPerDay')}
          </Text>
          {chart.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('oversight.noCalls')}
            </Text>
          ) : (
            <div style={{ width: '100%', height: 220 }} data-testid="audit-chart">
              <ResponsiveContainer>
                <BarChart data={chart}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" fontSize={11} />
                  <YAxis allowDecimals={false} fontSize={11} />
                  <ChartTooltip />
                  <Legend />
                  {chartKeys.map((k) => (
                    <Bar
                      key={k}
                      dataKey={k}
                      stackId="codes"
                      fill={CODE_COLORS[k]}
                      name={k === 'other' ? t('oversight.refusals') : `${k} ${t(`resultCode.${k}`)}`}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text fw={600} mb="xs">
            {t('oversight.byCode')}
          </Text>
          <Stack gap={4}>
            {codes.map((c) => (
              <Group key={c} justify="space-between" wrap="nowrap">
                <ResultCodeBadge code={c} withText />
                <Text size="sm" fw={600}>
                  {all.filter((e) => e.resultCode === c).length}
                </Text>
              </Group>
            ))}
          </Stack>
          <Text size="xs" c="dimmed" mt="xs">
            {t('oversight.window', { count: all.length })}
          </Text>
        </Card>
      </SimpleGrid>

      <Group align="flex-end" gap="sm">
        <Select
          label={t('oversight.kind')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          data={[
            { value: 'all', label: t('oversight.kindAll') },
            { value: 'data', label: t('oversight.kindData') },
            { value: 'admin', label: t('oversight.kindAdmin') },
          ]}
          allowDeselect={false}
          w={170}
          data-testid="audit-filter-kind"
        />
        <Select
          label={t('case.institution')}
          value={institution}
          onChange={(v) => {
            setInstitution(v);
            setPage(1);
          }}
          data={institutionIds.map((id) => ({ value: id, label: grants.names.get(id) ?? id }))}
          clearable
          placeholder={t('oversight.any')}
          w={240}
          data-testid="audit-filter-institution"
        />
        <Select
          label={t('oversight.resultCode')}
          value={code}
          onChange={(v) => {
            setCode(v);
            setPage(1);
          }}
          data={codes.map((c) => ({ value: c, label: `${c} — ${t(`resultCode.${c}`, { defaultValue: c })}` }))}
          clearable
          placeholder={t('oversight.any')}
          w={240}
          data-testid="audit-filter-code"
        />
        <TextInput
          type="date"
          label={t('oversight.from')}
          value={from}
          onChange={(e) => {
            setFrom(e.currentTarget.value);
            setPage(1);
          }}
        />
        <TextInput
          type="date"
          label={t('oversight.to')}
          value={to}
          onChange={(e) => {
            setTo(e.currentTarget.value);
            setPage(1);
          }}
        />
        <TextInput
          label={t('oversight.search')}
          placeholder={t('oversight.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
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
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.time, lang)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="audit-action-label">
                      {t(`auditAction.${e.action.replaceAll('.', '_')}`, { defaultValue: e.action })}
                    </Text>
                    {decisionSummary(e) && (
                      <Text size="xs" c="dimmed">
                        {decisionSummary(e)}
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
                      <Tooltip label={hash}>
                        <Code fz="xs">{hash.slice(0, 10)}</Code>
                      </Tooltip>
                    ) : e.pksId ? (
                      <Tooltip label={t('oversight.pksIdOnly')}>
                        <Code fz="xs">PKS …{e.pksId.slice(-6)}</Code>
                      </Tooltip>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {e.elements.length === 0 ? (
                      '—'
                    ) : (
                      <Tooltip label={e.elements.join(', ')} multiline w={300}>
                        <Text size="xs" td="underline" style={{ textDecorationStyle: 'dotted', whiteSpace: 'nowrap' }}>
                          {t('oversight.elementsCount', { count: e.elements.length })}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ResultCodeBadge code={e.resultCode} withText />
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
          {t('oversight.showing', { shown: shown.length, total: filtered.length })}
        </Text>
        {pages > 1 && <Pagination total={pages} value={current} onChange={setPage} data-testid="audit-pages" />}
      </Group>
    </Stack>
  );
}
