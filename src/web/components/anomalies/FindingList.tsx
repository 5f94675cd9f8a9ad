import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLang } from '../../i18n';
import { formatWhen } from '../../lib/format';
import { useFindings } from '../../api/anomalies';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { say, severityColor } from './format';

/** Findings in the caller's scope, one card each (readable on a phone). */
export function FindingList({ status }: { status: 'open' | 'decided' }) {
  const { t } = useTranslation();
  const lang = useLang();
  const findings = useFindings(status);
  if (findings.isPending) return <Loading />;
  if (findings.error) return <ErrorAlert error={findings.error} />;
  if (findings.data.length === 0)
    return <Text size="sm">{status === 'open' ? t('anomalies.noneOpen') : t('anomalies.noneDecided')}</Text>;
  return (
    <Stack gap="sm" data-testid={`anomaly-list-${status}`}>
      {findings.data.map((f) => (
        <Card key={f.id} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/anomalies/findings/${f.id}`} fw={600}>
              {say(f.ruleTitle, lang)}
            </Anchor>
            <Group gap={4}>
              <Badge color={severityColor(f.severity)}>{t(`anomalies.severity.${f.severity}`)}</Badge>
              <Badge variant="light" color={f.status === 'open' ? 'blue' : 'gray'}>
                {t(`anomalies.status.${f.status}`)}
              </Badge>
              {f.suspendedAt && f.status === 'open' && <Badge color="red">{t('anomalies.suspended')}</Badge>}
            </Group>
          </Group>
          <Text size="sm">{say(f.summary, lang)}</Text>
          <Text size="xs" c="dimmed">
            {[
              f.institution?.name,
              f.subject ? `${t(`anomalies.subject.${f.subject.kind}`)} ${f.subject.name}` : null,
              formatWhen(f.windowStart, lang),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
