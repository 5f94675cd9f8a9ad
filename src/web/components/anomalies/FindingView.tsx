import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useLang } from '../../i18n';
import { formatDateTime, formatWhen } from '../../lib/format';
import { useFinding } from '../../api/anomalies';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { DecisionForm } from './DecisionForm';
import { EvidenceView } from './EvidenceView';
import { say, severityColor } from './format';

/** One finding: what happened, in words; what was suspended; the rule's reason; the decision or the form. */
export function FindingView() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const q = useFinding(id);
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const f = q.data;
  return (
    <Stack>
      <Anchor component={Link} to="/anomalies">
        {t('anomalies.back')}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {say(f.ruleTitle, lang)}
        </Title>
        <Group gap={4}>
          <Badge color={severityColor(f.severity)}>{t(`anomalies.severity.${f.severity}`)}</Badge>
          <Badge variant="light">{t(`anomalies.status.${f.status}`)}</Badge>
        </Group>
      </Group>
      <Card withBorder>
        <Stack gap={4}>
          {f.institution && (
            <Text>
              <b>{t('anomalies.institution')}:</b> {f.institution.name}
            </Text>
          )}
          <Text>
            <b>{t('anomalies.office')}:</b> {f.office.name}
          </Text>
          {f.subject && (
            <Text>
              <b>{t('anomalies.subjectLabel')}:</b> {t(`anomalies.subject.${f.subject.kind}`)} {f.subject.name}
            </Text>
          )}
          <Text>
            <b>{t('anomalies.when')}:</b> {formatWhen(f.windowStart, lang)} – {formatWhen(f.windowEnd, lang)}
          </Text>
          <Text>
            <b>{t('anomalies.sourceLabel')}:</b> {t(`anomalies.source.${f.source}`)}
          </Text>
        </Stack>
      </Card>
      {f.suspendedAt && f.status === 'open' && (
        <Alert color="red" title={t('anomalies.suspendedTitle')}>
          {t('anomalies.suspendedBody', { when: formatDateTime(f.suspendedAt, lang) })}
        </Alert>
      )}
      <EvidenceView evidence={f.evidence} />
      {f.rationale && (
        <Card withBorder>
          <Title order={4}>{t('anomalies.rationale')}</Title>
          <Text size="sm">{say(f.rationale, lang)}</Text>
        </Card>
      )}
      {f.status !== 'open' ? (
        <Card withBorder data-testid="anomaly-decision">
          <Title order={4}>{t('anomalies.decisionTitle')}</Title>
          <Text>
            {t(`anomalies.verdict.${f.status}`)}
            {f.outcome ? ` · ${t(`anomalies.outcome.${f.outcome}`)}` : ''}
          </Text>
          <Text size="sm" c="dimmed">
            {t('anomalies.decidedBy', { who: f.decidedBy ?? '—', when: formatDateTime(f.decidedAt, lang) })}
          </Text>
          {f.decisionNote && <Text mt="xs">{f.decisionNote}</Text>}
        </Card>
      ) : f.canDecide ? (
        <DecisionForm finding={f} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('anomalies.awaiting')}
        </Text>
      )}
      {f.caseId && (
        <Anchor component={Link} to={`/cases/${f.caseId}`}>
          {t('anomalies.openCase')}
        </Anchor>
      )}
    </Stack>
  );
}
