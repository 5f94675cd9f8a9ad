import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ApiError } from '../../api/client';
import { useSession } from '../../api/hooks';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { useDataElements } from '../useDataElements';
import {
  CONTENT_FIELDS,
  letterUrl,
  reportsApi,
  tanggalText,
  type Counter,
  type LadderState,
  type Overview,
  type ReportContent,
  type ReportDetail,
  type ReportEntry,
  type ReportListStatus,
  type ReportStatus,
} from './api';

const STATUS_COLOR: Record<ReportStatus, string> = {
  current: 'gray',
  owed: 'yellow',
  draft: 'gray',
  submitted: 'blue',
  resubmitted: 'blue',
  returned: 'orange',
  accepted: 'teal',
};

const STATE_COLOR: Record<LadderState, string> = {
  good: 'teal',
  due: 'yellow',
  late: 'orange',
  warned: 'orange',
  sanctioned: 'red',
  reactivated: 'blue',
};

/** A report's status, in words, with "late" when it is. */
function StatusBadges({ e }: { e: ReportEntry }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={STATUS_COLOR[e.status]} variant="light" data-testid="report-status">
        {t(`reports.status.${e.status}`)}
      </Badge>
      {e.late && (
        <Badge color={e.sanctionable ? 'red' : 'orange'} data-testid="report-late">
          {t('reports.lateDays', { count: e.daysLate })}
        </Badge>
      )}
      {e.warned && e.status !== 'accepted' && (
        <Badge color="orange" variant="outline">
          {t('reports.warned')}
        </Badge>
      )}
    </Group>
  );
}

