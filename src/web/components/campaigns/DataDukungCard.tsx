import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DataDukung } from '../../api/campaigns';
import { useLang } from '../../i18n';
import { count, dateText } from './format';

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** One institution's frozen data dukung: figures, a chart of calls by channel with its table, and the lists. */
export function DataDukungCard({ d }: { d: DataDukung }) {
  const { t } = useTranslation();
  const lang = useLang();
  const channels = Object.entries(d.usage.byChannel)
    .sort((a, b) => b[1] - a[1])
    .map(([key, calls]) => ({ name: t(`usage.channel.${key}`, { defaultValue: t('usage.unknownChannel') }), calls }));
  const late = [...d.lateReports, ...d.lateBalikan];
  return (
    <Card withBorder padding="md" data-testid={`data-dukung-${d.institutionId}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('campaigns.dataDukung')}</Title>
          <Text size="sm" c="dimmed">
            {t('campaigns.preparedOn', { date: dateText(d.preparedOn, lang) })}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Figure label={t('campaigns.calls')} value={count(d.usage.calls, lang)} testId="dd-calls" />
          <Figure label={t('campaigns.refused')} value={count(d.usage.refused, lang)} testId="dd-refused" />
          <Figure label={t('campaigns.residents')} value={count(d.usage.residentsServed, lang)} />
          <Figure label={t('campaigns.anomalies')} value={count(d.anomalies.total, lang)} />
        </SimpleGrid>
        {channels.length > 0 && (
          <div aria-hidden="true" style={{ width: '100%', height: 40 + channels.length * 32 }}>
            <ResponsiveContainer>
              <BarChart data={channels} layout="vertical" margin={{ left: 8, right: 16 }}>
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={110} />
                <Tooltip />
                <Bar dataKey="calls" name={t('campaigns.calls')} fill="#1c7ed6" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
        <Table striped aria-label={t('campaigns.byChannelTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.channel')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.calls')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {channels.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={2}>{t('campaigns.noCalls')}</Table.Td>
              </Table.Tr>
            )}
            {channels.map((c) => (
              <Table.Tr key={c.name}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td ta="right">{count(c.calls, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm">
          <b>{t('campaigns.agreements')}:</b> {d.agreements.map((a) => a.number).join(', ') || t('campaigns.none')}
        </Text>
        <Text size="sm">
          <b>{t('campaigns.lateObligations')}:</b>{' '}
          {late.length
            ? late.map((l) => t('campaigns.lateItem', { label: l.label, days: count(l.daysLate, lang) })).join('; ')
            : t('campaigns.none')}
        </Text>
        <Text size="sm">
          <b>{t('campaigns.pksExpiring')}:</b>{' '}
          {d.pksExpiring.length
            ? d.pksExpiring.map((p) => `${p.number} (${dateText(p.endDate, lang)})`).join('; ')
            : t('campaigns.none')}
        </Text>
        <Text size="sm">
          <b>{t('campaigns.operators')}:</b> {d.operators.map((o) => o.name).join(', ') || t('campaigns.none')}
        </Text>
        <Group gap="xs">
          <Badge variant="light">{t('campaigns.credentials', { n: d.credentials.length })}</Badge>
          <Badge variant="light">{t('campaigns.devices', { n: d.devices.length })}</Badge>
          {d.warnings > 0 && (
            <Badge color="orange" variant="light">
              {t('campaigns.warnings', { n: d.warnings })}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          <b>{t('campaigns.ipRanges')}:</b> {d.ipRanges.join(', ') || t('campaigns.none')}
        </Text>
      </Stack>
    </Card>
  );
}
