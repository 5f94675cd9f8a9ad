import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOperations, type OperationsResponse } from '../api/operations';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';
import { BreakdownChart } from '../components/usage/BreakdownChart';
import { formatCount } from '../components/usage/usage-format';
import { RateChart } from '../components/operations/RateChart';
import { LatencyChart } from '../components/operations/LatencyChart';
import { AuditCard } from '../components/operations/AuditCard';
import { AnomaliesOpen, SchedulerRuns, TopCallers } from '../components/operations/OperationsTables';
import { clockTime, formatRatePerSecond } from '../components/operations/operations-format';

/**
 * /operations — the offices' operations dashboard (pusat: every institution; an office: its institutions and its
 * kabupaten/kota offices'): calls per second, refusals by reason, response times, the audit writer, scheduled
 * jobs, anomalies open and today's busiest institutions. It refreshes itself every few seconds; the scope is the
 * server's. Institution users have no entry in the menu and are answered "not found".
 */
export function OperationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useOperations();
  const d = q.data;
  return (
    <Stack data-testid="operations-page">
      <div>
        <Title order={1} size="h2" data-testid="page-title">
          {t('operations.title')}
        </Title>
        {d && (
          <Text c="dimmed" size="sm">
            {t('operations.intro', { scope: d.scope.kind === 'all' ? t('operations.pusat') : d.scope.name })}
          </Text>
        )}
      </div>
      {q.isError && !d ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : !d ? (
        <Loading />
      ) : (
        <Dashboard d={d} lang={lang} />
      )}
    </Stack>
  );
}

function Stat({
  label,
  value,
  raw,
  note,
  testId,
}: {
  label: string;
  value: string;
  raw: number;
  note?: string;
  testId: string;
}) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId} data-value={raw}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Card>
  );
}

function Dashboard({ d, lang }: { d: OperationsResponse; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  const proc = t('operations.processThis');
  return (
    <>
      <Text size="xs" c="dimmed" data-testid="operations-process-note">
        {t('operations.processNote', { since: formatDateTime(d.process.startedAt, lang) })}{' '}
        <span aria-live="polite">{t('operations.updated', { time: clockTime(d.now, lang) })}</span>
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat
          testId="operations-rate-now"
          label={`${t('operations.ratePerSecond')} (${proc})`}
          value={formatRatePerSecond(d.rate.lastMinutePerSecond, lang)}
          raw={d.rate.lastMinutePerSecond}
          note={t('operations.rateNow')}
        />
        <Stat
          testId="operations-window-calls"
          label={`${t('operations.windowCalls')} (${proc})`}
          value={formatCount(d.rate.windowCalls, lang)}
          raw={d.rate.windowCalls}
        />
        <Stat
          testId="operations-window-refused"
          label={`${t('operations.windowRefused')} (${proc})`}
          value={formatCount(d.rate.windowRefused, lang)}
          raw={d.rate.windowRefused}
        />
        <Stat
          testId="operations-anomalies-open"
          label={t('operations.anomaliesOpen')}
          value={formatCount(d.anomalies.open, lang)}
          raw={d.anomalies.open}
        />
      </SimpleGrid>
      <RateChart rate={d.rate} stepSeconds={d.process.stepSeconds} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <BreakdownChart
          testId="operations-refusals"
          title={`${t('operations.refusalsChart')} (${proc})`}
          items={d.refusals.map((r) => ({ key: r.code, name: r.label[lang], answered: 0, refused: r.count }))}
          refusalsOnly
          empty={t('operations.noRefusals')}
          nameHeader={t('operations.reason')}
        />
        <LatencyChart latency={d.latency} />
      </SimpleGrid>
      <AuditCard audit={d.audit} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <TopCallers top={d.topCallers} />
        <AnomaliesOpen anomalies={d.anomalies} />
      </SimpleGrid>
      <SchedulerRuns runs={d.scheduler} />
    </>
  );
}
