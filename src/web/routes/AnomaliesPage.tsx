import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useSearchParams } from 'react-router-dom';
import { useSession } from '../api/hooks';
import { FindingList } from '../components/anomalies/FindingList';
import { FindingView } from '../components/anomalies/FindingView';
import { RuleSettingsView } from '../components/anomalies/RuleSettingsView';

function AnomaliesHome() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const office = me.organisation.kind === 'office';
  const tab = params.get('tab') ?? 'open';
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('anomalies.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {office ? t('anomalies.introOffice') : t('anomalies.introInstitution')}
      </Text>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'open' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="open">{t('anomalies.tabOpen')}</Tabs.Tab>
          <Tabs.Tab value="decided">{t('anomalies.tabDecided')}</Tabs.Tab>
          {office && <Tabs.Tab value="rules">{t('anomalies.tabRules')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="open" pt="md">
          <FindingList status="open" />
        </Tabs.Panel>
        <Tabs.Panel value="decided" pt="md">
          <FindingList status="decided" />
        </Tabs.Panel>
        {office && (
          <Tabs.Panel value="rules" pt="md">
            <RuleSettingsView />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

/** Anomaly findings: open and decided ones in the caller's scope, one finding's review, the office's rules. */
export function AnomaliesPage() {
  return (
    <Routes>
      <Route index element={<AnomaliesHome />} />
      <Route path="findings/:id" element={<FindingView />} />
    </Routes>
  );
}
