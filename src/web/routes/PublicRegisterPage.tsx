import { Badge, Card, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../api/client';
import type { AuditKeys, AuditTreeHead, RegisterEntry } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PksStatusBadge } from '../components/StatusBadges';
import { PublicShell } from '../components/public/PublicShell';
import { useLang } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';

const METHODS = ['card_reader', 'web_service', 'web_portal'];

/** /register — the public register of agreements in force: who may use which data, how, and until when. */
export function PublicRegisterPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useQuery<RegisterEntry[], ApiError>({ queryKey: ['public-register'], queryFn: api.register });
  const keys = useQuery<AuditKeys, ApiError>({ queryKey: ['audit-keys'], queryFn: api.auditKeys });
  const head = useQuery<AuditTreeHead, ApiError>({ queryKey: ['audit-head'], queryFn: api.auditHead, retry: false });
  // ?q= prefills the search: the resident's view links a PKS number here (ResidentPage).
  const [search, setSearch] = useState(() => new URLSearchParams(window.location.search).get('q') ?? '');
  const [office, setOffice] = useState<string | null>(null);
  const [methods, setMethods] = useState<string[]>([]);

  const offices = useMemo(() => [...new Set((list.data ?? []).map((e) => e.office))].sort(), [list.data]);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (list.data ?? []).filter(
      (e) =>
        (!office || e.office === office) &&
        methods.every((m) => e.methods.some((x) => x === m)) &&
        (!q ||
          [e.number, e.institution, e.purpose, e.office, ...e.elements.map((x) => x.name[lang])].some((s) =>
            s.toLowerCase().includes(q),
          )),
    );
  }, [list.data, search, office, methods, lang]);

  return (
    <PublicShell size="xl">
      <Title order={1} size="h2" data-testid="page-title">
        {t('register.title')}
      </Title>
      <Text c="dimmed">{t('register.subtitle')}</Text>
      <Group align="flex-end">
        <TextInput
          label={t('register.search')}
          placeholder={t('register.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          data-testid="register-search"
        />
        <Select
          label={t('register.office')}
          placeholder={t('register.allOffices')}
          data={offices}
          value={office}
          onChange={setOffice}
          clearable
          searchable
          w={360}
          data-testid="register-office"
        />
        <MultiSelect
          label={t('register.methods')}
          placeholder={t('register.anyMethod')}
          data={METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
          value={methods}
          onChange={setMethods}
          clearable
          w={320}
          data-testid="register-methods"
        />
      </Group>
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && rows.length === 0 && (
        <Card withBorder padding="xl" data-testid="register-empty">
          <Stack align="center" gap={4}>
            <Text fw={600}>{list.data.length === 0 ? t('register.empty') : t('register.emptyFiltered')}</Text>
            <Text size="sm" c="dimmed">
              {t('register.emptyHint')}
            </Text>
          </Stack>
        </Card>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped verticalSpacing="sm" data-testid="register-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('register.number')}</Table.Th>
                <Table.Th>{t('register.institution')}</Table.Th>
                <Table.Th>{t('register.office')}</Table.Th>
                <Table.Th>{t('register.purpose')}</Table.Th>
                <Table.Th>{t('register.elements')}</Table.Th>
                <Table.Th>{t('register.methods')}</Table.Th>
                <Table.Th>{t('register.validity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.number} data-testid="register-row">
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {e.number}
                    </Text>
                    <PksStatusBadge status={e.status} size="xs" />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.institution}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`institutionTypes.${e.institutionType}`, { defaultValue: e.institutionType })}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={220}>
                    <Text size="sm">{e.office}</Text>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" lineClamp={3}>
                      {e.purpose}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="xs">{e.elements.map((x) => x.name[lang]).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {e.methods.map((m) => (
                        <Badge key={m} size="xs" variant="outline">
                          {t(`methods.${m}`, { defaultValue: m })}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">
                      {formatDate(e.validFrom, lang)} – {formatDate(e.validTo, lang)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {keys.isSuccess && (
        <Card withBorder padding="md" data-testid="register-audit-anchor">
          <Stack gap={4}>
            <Text fw={600}>{t('register.auditTitle')}</Text>
            <Text size="sm" c="dimmed">
              {t('register.auditHint')}
            </Text>
            <Text size="sm">
              {t('register.auditKey')}:{' '}
              <Text span ff="monospace" size="sm" data-testid="register-audit-fingerprint">
                {keys.data.keys.find((k) => k.keyId === keys.data.signingKeyId)?.display ?? ''}
              </Text>
            </Text>
            {head.isSuccess && (
              <Text size="sm" data-testid="register-audit-head">
                {t('register.auditHead')}:{' '}
                {t('register.auditHeadValue', {
                  size: head.data.treeSize,
                  root: head.data.rootHash.slice(0, 16),
                  time: formatDateTime(head.data.timestamp, lang),
                })}
              </Text>
            )}
          </Stack>
        </Card>
      )}
    </PublicShell>
  );
}
