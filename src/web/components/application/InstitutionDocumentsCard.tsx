import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import { institutionDocumentUrl } from '../../api/casework';
import type { InstitutionDocuments, UploadedFile } from '../../api/client';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { FileUpload } from '../case/FileUpload';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { Fingerprint } from '../plain/Fingerprint';

/** "Dokumen badan hukum": the legal documents a badan hukum must hand in, which are missing, and uploads for them. */
export function InstitutionDocumentsCard({ institutionId, canUpload }: { institutionId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const docs = useQuery<InstitutionDocuments, ApiError>({
    queryKey: ['institution-documents', institutionId],
    queryFn: () => api.institutionDocuments(institutionId),
  });
  const add = useMutation<{ id: string }, ApiError, { docType: string; file: UploadedFile }>({
    mutationFn: ({ docType, file }) => api.addInstitutionDocument(institutionId, docType, file.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['institution-documents', institutionId] }),
  });

  return (
    <Card withBorder radius="md" padding="lg" data-testid="institution-documents">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('institutionDocs.title')}</Title>
          {docs.isSuccess && (
            <Badge color={docs.data.missing.length === 0 ? 'green' : 'orange'} variant="light">
              {docs.data.missing.length === 0
                ? t('institutionDocs.complete')
                : t('institutionDocs.missingCount', { count: docs.data.missing.length })}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('institutionDocs.help')}
        </Text>
        {docs.isPending && <Loading />}
        {docs.isError && <ErrorAlert error={docs.error} />}
        {add.isError && <ErrorAlert error={add.error} />}
        {docs.isSuccess &&
          docs.data.required.map((req) => {
            const have = docs.data.documents.filter((d) => d.docType === req.code);
            const missing = docs.data.missing.includes(req.code);
            const latest = have[have.length - 1];
            return (
              <Group
                key={req.code}
                justify="space-between"
                wrap="nowrap"
                data-testid="institution-doc"
                data-doc-type={req.code}
                data-missing={missing}
              >
                <div>
                  <Group gap={6}>
                    <Badge size="xs" color={missing ? 'red' : 'green'} variant="light">
                      {missing ? t('institutionDocs.missing') : t('institutionDocs.present')}
                    </Badge>
                    <Text size="sm" fw={500}>
                      {req.name[lang]}
                    </Text>
                  </Group>
                  {latest && (
                    <Text size="xs" c="dimmed">
                      <Anchor
                        href={institutionDocumentUrl(institutionId, latest.id)}
                        target="_blank"
                        rel="noopener"
                        size="xs"
                        data-testid="institution-doc-open"
                      >
                        {latest.filename}
                      </Anchor>{' '}
                      · {formatDateTime(latest.uploadedAt, lang)} <Fingerprint hash={latest.sha256} />
                    </Text>
                  )}
                </div>
                {canUpload && (
                  <FileUpload
                    label={latest ? t('casework.query.replace') : undefined}
                    testId={`institution-doc-file-${req.code}`}
                    accept="application/pdf,.pdf"
                    uploaded={undefined}
                    onUploaded={(file) => add.mutate({ docType: req.code, file })}
                  />
                )}
              </Group>
            );
          })}
      </Stack>
    </Card>
  );
}
