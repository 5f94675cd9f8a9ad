import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { submissionIssues } from '../../../domain/application.js';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type { AccessMethod, ApplicationInput, ApplicationView, UploadedFile } from '../../api/client';
import { useLang } from '../../i18n';
import { issuesByField } from '../../lib/forms';
import { FileUpload } from '../case/FileUpload';
import { ErrorAlert } from '../ErrorAlert';
import { useDataElements } from '../useDataElements';
import { ElementPicker } from './ElementPicker';

export const METHODS: AccessMethod[] = ['card_reader', 'web_service', 'web_portal'];

/** One numbered content of the application: "(a) …" with its help text. */
function Item({
  letter,
  title,
  help,
  children,
}: {
  letter: string;
  title: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <Group align="flex-start" wrap="nowrap" gap="md" data-testid={`content-${letter}`}>
      <Badge size="xl" circle variant="light" style={{ flexShrink: 0, textTransform: 'none' }}>
        {letter}
      </Badge>
      <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
        <div>
          <Text fw={600}>{title}</Text>
          {help && (
            <Text size="xs" c="dimmed">
              {help}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Group>
  );
}

/** The application form: the six contents (a)–(f), volume, IP ranges, the letter; save as draft or submit. */
export function ApplicationForm({ initial }: { initial: ApplicationView | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const elements = useDataElements();
  const c = initial?.content;
  const [userName, setUserName] = useState(c?.userName ?? '');
  const [purpose, setPurpose] = useState(c?.purpose ?? '');
  const [chosen, setChosen] = useState<string[]>(c?.elements ?? []);
  const [legalBasis, setLegalBasis] = useState(c?.legalBasis ?? '');
  const [methods, setMethods] = useState<string[]>(c?.methods ?? []);
  const [dataBalikan, setDataBalikan] = useState(c?.dataBalikan ?? '');
  const [duration, setDuration] = useState<number | string>(c?.durationMonths || '');
  const [volume, setVolume] = useState<number | string>(c?.expectedDailyVolume || '');
  const [ipText, setIpText] = useState((c?.ipRanges ?? []).join('\n'));
  const [letter, setLetter] = useState<UploadedFile | undefined>(undefined);
  // What the server still found missing (e.g. the institution's own documents), shown beside the form's own checks.
  const [missing, setMissing] = useState<{ field: string; message: { id: string; en: string } }[] | null>(null);
  // After the first submit the form's checks are shown, recomputed on every change: a fixed field loses its error.
  const [tried, setTried] = useState(false);
  // True when the server refused a submit after the content was saved: the user is told it is a draft.
  const [keptAsDraft, setKeptAsDraft] = useState(false);
  const [saved, setSaved] = useState(false);
  // A new application gets its id at the first save; later saves change that draft.
  const [draftId, setDraftId] = useState<string | null>(initial?.id ?? null);

  const hasProtected = chosen.some((code) => elements.byCode.get(code)?.protected);

  const body = (): ApplicationInput => ({
    userName: userName.trim(),
    purpose: purpose.trim(),
    elements: chosen,
    methods: methods as AccessMethod[],
    dataBalikan: dataBalikan.trim(),
    ...(typeof duration === 'number' ? { durationMonths: duration } : {}),
    ...(typeof volume === 'number' ? { expectedDailyVolume: volume } : {}),
    ipRanges: ipText
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
    legalBasis: legalBasis.trim(),
    ...(letter ? { letterFileId: letter.id } : {}),
  });

  const hasLetter = Boolean(letter ?? initial?.letterFileId);
  // The same completeness rules the server applies (src/domain/application.ts), run before anything is sent.
  const current = body();
  const localIssues = submissionIssues(
    {
      userName: current.userName ?? '',
      purpose: current.purpose ?? '',
      elements: current.elements ?? [],
      methods: current.methods ?? [],
      dataBalikan: current.dataBalikan ?? '',
      durationMonths: current.durationMonths ?? 0,
      expectedDailyVolume: current.expectedDailyVolume ?? 0,
      ipRanges: current.ipRanges ?? [],
      legalBasis: current.legalBasis ?? '',
    },
    { hasLetter, missingInstitutionDocs: [] },
  );
  const localFields = new Set([
    'userName',
    'purpose',
    'elements',
    'legalBasis',
    'methods',
    'dataBalikan',
    'durationMonths',
    'expectedDailyVolume',
    'ipRanges',
    'letter',
  ]);
  const serverOnly = (missing ?? []).filter((m) => !localFields.has(m.field.replace(/\[\d+\]$/, '')));
  const shownIssues = tried ? [...localIssues, ...serverOnly] : [];
  const fieldError = issuesByField(shownIssues, lang);

  const persist = async (): Promise<ApplicationView> => {
    const view = draftId ? await api.updateApplication(draftId, body()) : await api.createApplication(body());
    setDraftId(view.id);
    return view;
  };

  const save = useMutation<ApplicationView, ApiError>({
    mutationFn: persist,
    onSuccess: async (view) => {
      setSaved(true);
      queryClient.setQueryData(['application', view.id], view);
      await queryClient.invalidateQueries({ queryKey: ['applications'] });
      if (!initial) void navigate(`/applications/${view.id}`, { replace: true });
    },
  });

  const submit = useMutation<ApplicationView, ApiError>({
    mutationFn: async () => {
      setMissing(null);
      setSaved(false);
      setKeptAsDraft(false);
      const view = await persist();
      try {
        return await api.submitApplication(view.id);
      } catch (error) {
        // The content is saved but not submitted: say so, never leave it a silent draft.
        setKeptAsDraft(true);
        void queryClient.invalidateQueries({ queryKey: ['applications'] });
        throw error;
      }
    },
    onSuccess: async (view) => {
      queryClient.setQueryData(['application', view.id], view);
      await queryClient.invalidateQueries({ queryKey: ['applications'] });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      if (!initial) void navigate(`/applications/${view.id}`, { replace: true });
    },
    onError: (error) => {
      if (error.problem.code === 'application_incomplete') setMissing(error.problem.issues ?? []);
    },
  });

  const busy = save.isPending || submit.isPending;
  const trySubmit = () => {
    setTried(true);
    setSaved(false);
    // Incomplete: nothing is sent or saved; the fields say what is missing.
    if (localIssues.length > 0) return;
    submit.mutate();
  };
  const letterOnFile = letter ?? (initial?.letterFileId ? { filename: t('application.letterOnFile') } : undefined);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="application-form">
      <Stack gap="lg">
        <div>
          <Title order={3}>{initial ? t('application.editTitle') : t('application.newTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('application.formHelp')}
          </Text>
        </div>

        <Item letter="a" title={t('application.userName')} help={t('application.userNameHelp')}>
          <TextInput
            value={userName}
            onChange={(e) => setUserName(e.currentTarget.value)}
            maxLength={200}
            error={fieldError.userName}
            data-testid="application-user-name"
          />
        </Item>
        <Item letter="b" title={t('application.purpose')} help={t('application.purposeHelp')}>
          <Textarea
            value={purpose}
            onChange={(e) => setPurpose(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
            error={fieldError.purpose}
            data-testid="application-purpose"
          />
        </Item>
        <Item letter="c" title={t('application.elements')} help={t('application.elementsHelp')}>
          <ElementPicker value={chosen} onChange={setChosen} label="" error={fieldError.elements} />
          {hasProtected && (
            <Textarea
              label={t('application.legalBasis')}
              description={t('application.legalBasisHelp')}
              value={legalBasis}
              onChange={(e) => setLegalBasis(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
              withAsterisk
              error={fieldError.legalBasis}
              data-testid="application-legal-basis"
            />
          )}
        </Item>
        <Item letter="d" title={t('application.methods')} help={t('application.methodsHelp')}>
          <Checkbox.Group value={methods} onChange={setMethods} error={fieldError.methods}>
            <Group>
              {METHODS.map((m) => (
                <Checkbox key={m} value={m} label={t(`methods.${m}`)} data-testid={`method-${m}`} />
              ))}
            </Group>
          </Checkbox.Group>
        </Item>
        <Item letter="e" title={t('application.dataBalikan')} help={t('application.dataBalikanHelp')}>
          <Textarea
            value={dataBalikan}
            onChange={(e) => setDataBalikan(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            error={fieldError.dataBalikan}
            data-testid="application-data-balikan"
          />
        </Item>
        <Item letter="f" title={t('application.duration')} help={t('application.durationHelp')}>
          <NumberInput
            value={duration}
            onChange={setDuration}
            min={1}
            max={60}
            allowDecimal={false}
            suffix={` ${t('application.months')}`}
            w={220}
            error={fieldError.durationMonths}
            data-testid="application-duration"
          />
        </Item>

        <Card withBorder padding="md" bg="gray.0">
          <Stack>
            <Text fw={600}>{t('application.technical')}</Text>
            <Group align="flex-start" grow>
              <NumberInput
                label={t('application.volume')}
                description={t('application.volumeHelp')}
                value={volume}
                onChange={setVolume}
                min={0}
                max={100_000_000}
                allowDecimal={false}
                thousandSeparator={lang === 'id' ? '.' : ','}
                decimalSeparator={lang === 'id' ? ',' : '.'}
                error={fieldError.expectedDailyVolume}
                data-testid="application-volume"
              />
              <Textarea
                label={t('application.ipRanges')}
                description={t('application.ipRangesHelp')}
                placeholder={'203.0.113.10/32\n198.51.100.0/28'}
                value={ipText}
                onChange={(e) => setIpText(e.currentTarget.value)}
                autosize
                minRows={3}
                styles={{ input: { fontFamily: 'monospace' } }}
                error={fieldError.ipRanges}
                data-testid="application-ip-ranges"
              />
            </Group>
            <Group justify="space-between" wrap="nowrap" data-testid="application-letter">
              <div>
                <Text size="sm" fw={500}>
                  {t('application.letter')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('application.letterHelp')}
                </Text>
                {fieldError.letter && (
                  <Text size="xs" c="red.8" data-testid="application-letter-error">
                    {fieldError.letter}
                  </Text>
                )}
              </div>
              <FileUpload
                testId="application-letter-file"
                accept="application/pdf,.pdf"
                uploaded={letter}
                onUploaded={setLetter}
              />
            </Group>
            {!letter && letterOnFile && (
              <Text size="xs" c="green.8" data-testid="application-letter-on-file">
                ✓ {letterOnFile.filename}
              </Text>
            )}
          </Stack>
        </Card>

        {shownIssues.length > 0 && (
          <Alert color="red" title={t('application.missingTitle')} data-testid="submit-missing">
            <List size="sm">
              {shownIssues.map((m) => (
                <List.Item key={`${m.field}:${m.message.en}`} data-testid="missing-item" data-field={m.field}>
                  {m.message[lang]}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {keptAsDraft && (
          <Alert color="orange" data-testid="application-kept-as-draft">
            {t('integration.forms.notSubmitted')}
          </Alert>
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        {submit.isError && !missing && <ErrorAlert error={submit.error} />}
        {saved && !save.isPending && (
          <Text size="sm" c="green.8" data-testid="application-saved">
            {t('application.saved')}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={busy}
            data-testid="application-save"
          >
            {t('application.saveDraft')}
          </Button>
          <Button onClick={trySubmit} loading={submit.isPending} disabled={busy} data-testid="application-submit">
            {t('application.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
