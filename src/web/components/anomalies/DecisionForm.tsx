import { Button, Card, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecide, type FindingDetail } from '../../api/anomalies';
import { ErrorAlert } from '../ErrorAlert';

/**
 * The reviewer's decision: true or false, resume or revoke what the finding suspended, and a note. Recording it
 * completes the review case's step, so the task leaves the Kotak Masuk.
 */
export function DecisionForm({ finding }: { finding: FindingDetail }) {
  const { t } = useTranslation();
  const decide = useDecide(finding.id);
  const suspended = finding.suspendedAt !== null && finding.subject !== null;
  const [verdict, setVerdict] = useState<'confirmed' | 'false_positive' | null>(null);
  const [outcome, setOutcome] = useState<'resumed' | 'revoked' | null>(null);
  const [note, setNote] = useState('');
  const ready = verdict !== null && (!suspended || outcome !== null) && note.trim().length > 0;
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && verdict) decide.mutate({ verdict, outcome: suspended ? outcome : null, note: note.trim() });
        }}
      >
        <Stack>
          <Title order={4}>{t('anomalies.decideTitle')}</Title>
          <Radio.Group
            label={t('anomalies.verdictLabel')}
            value={verdict}
            onChange={(v) => {
              const next = v === 'false_positive' ? 'false_positive' : 'confirmed';
              setVerdict(next);
              if (next === 'false_positive' && outcome === 'revoked') setOutcome('resumed');
            }}
            required
          >
            <Stack gap={6} mt={4}>
              <Radio value="confirmed" label={t('anomalies.verdict.confirmed')} />
              <Radio value="false_positive" label={t('anomalies.verdict.false_positive')} />
            </Stack>
          </Radio.Group>
          {verdict === 'false_positive' && (
            <Text size="sm" c="dimmed">
              {t('anomalies.fpHelp')}
            </Text>
          )}
          {suspended && (
            <Radio.Group
              label={t('anomalies.outcomeLabel')}
              value={outcome}
              onChange={(v) => setOutcome(v === 'revoked' ? 'revoked' : 'resumed')}
              required
            >
              <Stack gap={6} mt={4}>
                <Radio value="resumed" label={t('anomalies.outcome.resumed')} />
                <Radio value="revoked" label={t('anomalies.outcome.revoked')} disabled={verdict === 'false_positive'} />
              </Stack>
            </Radio.Group>
          )}
          <Textarea
            label={t('anomalies.noteLabel')}
            description={t('anomalies.noteHelp')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={1000}
            autosize
            minRows={3}
            required
          />
          {decide.error && <ErrorAlert error={decide.error} />}
          <Button type="submit" disabled={!ready} loading={decide.isPending}>
            {t('anomalies.decide')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
