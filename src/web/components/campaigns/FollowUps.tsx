import { Anchor, Button, Card, FileInput, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useSession } from '../../api/hooks';
import { campaignUrls, campaignsApi, type FollowUp } from '../../api/campaigns';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { FindingBadges } from './Findings';
import { dateText } from './format';

function Respond({ f }: { f: FollowUp }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const send = useMutation({
    mutationFn: async () => {
      const up = file ? await api.uploadFile(file) : undefined;
      return campaignsApi.respond(f.id, text, up?.id);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['campaign-follow-ups'] }),
  });
  return (
    <Stack gap="xs">
      <Textarea
        data-testid="follow-up-response"
        label={t('campaigns.yourResponse')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <FileInput
        label={t('campaigns.responseFile')}
        accept="application/pdf,image/png,image/jpeg"
        value={file}
        onChange={setFile}
        clearable
      />
      {send.error && <ErrorAlert error={send.error} />}
      <Group>
        <Button
          data-testid="follow-up-send"
          onClick={() => send.mutate()}
          loading={send.isPending}
          disabled={text.trim().length < 3}
        >
          {t('campaigns.sendResponse')}
        </Button>
      </Group>
    </Stack>
  );
}

function Judge({ f }: { f: FollowUp }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const judge = useMutation({
    mutationFn: (decision: 'accept' | 'return') => campaignsApi.judge(f.id, decision, note || undefined),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['campaign-follow-ups'] });
      await qc.invalidateQueries({ queryKey: ['campaign', f.campaignId] });
    },
  });
  return (
    <Stack gap="xs">
      <TextInput label={t('campaigns.returnNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      {judge.error && <ErrorAlert error={judge.error} />}
      <Group>
        <Button color="teal" onClick={() => judge.mutate('accept')} loading={judge.isPending}>
          {t('campaigns.accept')}
        </Button>
        <Button variant="light" color="orange" onClick={() => judge.mutate('return')} disabled={note.trim().length < 3}>
          {t('campaigns.return')}
        </Button>
      </Group>
    </Stack>
  );
}

/** One follow-up: the finding, what is owed by when, the answer, and what the viewer may do. */
export function FollowUpCard({ f }: { f: FollowUp }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card withBorder padding="md" data-testid="follow-up">
      <Stack gap="xs">
        <FindingBadges f={f} />
        <Text size="sm" c="dimmed">
          {f.campaignTitle} · {f.institutionName}
        </Text>
        <Text fw={600}>{f.finding}</Text>
        <Text size="sm">
          <b>{t('campaigns.recommendation')}:</b> {f.recommendation}
        </Text>
        <Text size="sm">{t('campaigns.dueBy', { date: dateText(f.dueDate, lang) })}</Text>
        {f.returnNote && f.status === 'owed' && (
          <Text size="sm" c="orange">
            {t('campaigns.returnedWith', { note: f.returnNote })}
          </Text>
        )}
        {f.response && (
          <Text size="sm">
            <b>{t('campaigns.response')}:</b> {f.response}{' '}
            {f.responseFileId && (
              <Anchor href={campaignUrls.responseFile(f.id)} target="_blank">
                {t('campaigns.responseFileLink')}
              </Anchor>
            )}
          </Text>
        )}
        {f.canRespond && <Respond f={f} />}
        {f.canJudge && <Judge f={f} />}
      </Stack>
    </Card>
  );
}

/** The follow-ups the user deals with: an institution what it owes; an office what it must judge. */
export function FollowUpList({ campaignId }: { campaignId?: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const q = useQuery({ queryKey: ['campaign-follow-ups'], queryFn: campaignsApi.followUps });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const list = q.data.filter((f) => !campaignId || f.campaignId === campaignId);
  const institution = me.organisation.kind === 'institution';
  return (
    <Stack>
      <Title order={campaignId ? 3 : 2}>{institution ? t('campaigns.owedTitle') : t('campaigns.followUpsTitle')}</Title>
      {!campaignId && <Text>{institution ? t('campaigns.owedIntro') : t('campaigns.followUpsIntro')}</Text>}
      {!institution && !campaignId && (
        <Anchor component={Link} to="/campaigns">
          {t('campaigns.back')}
        </Anchor>
      )}
      {list.length === 0 && <Text>{t('campaigns.noFollowUps')}</Text>}
      {list.map((f) => (
        <FollowUpCard key={f.id} f={f} />
      ))}
    </Stack>
  );
}
