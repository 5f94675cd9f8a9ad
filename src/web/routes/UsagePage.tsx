import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation, useParams } from 'react-router-dom';
import { api, type ApiError } from '../api/client';
import { useSession } from '../api/hooks';
import type { Institution } from '../api/client';
import { InstitutionUsage } from '../components/usage/InstitutionUsage';
import { InstitutionsOverview } from '../components/usage/InstitutionsOverview';

/**
 * /usage — usage figures from the ledger: an institution sees its own (calls per day against its quota, what is
 * left today, refusals by reason, operators, elements, channels); an office, province or pusat sees its institutions
 * side by side and opens one at /usage/institutions/:id.
 */
export function UsagePage() {
  return (
    <Routes>
      <Route index element={<UsageHome />} />
      <Route path="institutions/:id" element={<OneInstitution />} />
    </Routes>
  );
}

function UsageHome() {
  const { t } = useTranslation();
  const me = useSession();
  const own = me.organisation.kind === 'institution';
  return (
    <Stack data-testid="usage-page">
      <div>
        <Title order={1} size="h2" data-testid="page-title">
          {t('nav.usage')}
        </Title>
        <Text c="dimmed" size="sm">
          {own ? t('usage.institutionIntro') : t('usage.officeIntro')}
        </Text>
      </div>
      {own ? <InstitutionUsage /> : <InstitutionsOverview />}
    </Stack>
  );
}

function OneInstitution() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const { search } = useLocation();
  const inst = useQuery<Institution, ApiError>({ queryKey: ['institution', id], queryFn: () => api.institution(id) });
  // Back to the overview with the same period and channel (the office filter too).
  const back = me.organisation.kind === 'institution' ? '/usage' : `/usage${search}`;
  return (
    <Stack data-testid="usage-page">
      <Anchor component={Link} to={back} size="sm" data-testid="usage-back">
        ← {t('usage.backToInstitutions')}
      </Anchor>
      <div>
        <Title order={1} size="h2" data-testid="page-title">
          {inst.data?.name ?? t('nav.usage')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('usage.oneInstitutionIntro')}{' '}
          {inst.data && (
            <Anchor component={Link} to={`/institutions/${encodeURIComponent(id)}`} size="sm">
              {t('usage.institutionProfile')}
            </Anchor>
          )}
        </Text>
      </div>
      <InstitutionUsage institutionId={id} />
    </Stack>
  );
}
