import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Badge,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import { useSession } from '../api/hooks';
import type { ApplicationSummary, CaseSummary, InstitutionSummary, NewCase, SopSummary } from '../api/client';
import { ApplicationStatusBadge } from '../components/StatusBadges';
import { ErrorAlert } from '../components/ErrorAlert';
import { QueryList } from '../components/QueryList';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';

/** Permohonan: the applications (institution: mine; office: those received), the cases, and ways to start new ones. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const me = useSession();
  const isInstitution = me.organisation.kind === 'institution';
  const [status, setStatus] = useState<'all' | 'open' | 'ended'>('all');
  const [showForm, setShowForm] = useState(false);
  const cases = useQuery<CaseSummary[], ApiError>({
    queryKey: ['cases', status],
    queryFn: () => api.cases(status === 'all' ? undefined : status),
  });

  return (
    <Stack data-testid="applications-page">
      <Group justify="space-between">
        <Title order={1} size="h2" data-testid="page-title">
          {t('applications.title')}
        </Title>
        <Group gap="xs">
          {isInstitution && (
            <Button component={Link} to="/applications/new" data-testid="new-application-button">
              {t('applications.newApplication')}
            </Button>
          )}
          {!showForm && (
            <Button
              variant={isInstitution ? 'default' : 'filled'}
              onClick={() => setShowForm(true)}
              data-testid="new-case-button"
            >
              {t(isInstitution ? 'applications.newCase' : 'applications.new')}
            </Button>
          )}
        </Group>
      </Group>
      {showForm && <NewCaseForm onCancel={() => setShowForm(false)} />}
      <ApplicationList />
      <Title order={3}>{t('applications.casesTitle')}</Title>
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data={[
          { value: 'all', label: t('applications.all') },
          { value: 'open', label: t('caseStatus.open') },
          { value: 'ended', label: t('caseStatus.ended') },
        ]}
      />
      <QueryList query={cases} empty={t('applications.empty')} emptyTestId="cases-empty">
        {(rows) => (
          <Table.ScrollContainer minWidth={800}>
            <Table highlightOnHover data-testid="cases-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('applications.number')}</Table.Th>
                  <Table.Th>{t('applications.caseTitle')}</Table.Th>
                  <Table.Th>{t('applications.sop')}</Table.Th>
                  <Table.Th>{t('case.institution')}</Table.Th>
                  <Table.Th>{t('case.openedAt')}</Table.Th>
                  <Table.Th>{t('applications.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr
                    key={c.id}
                    style={{ cursor: 'pointer' }}
                    onClick={(e) => {
                      // The link itself navigates; a click elsewhere on the row does the same.
                      if (!(e.target as HTMLElement).closest('a')) void navigate(`/cases/${c.id}`);
                    }}
                    data-testid="case-row"
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${c.id}`} size="sm" fw={600}>
                        {c.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{c.title}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {c.sopName} · {t('sop.version', { version: c.sopVersion })}
                      </Text>
                    </Table.Td>
                    <Table.Td>{c.institutionName ?? '—'}</Table.Td>
                    <Table.Td>{formatDateTime(c.openedAt, lang)}</Table.Td>
                    <Table.Td>
                      <Badge color={c.status === 'open' ? 'blue' : 'gray'} variant="light">
                        {t(`caseStatus.${c.status}`, { defaultValue: c.status })}
                      </Badge>
                      {c.outcome && (
                        <Badge ml={4} color={c.outcome === 'ditolak' ? 'red' : 'green'} variant="light">
                          {t(`outcome.${c.outcome}`, { defaultValue: c.outcome })}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryList>
    </Stack>
  );
}

/** The applications the user may see: drafts and submitted ones of an institution, or those an office received. */
function ApplicationList() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const list = useQuery<ApplicationSummary[], ApiError>({ queryKey: ['applications'], queryFn: api.applications });
  return (
    <Stack gap="xs">
      <Title order={3}>{t('applications.applicationsTitle')}</Title>
      <QueryList query={list} empty={t('applications.noApplications')} emptyTestId="applications-empty">
        {(rows) => (
          <Table.ScrollContainer minWidth={700}>
            <Table highlightOnHover data-testid="applications-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('case.institution')}</Table.Th>
                  <Table.Th>{t('application.purpose')}</Table.Th>
                  <Table.Th>{t('applications.updated')}</Table.Th>
                  <Table.Th>{t('applications.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr
                    key={a.id}
                    style={{ cursor: 'pointer' }}
                    onClick={(e) => {
                      // The link itself navigates; a click elsewhere on the row does the same.
                      if (!(e.target as HTMLElement).closest('a')) void navigate(`/applications/${a.id}`);
                    }}
                    data-testid="application-row"
                    data-id={a.id}
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/applications/${a.id}`} size="sm" fw={600}>
                        {a.institutionName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td maw={420}>
                      <Text size="sm" lineClamp={2}>
                        {a.purpose || t('application.untitled')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(a.submittedAt ?? a.updatedAt, lang)}</Table.Td>
                    <Table.Td>
                      <ApplicationStatusBadge status={a.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryList>
    </Stack>
  );
}

function NewCaseForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isOffice = me.organisation.kind === 'office';
  const sops = useQuery<SopSummary[], ApiError>({ queryKey: ['sops', 'mine'], queryFn: () => api.sops() });
  const institutions = useQuery<InstitutionSummary[], ApiError>({
    queryKey: ['institutions'],
    queryFn: api.institutions,
    enabled: isOffice,
  });
  const [sopCode, setSopCode] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [institutionId, setInstitutionId] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);

  const open = useMutation<{ id: string; number: string }, ApiError, NewCase>({
    mutationFn: api.openCase,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      await queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void navigate(`/cases/${created.id}`);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!sopCode) return;
    if (title.trim().length < 3) {
      setTitleError(t('applications.titleTooShort'));
      return;
    }
    setTitleError(null);
    open.mutate({
      sopCode,
      title: title.trim(),
      ...(isOffice && institutionId ? { institutionId } : {}),
    });
  };

  const myInstitutions = (institutions.data ?? []).filter((i) => i.officeId === me.organisation.id);

  return (
    <Card withBorder padding="lg" radius="md" data-testid="new-case-form">
      <form onSubmit={submit}>
        <Stack>
          <Title order={4}>{t('applications.newTitle')}</Title>
          {sops.isError && <ErrorAlert error={sops.error} />}
          <Select
            label={t('applications.sop')}
            placeholder={t('applications.chooseSop')}
            data={(sops.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
            value={sopCode}
            onChange={setSopCode}
            required
            searchable
            nothingFoundMessage={t('applications.noSops')}
            data-testid="new-case-sop"
          />
          <TextInput
            label={t('applications.caseTitle')}
            placeholder={t('applications.titlePlaceholder')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={titleError}
            required
            maxLength={300}
            data-testid="new-case-title"
          />
          {isOffice && (
            <Group grow>
              <Select
                label={t('case.institution')}
                placeholder={t('applications.chooseInstitution')}
                data={myInstitutions.map((i) => ({ value: i.id, label: i.name }))}
                value={institutionId}
                onChange={setInstitutionId}
                clearable
                searchable
                data-testid="new-case-institution"
              />
            </Group>
          )}
          {open.isError && <ErrorAlert error={open.error} />}
          <Group>
            <Button type="submit" loading={open.isPending} disabled={!sopCode} data-testid="new-case-submit">
              {t('applications.submit')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('applications.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
