import { Alert, Button, FileButton, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type { PublishedSop, SopCheck } from '../../api/types';
import { IssueList } from './IssueList';
import { ErrorAlert } from '../ErrorAlert';

/** The editor of a new SOP version: check it, then publish it with an effective date and a note. */
export function SopPublishForm({ officeId, initialSource }: { officeId: string; initialSource: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [source, setSource] = useState(initialSource);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [note, setNote] = useState('');
  const check = useMutation<SopCheck, ApiError>({ mutationFn: () => api.checkSop(source, officeId) });
  const publish = useMutation<PublishedSop, ApiError>({
    mutationFn: () =>
      api.publishSop(officeId, {
        source,
        ...(effectiveDate ? { effectiveFrom: new Date(`${effectiveDate}T00:00:00`).toISOString() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async (published) => {
      await queryClient.invalidateQueries({ queryKey: ['sops'] });
      void navigate(`/sop/versions/${published.id}`);
    },
  });
  const publishErrors =
    publish.error instanceof ApiError && publish.error.problem.code === 'sop_invalid'
      ? (publish.error.problem.errors ?? [])
      : [];

  return (
    <Stack data-testid="sop-publish">
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed">
          {t('publish.help')}
        </Text>
        <FileButton
          accept=".yaml,.yml,.json,text/yaml,application/json"
          onChange={(file) => {
            // An office may write its SOP elsewhere and upload the file; it lands in the editor to check first.
            void file?.text().then((text) => {
              setSource(text);
              check.reset();
            });
          }}
        >
          {(props) => (
            <Button variant="default" size="xs" {...props} data-testid="publish-upload">
              {t('publish.upload')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Textarea
        label={t('publish.source')}
        value={source}
        onChange={(e) => {
          setSource(e.currentTarget.value);
          check.reset();
        }}
        autosize
        minRows={12}
        maxRows={30}
        spellCheck={false}
        styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        data-testid="publish-source"
      />
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('publish.effectiveFrom')}
          description={t('publish.effectiveHelp')}
          value={effectiveDate}
          onChange={(e) => setEffectiveDate(e.currentTarget.value)}
          data-testid="publish-effective"
        />
        <TextInput
          label={t('publish.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={500}
          data-testid="publish-note"
        />
      </Group>
      {check.isError && <ErrorAlert error={check.error} />}
      {check.data && (
        <Alert
          color={check.data.valid ? (check.data.warnings.length ? 'yellow' : 'green') : 'red'}
          title={check.data.valid ? t('publish.valid') : t('publish.invalid')}
          data-testid="check-result"
        >
          {check.data.errors.length > 0 && <IssueList issues={check.data.errors} color="red" testId="check-error" />}
          {check.data.warnings.length > 0 && (
            <IssueList issues={check.data.warnings} color="yellow" testId="check-warning" />
          )}
        </Alert>
      )}
      {publishErrors.length > 0 ? (
        <Alert color="red" title={t('publish.invalid')}>
          <IssueList issues={publishErrors} color="red" testId="publish-error" />
        </Alert>
      ) : (
        publish.isError && <ErrorAlert error={publish.error} />
      )}
      <Group>
        <Button variant="light" onClick={() => check.mutate()} loading={check.isPending} data-testid="publish-check">
          {t('publish.check')}
        </Button>
        <Button
          onClick={() => publish.mutate()}
          loading={publish.isPending}
          disabled={check.data?.valid === false}
          data-testid="publish-submit"
        >
          {t('publish.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
