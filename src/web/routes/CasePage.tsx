import { Anchor, Badge, Card, Group, Progress, SimpleGrid, Stack, Text, Timeline, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import type { CaseDetail, CaseTask, TimelineEvent } from '../api/client';
import { TaskActionPanel } from '../components/case/TaskActionPanel';
import {
  CaseDocumentList,
  DocumentHistoryCard,
  QueriedFilesCard,
  useDocumentHistory,
} from '../components/case/CaseFiles';
import { useSuccessNotice } from '../components/case/SuccessNotice';
import { useSession } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { SlaBadge } from '../components/SlaBadge';
import { useLang, type Lang } from '../i18n';
import { formatDateTime, formatWorkingMinutes, translateDuration } from '../lib/format';
import { decisionName } from '../lib/labels';
import { useRoleName } from '../lib/useLabels';

const TASK_STATUS_COLOR: Record<string, string> = { open: 'blue', done: 'green', returned: 'orange', closed: 'gray' };
const EVENT_COLOR: Record<string, string> = {
  case_opened: 'teal',
  task_opened: 'blue',
  task_completed: 'green',
  task_returned: 'orange',
  document_replaced: 'teal',
  case_ended: 'grape',
};

/** One case: header, steps with SLA, what I can do now, documents and history. */
export function CasePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const kase = useQuery<CaseDetail, ApiError>({ queryKey: ['case', id], queryFn: () => api.caseDetail(id) });
  const history = useDocumentHistory(id);
  const me = useSession();
  const { notice, show } = useSuccessNotice();

  if (kase.isPending) return <Loading />;
  if (kase.isError)
    return (
      <Stack>
        <BackLink />
        <ErrorAlert error={kase.error} onRetry={() => void kase.refetch()} />
      </Stack>
    );
  const c = kase.data;
  const actionable = c.tasks.filter((task) => task.canAct && task.status === 'open');
  const doneSteps = new Map<string, CaseTask>();
  for (const task of c.tasks) if (task.status === 'done') doneSteps.set(task.stepId, task);
  const returnTargets = [...doneSteps.values()].map((task) => ({
    stepId: task.stepId,
    label: `${task.no}. ${task.kegiatan}`,
  }));
  const superseded = new Set((history.data?.versions ?? []).map((v) => v.oldDocumentId));
  const currentDocuments = c.documents.filter((d) => !superseded.has(d.id));
  // Only the case's institution (its admin or head) replaces a queried file, while the case is open.
  const canReplace =
    c.status === 'open' &&
    me.organisation.kind === 'institution' &&
    me.organisation.id === c.institution?.id &&
    me.roles.some((r) => r.code === 'admin' || r.code === 'pimpinan');
  const ratio = c.totals.standardMinutes > 0 ? (c.totals.elapsedMinutes / c.totals.standardMinutes) * 100 : 0;

  return (
    <Stack data-testid="case-page">
      {notice}
      <BackLink />
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="sm" c="dimmed" data-testid="case-number">
              {c.number}
            </Text>
            <Title order={1} size="h2" data-testid="page-title">
              {c.title}
            </Title>
            <Text size="sm" mt={4}>
              <Anchor component={Link} to={`/sop/versions/${c.sop.versionId}`} data-testid="case-sop">
                {c.sop.name}
              </Anchor>{' '}
              · {t('sop.version', { version: c.sop.version })}
            </Text>
            {c.institution && (
              <Text size="sm" c="dimmed" data-testid="case-institution">
                {t('case.institution')}: {c.institution.name}
              </Text>
            )}
            {c.subjectKind === 'anomaly_finding' && c.subjectId && (
              <Anchor component={Link} to={`/anomalies/findings/${c.subjectId}`} size="sm">
                {t('anomalies.caseLink')}
              </Anchor>
            )}
            <Text size="sm" c="dimmed">
              {t('case.openedAt')}: {formatDateTime(c.openedAt, lang)}
              {c.endedAt && ` · ${t('case.endedAt')}: ${formatDateTime(c.endedAt, lang)}`}
            </Text>
          </div>
          <Group gap="xs">
            <Badge size="lg" color={c.status === 'open' ? 'blue' : 'gray'} data-testid="case-status">
              {t(`caseStatus.${c.status}`, { defaultValue: c.status })}
            </Badge>
            {c.outcome && (
              <Badge size="lg" color={c.outcome === 'ditolak' ? 'red' : 'green'} data-testid="case-outcome">
                {t(`outcome.${c.outcome}`, { defaultValue: c.outcome })}
              </Badge>
            )}
            {c.paused && (
              <Tooltip label={t('case.pausedHelp')}>
                <Badge size="lg" color="gray" variant="outline" data-testid="case-paused">
                  {t('case.paused')}
                </Badge>
              </Tooltip>
            )}
          </Group>
        </Group>
        <Stack gap={4} mt="md">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('case.totalTime')}
            </Text>
            <Text size="sm" data-testid="case-totals">
              {t('case.elapsedOfStandard', {
                elapsed: formatWorkingMinutes(c.totals.elapsedMinutes, lang),
                standard: formatWorkingMinutes(c.totals.standardMinutes, lang),
              })}
            </Text>
          </Group>
          <Progress
            value={Math.min(100, ratio)}
            color={ratio > 100 ? 'red' : ratio > 80 ? 'yellow' : 'teal'}
            aria-label={t('case.totalTime')}
          />
        </Stack>
      </Card>

      <QueriedFilesCard caseId={c.id} history={history.data} canReplace={canReplace} onDone={show} />

      {actionable.map((task) => (
        <TaskActionPanel
          key={task.id}
          caseId={c.id}
          task={task}
          returnTargets={returnTargets}
          documents={currentDocuments}
          institutionName={c.institution?.name ?? null}
          onDone={show}
        />
      ))}

      <Title order={3}>{t('case.steps')}</Title>
      <Stack gap="xs" data-testid="case-steps">
        {c.tasks.map((task) => (
          <TaskRow key={task.id} task={task} lang={lang} />
        ))}
      </Stack>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <div>
          <Title order={3} mb="sm">
            {t('case.documents')}
          </Title>
          {c.documents.length === 0 ? (
            <Text c="dimmed">{t('case.noDocuments')}</Text>
          ) : (
            <CaseDocumentList caseId={c.id} documents={c.documents} history={history.data} />
          )}
        </div>
        <div>
          <DocumentHistoryCard history={history.data} />
          <Title order={3} mb="sm" mt="md">
            {t('case.timeline')}
          </Title>
          <Timeline bulletSize={14} lineWidth={2} data-testid="case-timeline">
            {c.timeline.map((e, i) => (
              <Timeline.Item
                key={i}
                color={EVENT_COLOR[e.type] ?? 'gray'}
                title={<EventTitle event={e} tasks={c.tasks} />}
                data-testid="timeline-item"
                data-type={e.type}
                data-step={e.stepId ?? ''}
              >
                <EventBody event={e} />
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.at, lang)}
                  {e.actor && ` · ${e.actor}`}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </div>
      </SimpleGrid>
    </Stack>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/inbox" size="sm">
      ← {t('nav.inbox')}
    </Anchor>
  );
}

