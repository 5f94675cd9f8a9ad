import {
  Anchor,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useInbox, type WorkAction, type WorkItem, type WorkQuery, type WorkSla } from '../api/work';
import { WORK_ACTIONS } from '../../domain/work.js';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { SlaBadge } from '../components/SlaBadge';
import { NoticeList } from '../components/reports/NoticeList';
import { showSla, useWorkWords } from '../components/work/workWords';
import { useLang, type Lang } from '../i18n';
import { formatDateTime } from '../lib/format';

const SLA_FILTERS: WorkSla[] = ['on_time', 'due_soon', 'overdue', 'paused', 'no_standard'];
const ACTIONS: readonly WorkAction[] = WORK_ACTIONS;
type SortKey = 'due' | 'opened';

function about(item: WorkItem): string {
  return [item.institution, item.reference].filter(Boolean).join(' · ');
}

function due(item: WorkItem, lang: Lang, noDue: string): string {
  return item.deadlineAt ? formatDateTime(item.deadlineAt, lang) : noDue;
}

/** Kotak Masuk: everything waiting for me, each item a link to the page where it is done. */
export function InboxPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const words = useWorkWords();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  // The filters live in the address, so the home page's numbers link to the inbox already filtered.
  const [params, setParams] = useSearchParams();
  const sla = (SLA_FILTERS as string[]).includes(params.get('sla') ?? '') ? (params.get('sla') as WorkSla) : null;
  const action = (ACTIONS as readonly string[]).includes(params.get('work') ?? '')
    ? (params.get('work') as WorkAction)
    : null;
  const sop = params.get('sop');
  const sort: SortKey = params.get('sort') === 'opened' ? 'opened' : 'due';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const q: WorkQuery = { sort, order, ...(sla ? { sla } : {}), ...(sop ? { sop } : {}) };
  const inbox = useInbox(q);
  // The choices come from all my items, so a filter never hides its own alternatives.
  const all = useInbox();
  const sopOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const item of all.data ?? []) if (item.sopCode) seen.set(item.sopCode, item.sopName ?? item.sopCode);
    return [...seen].map(([value, name]) => ({ value, label: name }));
  }, [all.data]);
  const actionOptions = useMemo(() => {
    const present = new Set((all.data ?? []).map((i) => i.action));
    return ACTIONS.filter((a) => present.has(a) || a === action).map((a) => ({
      value: a,
      label: t(`work.action.${a}`),
    }));
  }, [all.data, action, t]);

  const items = (inbox.data ?? []).filter((i) => !action || i.action === action);
  const sortBy = (key: SortKey) =>
    set({ sort: key, order: sort === key && order === 'asc' ? 'desc' : sort === key ? 'asc' : 'asc' });
  const arrow = (key: SortKey) => (sort === key ? (order === 'asc' ? ' ▲' : ' ▼') : '');
  const filtered = Boolean(sla || sop || action);

  return (
    <Stack data-testid="inbox-page">
      <Title order={1} size="h2" data-testid="page-title">
        {t('inbox.title')}
      </Title>
      <Text c="dimmed">{t('work.inbox.subtitle')}</Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" verticalSpacing="xs">
        <Select
          label={t('work.inbox.filterWork')}
          placeholder={t('inbox.all')}
          data={actionOptions}
          value={action}
          onChange={(v) => set({ work: v })}
          clearable
          data-testid="inbox-filter-work"
        />
        <Select
          label={t('inbox.filterSla')}
          placeholder={t('inbox.all')}
          data={SLA_FILTERS.map((s) => ({ value: s, label: t(`sla.${s}`) }))}
          value={sla}
          onChange={(v) => set({ sla: v })}
          clearable
          data-testid="inbox-filter-sla"
        />
        <Select
          label={t('inbox.filterSop')}
          placeholder={t('inbox.all')}
          data={sopOptions}
          value={sop}
          onChange={(v) => set({ sop: v })}
          clearable
          data-testid="inbox-filter-sop"
        />
        <Select
          label={t('inbox.sortBy')}
          data={[
            { value: 'due:asc', label: t('inbox.sortDueAsc') },
            { value: 'due:desc', label: t('inbox.sortDueDesc') },
            { value: 'opened:desc', label: t('inbox.sortOpenedDesc') },
            { value: 'opened:asc', label: t('inbox.sortOpenedAsc') },
          ]}
          value={`${sort}:${order}`}
          onChange={(v) => {
            if (!v) return;
            const [k, o] = v.split(':');
            set({ sort: k ?? 'due', order: o ?? 'asc' });
          }}
          allowDeselect={false}
          data-testid="inbox-sort"
        />
      </SimpleGrid>
      {filtered && (
        <Button variant="subtle" w="fit-content" onClick={() => set({ sla: null, sop: null, work: null })}>
          {t('work.inbox.clearFilters')}
        </Button>
      )}
      {inbox.isPending && <Loading />}
      {inbox.isError && <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.isSuccess && (
        <Text size="sm" c="dimmed" data-testid="inbox-count" data-count={items.length}>
          {t('work.inbox.count', { count: items.length })}
        </Text>
      )}
      {inbox.isSuccess && items.length === 0 && (
        <Card withBorder padding="xl" data-testid="inbox-empty">
          <Stack align="center" gap={4}>
            <Text fw={600}>{filtered ? t('inbox.emptyFiltered') : t('inbox.empty')}</Text>
            <Text c="dimmed" size="sm">
              {t('inbox.emptyHint')}
            </Text>
          </Stack>
        </Card>
      )}
      {inbox.isSuccess && items.length > 0 && phone && (
        <Stack gap="sm" data-testid="inbox-cards">
          {items.map((item) => (
            <Card
              key={item.id}
              component={Link}
              to={item.link}
              withBorder
              padding="sm"
              data-testid="inbox-card"
              data-action={item.action}
              data-case-number={item.caseNumber ?? undefined}
              data-step={item.stepId ?? undefined}
              style={{ color: 'inherit', textDecoration: 'none' }}
            >
              <Stack gap={4}>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Text fw={600} size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {words.title(item)}
                  </Text>
                  {showSla(item) && <SlaBadge sla={item.sla} />}
                </Group>
                {words.detail(item) && (
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {words.detail(item)}
                  </Text>
                )}
                {about(item) && (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {about(item)}
                  </Text>
                )}
                {item.via === 'revision' && item.reason && (
                  <Text size="xs" c="orange.9" style={{ overflowWrap: 'anywhere' }}>
                    {t('work.inbox.returned')}: {item.reason}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t('work.inbox.since')}: {formatDateTime(item.openedAt, lang)} · {t('work.inbox.due')}:{' '}
                  {due(item, lang, t('work.inbox.noDue'))}
                </Text>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {inbox.isSuccess && items.length > 0 && !phone && (
        <Table highlightOnHover verticalSpacing="sm" data-testid="inbox-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('work.inbox.what')}</Table.Th>
              <Table.Th>{t('work.inbox.about')}</Table.Th>
              <Table.Th>
                <UnstyledButton fw={700} fz="sm" onClick={() => sortBy('opened')} data-testid="inbox-sort-opened">
                  {t('work.inbox.since')}
                  {arrow('opened')}
                </UnstyledButton>
              </Table.Th>
              <Table.Th>
                <UnstyledButton fw={700} fz="sm" onClick={() => sortBy('due')} data-testid="inbox-sort-due">
                  {t('work.inbox.due')}
                  {arrow('due')}
                </UnstyledButton>
              </Table.Th>
              <Table.Th>{t('work.inbox.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr
                key={item.id}
                style={{ cursor: 'pointer' }}
                onClick={(e) => {
                  // The link itself navigates; a click elsewhere on the row does the same.
                  if (!(e.target as HTMLElement).closest('a')) void navigate(item.link);
                }}
                data-testid="inbox-row"
                data-action={item.action}
                data-case-number={item.caseNumber ?? undefined}
                data-step={item.stepId ?? undefined}
              >
                <Table.Td maw={420}>
                  <Anchor component={Link} to={item.link} fw={600} size="sm" data-testid="inbox-link">
                    {words.title(item)}
                  </Anchor>
                  {words.detail(item) && (
                    <Text size="sm" c="dimmed" lineClamp={2} data-testid="inbox-step">
                      {words.detail(item)}
                    </Text>
                  )}
                  {item.via === 'revision' && item.reason && (
                    <Text size="xs" c="orange.9" lineClamp={2}>
                      {t('work.inbox.returned')}: {item.reason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td maw={300}>
                  <Text size="sm" lineClamp={2}>
                    {item.institution ?? item.caseTitle ?? ''}
                  </Text>
                  {item.reference && (
                    <Text size="xs" c="dimmed" data-testid="inbox-case-number">
                      {item.reference}
                    </Text>
                  )}
                  {item.sopName && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {item.sopName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(item.openedAt, lang)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{due(item, lang, t('work.inbox.noDue'))}</Text>
                  {item.targetAt && item.deadlineAt && item.targetAt !== item.deadlineAt && (
                    <Text size="xs" c="dimmed">
                      {t('work.inbox.target')}: {formatDateTime(item.targetAt, lang)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{showSla(item) && <SlaBadge sla={item.sla} />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <NoticeList limit={10} />
    </Stack>
  );
}
