import { Alert, Badge, Card, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import type { FileCheck, VerifiedDocument } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PublicShell } from '../components/public/PublicShell';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';

const STATUS_COLOR: Record<string, string> = { valid: 'green', superseded: 'yellow', revoked: 'red', mismatch: 'red' };

/** /verify/:id — the QR code's target: who issued the document, its number, date, hash and status; check a file. */
export function VerifyPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const doc = useQuery<VerifiedDocument, ApiError>({ queryKey: ['verify', id], queryFn: () => api.verifyDocument(id) });

  return (
    <PublicShell size="md">
      <Title order={1} size="h2" data-testid="page-title">
        {t('verify.title')}
      </Title>
      <Text c="dimmed">{t('verify.subtitle')}</Text>
      {doc.isPending && <Loading />}
      {doc.isError &&
        (doc.error.status === 404 ? (
          <Alert color="red" title={t('verify.notFoundTitle')} data-testid="verify-not-found">
            {t('verify.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={doc.error} onRetry={() => void doc.refetch()} />
        ))}
      {doc.isSuccess && (
        <>
          <Card withBorder radius="md" padding="lg" data-testid="verify-card">
            <Stack>
              <Group justify="space-between" align="flex-start" wrap="wrap">
                <div>
                  <Text size="sm" c="dimmed">
                    {doc.data.title}
                  </Text>
                  <Title order={3} data-testid="verify-number">
                    {doc.data.number}
                  </Title>
                </div>
                <Badge
                  size="xl"
                  radius="sm"
                  variant="filled"
                  color={STATUS_COLOR[doc.data.status] ?? 'gray'}
                  data-testid="verify-status"
                  data-status={doc.data.status}
                  style={{ fontSize: 20, height: 44, paddingInline: 20 }}
                >
                  {doc.data.status === 'valid' ? '✓ ' : '✕ '}
                  {t(`verifyStatus.${doc.data.status}`, { defaultValue: doc.data.status })}
                </Badge>
              </Group>
              <Text size="sm" data-testid="verify-status-help">
                {t(`verifyStatusHelp.${doc.data.status}`, { defaultValue: '' })}
                {doc.data.statusReason && ` ${t('verify.reason')}: ${doc.data.statusReason}`}
              </Text>
              <Table variant="vertical" layout="fixed" withTableBorder>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={180}>{t('verify.issuer')}</Table.Th>
                    <Table.Td data-testid="verify-issuer">{doc.data.issuer}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('verify.issuedAt')}</Table.Th>
                    <Table.Td>{formatDateTime(doc.data.issuedAt, lang)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('verify.version')}</Table.Th>
                    <Table.Td>{doc.data.version}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('verify.sha256')}</Table.Th>
                    <Table.Td>
                      <Code fz="xs" style={{ wordBreak: 'break-all' }} data-testid="verify-sha256">
                        {doc.data.sha256}
                      </Code>
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              {doc.data.signatures.length > 0 && (
                <div>
                  <Text fw={600} mb={4}>
                    {t('verify.signatures')}
                  </Text>
                  <Table data-testid="verify-signatures">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('signatures.signer')}</Table.Th>
                        <Table.Th>{t('signatures.role')}</Table.Th>
                        <Table.Th>{t('signatures.when')}</Table.Th>
                        <Table.Th>{t('signatures.over')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {doc.data.signatures.map((s, i) => (
                        <Table.Tr key={i}>
                          <Table.Td>{s.signer}</Table.Td>
                          <Table.Td>{t(`signerRole.${s.role}`, { defaultValue: s.role })}</Table.Td>
                          <Table.Td>{formatDateTime(s.signedAt, lang)}</Table.Td>
                          <Table.Td>
                            <Code fz="xs">{s.overSha256.slice(0, 16)}…</Code>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </div>
              )}
              {doc.data.versions.length > 1 && (
                <div>
                  <Text fw={600} mb={4}>
                    {t('verify.versions')}
                  </Text>
                  <Table>
                    <Table.Tbody>
                      {doc.data.versions.map((v) => (
                        <Table.Tr key={v.version}>
                          <Table.Td w={60}>v{v.version}</Table.Td>
                          <Table.Td>{formatDateTime(v.createdAt, lang)}</Table.Td>
                          <Table.Td>
                            <Code fz="xs">{v.sha256.slice(0, 24)}…</Code>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </div>
              )}
            </Stack>
          </Card>
          <FileCheckCard id={id} />
        </>
      )}
    </PublicShell>
  );
}

/** Drop or choose a PDF: its SHA-256 is compared with the document's versions on the server. */
function FileCheckCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [name, setName] = useState<string | null>(null);
  const check = useMutation<FileCheck, ApiError, File>({ mutationFn: (file) => api.checkFile(id, file) });

  const take = (file: File | undefined) => {
    if (!file) return;
    setName(file.name);
    check.mutate(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    take(e.dataTransfer.files[0]);
  };
  const result = check.data;
  const matches = result && result.match !== 'none';

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack>
        <Title order={4}>{t('verify.checkTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('verify.checkHelp')}
        </Text>
        <input
          ref={input}
          type="file"
          accept="application/pdf,.pdf"
          hidden
          data-testid="verify-file"
          onChange={(e) => {
            take(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
        <Card
          withBorder
          padding="xl"
          radius="md"
          role="button"
          tabIndex={0}
          data-testid="verify-drop"
          onClick={() => input.current?.click()}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') input.current?.click();
          }}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          style={{
            borderStyle: 'dashed',
            cursor: 'pointer',
            background: dragging ? 'var(--mantine-color-teal-0)' : undefined,
          }}
        >
          <Stack align="center" gap={4}>
            <Text fw={600}>{t('verify.drop')}</Text>
            <Text size="sm" c="dimmed">
              {name ?? t('verify.dropHint')}
            </Text>
          </Stack>
        </Card>
        {check.isPending && <Loader size="sm" />}
        {check.isError && <ErrorAlert error={check.error} />}
        {result && (
          <Alert
            color={matches ? (result.match === 'current' ? 'green' : 'yellow') : 'red'}
            title={t(`fileMatch.${result.match}`, { defaultValue: result.match })}
            data-testid="verify-result"
            data-match={result.match}
            data-status={result.status}
          >
            <Stack gap={4}>
              <Text size="sm">
                {t(`fileMatchHelp.${result.match}`, { version: result.version ?? '—', defaultValue: '' })}
              </Text>
              <Text size="sm">
                {t('verify.status')}: <b>{t(`verifyStatus.${result.status}`, { defaultValue: result.status })}</b>
              </Text>
              <Text size="xs" c="dimmed">
                SHA-256: <Code fz="xs">{result.sha256}</Code>
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(new Date().toISOString(), lang)}
              </Text>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
