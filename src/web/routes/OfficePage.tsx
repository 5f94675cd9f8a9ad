import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import { hasCapability, isAdmin, isPusat, useSession } from '../api/hooks';
import type { Office, Role } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { OfficePeople } from '../components/office/OfficePeople';
import { OfficeRoles } from '../components/office/OfficeRoles';
import { PermissionMatrix } from '../components/office/PermissionMatrix';
import { LetterheadForm } from '../components/office/LetterheadForm';
import { SopPurposes } from '../components/office/SopPurposes';
import { ReportDeadlineSetting } from '../components/reports/ReportDeadlineSetting';
import { timezoneKey } from '../components/office/vocabulary';

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" data-testid={testId} component="section" aria-label={title}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** One office for its admin (or a pusat admin): its roles, people, permissions and SOP purposes. */
export function OfficePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useSession();
  const allowed = me.organisation.kind === 'office' && isAdmin(me) && (me.organisation.id === id || isPusat(me));
  const offices = useQuery<Office[], ApiError>({ queryKey: ['offices'], queryFn: api.offices, enabled: allowed });
  const roles = useQuery<Role[], ApiError>({
    queryKey: ['office-roles', id],
    queryFn: () => api.officeRoles(id),
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <Alert color="yellow" data-testid="office-forbidden">
        {t('office.forbidden')}
      </Alert>
    );
  }
  if (offices.isPending || roles.isPending) return <Loading />;
  if (offices.isError) return <ErrorAlert error={offices.error} onRetry={() => void offices.refetch()} />;
  if (roles.isError) return <ErrorAlert error={roles.error} onRetry={() => void roles.refetch()} />;
  const office = offices.data.find((o) => o.id === id);
  if (!office) {
    return (
      <Alert color="yellow" data-testid="office-not-found">
        {t('office.notFound')}
      </Alert>
    );
  }
  const parent = offices.data.find((o) => o.id === office.parentId);
  // Choosing the SOP of a purpose needs the right to publish SOPs (the office's setting, or pusat's).
  const canChooseSop = hasCapability(me, 'sop.publish');

  return (
    <Stack data-testid="office-page" data-office-id={office.id}>
      {isPusat(me) && (
        <Anchor component={Link} to="/offices" size="sm" data-testid="office-back">
          ← {t('office.back')}
        </Anchor>
      )}
      <Title order={1} size="h2" data-testid="page-title">
        {office.name}
      </Title>
      <Group gap="xs">
        <Badge variant="light">{t(`officeLevel.${office.level}`, { defaultValue: office.level })}</Badge>
        {office.headTitle && <Text size="sm">{office.headTitle}</Text>}
        <Text size="sm" c="dimmed">
          · {t(timezoneKey(office.timezone), { defaultValue: office.timezone })}
        </Text>
        {parent && (
          <Text size="sm" c="dimmed">
            · {t('offices.parent')}: {parent.name}
          </Text>
        )}
      </Group>
      <Section title={t('office.rolesTitle')} testId="office-roles-section">
        <OfficeRoles officeId={office.id} roles={roles.data} />
      </Section>
      <Section title={t('office.peopleTitle')} testId="office-people-section">
        <OfficePeople me={me} officeId={office.id} roles={roles.data} />
      </Section>
      <Section title={t('office.permissionsTitle')} testId="office-permissions-section">
        <PermissionMatrix officeId={office.id} roles={roles.data} editable />
      </Section>
      <Section title={t('letterhead.title')} testId="office-letterhead-section">
        <LetterheadForm officeId={office.id} officeName={office.name} />
      </Section>
      <Section title={t('reports.deadlineTitle')} testId="office-report-deadline-section">
        <ReportDeadlineSetting office={office} />
      </Section>
      <Section title={t('office.purposesTitle')} testId="office-purposes-section">
        <SopPurposes officeId={office.id} editable={canChooseSop} />
      </Section>
    </Stack>
  );
}
