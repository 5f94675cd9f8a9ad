import { Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLang } from '../../i18n';
import type { FindingEvidence } from '../../api/anomalies';
import { say } from './format';

/** A finding's evidence: a sentence, the figures as a table, and the measure against its threshold as a chart. */
export function EvidenceView({ evidence }: { evidence: FindingEvidence }) {
  const { t } = useTranslation();
  const lang = useLang();
  const chart = evidence.chart;
  return (
    <Card withBorder data-testid="anomaly-evidence">
      <Title order={4}>{t('anomalies.evidence')}</Title>
      <Text mb="sm">{say(evidence.summary, lang)}</Text>
      {chart && (
        <>
          <Text size="sm" c="dimmed">
            {t('anomalies.chartSentence', {
              label: say(chart.label, lang),
              observed: chart.observed.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB'),
              threshold: chart.threshold.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB'),
            })}
          </Text>
          <div style={{ width: '100%', height: 160 }} aria-hidden>
            <ResponsiveContainer>
              <BarChart
                layout="vertical"
                data={[
                  { name: t('anomalies.observed'), value: chart.observed },
                  { name: t('anomalies.threshold'), value: chart.threshold },
                ]}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" />
                <YAxis type="category" dataKey="name" width={90} />
                <Tooltip />
                <Bar dataKey="value" name={say(chart.label, lang)} fill="#e8590c" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </>
      )}
      {evidence.facts.length > 0 && (
        <Table mt="sm" aria-label={t('anomalies.evidenceTable')}>
          <Table.Tbody>
            {evidence.facts.map((f, i) => (
              <Table.Tr key={i}>
                <Table.Th scope="row" fw={400}>
                  {say(f.label, lang)}
                </Table.Th>
                <Table.Td>{say(f.value, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
