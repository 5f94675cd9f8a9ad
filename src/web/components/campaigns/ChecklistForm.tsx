import { Anchor, Button, Card, FileInput, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import {
  CHECKLIST_ITEMS,
  campaignUrls,
  campaignsApi,
  type Answer,
  type CampaignInstitution,
  type Checklist,
} from '../../api/campaigns';
import { ErrorAlert } from '../ErrorAlert';

/** The visit checklist of one institution (yes / no / partial with a note per item) and its evidence files. */
export function ChecklistForm({
  campaignId,
  inst,
  editable,
}: {
  campaignId: string;
  inst: CampaignInstitution;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [values, setValues] = useState<Checklist>(inst.checklist ?? {});
  const [file, setFile] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: () => campaignsApi.saveChecklist(campaignId, inst.id, values),
    onSuccess: (d) => qc.setQueryData(['campaign', campaignId], d),
  });
  const evidence = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error('no file');
      const up = await api.uploadFile(file);
      return campaignsApi.addEvidence(campaignId, inst.id, up.id);
    },
    onSuccess: (d) => {
      setFile(null);
      qc.setQueryData(['campaign', campaignId], d);
    },
  });
  const set = (item: (typeof CHECKLIST_ITEMS)[number], patch: Partial<{ answer: Answer; note: string }>) =>
    setValues((v) => {
      const cur = v[item];
      return { ...v, [item]: { answer: patch.answer ?? cur?.answer ?? 'yes', note: patch.note ?? cur?.note ?? '' } };
    });
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={4}>{t('campaigns.checklist')}</Title>
        {CHECKLIST_ITEMS.map((item) => (
          <Stack key={item} gap={4} data-testid={`check-${item}`}>
            <Radio.Group
              label={t(`campaigns.item.${item}`)}
              value={values[item]?.answer ?? ''}
              onChange={(a) => set(item, { answer: a as Answer })}
            >
              <Group gap="md" mt={4}>
                {(['yes', 'partial', 'no'] as const).map((a) => (
                  <Radio key={a} value={a} label={t(`campaigns.answer.${a}`)} disabled={!editable} />
                ))}
              </Group>
            </Radio.Group>
            <TextInput
              aria-label={t('campaigns.noteFor', { item: t(`campaigns.item.${item}`) })}
              placeholder={t('campaigns.note')}
              value={values[item]?.note ?? ''}
              disabled={!editable || !values[item]}
              onChange={(e) => set(item, { note: e.currentTarget.value })}
            />
          </Stack>
        ))}
        {save.error && <ErrorAlert error={save.error} />}
        {editable && (
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="checklist-save">
              {t('campaigns.saveChecklist')}
            </Button>
            {inst.checklistComplete && (
              <Text c="teal" data-testid="checklist-complete">
                {t('campaigns.checklistDone')}
              </Text>
            )}
          </Group>
        )}
        <Title order={5}>{t('campaigns.evidence')}</Title>
        {inst.evidence.length === 0 && <Text size="sm">{t('campaigns.noEvidence')}</Text>}
        {inst.evidence.map((e) => (
          <Anchor key={e.id} href={campaignUrls.evidence(campaignId, e.id)} target="_blank" size="sm">
            {e.filename}
          </Anchor>
        ))}
        {editable && (
          <Group align="end">
            <FileInput
              label={t('campaigns.evidenceFile')}
              accept="application/pdf,image/png,image/jpeg"
              value={file}
              onChange={setFile}
              clearable
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button variant="light" disabled={!file} loading={evidence.isPending} onClick={() => evidence.mutate()}>
              {t('campaigns.addEvidence')}
            </Button>
          </Group>
        )}
        {evidence.error && <ErrorAlert error={evidence.error} />}
      </Stack>
    </Card>
  );
}
