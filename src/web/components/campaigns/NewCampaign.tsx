import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { DateField } from '../DateField';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { campaignsApi } from '../../api/campaigns';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';

function minusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The new-campaign form: a title, the period, and the institutions of the office's scope. */
export function NewCampaign() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['campaign-candidates'], queryFn: campaignsApi.candidates });
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const open = useMutation({
    mutationFn: () => {
      const today = q.data?.today ?? '';
      return campaignsApi.open({
        title,
        periodStart: from || minusDays(today, 90),
        periodEnd: to || minusDays(today, 1),
        institutionIds: chosen,
      });
    },
    onSuccess: (d) => navigate(`/campaigns/${d.id}`),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const c = q.data;
  return (
    <Stack maw={720}>
      <Anchor component={Link} to="/campaigns">
        {t('campaigns.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('campaigns.newTitle')}
      </Title>
      <Text>{t('campaigns.newIntro')}</Text>
      {!c.canOpen && <Alert color="yellow">{t('campaigns.cannotOpen')}</Alert>}
      <TextInput
        data-testid="campaign-title"
        label={t('campaigns.titleLabel')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
      />
      <Group grow>
        <DateField
          label={t('campaigns.periodStart')}
          value={from}
          max={c.today}
          onChange={setFrom}
          description={t('campaigns.periodDefault')}
        />
        <DateField label={t('campaigns.periodEnd')} value={to} max={c.today} onChange={setTo} />
      </Group>
      <Checkbox.Group label={t('campaigns.institutions')} value={chosen} onChange={setChosen}>
        <Stack gap="xs" mt="xs">
          {c.institutions.map((i) => (
            <Checkbox key={i.id} value={i.id} label={`${i.name} — ${i.office.name}`} />
          ))}
        </Stack>
      </Checkbox.Group>
      {open.error && <ErrorAlert error={open.error} />}
      <Group>
        <Button
          data-testid="campaign-open"
          onClick={() => open.mutate()}
          loading={open.isPending}
          disabled={!c.canOpen || title.trim().length < 3 || chosen.length === 0}
        >
          {t('campaigns.open')}
        </Button>
      </Group>
    </Stack>
  );
}
