import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import { useSession } from '../api/hooks';
import type { ApplicationView, CaseDetail, Institution } from '../api/client';
import { ApplicationForm } from '../components/application/ApplicationForm';
import { InstitutionDocumentsCard } from '../components/application/InstitutionDocumentsCard';
import { TaskActionPanel } from '../components/case/TaskActionPanel';
import {
  CaseDocumentList,
  DocumentHistoryCard,
  QueriedFilesCard,
  useDocumentHistory,
} from '../components/case/CaseFiles';
import { useSuccessNotice } from '../components/case/SuccessNotice';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { SlaBadge } from '../components/SlaBadge';
import { ApplicationStatusBadge } from '../components/StatusBadges';
import { useDataElements } from '../components/useDataElements';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useRoleName } from '../lib/useLabels';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/applications" size="sm">
      ← {t('nav.applications')}
    </Anchor>
  );
}

/** The badan hukum documents card, shown when the signed-in institution is a badan hukum. */
function OwnLegalDocuments() {
  const me = useSession();
  const isInstitution = me.organisation.kind === 'institution';
  const inst = useQuery<Institution, ApiError>({
    queryKey: ['institution', me.organisation.id],
    queryFn: () => api.institution(me.organisation.id),
    enabled: isInstitution,
  });
  if (!isInstitution || inst.data?.type !== 'badan_hukum') return null;
  return <InstitutionDocumentsCard institutionId={me.organisation.id} canUpload />;
}

/** /applications/new — a new application. */
export function NewApplicationPage() {
  return (
    <Stack data-testid="application-page">
      <BackLink />
      <OwnLegalDocuments />
      <ApplicationForm initial={null} />
    </Stack>
  );
}