function TaskRow({ task, lang }: { task: CaseTask; lang: Lang }) {
  const { t } = useTranslation();
  const roleName = useRoleName(task.assigneeOrgKind === 'office' ? task.assigneeOrgId : undefined);
  const over = task.standardMinutes !== null && task.elapsedMinutes > task.standardMinutes;
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      data-testid="step-row"
      data-step={task.stepId}
      data-status={task.status}
      style={task.status === 'open' ? { borderLeft: '4px solid var(--mantine-color-blue-5)' } : undefined}
    >
      <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
        <Group wrap="nowrap" align="flex-start" gap="sm" style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Badge
            size="xl"
            circle
            variant={task.status === 'done' ? 'filled' : 'light'}
            color={TASK_STATUS_COLOR[task.status] ?? 'gray'}
          >
            {task.no}
          </Badge>
          <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            <Text size="sm" fw={500}>
              {task.kegiatan}
            </Text>
            <Text size="xs" c="dimmed">
              {t('case.role')}: {roleName(task.role)}
              {task.waktu && ` · ${t('case.waktu')}: ${translateDuration(task.waktu, lang)}`} · {t('case.openedAt')}:{' '}
              {formatDateTime(task.openedAt, lang)}
              {task.completedAt && ` · ${t('case.completedAt')}: ${formatDateTime(task.completedAt, lang)}`}
              {task.status === 'open' &&
                task.deadlineAt &&
                ` · ${t('inbox.due')}: ${formatDateTime(task.deadlineAt, lang)}`}
            </Text>
            {task.decision && (
              <Text size="xs">
                {t('case.decision')}: <b>{decisionName(task.decision, t)}</b>
              </Text>
            )}
            {task.comment && (
              <Text size="xs" fs="italic">
                “{task.comment}”
              </Text>
            )}
            {task.reason && (
              <Text size="xs" c="orange">
                {task.via === 'revision' ? t('case.returnedForRevision') : t('case.reason')}: {task.reason}
              </Text>
            )}
          </div>
        </Group>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0, maxWidth: '100%' }}>
          <Group gap={4} wrap="wrap" justify="flex-end">
            <Badge variant="outline" color={TASK_STATUS_COLOR[task.status] ?? 'gray'} data-testid="step-status">
              {t(`taskStatus.${task.status}`, { defaultValue: task.status })}
            </Badge>
            <SlaBadge sla={task.sla} />
          </Group>
          <Text size="xs" c={over ? 'red' : 'dimmed'} data-testid="step-time">
            {t('case.elapsedOfStandard', {
              elapsed: formatWorkingMinutes(task.elapsedMinutes, lang),
              standard:
                task.standardMinutes === null ? t('case.noStandard') : formatWorkingMinutes(task.standardMinutes, lang),
            })}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}

