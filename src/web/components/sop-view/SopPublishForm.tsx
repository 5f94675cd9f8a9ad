import {
  Alert,
  Button,
  FileButton,
  Grid,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateField } from '../DateField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type { PublishedSop, SopCheck } from '../../api/client';
import { IssueList } from './IssueList';
import { ErrorAlert } from '../ErrorAlert';

/** How long the editor waits after the last keystroke before checking the definition. */
const LIVE_CHECK_MS = 600;

/**
 * The editor of an SOP version (a new one of an existing SOP, or an office's first): the definition is checked as
 * it is typed (errors and warnings beside it), and explicitly with "Periksa"; then published with an effective
 * date and a note.
 */
export function SopPublishForm({ officeId, initialSource }: { officeId: string; initialSource: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [source, setSource] = useState(initialSource);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [note, setNote] = useState('');
  // The source is the mutation's variable, so a late answer for an older text is never shown as the current one.
  const check = useMutation<SopCheck, ApiError, string>({ mutationFn: (text) => api.checkSop(text, officeId) });
  const { mutate: runCheck, reset: resetCheck } = check;
  useEffect(() => {
    if (!source.trim()) {
      resetCheck();
      return;
    }
    const timer = setTimeout(() => runCheck(source), LIVE_CHECK_MS);
    return () => clearTimeout(timer);
  }, [source, runCheck, resetCheck]);
  const checkedCurrent = check.variables === source;
  const publish = useMutation<PublishedSop, ApiError>({
    mutationFn: () =>
      api.publishSop(officeId, {
        source,
        ...(effectiveDate ? { effectiveFrom: new Date(`${effectiveDate}T00:00:00`).toISOString() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async (published) => {
      await queryClient.invalidateQueries({ queryKey: ['sops'] });
      await queryClient.invalidateQueries({ queryKey: ['sop-purposes'] });
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
            void file?.text().then(setSource);
          }}
        >
          {(props) => (
            <Button variant="default" size="xs" {...props} data-testid="publish-upload">
              {t('publish.upload')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Textarea
            label={t('publish.source')}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            autosize
            minRows={12}
            maxRows={30}
            spellCheck={false}
            styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
            data-testid="publish-source"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="xs" data-testid="check-panel" aria-live="polite">
            <Group gap="xs">
              <Text size="sm" fw={500}>
                {t('publishLive.checkTitle')}
              </Text>
              {check.isPending && (
                <Loader size="xs" data-testid="check-pending" aria-label={t('publishLive.checking')} />
              )}
            </Group>
            {check.isIdle && (
              <Text size="sm" c="dimmed">
                {t('publishLive.idle')}
              </Text>
            )}
            {check.isError && <ErrorAlert error={check.error} />}
            {check.data && (
              <Alert
                // While a newer text waits for its check, the last answer stays visible (dashed, never faded,
                // so it keeps its contrast) next to the loader.
                style={checkedCurrent ? undefined : { borderStyle: 'dashed', borderWidth: 1 }}
                aria-busy={!checkedCurrent}
                color={check.data.valid ? (check.data.warnings.length ? 'yellow' : 'green') : 'red'}
                title={check.data.valid ? t('publish.valid') : t('publish.invalid')}
                data-testid="check-result"
              >
                {check.data.errors.length > 0 && (
                  <IssueList issues={check.data.errors} color="red" testId="check-error" />
                )}
                {check.data.warnings.length > 0 && (
                  <IssueList issues={check.data.warnings} color="yellow" testId="check-warning" />
                )}
              </Alert>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField
          label={t('publish.effectiveFrom')}
          description={t('publish.effectiveHelp')}
          value={effectiveDate}
          onChange={setEffectiveDate}
          testId="publish-effective"
        />
        <TextInput
          label={t('publish.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={500}
          data-testid="publish-note"
        />
      </SimpleGrid>
      {publishErrors.length > 0 ? (
        <Alert color="red" title={t('publish.invalid')}>
          <IssueList issues={publishErrors} color="red" testId="publish-error" />
        </Alert>
      ) : (
        publish.isError && <ErrorAlert error={publish.error} />
      )}
      <Group>
        <Button
          variant="light"
          onClick={() => check.mutate(source)}
          loading={check.isPending}
          data-testid="publish-check"
        >
          {t('publish.check')}
        </Button>
        <Button
          onClick={() => publish.mutate()}
          loading={publish.isPending}
          disabled={!source.trim() || (checkedCurrent && check.data?.valid === false)}
          data-testid="publish-submit"
        >
          {t('publish.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
