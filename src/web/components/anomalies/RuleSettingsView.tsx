import { Badge, Button, Card, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useRuleSettings, useSaveRule, type RuleView } from '../../api/anomalies';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { say, severityColor } from './format';

function RuleCard({ rule, canTune }: { rule: RuleView; canTune: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const save = useSaveRule();
  const [enabled, setEnabled] = useState(rule.enabled);
  const [values, setValues] = useState<Record<string, number>>(
    Object.fromEntries(rule.params.map((p) => [p.name, p.value])),
  );
  const dirty = enabled !== rule.enabled || rule.params.some((p) => values[p.name] !== p.value);
  return (
    <Card withBorder data-testid={`anomaly-rule-${rule.code}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={4}>{say(rule.title, lang)}</Title>
          <Group gap={4}>
            <Badge color={severityColor(rule.severity)}>{t(`anomalies.severity.${rule.severity}`)}</Badge>
            <Badge variant="light" color={rule.falsePositives ? 'orange' : 'gray'}>
              {t('anomalies.fpCount', { count: rule.falsePositives })}
            </Badge>
          </Group>
        </Group>
        <Text size="sm">{say(rule.rationale, lang)}</Text>
        <Switch
          label={t('anomalies.enabled')}
          checked={enabled}
          disabled={!canTune}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        {rule.params.map((p) => (
          <NumberInput
            key={p.name}
            label={`${say(p.label, lang)} (${say(p.unit, lang)})`}
            description={t('anomalies.paramHelp', {
              min: p.min,
              max: p.max,
              step: p.step,
              def: p.default,
              dir: p.tuning ? t(`anomalies.tuning.${p.tuning}`) : t('anomalies.tuning.none'),
            })}
            value={values[p.name]}
            min={p.min}
            max={p.max}
            step={p.step}
            disabled={!canTune}
            onChange={(v) => setValues((old) => ({ ...old, [p.name]: typeof v === 'number' ? v : Number(v) }))}
          />
        ))}
        {rule.updatedAt && (
          <Text size="xs" c="dimmed">
            {t('anomalies.updatedAt', { when: formatDateTime(rule.updatedAt, lang) })}
          </Text>
        )}
        {save.error && <ErrorAlert error={save.error} />}
        {canTune && (
          <Group>
            <Button
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate({ rule: rule.code, enabled, params: values })}
            >
              {t('anomalies.saveRule')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** The office's rules: rationale, parameters within their bounds, false positives counted; tunable by its admin or reviewer. */
export function RuleSettingsView() {
  const { t } = useTranslation();
  const q = useRuleSettings();
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {q.data.canTune ? t('anomalies.tuneHelp') : t('anomalies.tuneReadOnly')}
      </Text>
      {q.data.rules.map((r) => (
        <RuleCard key={`${r.code}:${r.updatedAt ?? ''}`} rule={r} canTune={q.data.canTune} />
      ))}
    </Stack>
  );
}