/** The reports table (the institution's own, or an office's institutions'). */
function ReportTable({ rows, showInstitution }: { rows: ReportEntry[]; showInstitution: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!rows.length) return <Text c="dimmed">{t('reports.empty')}</Text>;
  return (
    <Table striped highlightOnHover data-testid="reports-table">
      <Table.Thead>
        <Table.Tr>
          {showInstitution && <Table.Th>{t('reports.institution')}</Table.Th>}
          <Table.Th>{t('reports.semester')}</Table.Th>
          <Table.Th>{t('reports.agreement')}</Table.Th>
          <Table.Th>{t('reports.dueDate')}</Table.Th>
          <Table.Th>{t('reports.statusLabel')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((e) => (
          <Table.Tr key={`${e.agreementId}:${e.semester}`} data-testid="report-row">
            {showInstitution && <Table.Td>{e.institution.name}</Table.Td>}
            <Table.Td>
              <Anchor component={Link} to={`/reports/${e.agreementId}/${e.semester}`}>
                {e.label[lang]}
              </Anchor>
            </Table.Td>
            <Table.Td>{e.agreementNumber}</Table.Td>
            <Table.Td>{tanggalText(e.dueDate, lang)}</Table.Td>
            <Table.Td>
              <StatusBadges e={e} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const COUNTERS = ['due', 'late', 'warned', 'sanctioned', 'reactivated'] as const satisfies readonly (keyof Counter)[];

/** The ladder's overview for an office or pusat: counts, per office, and who stands where. */
function LadderOverview({ data }: { data: Overview }) {
  const { t } = useTranslation();
  const lang = useLang();
  const listed = data.institutions.filter((i) => i.state !== 'good');
  return (
    <Stack data-testid="ladder-overview">
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {COUNTERS.map((k) => (
          <Card key={k} withBorder radius="md" data-testid={`count-${k}`}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {t(`reports.counters.${k}`)}
            </Text>
            <Text fw={700} size="xl">
              {data.totals[k]}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {data.offices.length > 1 && (
        <Table striped data-testid="ladder-offices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.office')}</Table.Th>
              <Table.Th>{t('reports.counters.institutions')}</Table.Th>
              {COUNTERS.map((k) => (
                <Table.Th key={k}>{t(`reports.counters.${k}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.offices.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{o.name}</Table.Td>
                <Table.Td>{o.institutions}</Table.Td>
                {COUNTERS.map((k) => (
                  <Table.Td key={k}>{o[k]}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {listed.length > 0 && (
        <Table striped data-testid="ladder-institutions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.institution')}</Table.Th>
              <Table.Th>{t('reports.office')}</Table.Th>
              <Table.Th>{t('reports.statusLabel')}</Table.Th>
              <Table.Th>{t('reports.overdue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listed.map((i) => (
              <Table.Tr key={i.id} data-testid="ladder-row">
                <Table.Td>{i.name}</Table.Td>
                <Table.Td>{i.office.name}</Table.Td>
                <Table.Td>
                  <Text c={STATE_COLOR[i.state]} fw={700} size="sm" data-testid="ladder-state">
                    {t(`reports.state.${i.state}`)}
                  </Text>
                  {i.sanctionedOn && (
                    <Text size="xs">
                      {t('reports.sanctionedOn', { date: tanggalText(i.sanctionedOn, lang) })}{' '}
                      {i.sanctionLetterId && (
                        <Anchor href={letterUrl(i.sanctionLetterId)} target="_blank">
                          {t('reports.letter')}
                        </Anchor>
                      )}
                    </Text>
                  )}
                  {i.reactivatedOn && (
                    <Text size="xs">
                      {t('reports.reactivatedOn', { date: tanggalText(i.reactivatedOn, lang) })}{' '}
                      {i.reactivationLetterId && (
                        <Anchor href={letterUrl(i.reactivationLetterId)} target="_blank">
                          {t('reports.letter')}
                        </Anchor>
                      )}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {i.overdue.map((o) => (
                    <Text key={o.label} size="sm">
                      {o.label} — {t('reports.lateDays', { count: o.daysLate })}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** The list: the institution's own reports, or for an office and pusat the ladder and its institutions' reports. */
export function ReportList() {
  const { t } = useTranslation();
  const me = useSession();
  const office = me.organisation.kind === 'office';
  const [filter, setFilter] = useState<ReportListStatus | 'all'>(office ? 'late' : 'all');
  const list = useQuery<ReportEntry[], ApiError>({
    queryKey: ['reports', filter],
    queryFn: () => reportsApi.list(filter === 'all' ? {} : { status: filter }),
  });
  const overview = useQuery<Overview, ApiError>({
    queryKey: ['reports-overview'],
    queryFn: reportsApi.overview,
    enabled: office,
  });
  return (
    <Stack data-testid="reports-page">
      <Title order={1} size="h2">
        {t('nav.reports')}
      </Title>
      <Text c="dimmed">{office ? t('reports.introOffice') : t('reports.introInstitution')}</Text>
      {office &&
        (overview.error ? (
          <ErrorAlert error={overview.error} />
        ) : overview.data ? (
          <LadderOverview data={overview.data} />
        ) : (
          <Loading />
        ))}
      <Group justify="space-between">
        <Title order={3}>{t('reports.listTitle')}</Title>
        <SegmentedControl
          value={filter}
          onChange={setFilter}
          data={(['all', 'late', 'owed', 'submitted', 'returned', 'accepted'] as const).map((v) => ({
            value: v,
            label: t(`reports.filter.${v}`),
          }))}
        />
      </Group>
      {list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data ? (
        <ReportTable rows={list.data} showInstitution={office} />
      ) : (
        <Loading />
      )}
    </Stack>
  );
}

const CHANNELS: Record<string, string> = {
  web_service: 'Web service',
  v1: 'API v1',
  card_reader: 'Card reader KTP-el',
  web_portal: 'Web portal',
};

function Counts({ title, map, name }: { title: string; map: Record<string, number>; name: (k: string) => string }) {
  const lang = useLang();
  const rows = Object.entries(map).sort((a, b) => b[1] - a[1]);
  return (
    <div>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ) : (
        rows.map(([k, v]) => (
          <Text key={k} size="sm">
            {name(k)}: {v.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB')}
          </Text>
        ))
      )}
    </div>
  );
}

/** One report: the ledger's figures, the institution's text (editable while a draft or returned), the review. */
export function ReportDetailView() {
  const { t } = useTranslation();
  const lang = useLang();
  const { agreementId = '', semester = '' } = useParams();
  const qc = useQueryClient();
  const elements = useDataElements();
  const key = ['report', agreementId, semester];
  const q = useQuery<ReportDetail, ApiError>({ queryKey: key, queryFn: () => reportsApi.get(agreementId, semester) });
  const [content, setContent] = useState<ReportContent | null>(null);
  const [notes, setNotes] = useState('');
  useEffect(() => {
    if (q.data) setContent(q.data.content);
  }, [q.data]);
  const done = (d: ReportDetail) => {
    qc.setQueryData(key, d);
    void qc.invalidateQueries({ queryKey: ['reports'] });
    void qc.invalidateQueries({ queryKey: ['notices'] });
  };
  const save = useMutation<ReportDetail, ApiError, ReportContent>({
    mutationFn: (c) => reportsApi.save(agreementId, semester, c),
    onSuccess: done,
  });
  const submit = useMutation<ReportDetail, ApiError, ReportContent>({
    mutationFn: (c) => reportsApi.submit(agreementId, semester, c),
    onSuccess: done,
  });
  const review = useMutation<ReportDetail, ApiError, { decision: 'accept' | 'return'; notes?: string }>({
    mutationFn: (b) => reportsApi.review(agreementId, semester, b),
    onSuccess: (d) => {
      setNotes('');
      done(d);
    },
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data || !content) return <Loading />;
  const r = q.data;
  const f = r.figures;
  const fmt = (n: number) => n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB');
  return (
    <Stack data-testid="report-detail">
      <Anchor component={Link} to="/reports" size="sm">
        {t('reports.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('reports.detailTitle', { semester: r.label[lang] })}
      </Title>
      <Text>
        {r.institution.name} · {t('reports.agreement')} {r.agreementNumber} ·{' '}
        {t('reports.period', { from: tanggalText(r.periodStart, lang), to: tanggalText(r.periodEnd, lang) })}
      </Text>
      <Group>
        <StatusBadges e={r} />
        <Text size="sm">{t('reports.dueOn', { date: tanggalText(r.dueDate, lang) })}</Text>
        {r.documentId && (
          <Anchor href={reportsApi.pdfUrl(agreementId, semester)} target="_blank" data-testid="report-pdf">
            {t('reports.pdf')}
          </Anchor>
        )}
        {r.warningDocumentId && (
          <Anchor href={letterUrl(r.warningDocumentId)} target="_blank">
            {t('reports.warningLetter')}
          </Anchor>
        )}
      </Group>
      {r.status === 'returned' && r.returnedNotes && (
        <Alert color="orange" title={t('reports.returnedTitle')} data-testid="report-notes">
          {r.returnedNotes}
        </Alert>
      )}
      <Card withBorder radius="md">
        <Title order={4}>{r.figuresFrozen ? t('reports.figuresFrozen') : t('reports.figuresLive')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
          <Text>
            {t('reports.calls')}: <b>{fmt(f.calls)}</b> ({t('reports.answered')} {fmt(f.answered)},{' '}
            {t('reports.refused')} {fmt(f.refused)})
          </Text>
          <Text>
            {t('reports.residents')}: <b>{fmt(f.residentsServed)}</b>
          </Text>
          <Text>
            {t('reports.operators')}: <b>{f.operators.length}</b>
          </Text>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
          <Counts title={t('reports.byChannel')} map={f.byChannel} name={(k) => CHANNELS[k] ?? t('reports.other')} />
          <Counts
            title={t('reports.byElement')}
            map={f.byElement}
            name={(k) => elements.byCode.get(k)?.name[lang] ?? t('reports.other')}
          />
          <Counts
            title={t('reports.refusals')}
            map={f.refusalsByReason}
            name={(k) => t(`reports.reason.${k}`, { defaultValue: t('reports.other') })}
          />
        </SimpleGrid>
      </Card>
      <Card withBorder radius="md">
        <Title order={4}>{t('reports.contentTitle')}</Title>
        <Stack gap="sm" mt="xs">
          {CONTENT_FIELDS.map((k) =>
            r.canEdit ? (
              <Textarea
                key={k}
                label={t(`reports.fields.${k}`)}
                description={t(`reports.hints.${k}`)}
                value={content[k]}
                maxLength={2000}
                autosize
                minRows={2}
                onChange={(e) => setContent({ ...content, [k]: e.currentTarget.value })}
                data-testid={`field-${k}`}
              />
            ) : (
              <div key={k}>
                <Text fw={600} size="sm">
                  {t(`reports.fields.${k}`)}
                </Text>
                <Text size="sm">{content[k] || '—'}</Text>
              </div>
            ),
          )}
        </Stack>
        {(save.error ?? submit.error) && <ErrorAlert error={save.error ?? submit.error} />}
        {r.canEdit && (
          <Group mt="md">
            <Button variant="light" loading={save.isPending} onClick={() => save.mutate(content)}>
              {t('reports.saveDraft')}
            </Button>
            {r.canSubmit && (
              <Button loading={submit.isPending} onClick={() => submit.mutate(content)} data-testid="report-submit">
                {r.status === 'returned' ? t('reports.resubmit') : t('reports.submit')}
              </Button>
            )}
          </Group>
        )}
        {r.canEdit && !r.canSubmit && (
          <Text size="sm" c="dimmed" mt="xs">
            {r.status === 'current' ? t('reports.notOverYet') : t('reports.onlyPimpinan')}
          </Text>
        )}
      </Card>
      {r.canReview && (
        <Card withBorder radius="md" data-testid="report-review">
          <Title order={4}>{t('reports.reviewTitle')}</Title>
          <Textarea
            label={t('reports.reviewNotes')}
            value={notes}
            maxLength={1000}
            onChange={(e) => setNotes(e.currentTarget.value.replace(/[\r\n]+/g, ' '))}
            mt="xs"
          />
          {review.error && <ErrorAlert error={review.error} />}
          <Group mt="md">
            <Button color="teal" loading={review.isPending} onClick={() => review.mutate({ decision: 'accept' })}>
              {t('reports.accept')}
            </Button>
            <Button
              color="orange"
              variant="light"
              loading={review.isPending}
              onClick={() => review.mutate({ decision: 'return', notes })}
            >
              {t('reports.return')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}
