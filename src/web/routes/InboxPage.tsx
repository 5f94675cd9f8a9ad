import { Card, Group, Select, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import type { InboxItem, InboxQuery, SlaState } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { SlaBadge } from '../components/SlaBadge';
import { NoticeList } from '../components/reports/NoticeList';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';

const SLA_FILTERS: SlaState[] = ['on_time', 'due_soon', 'overdue', 'paused', 'no_standard'];
type SortKey = 'due' | 'opened';

/** Kotak Masuk: the open tasks for my roles, with due time and SLA state. */
export function InboxPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [sla, setSla] = useState<SlaState | null>(null);
  const [sop, setSop] = useState<string | null>(null);
  const [sort, setSort] = useState<SortKey>('due');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');

  const q: InboxQuery = { sort, order, ...(sla ? { sla } : {}), ...(sop ? { sop } : {}) };
  const inbox = useQuery<InboxItem[], ApiError>({ queryKey: ['inbox', q], queryFn: () => api.inbox(q) });
  // The SOP choices come from all my tasks, so a filter never hides its own alternatives.
  const all = useQuery<InboxItem[], ApiError>({ queryKey: ['inbox', {}], queryFn: () => api.inbox() });
  const sopOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const item of all.data ?? []) seen.set(item.sopCode, item.sopName);
    return [...seen].map(([value, name]) => ({ value, label: `${name} (${value})` }));
  }, [all.data]);

  const sortBy = (key: SortKey) => {
    if (sort === key) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder('asc');
    }
  };
  const arrow = (key: SortKey) => (sort === key ? (order === 'asc' ? ' ▲' : ' ▼') : '');
  const filtered = Boolean(sla || sop);

  return (
    <Stack data-testid="inbox-page">
      <Title order={2} data-testid="page-title">
        {t('inbox.title')}
      </Title>
      <Text c="dimmed">{t('inbox.subtitle')}</Text>
      <NoticeList limit={10} />
      <Group align="flex-end">
        <Select
          label={t('inbox.filterSla')}
          placeholder={t('inbox.all')}
          data={SLA_FILTERS.map((s) => ({ value: s, label: t(`sla.${s}`) }))}
          value={sla}
          onChange={(v) => setSla(v as SlaState | null)}
          clearable
          w={200}
          data-testid="inbox-filter-sla"
        />
        <Select
          label={t('inbox.filterSop')}
          placeholder={t('inbox.all')}
          data={sopOptions}
          value={sop}
          onChange={setSop}
          clearable
          w={360}
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
            setSort(k as SortKey);
            setOrder(o as 'asc' | 'desc');
          }}
          allowDeselect={false}
          w={220}
          data-testid="inbox-sort"
        />
      </Group>
      {inbox.isPending && <Loading />}
      {inbox.isError && <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.isSuccess && inbox.data.length === 0 && (
        <Card withBorder padding="xl" data-testid="inbox-empty">
          <Stack align="center" gap={4}>
            <Text fw={600}>{filtered ? t('inbox.emptyFiltered') : t('inbox.empty')}</Text>
            <Text c="dimmed" size="sm">
              {t('inbox.emptyHint')}
            </Text>
          </Stack>
        </Card>
      )}
      {inbox.isSuccess && inbox.data.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="inbox-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inbox.case')}</Table.Th>
                <Table.Th>{t('inbox.step')}</Table.Th>
                <Table.Th>{t('inbox.sop')}</Table.Th>
                <Table.Th>
                  <UnstyledButton fw={700} fz="sm" onClick={() => sortBy('opened')} data-testid="inbox-sort-opened">
                    {t('inbox.opened')}
                    {arrow('opened')}
                  </UnstyledButton>
                </Table.Th>
                <Table.Th>
                  <UnstyledButton fw={700} fz="sm" onClick={() => sortBy('due')} data-testid="inbox-sort-due">
                    {t('inbox.due')}
                    {arrow('due')}
                  </UnstyledButton>
                </Table.Th>
                <Table.Th>{t('inbox.sla')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inbox.data.map((item) => (
                <Table.Tr
                  key={item.taskId}
                  style={{ cursor: 'pointer' }}
                  onClick={() => void navigate(`/cases/${item.caseId}`)}
                  data-testid="inbox-row"
                  data-case-number={item.caseNumber}
                  data-step={item.stepId}
                >
                  <Table.Td>
                    <Text fw={600} size="sm" data-testid="inbox-case-number">
                      {item.caseNumber}
                    </Text>
                    <Text size="sm" c="dimmed" lineClamp={1}>
                      {item.caseTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={380}>
                    <Text size="sm" lineClamp={2} data-testid="inbox-step">
                      <b>{item.no}.</b> {item.kegiatan}
                    </Text>
                    {item.via === 'revision' && (
                      <Text size="xs" c="orange" lineClamp={2}>
                        {t('inbox.returned')}: {item.reason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={240}>
                    <Text size="sm" lineClamp={2}>
                      {item.sopName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(item.openedAt, lang)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.deadlineAt ? formatDateTime(item.deadlineAt, lang) : t('inbox.noDue')}</Text>
                    {item.targetAt && item.deadlineAt && item.targetAt !== item.deadlineAt && (
                      <Text size="xs" c="dimmed">
                        {t('inbox.target')}: {formatDateTime(item.targetAt, lang)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <SlaBadge sla={item.sla} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