function stepLabel(stepId: string | null, tasks: CaseTask[]): string {
  if (!stepId) return '';
  const task = tasks.find((x) => x.stepId === stepId);
  return task ? task.no : stepId;
}

function EventTitle({ event, tasks }: { event: TimelineEvent; tasks: CaseTask[] }) {
  const { t } = useTranslation();
  const no = stepLabel(event.stepId, tasks);
  return (
    <Text size="sm" fw={600} data-testid="timeline-title">
      {event.type === 'document_replaced'
        ? t('casework.history.timelineTitle')
        : t(`timeline.${event.type}`, { no, defaultValue: event.type })}
    </Text>
  );
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function EventBody({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const d = event.data;
  const lines: string[] = [];
  if (event.type === 'task_opened' && str(d.role)) lines.push(`${t('case.role')}: ${roleName(str(d.role))}`);
  if (event.type === 'task_opened' && d.via === 'revision') lines.push(t('case.returnedForRevision'));
  if (str(d.decision)) lines.push(`${t('case.decision')}: ${decisionName(str(d.decision), t)}`);
  if (str(d.comment)) lines.push(`${t('case.comment')}: ${str(d.comment)}`);
  if (str(d.reason)) lines.push(`${t('case.reason')}: ${str(d.reason)}`);
  if (event.type === 'task_returned' && str(d.to)) lines.push(t('timeline.returnedTo', { to: str(d.to) }));
  if (event.type === 'case_ended' && str(d.end)) lines.push(str(d.end) ?? '');
  const queried = Array.isArray(d.queried) ? d.queried.filter((x): x is string => typeof x === 'string') : [];
  if (queried.length) lines.push(`${t('casework.query.label')}: ${queried.join('; ')}`);
  if (event.type === 'document_replaced' && str(d.filename))
    lines.push(t('casework.history.newFile', { file: str(d.filename) }));
  if (event.type === 'document_replaced' && str(d.note)) lines.push(`${t('casework.query.note')}: ${str(d.note)}`);
  const docs = Array.isArray(d.documents) ? d.documents.filter((x): x is string => typeof x === 'string') : [];
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i} size="xs">
          {line}
        </Text>
      ))}
      {docs.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('case.documents')}: {docs.join('; ')}
        </Text>
      )}
    </>
  );
}
