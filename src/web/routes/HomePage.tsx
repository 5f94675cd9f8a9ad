import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../api/hooks';
import { useInbox, useWorkSummary, type WorkSummary } from '../api/work';
import { ErrorAlert } from '../components/ErrorAlert';
import { SlaBadge } from '../components/SlaBadge';
import { NoticeList } from '../components/reports/NoticeList';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';
import { showSla, useWorkWords } from '../components/work/workWords';

type CountKey = keyof WorkSummary;

/** The dashboard's numbers, in order, and where each one leads (the inbox filtered to it, or its section). */
const COUNTS: readonly { key: CountKey; to: string; alarm?: boolean }[] = [
  { key: 'total', to: '/inbox' },
  { key: 'overdue', to: '/inbox?sla=overdue', alarm: true },
  { key: 'dueSoon', to: '/inbox?sla=due_soon' },
  { key: 'pksToSign', to: '/inbox?work=pks_sign' },
  { key: 'institutionsToVerify', to: '/inbox?work=institution_verify' },
  { key: 'reportsToReview', to: '/inbox?work=report_review' },
  { key: 'findingsToDecide', to: '/inbox?work=finding_decide' },
  { key: 'reportsToSubmit', to: '/reports' },
];

/** How many of the most urgent items the home page lists. */
const URGENT = 5;

/** Home: who you are, where you belong, your roles, and a dashboard of the work waiting for you. */
export function HomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSession();
  const org = me.organisation;
  const detail =
    org.kind === 'institution' ? t(`institutionTypes.${org.detail}`, { defaultValue: org.detail }) : org.detail;
  const summary = useWorkSummary();
  const inbox = useInbox({ sort: 'due', order: 'asc' });
  const words = useWorkWords();
  const urgent = (inbox.data ?? []).slice(0, URGENT);

  return (
    <Stack gap="lg" data-testid="home">
      <Title order={1} size="h2" data-testid="home-welcome">
        {t('home.welcome', { name: me.displayName })}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {org.kind === 'office' ? t('home.office') : t('home.institution')}
          </Text>
          <Text fw={600} size="lg" data-testid="home-org-name">
            {org.name}
          </Text>
          <Text c="dimmed" data-testid="home-org-detail">
            {detail}
          </Text>
        </Card>
        <Card withBorder radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t('home.roles')}
          </Text>
          <Group gap="xs" mt="xs" data-testid="home-roles">
            {me.roles.length === 0 && <Text c="dimmed">{t('home.noRoles')}</Text>}
            {me.roles.map((role) => (
              <Badge key={role.code} size="lg" variant="light" data-testid={`role-${role.code}`}>
                {role.name[lang]}
              </Badge>
            ))}
          </Group>
        </Card>
      </SimpleGrid>

      <Title order={2} size="h3">
        {t('work.home.title')}
      </Title>
      {summary.isError && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} data-testid="home-counts">
        {summary.isPending && COUNTS.slice(0, 4).map((c) => <Skeleton key={c.key} height={96} radius="md" />)}
        {summary.data &&
          COUNTS.map(({ key, to, alarm }) => {
            const value = summary.data[key];
            if (value === null) return null;
            return (
              <Card
                key={key}
                component={Link}
                to={to}
                withBorder
                radius="md"
                padding="md"
                data-testid={`home-count-${key}`}
                data-count={value}
                style={{ color: 'inherit', textDecoration: 'none' }}
              >
                <Text fz={36} fw={700} lh={1.1} c={alarm && value > 0 ? 'red.8' : undefined}>
                  {value}
                </Text>
                <Text size="sm" fw={500} mt={4}>
                  {t(`work.home.${key}`)}
                </Text>
              </Card>
            );
          })}
      </SimpleGrid>

      <Card withBorder radius="md" data-testid="home-urgent">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={2} size="h4">
              {t('work.home.urgent')}
            </Title>
            <Anchor component={Link} to="/inbox" size="sm">
              {t('work.home.seeAll')}
            </Anchor>
          </Group>
          {inbox.isPending && <Skeleton height={48} />}
          {inbox.isError && <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />}
          {inbox.isSuccess && urgent.length === 0 && (
            <Text c="dimmed" data-testid="home-nothing">
              {t('work.home.nothing')}
            </Text>
          )}
          {urgent.map((item) => (
            <Group
              key={item.id}
              justify="space-between"
              align="flex-start"
              wrap="nowrap"
              gap="sm"
              data-testid="home-urgent-item"
              data-action={item.action}
            >
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={item.link} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {words.title(item)}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[item.institution, item.reference].filter(Boolean).join(' · ')}
                  {item.deadlineAt ? ` · ${t('work.inbox.due')}: ${formatDateTime(item.deadlineAt, lang)}` : ''}
                </Text>
              </Stack>
              {showSla(item) && <SlaBadge sla={item.sla} />}
            </Group>
          ))}
        </Stack>
      </Card>

      <NoticeList />
    </Stack>
  );
}
