import { Badge, Card, Table, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationsResponse } from '../../api/operations';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { formatCount, formatShare, longDate } from '../usage/usage-format';
import { formatMs, jobName } from './operations-format';

/** A titled card holding a table (or a line saying there is nothing). */
function TableCard({
  title,
  note,
  empty,
  testId,
  head,
  children,
  minWidth = 420,
}: {
  minWidth?: number;
  title: string;
  note?: string;
  empty: string | null;
  testId: string;
  head: string[];
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={titleId} data-testid={testId}>
      <Text fw={600} id={titleId}>
        {title}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
      {empty ? (
        <Text size="sm" c="dimmed" py="md" data-testid={`${testId}-empty`}>
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped fz="sm" mt="xs" aria-labelledby={titleId}>
            <Table.Thead>
              <Table.Tr>
                {head.map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

const right = { textAlign: 'right' } as const;

/** The scheduler's last runs (every process). */
export function SchedulerRuns({ runs }: { runs: OperationsResponse['scheduler'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const known = t('operations.jobs', { returnObjects: true }) as Record<string, string>;
  return (
    <TableCard
      testId="operations-scheduler"
      minWidth={620}
      title={t('operations.schedulerTitle')}
      note={t('operations.schedulerNote')}
      empty={runs.length ? null : t('operations.noRuns')}
      head={[
        t('operations.job'),
        t('operations.started'),
        t('operations.result'),
        t('operations.duration'),
        t('operations.changed'),
      ]}
    >
      {runs.map((r) => (
        <Table.Tr key={`${r.job} ${r.startedAt} ${r.finishedAt}`} data-testid="operations-run">
          <Table.Td>{jobName(r.job, known)}</Table.Td>
          <Table.Td>{formatDateTime(r.startedAt, lang)}</Table.Td>
          <Table.Td>
            {r.ok ? (
              <Badge color="green" variant="light">
                {t('operations.ok')}
              </Badge>
            ) : (
              <>
                <Badge color="red" variant="light">
                  {t('operations.failed')}
                </Badge>
                {r.error && (
                  <Text size="xs" c="red" data-testid="operations-run-error">
                    {r.error}
                  </Text>
                )}
              </>
            )}
          </Table.Td>
          <Table.Td style={right}>{formatMs(r.durationMs, lang)}</Table.Td>
          <Table.Td style={right}>{formatCount(r.changed, lang)}</Table.Td>
        </Table.Tr>
      ))}
    </TableCard>
  );
}

/** Today's busiest institutions (the usage ledger, every process). */
export function TopCallers({ top }: { top: OperationsResponse['topCallers'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <TableCard
      testId="operations-top"
      title={t('operations.topTitle')}
      note={t('operations.topNote', { day: longDate(top.day, lang) })}
      empty={top.rows.length ? null : t('operations.noTop')}
      head={[t('operations.institution'), t('operations.calls'), t('operations.refused'), t('operations.share')]}
    >
      {top.rows.map((r) => (
        <Table.Tr key={r.institutionId} data-testid="operations-top-row">
          <Table.Td>{r.name}</Table.Td>
          <Table.Td style={right} data-testid="operations-top-calls" data-value={r.calls}>
            {formatCount(r.calls, lang)}
          </Table.Td>
          <Table.Td style={right}>{formatCount(r.refused, lang)}</Table.Td>
          <Table.Td style={right}>{formatShare(r.share, lang)}</Table.Td>
        </Table.Tr>
      ))}
    </TableCard>
  );
}

/** Anomaly findings open per institution. */
export function AnomaliesOpen({ anomalies }: { anomalies: OperationsResponse['anomalies'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <TableCard
      testId="operations-anomalies"
      title={t('operations.anomaliesTitle')}
      empty={anomalies.institutions.length ? null : t('operations.noAnomalies')}
      head={[t('operations.institution'), t('operations.open')]}
    >
      {anomalies.institutions.map((a) => (
        <Table.Tr key={a.institutionId}>
          <Table.Td>{a.name}</Table.Td>
          <Table.Td style={right}>{formatCount(a.open, lang)}</Table.Td>
        </Table.Tr>
      ))}
    </TableCard>
  );
}
