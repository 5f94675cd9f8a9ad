import { Badge, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { DateField } from '../DateField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { campaignsApi, type Finding, type FollowUpStatus, type Severity } from '../../api/campaigns';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';
import { dateText } from './format';

const STATUS_COLOR: Record<FollowUpStatus, string> = { owed: 'yellow', responded: 'blue', closed: 'teal' };
const SEVERITY_COLOR: Record<Severity, string> = { low: 'gray', medium: 'orange', high: 'red' };

/** A finding's badges: severity, follow-up state, overdue. */
export function FindingBadges({ f }: { f: Finding }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Badge color={SEVERITY_COLOR[f.severity]}>{t(`campaigns.severity.${f.severity}`)}</Badge>
      <Badge color={STATUS_COLOR[f.status]} variant="light">
        {t(`campaigns.status.${f.status}`)}
      </Badge>
      {f.overdue && <Badge color="red">{t('campaigns.overdue')}</Badge>}
    </Group>
  );
}

/** The findings of one institution, and the form of a new one. */
export function Findings({
  campaignId,
  institutionId,
  findings,
  editable,
  today,
}: {
  campaignId: string;
  institutionId: string;
  findings: Finding[];
  editable: boolean;
  today: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [severity, setSeverity] = useState<Severity>('medium');
  const [finding, setFinding] = useState('');
  const [recommendation, setRecommendation] = useState('');
  const [dueDate, setDueDate] = useState('');
  const add = useMutation({
    mutationFn: () =>
      campaignsApi.addFinding(campaignId, { institutionId, severity, finding, recommendation, dueDate }),
    onSuccess: (d) => {
      setFinding('');
      setRecommendation('');
      qc.setQueryData(['campaign', campaignId], d);
    },
  });
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={4}>{t('campaigns.findings')}</Title>
        {findings.length === 0 && <Text size="sm">{t('campaigns.noFindings')}</Text>}
        {findings.map((f) => (
          <Stack key={f.id} gap={2} data-testid="finding">
            <FindingBadges f={f} />
            <Text>{f.finding}</Text>
            <Text size="sm">
              <b>{t('campaigns.recommendation')}:</b> {f.recommendation}
            </Text>
            <Text size="sm" c="dimmed">
              {t('campaigns.dueBy', { date: dateText(f.dueDate, lang) })}
            </Text>
          </Stack>
        ))}
        {editable && (
          <Stack gap="xs">
            <Title order={5}>{t('campaigns.newFinding')}</Title>
            <Select
              label={t('campaigns.severityLabel')}
              value={severity}
              onChange={(v) => v && setSeverity(v as Severity)}
              data={(['low', 'medium', 'high'] as const).map((s) => ({
                value: s,
                label: t(`campaigns.severity.${s}`),
              }))}
              allowDeselect={false}
            />
            <Textarea
              data-testid="finding-text"
              label={t('campaigns.findingText')}
              value={finding}
              onChange={(e) => setFinding(e.currentTarget.value)}
            />
            <Textarea
              data-testid="finding-recommendation"
              label={t('campaigns.recommendation')}
              value={recommendation}
              onChange={(e) => setRecommendation(e.currentTarget.value)}
            />
            <DateField
              testId="finding-due"
              label={t('campaigns.followUpDue')}
              min={today}
              value={dueDate}
              onChange={setDueDate}
            />
            {add.error && <ErrorAlert error={add.error} />}
            <Group>
              <Button
                data-testid="finding-save"
                onClick={() => add.mutate()}
                loading={add.isPending}
                disabled={!finding || !recommendation || !dueDate}
              >
                {t('campaigns.addFinding')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
