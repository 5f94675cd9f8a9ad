import { Anchor, Badge, Button, Card, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../api/hooks';
import { campaignUrls, campaignsApi, type CampaignSummary } from '../../api/campaigns';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { ChecklistForm } from './ChecklistForm';
import { DataDukungCard } from './DataDukungCard';
import { Findings } from './Findings';
import { FollowUpList } from './FollowUps';
import { count, dateText } from './format';

const STATUS_COLOR: Record<CampaignSummary['status'], string> = { open: 'blue', reported: 'violet', closed: 'teal' };

function StatusBadge({ s }: { s: CampaignSummary['status'] }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[s]}>{t(`campaigns.campaignStatus.${s}`)}</Badge>;
}

/** The campaigns of the office's scope, with a link to open a new one and to the follow-ups. */
export function CampaignList() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSession();
  const q = useQuery({
    queryKey: ['campaigns'],
    queryFn: campaignsApi.list,
    enabled: me.organisation.kind === 'office',
  });
  // An institution has no campaigns to read: it sees the follow-ups it owes.
  if (me.organisation.kind === 'institution') return <FollowUpList />;
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('campaigns.title')}
      </Title>
      <Text>{t('campaigns.intro')}</Text>
      <Group>
        <Button component={Link} to="/campaigns/new" data-testid="campaign-new">
          {t('campaigns.newTitle')}
        </Button>
        <Button component={Link} to="/campaigns/follow-ups" variant="light">
          {t('campaigns.followUpsTitle')}
        </Button>
      </Group>
      {q.data.length === 0 ? (
        <Text>{t('campaigns.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('campaigns.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.titleLabel')}</Table.Th>
                <Table.Th>{t('campaigns.period')}</Table.Th>
                <Table.Th>{t('campaigns.statusLabel')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.findings')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.followUpsOpen')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/campaigns/${c.id}`}>
                      {c.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {dateText(c.periodStart, lang)} – {dateText(c.periodEnd, lang)}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge s={c.status} />
                  </Table.Td>
                  <Table.Td ta="right">{count(c.findings, lang)}</Table.Td>
                  <Table.Td ta="right">
                    {count(c.followUpsOpen, lang)}
                    {c.followUpsOverdue > 0 && (
                      <Badge ml="xs" color="red">
                        {t('campaigns.overdueN', { n: c.followUpsOverdue })}
                      </Badge>
                    )}
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

/** One campaign: its case, the report, and per institution the data dukung, checklist and findings. */
export function CampaignView() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['campaign', id], queryFn: () => campaignsApi.get(id) });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const first = c.institutions[0]?.id ?? '';
  return (
    <Stack>
      <Anchor component={Link} to="/campaigns">
        {t('campaigns.back')}
      </Anchor>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {c.title}
          </Title>
          <Text c="dimmed">
            {t('campaigns.periodText', { from: dateText(c.periodStart, lang), to: dateText(c.periodEnd, lang) })} ·{' '}
            {c.office.name}
          </Text>
        </Stack>
        <StatusBadge s={c.status} />
      </Group>
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Text>
            {t('campaigns.caseLine', { number: c.case.number, sop: c.sop.name })}{' '}
            <Anchor component={Link} to={`/cases/${c.case.id}`}>
              {t('campaigns.openCase')}
            </Anchor>
          </Text>
          <Group>
            {c.hasAnnex && (
              <Button component="a" href={campaignUrls.annex(c.id)} target="_blank" variant="light">
                {t('campaigns.annex')}
              </Button>
            )}
            {c.reportDocumentId ? (
              <Button component="a" href={campaignUrls.report(c.id)} target="_blank" data-testid="report-link">
                {t('campaigns.report')}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('campaigns.reportPending')}
              </Text>
            )}
          </Group>
        </Stack>
      </Card>
      <Tabs defaultValue={first} keepMounted={false}>
        <Tabs.List>
          {c.institutions.map((i) => (
            <Tabs.Tab key={i.id} value={i.id}>
              {i.name}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {c.institutions.map((i) => (
          <Tabs.Panel key={i.id} value={i.id} pt="md">
            <Stack>
              {i.dataDukung ? <DataDukungCard d={i.dataDukung} /> : <Text>{t('campaigns.noDataDukung')}</Text>}
              <ChecklistForm campaignId={c.id} inst={i} editable={c.canEdit} />
              <Findings
                campaignId={c.id}
                institutionId={i.id}
                findings={i.findings}
                editable={c.canEdit}
                today={c.today}
              />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      {c.canWork && <FollowUpList campaignId={c.id} />}
    </Stack>
  );
}
