import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  ScrollArea,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, sheetPdfUrl, type ApiError } from '../api/client';
import { hasCapability, isPusat, useSession } from '../api/hooks';
import type { SopVersion } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { SopSheet } from '../components/sop/SopSheet';
import { IssueList } from '../components/sop-view/IssueList';
import { SopEvaluationView } from '../components/sop-view/SopEvaluationView';
import { SopPublishForm } from '../components/sop-view/SopPublishForm';
import { useLang } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';

type SheetModel = Parameters<typeof SopSheet>[0]['sheet'];

/** One SOP version: its official sheet, source, evaluation, and (for its office's admin/kadis) a new version. */
export function SopVersionPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSession();
  const { id = '' } = useParams();
  const version = useQuery<SopVersion, ApiError>({ queryKey: ['sop-version', id], queryFn: () => api.sopVersion(id) });

  if (version.isPending) return <Loading />;
  if (version.isError)
    return (
      <Stack>
        <BackLink />
        <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />
      </Stack>
    );
  const v = version.data;
  const canPublish =
    me.organisation.kind === 'office' &&
    (me.organisation.id === v.officeId || isPusat(me)) &&
    hasCapability(me, 'sop.publish');

  return (
    <Stack data-testid="sop-version-page">
      <BackLink />
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2" data-testid="page-title">
            {v.name}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge variant="light">{t('sop.version', { version: v.version })}</Badge>
            <Text size="sm" c="dimmed">
              {t('sop.effectiveFrom')}: {formatDate(v.effectiveFrom, lang)} · {t('sop.publishedAt')}:{' '}
              {formatDateTime(v.publishedAt, lang)}
            </Text>
          </Group>
          {v.note && (
            <Text size="sm" c="dimmed">
              {t('sop.note')}: {v.note}
            </Text>
          )}
        </div>
        <Button
          component="a"
          href={sheetPdfUrl(v.id)}
          target="_blank"
          rel="noopener"
          variant="light"
          data-testid="sheet-pdf"
        >
          {t('sop.downloadPdf')}
        </Button>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md" data-testid="sop-totals">
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            {t('sop.totals')}
          </Text>
          <Text size="sm" mt={4}>
            {t('sop.sumTarget')}: <b data-testid="sum-target">{v.totals.sumTarget}</b>
          </Text>
          {v.totals.sumDeadline !== v.totals.sumTarget && (
            <Text size="sm">
              {t('sop.sumDeadline')}: <b>{v.totals.sumDeadline}</b>
            </Text>
          )}
          <Text size="sm">
            {t('sop.declared')}: <b>{v.totals.declared ?? t('sop.notDeclared')}</b>
          </Text>
          {v.totals.declaredDiffers && (
            <Alert color="yellow" mt="xs" p="xs" data-testid="total-warning">
              {t('sop.declaredDiffers', { declared: v.totals.declared ?? '', sum: v.totals.sumTarget })}
            </Alert>
          )}
        </Card>
        <Card withBorder radius="md" data-testid="sop-warnings">
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            {t('sop.warnings')}
          </Text>
          {v.warnings.length === 0 ? (
            <Text size="sm" c="dimmed" mt={4}>
              {t('sop.noWarnings')}
            </Text>
          ) : (
            <IssueList issues={v.warnings} color="yellow" testId="version-warning" />
          )}
        </Card>
      </SimpleGrid>

      <Tabs defaultValue="sheet" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sheet" data-testid="tab-sheet">
            {t('sop.tabSheet')}
          </Tabs.Tab>
          <Tabs.Tab value="source" data-testid="tab-source">
            {t('sop.tabSource')}
          </Tabs.Tab>
          <Tabs.Tab value="evaluation" data-testid="tab-evaluation">
            {t('sop.tabEvaluation')}
          </Tabs.Tab>
          {canPublish && (
            <Tabs.Tab value="publish" data-testid="tab-publish">
              {t('sop.tabPublish')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="sheet" pt="md">
          <ScrollArea type="auto" data-testid="sop-sheet">
            <SopSheet sheet={v.sheet as SheetModel} />
          </ScrollArea>
          <Anchor href={sheetPdfUrl(v.id)} target="_blank" rel="noopener" size="sm" mt="sm" display="inline-block">
            {t('sop.downloadPdf')} (PDF)
          </Anchor>
        </Tabs.Panel>
        <Tabs.Panel value="source" pt="md">
          <Code block data-testid="sop-source" style={{ maxHeight: 640, overflow: 'auto', whiteSpace: 'pre' }}>
            {v.source}
          </Code>
        </Tabs.Panel>
        <Tabs.Panel value="evaluation" pt="md">
          <SopEvaluationView versionId={v.id} />
        </Tabs.Panel>
        {canPublish && (
          <Tabs.Panel value="publish" pt="md">
            <SopPublishForm officeId={v.officeId} initialSource={v.source} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/sop" size="sm">
      ← {t('nav.sop')}
    </Anchor>
  );
}
