import { Anchor, Badge, Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { caseDocumentUrl, type ApiError } from '../../api/client';
import {
  casework,
  documentHistoryKey,
  refreshAfterAction,
  type DocumentHistory,
  type DocumentQuery,
} from '../../api/casework';
import type { CaseDocument, UploadedFile } from '../../api/client';
import { useLang } from '../../i18n';
import { formatBytes, formatDateTime } from '../../lib/format';
import { ErrorAlert } from '../ErrorAlert';
import { Fingerprint } from '../plain/Fingerprint';
import { FileUpload } from './FileUpload';

/** A case's queried and replaced files. */
export function useDocumentHistory(caseId: string) {
  return useQuery<DocumentHistory, ApiError>({
    queryKey: documentHistoryKey(caseId),
    queryFn: () => casework.documentHistory(caseId),
    enabled: caseId !== '',
  });
}

/**
 * "Berkas yang perlu diperbaiki": the files the office queried when it returned the case, with the clerk's note;
 * the institution replaces each with "Ganti berkas" (the old version is kept on the case).
 */
export function QueriedFilesCard({
  caseId,
  history,
  canReplace,
  onDone,
}: {
  caseId: string;
  history: DocumentHistory | undefined;
  canReplace: boolean;
  onDone?: (message: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const open = (history?.queries ?? []).filter((q) => q.answeredAt === null);
  if (open.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="lg" bg="orange.0" data-testid="queried-files">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('casework.query.title')}
        </Title>
        <Text size="sm">{canReplace ? t('casework.query.helpInstitution') : t('casework.query.helpOffice')}</Text>
        {open.map((q) => (
          <QueriedFile key={q.id} caseId={caseId} query={q} canReplace={canReplace} lang={lang} onDone={onDone} />
        ))}
      </Stack>
    </Card>
  );
}

function QueriedFile({
  caseId,
  query,
  canReplace,
  lang,
  onDone,
}: {
  caseId: string;
  query: DocumentQuery;
  canReplace: boolean;
  lang: 'id' | 'en';
  onDone?: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const replace = useMutation<unknown, ApiError, UploadedFile>({
    mutationFn: (file) => casework.replaceDocument(caseId, query.documentId, file.id),
    onSuccess: async () => {
      await refreshAfterAction(queryClient, [['case', caseId], ['application'], ['applications']]);
      onDone?.(t('casework.query.replaced', { doc: query.docType }));
    },
  });
  return (
    <Card withBorder radius="sm" padding="sm" data-testid="queried-file" data-doc-type={query.docType}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ minWidth: 0, flex: '1 1 220px' }}>
          <Group gap={6} wrap="wrap">
            <Badge color="orange" variant="light">
              {t('casework.query.badge')}
            </Badge>
            <Anchor href={caseDocumentUrl(caseId, query.documentId)} target="_blank" rel="noopener" size="sm" fw={600}>
              {query.docType}
            </Anchor>
          </Group>
          <Text size="sm" mt={4} data-testid="queried-note">
            {t('casework.query.note')}: {query.note}
          </Text>
          <Text size="xs" c="dimmed">
            {query.queriedBy ?? '—'} · {formatDateTime(query.queriedAt, lang)}
          </Text>
        </div>
        {canReplace && (
          <FileUpload
            testId="replace-file"
            uploaded={undefined}
            label={t('casework.query.replace')}
            onUploaded={(file) => replace.mutate(file)}
          />
        )}
      </Group>
      {replace.isError && <ErrorAlert error={replace.error} />}
    </Card>
  );
}

/**
 * The case's documents as cards (readable on a phone): each opens in a new tab; a replaced one is marked as an old
 * version and names its replacement.
 */
export function CaseDocumentList({
  caseId,
  documents,
  history,
}: {
  caseId: string;
  documents: CaseDocument[];
  history: DocumentHistory | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const replacedBy = new Map((history?.versions ?? []).map((v) => [v.oldDocumentId, v]));
  const queried = new Set((history?.queries ?? []).filter((q) => !q.answeredAt).map((q) => q.documentId));
  return (
    <Stack gap="xs" data-testid="case-documents">
      {documents.map((d) => {
        const newer = replacedBy.get(d.id);
        return (
          <Card
            key={d.id}
            withBorder
            radius="sm"
            padding="sm"
            data-testid="document-row"
            data-superseded={newer ? 'true' : 'false'}
            bg={newer ? 'gray.0' : undefined}
            style={newer ? { borderStyle: 'dashed' } : undefined}
          >
            <Group gap={6} wrap="wrap" justify="space-between" align="flex-start">
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere', flex: '1 1 200px' }}>
                {d.docType}
              </Text>
              <Group gap={4} wrap="wrap">
                {newer && (
                  <Badge color="gray" variant="light" data-testid="document-superseded">
                    {t('casework.history.oldVersion')}
                  </Badge>
                )}
                {queried.has(d.id) && (
                  <Badge color="orange" variant="light">
                    {t('casework.query.badge')}
                  </Badge>
                )}
              </Group>
            </Group>
            <Anchor
              href={caseDocumentUrl(caseId, d.id)}
              size="sm"
              target="_blank"
              rel="noopener"
              style={{ overflowWrap: 'anywhere' }}
              data-testid="document-open"
            >
              {d.filename}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t('case.stepShort', { no: d.stepId ?? '—' })} · {t(`docSource.${d.source}`, { defaultValue: d.source })}{' '}
              · {formatBytes(d.size, lang)} · {formatDateTime(d.createdAt, lang)}
            </Text>
            {newer && (
              <Text size="xs" c="dimmed">
                {t('casework.history.replacedBy', { file: newer.newFilename })}
              </Text>
            )}
            <Fingerprint hash={d.sha256} />
          </Card>
        );
      })}
    </Stack>
  );
}

/** Who replaced which file, when, and the clerk's note that asked for it. */
export function DocumentHistoryCard({ history }: { history: DocumentHistory | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!history || history.versions.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="document-history">
      <Title order={3} size="h4" mb="sm">
        {t('casework.history.title')}
      </Title>
      <Timeline bulletSize={12} lineWidth={2}>
        {history.versions.map((v) => (
          <Timeline.Item key={v.id} color="teal" data-testid="document-version">
            <Text size="sm" fw={600}>
              {v.docType}
            </Text>
            <Text size="xs">{t('casework.history.replaced', { old: v.oldFilename, file: v.newFilename })}</Text>
            {v.note && (
              <Text size="xs" c="orange.9">
                {t('casework.query.note')}: {v.note}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {v.replacedBy ?? '—'} · {formatDateTime(v.replacedAt, lang)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
