import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Divider,
  Group,
  List,
  MultiSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { CaseDocument, DocRef, Transition, UploadedFile } from '../../api/client';
import { casework, documentHistoryKey, refreshAfterAction, type DecidingTask } from '../../api/casework';
import { ErrorAlert } from '../ErrorAlert';
import { FileUpload } from './FileUpload';
import { decisionName } from '../../lib/labels';

/**
 * What a user who can act on an open task does with it: attach, decide, comment, complete or return. A decision
 * with an approval and a refusal (the Dirjen's step) shows its question and Setujui / Tolak; a refusal needs its
 * reason. A return may name the files that need correcting, which the institution then replaces (Ganti berkas).
 */
export function TaskActionPanel({
  caseId,
  task,
  returnTargets,
  documents = [],
  institutionName,
  onDone,
}: {
  caseId: string;
  task: DecidingTask;
  /** Earlier steps the task may be sent back to (the engine's default when none is chosen). */
  returnTargets: { stepId: string; label: string }[];
  /** The case's current documents, which a return may query. */
  documents?: CaseDocument[];
  /** The institution the case concerns (named in the decision's question). */
  institutionName?: string | null;
  /** Told once the new state is loaded, with the success message to show. */
  onDone?: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [attachments, setAttachments] = useState<Record<string, UploadedFile>>({});
  const [outputs, setOutputs] = useState<Record<string, UploadedFile>>({});
  const [decision, setDecision] = useState<string>('');
  const [comment, setComment] = useState('');
  const [mode, setMode] = useState<'complete' | 'return'>('complete');
  const [reason, setReason] = useState('');
  const [toStepId, setToStepId] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const [queried, setQueried] = useState<string[]>([]);
  const choices = task.choices ?? [];
  const chosen = choices.find((c) => c.label === decision);
  const deciding = choices.some((c) => c.kind === 'approve') && choices.some((c) => c.kind === 'refuse');
  const uploadOutputs = task.uploadOutputs ?? task.output;

  // The case, its history, the application and the agreement it drives, and everyone's work (inbox, counts).
  const refresh = () =>
    refreshAfterAction(queryClient, [
      ['case', caseId],
      documentHistoryKey(caseId),
      ['cases'],
      ['application'],
      ['applications'],
      ['agreement'],
      ['agreements'],
    ]);

  const complete = useMutation<Transition, ApiError>({
    mutationFn: () => {
      const refs = (m: Record<string, UploadedFile>): DocRef[] =>
        Object.entries(m).map(([docType, file]) => ({ docType, fileId: file.id }));
      return api.completeTask(task.id, {
        ...(decision ? { decision } : {}),
        ...(chosen?.reasonRequired && reason.trim() ? { comment: reason.trim() } : {}),
        ...(comment.trim() && !chosen?.reasonRequired ? { comment: comment.trim() } : {}),
        attachments: refs(attachments),
        outputs: refs(outputs),
        ...(confirmed.length ? { confirmations: confirmed } : {}),
      });
    },
    onSuccess: async () => {
      await refresh();
      onDone?.(
        chosen
          ? t('casework.notice.decided', { decision: chosenLabel(chosen.kind, chosen.label) })
          : t('casework.notice.completed', { no: task.no }),
      );
    },
  });
  const giveBack = useMutation<unknown, ApiError>({
    mutationFn: () =>
      casework.returnTask(task.id, {
        reason: reason.trim(),
        ...(toStepId ? { toStepId } : {}),
        queriedDocumentIds: queried,
      }),
    onSuccess: async () => {
      await refresh();
      onDone?.(t('casework.notice.returned'));
    },
  });
  const chosenLabel = (kind: string, label: string) =>
    kind === 'approve' && deciding
      ? t('casework.decide.approve')
      : kind === 'refuse' && deciding
        ? t('casework.decide.refuse')
        : label;

  const missingNow = task.kelengkapan.filter((k) => !k.present && !attachments[k.docType]).map((k) => k.docType);
  const serverMissing =
    complete.error instanceof ApiError && complete.error.problem.code === 'missing_kelengkapan'
      ? (complete.error.problem.missing ?? [])
      : [];

  const onComplete = () => {
    setLocalError(null);
    if (task.branches.length > 0 && !decision) {
      setLocalError(t('case.chooseDecision'));
      return;
    }
    if (chosen?.reasonRequired && reason.trim().length < 3) {
      setLocalError(t('casework.decide.reasonRequired'));
      return;
    }
    complete.mutate();
  };
  const onReturn = () => {
    setLocalError(null);
    if (reason.trim().length < 3) {
      setLocalError(t('case.reasonRequired'));
      return;
    }
    giveBack.mutate();
  };

  return (
    <Card withBorder padding="lg" radius="md" data-testid="task-panel" data-step={task.stepId} bg="teal.0">
      <Stack gap="md">
        <div>
          <Title order={4}>{t('case.actTitle', { no: task.no })}</Title>
          <Text size="sm">{task.kegiatan}</Text>
          {task.via === 'revision' && task.reason && (
            <Alert color="orange" mt="xs" title={t('case.returnedForRevision')}>
              {task.reason}
            </Alert>
          )}
        </div>

        <div>
          <Text fw={600} mb={4}>
            {t('case.kelengkapan')}
          </Text>
          {task.kelengkapan.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('case.noKelengkapan')}
            </Text>
          )}
          <Stack gap="xs">
            {task.kelengkapan.map((k, i) => (
              <Group
                key={k.docType}
                justify="space-between"
                wrap="nowrap"
                data-testid="kelengkapan-item"
                data-doc-type={k.docType}
              >
                <Group gap="xs" wrap="nowrap">
                  {k.present || attachments[k.docType] ? (
                    <Badge color="green" variant="filled" circle aria-label={t('case.present')}>
                      ✓
                    </Badge>
                  ) : (
                    <Badge color="red" variant="light" circle aria-label={t('case.missing')}>
                      !
                    </Badge>
                  )}
                  <Text size="sm">{k.docType}</Text>
                  {k.present && (
                    <Text size="xs" c="dimmed">
                      ({t('case.alreadyPresent')})
                    </Text>
                  )}
                </Group>
                {!k.present && (
                  <FileUpload
                    testId={`kelengkapan-file-${i}`}
                    uploaded={attachments[k.docType]}
                    onUploaded={(f) => setAttachments((m) => ({ ...m, [k.docType]: f }))}
                  />
                )}
              </Group>
            ))}
          </Stack>
        </div>

        {task.confirmations.length > 0 && (
          <div data-testid="task-confirmations">
            <Text fw={600} mb={4}>
              {t('case.confirmations')}
            </Text>
            <Stack gap="xs">
              {task.confirmations.map((c) => (
                <Checkbox
                  key={c.name}
                  label={c.name}
                  checked={confirmed.includes(c.name)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setConfirmed((list) => (on ? [...list, c.name] : list.filter((x) => x !== c.name)));
                  }}
                  data-testid="task-confirmation"
                />
              ))}
            </Stack>
          </div>
        )}
        {task.joint && (
          <Alert color="blue" data-testid="task-joint">
            {t('case.jointStep')}
          </Alert>
        )}
        {task.informed.length > 0 && (
          <Text size="sm" c="dimmed" data-testid="task-informed">
            {t('case.informed', { names: task.informed.join(', ') })}
          </Text>
        )}

        {uploadOutputs.length > 0 && (
          <div>
            <Text fw={600}>{t('case.outputs')}</Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t('case.outputsHelp')}
            </Text>
            <Stack gap="xs">
              {uploadOutputs.map((docType, i) => (
                <Group key={docType} justify="space-between" wrap="nowrap" data-testid="output-item">
                  <Text size="sm">{docType}</Text>
                  <FileUpload
                    testId={`output-file-${i}`}
                    uploaded={outputs[docType]}
                    onUploaded={(f) => setOutputs((m) => ({ ...m, [docType]: f }))}
                  />
                </Group>
              ))}
            </Stack>
          </div>
        )}

        <Divider />
        <Radio.Group value={mode} onChange={(v) => setMode(v as 'complete' | 'return')} label={t('case.action')}>
          <Group mt={4}>
            <Radio value="complete" label={t('case.complete')} data-testid="mode-complete" />
            <Radio value="return" label={t('case.return')} data-testid="mode-return" />
          </Group>
        </Radio.Group>

        {mode === 'complete' ? (
          <>
            {deciding ? (
              <Card withBorder radius="md" padding="md" data-testid="decision-card">
                <Title order={4} data-testid="decision-question">
                  {institutionName
                    ? t('casework.decide.question', { name: institutionName })
                    : t('casework.decide.questionPlain')}
                </Title>
                {task.question && (
                  <Text size="sm" c="dimmed" mb="sm">
                    {task.question}
                  </Text>
                )}
                <Radio.Group value={decision} onChange={setDecision} aria-label={t('case.decision')}>
                  <SimpleGrid cols={{ base: 1, xs: choices.length > 2 ? 3 : 2 }} spacing="sm">
                    {choices.map((c) => (
                      <Radio.Card
                        key={c.label}
                        value={c.label}
                        radius="md"
                        p="md"
                        data-testid={`decision-${c.label}`}
                        data-kind={c.kind}
                        style={{
                          borderWidth: decision === c.label ? 2 : 1,
                          borderColor:
                            decision === c.label
                              ? `var(--mantine-color-${c.kind === 'refuse' ? 'red' : c.kind === 'approve' ? 'green' : 'blue'}-6)`
                              : undefined,
                        }}
                      >
                        <Group wrap="nowrap" gap="sm">
                          <Radio.Indicator
                            color={c.kind === 'refuse' ? 'red' : c.kind === 'approve' ? 'green' : 'blue'}
                          />
                          <Text
                            fw={700}
                            c={c.kind === 'refuse' ? 'red.8' : c.kind === 'approve' ? 'green.8' : undefined}
                          >
                            {chosenLabel(c.kind, c.label)}
                          </Text>
                        </Group>
                      </Radio.Card>
                    ))}
                  </SimpleGrid>
                </Radio.Group>
              </Card>
            ) : (
              task.branches.length > 0 && (
                <Radio.Group value={decision} onChange={setDecision} label={t('case.decision')} withAsterisk>
                  {task.question && (
                    <Text size="sm" c="dimmed">
                      {task.question}
                    </Text>
                  )}
                  <Group mt={4}>
                    {task.branches.map((b) => (
                      <Radio key={b} value={b} label={decisionName(b, t)} data-testid={`decision-${b}`} />
                    ))}
                  </Group>
                </Radio.Group>
              )
            )}
            {chosen?.reasonRequired ? (
              <Textarea
                label={t('casework.decide.reason')}
                description={t('casework.decide.reasonHelp')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={2000}
                withAsterisk
                data-testid="decision-reason"
              />
            ) : (
              <Textarea
                label={t('case.comment')}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={2000}
                data-testid="task-comment"
              />
            )}
            {missingNow.length > 0 && serverMissing.length === 0 && (
              <Text size="sm" c="orange">
                {t('case.stillMissing', { docs: missingNow.join(', ') })}
              </Text>
            )}
            {serverMissing.length > 0 && (
              <Alert color="red" title={t('case.missingTitle')} data-testid="missing-kelengkapan">
                <List size="sm">
                  {serverMissing.map((d) => (
                    <List.Item key={d}>{d}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {complete.isError && serverMissing.length === 0 && <ErrorAlert error={complete.error} />}
            {localError && (
              <Text c="red" size="sm" data-testid="task-local-error">
                {localError}
              </Text>
            )}
            <Group>
              <Button
                onClick={onComplete}
                loading={complete.isPending}
                color={chosen?.kind === 'refuse' && deciding ? 'red' : undefined}
                data-testid="task-complete"
              >
                {deciding && chosen
                  ? t('casework.decide.send', { decision: chosenLabel(chosen.kind, chosen.label) })
                  : t('case.complete')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Textarea
              label={t('case.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
              withAsterisk
              data-testid="return-reason"
            />
            {documents.length > 0 && (
              <MultiSelect
                label={t('casework.query.label')}
                description={t('casework.query.help')}
                data={documents.map((d) => ({ value: d.id, label: `${d.docType} — ${d.filename}` }))}
                value={queried}
                onChange={setQueried}
                clearable
                searchable
                data-testid="return-queried"
              />
            )}
            {returnTargets.length > 0 && (
              <Select
                label={t('case.returnTo')}
                placeholder={t('case.returnToDefault')}
                data={returnTargets.map((r) => ({ value: r.stepId, label: r.label }))}
                value={toStepId}
                onChange={setToStepId}
                clearable
                data-testid="return-to"
              />
            )}
            {giveBack.isError && <ErrorAlert error={giveBack.error} />}
            {localError && (
              <Text c="red" size="sm" data-testid="task-local-error">
                {localError}
              </Text>
            )}
            <Group>
              <Button color="orange" onClick={onReturn} loading={giveBack.isPending} data-testid="task-return">
                {t('case.return')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