/** /applications/:id — a draft to finish, or where a submitted application stands. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const me = useSession();
  const app = useQuery<ApplicationView, ApiError>({
    queryKey: ['application', id],
    queryFn: () => api.application(id),
  });

  if (app.isPending) return <Loading />;
  if (app.isError)
    return (
      <Stack>
        <BackLink />
        <ErrorAlert error={app.error} onRetry={() => void app.refetch()} />
      </Stack>
    );
  const editable = app.data.status === 'draft' && me.organisation.kind === 'institution';
  return (
    <Stack data-testid="application-page" data-status={app.data.status}>
      <BackLink />
      {editable ? (
        <>
          <OwnLegalDocuments />
          <ApplicationForm key={app.data.id} initial={app.data} />
        </>
      ) : (
        <ApplicationStatus app={app.data} />
      )}
    </Stack>
  );
}

function ApplicationStatus({ app }: { app: ApplicationView }) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const lang = useLang();
  const c = app.case;
  const revisions = (c?.openTasks ?? []).filter((task) => task.via === 'revision' && task.canAct);
  const actionable = (c?.openTasks ?? []).filter((task) => task.canAct);
  const me = useSession();
  const { notice, show } = useSuccessNotice();
  // The case behind it: its documents open from here, and a queried file is replaced here (Ganti berkas).
  const kase = useQuery<CaseDetail, ApiError>({
    queryKey: ['case', app.caseId],
    queryFn: () => api.caseDetail(app.caseId ?? ''),
    enabled: Boolean(app.caseId),
  });
  const history = useDocumentHistory(app.caseId ?? '');
  const canReplace =
    c?.status === 'open' &&
    me.organisation.kind === 'institution' &&
    me.organisation.id === app.institutionId &&
    me.roles.some((r) => r.code === 'admin' || r.code === 'pimpinan');
  const superseded = new Set((history.data?.versions ?? []).map((v) => v.oldDocumentId));

  return (
    <>
      {notice}
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="sm" c="dimmed">
              {t('application.title')}
            </Text>
            <Title order={1} size="h2" data-testid="page-title">
              {app.content.userName || t('application.untitled')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('application.created')}: {formatDateTime(app.createdAt, lang)}
              {app.submittedAt && ` · ${t('application.submittedAt')}: ${formatDateTime(app.submittedAt, lang)}`}
            </Text>
          </div>
          <ApplicationStatusBadge status={app.status} size="lg" />
        </Group>
      </Card>

      {c && (
        <Card withBorder radius="md" padding="lg" data-testid="application-case">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={4}>{t('application.whereItStands')}</Title>
              <Group gap="xs">
                <Badge color={c.status === 'open' ? 'blue' : 'gray'} data-testid="application-case-status">
                  {t(`caseStatus.${c.status}`, { defaultValue: c.status })}
                </Badge>
                {c.outcome && (
                  <Badge color={c.outcome === 'ditolak' ? 'red' : 'green'}>
                    {t(`outcome.${c.outcome}`, { defaultValue: c.outcome })}
                  </Badge>
                )}
                {c.paused && (
                  <Badge color="gray" variant="outline">
                    {t('case.paused')}
                  </Badge>
                )}
              </Group>
            </Group>
            <Text size="sm">
              {t('application.caseNumber')}:{' '}
              <Anchor component={Link} to={`/cases/${app.caseId}`} fw={600} data-testid="application-case-number">
                {c.number}
              </Anchor>
            </Text>
            {c.openTasks.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('application.noOpenTasks')}
              </Text>
            ) : (
              <Table data-testid="application-open-tasks">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('inbox.step')}</Table.Th>
                    <Table.Th>{t('case.role')}</Table.Th>
                    <Table.Th>{t('inbox.due')}</Table.Th>
                    <Table.Th>{t('inbox.sla')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.openTasks.map((task) => (
                    <Table.Tr key={task.id} data-testid="application-open-task" data-step={task.stepId}>
                      <Table.Td maw={420}>
                        <Text size="sm">
                          <b>{task.stepId}.</b> {task.kegiatan}
                        </Text>
                        {task.canAct && (
                          <Badge size="xs" color="orange" variant="light">
                            {t('application.yourTurn')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{roleName(task.role)}</Table.Td>
                      <Table.Td>{task.deadlineAt ? formatDateTime(task.deadlineAt, lang) : t('inbox.noDue')}</Table.Td>
                      <Table.Td>
                        <SlaBadge sla={task.sla} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Card>
      )}

      {revisions.map((task) => (
        <Alert
          key={task.id}
          color="orange"
          title={t('application.completionRequested')}
          data-testid="completion-request"
        >
          <Text size="sm">
            <b>{task.kegiatan}</b>
          </Text>
          {task.reason && (
            <Text size="sm" data-testid="completion-reason">
              {t('case.reason')}: {task.reason}
            </Text>
          )}
          <Text size="xs" c="dimmed" mt={4}>
            {t('application.answerBelow')}
          </Text>
        </Alert>
      ))}
      {kase.isSuccess &&
        kase.data.tasks
          .filter((task) => task.canAct && task.status === 'open')
          .map((task) => (
            <TaskActionPanel
              key={task.id}
              caseId={kase.data.id}
              task={task}
              returnTargets={[]}
              documents={kase.data.documents.filter((d) => !superseded.has(d.id))}
              institutionName={kase.data.institution?.name ?? null}
              onDone={show}
            />
          ))}
      {kase.isError && <ErrorAlert error={kase.error} />}
      {app.caseId && (
        <QueriedFilesCard caseId={app.caseId} history={history.data} canReplace={canReplace} onDone={show} />
      )}
      {kase.isSuccess && kase.data.documents.length > 0 && (
        <Card withBorder radius="md" padding="lg" data-testid="application-documents">
          <Title order={4} mb="sm">
            {t('case.documents')}
          </Title>
          <CaseDocumentList caseId={kase.data.id} documents={kase.data.documents} history={history.data} />
        </Card>
      )}
      <DocumentHistoryCard history={history.data} />
      {actionable.length > 0 && app.caseId && (
        <Button component={Link} to={`/cases/${app.caseId}`} variant="light" w="fit-content">
          {t('application.openCase')}
        </Button>
      )}

      {app.agreementId && (
        <Alert color="teal" title={t('application.agreementReady')}>
          <Anchor component={Link} to={`/agreements/${app.agreementId}`} data-testid="application-agreement-link">
            {t('application.openAgreement')}
          </Anchor>
        </Alert>
      )}

      <ApplicationContentView app={app} />
    </>
  );
}

/** The six contents of an application, read-only. */
function ApplicationContentView({ app }: { app: ApplicationView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const elements = useDataElements();
  const c = app.content;
  const rows: [string, string, ReactNode][] = [
    ['a', t('application.userName'), c.userName || '—'],
    ['b', t('application.purpose'), c.purpose || '—'],
    [
      'c',
      t('application.elements'),
      <Group gap={4} key="el">
        {c.elements.map((code) => {
          const e = elements.byCode.get(code);
          return (
            <Badge key={code} variant="light" color={e?.protected ? 'red' : 'gray'}>
              {e?.name[lang] ?? code}
            </Badge>
          );
        })}
      </Group>,
    ],
    ['d', t('application.methods'), c.methods.map((m) => t(`methods.${m}`)).join(', ') || '—'],
    ['e', t('application.dataBalikan'), c.dataBalikan || '—'],
    ['f', t('application.duration'), c.durationMonths ? `${c.durationMonths} ${t('application.months')}` : '—'],
  ];
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} mb="sm">
        {t('application.contents')}
      </Title>
      <Table variant="vertical" layout="fixed" data-testid="application-contents">
        <Table.Tbody>
          {rows.map(([letter, label, value]) => (
            <Table.Tr key={letter}>
              <Table.Th w={260}>
                ({letter}) {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
          {c.legalBasis && (
            <Table.Tr>
              <Table.Th>{t('application.legalBasis')}</Table.Th>
              <Table.Td>{c.legalBasis}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md">
        <Text size="sm">
          <b>{t('application.volume')}:</b> {c.expectedDailyVolume.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB')}
        </Text>
        <Text size="sm">
          <b>{t('application.ipRanges')}:</b> {c.ipRanges.join(', ') || '—'}
        </Text>
      </SimpleGrid>
    </Card>
  );
}
