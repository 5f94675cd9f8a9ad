import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { residentApi, type ResidentAccess, type ResidentAccessList } from '../api/resident';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PublicShell } from '../components/public/PublicShell';
import { AccessList } from '../components/resident/AccessList';
import { IdentifyForm } from '../components/resident/IdentifyForm';
import { ProofExplainer } from '../components/resident/ProofExplainer';
import { ReportDialog } from '../components/resident/ReportDialog';

const KEY = ['resident-accesses'];

/**
 * /warga — the resident's view (public): the resident identifies themselves, then sees each access to their
 * data with a downloadable inclusion proof, and may report an access they do not recognise.
 */
export function ResidentPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery<ResidentAccessList, ApiError>({ queryKey: KEY, queryFn: residentApi.accesses, retry: false });
  const [reporting, setReporting] = useState<ResidentAccess | null>(null);
  const [sent, setSent] = useState(false);
  const signedOut = list.isError && list.error.status === 401;
  const refresh = () => void client.invalidateQueries({ queryKey: KEY });
  const logout = async () => {
    await residentApi.logout().catch(() => undefined);
    setSent(false);
    client.removeQueries({ queryKey: KEY });
    refresh();
  };

  return (
    <PublicShell size="xl">
      <Title order={1} size="h2" data-testid="page-title">
        {t('resident.title')}
      </Title>
      <Text c="dimmed" maw={800}>
        {t('resident.subtitle')}
      </Text>
      {list.isPending && <Loading />}
      {signedOut && <IdentifyForm onIdentified={refresh} />}
      {list.isError && !signedOut && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && (
        <Stack component="section" aria-labelledby="accesses-title">
          <Group justify="space-between" wrap="wrap">
            <div>
              <Title order={3} id="accesses-title">
                {t('resident.accessesTitle')}
              </Title>
              <Text size="sm" c="dimmed" data-testid="resident-count" data-value={list.data.accesses.length}>
                {t('resident.count', { count: list.data.accesses.length })}
              </Text>
            </div>
            <Button variant="default" onClick={() => void logout()} data-testid="resident-logout">
              {t('resident.logout')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('resident.sessionNote')}
          </Text>
          {sent && (
            <Alert color="teal" role="status" data-testid="resident-report-sent">
              {t('resident.reportSent')}
            </Alert>
          )}
          {list.data.truncated && <Alert color="yellow">{t('resident.truncated')}</Alert>}
          {list.data.accesses.length === 0 ? (
            <Card withBorder padding="xl" data-testid="resident-none">
              <Text>{t('resident.none')}</Text>
            </Card>
          ) : (
            <AccessList accesses={list.data.accesses} treeSize={list.data.head?.treeSize} onReport={setReporting} />
          )}
          <ProofExplainer head={list.data.head} />
        </Stack>
      )}
      <ReportDialog
        access={reporting}
        onClose={() => setReporting(null)}
        onSent={() => {
          setReporting(null);
          setSent(true);
          refresh();
        }}
      />
    </PublicShell>
  );
}
