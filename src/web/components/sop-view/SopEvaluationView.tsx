import { Card, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type ApiError } from '../../api/client';
import type { SopEvaluation } from '../../api/client';
import { useLang } from '../../i18n';
import { formatRate, formatWorkingMinutes } from '../../lib/format';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';

const hours = (m: number | null) => (m === null ? null : Math.round((m / 60) * 10) / 10);

/** Per step: completions, median and p90 against the standard, on-time rate, where cases wait. */
export function SopEvaluationView({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const evaluation = useQuery<SopEvaluation, ApiError>({
    queryKey: ['sop-evaluation', versionId],
    queryFn: () => api.sopEvaluation(versionId),
  });
  if (evaluation.isPending) return <Loading />;
  if (evaluation.isError) return <ErrorAlert error={evaluation.error} onRetry={() => void evaluation.refetch()} />;
  const e = evaluation.data;
  const chart = e.steps.map((s) => ({
    name: s.no,
    [t('evaluation.standard')]: hours(s.standardMinutes),
    [t('evaluation.median')]: hours(s.medianMinutes),
    [t('evaluation.p90')]: hours(s.p90Minutes),
  }));
  const longestWait = Math.max(0, ...e.steps.map((s) => s.totalWaitMinutes));

  return (
    <Stack data-testid="sop-evaluation">
      <Group>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {t('evaluation.cases')}
          </Text>
          <Text fw={700} data-testid="evaluation-cases">
            {e.cases.total}
          </Text>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {t('evaluation.open')}
          </Text>
          <Text fw={700}>{e.cases.open}</Text>
        </Card>
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {t('evaluation.ended')}
          </Text>
          <Text fw={700}>{e.cases.ended}</Text>
        </Card>
      </Group>
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('evaluation.chartTitle')}
        </Text>
        <div style={{ width: '100%', height: 300 }}>
          <ResponsiveContainer>
            <BarChart data={chart}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" label={{ value: t('evaluation.stepAxis'), position: 'insideBottom', offset: -2 }} />
              <YAxis label={{ value: t('evaluation.hoursAxis'), angle: -90, position: 'insideLeft' }} />
              <Tooltip />
              <Legend verticalAlign="top" />
              <Bar dataKey={t('evaluation.standard')} fill="#adb5bd" />
              <Bar dataKey={t('evaluation.median')} fill="#12b886" />
              <Bar dataKey={t('evaluation.p90')} fill="#fd7e14" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Card>
      <Table.ScrollContainer minWidth={900}>
        <Table data-testid="evaluation-table" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evaluation.step')}</Table.Th>
              <Table.Th>{t('evaluation.completions')}</Table.Th>
              <Table.Th>{t('evaluation.standard')}</Table.Th>
              <Table.Th>{t('evaluation.median')}</Table.Th>
              <Table.Th>{t('evaluation.p90')}</Table.Th>
              <Table.Th>{t('evaluation.onTime')}</Table.Th>
              <Table.Th>{t('evaluation.returns')}</Table.Th>
              <Table.Th>{t('evaluation.waitingNow')}</Table.Th>
              <Table.Th>{t('evaluation.totalWait')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.steps.map((s) => (
              <Table.Tr key={s.stepId}>
                <Table.Td maw={320}>
                  <Text size="sm" lineClamp={2}>
                    <b>{s.no}.</b> {s.kegiatan}
                  </Text>
                </Table.Td>
                <Table.Td>{s.completions}</Table.Td>
                <Table.Td>
                  {s.standardMinutes === null ? t('sla.no_standard') : formatWorkingMinutes(s.standardMinutes, lang)}
                </Table.Td>
                <Table.Td>{formatWorkingMinutes(s.medianMinutes, lang)}</Table.Td>
                <Table.Td>{formatWorkingMinutes(s.p90Minutes, lang)}</Table.Td>
                <Table.Td>{formatRate(s.onTimeRate, lang)}</Table.Td>
                <Table.Td>{s.returns}</Table.Td>
                <Table.Td>{s.waitingNow}</Table.Td>
                <Table.Td
                  fw={s.totalWaitMinutes > 0 && s.totalWaitMinutes === longestWait ? 700 : undefined}
                  c={s.totalWaitMinutes > 0 && s.totalWaitMinutes === longestWait ? 'red.8' : undefined}
                >
                  {formatWorkingMinutes(s.totalWaitMinutes, lang)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {t('evaluation.note')}
      </Text>
    </Stack>
  );
}
