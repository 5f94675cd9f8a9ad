import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { useSession } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useDeliveries, useDelivery, useDuties } from '../components/balikan/api';
import { UploadForm } from '../components/balikan/UploadForm';
import { DutiesView } from '../components/balikan/DutiesView';
import { DeliveriesTable } from '../components/balikan/DeliveriesTable';
import { DeliveryResult } from '../components/balikan/DeliveryResult';

/**
 * /data-balikan — the data an institution returns to Dukcapil as its PKS says: the institution uploads each
 * period's CSV and sees what was kept and refused; everyone in scope sees the duties with each period delivered,
 * not yet due or late, and the deliveries (an office its institutions', pusat all).
 */
export function DataBalikanPage() {
  return (
    <Routes>
      <Route index element={<BalikanHome />} />
      <Route path="deliveries/:id" element={<OneDelivery />} />
    </Routes>
  );
}

function BalikanHome() {
  const { t } = useTranslation();
  const me = useSession();
  const own = me.organisation.kind === 'institution';
  const mayUpload = own && me.roles.some((r) => r.code === 'pimpinan' || r.code === 'admin');
  const duties = useDuties();
  const deliveries = useDeliveries();
  return (
    <Stack data-testid="balikan-page">
      <div>
        <Title order={1} size="h2" data-testid="page-title">
          {t('nav.dataBalikan')}
        </Title>
        <Text c="dimmed" size="sm">
          {own ? t('dataBalikan.institutionIntro') : t('dataBalikan.officeIntro')}
        </Text>
      </div>
      {duties.isPending ? (
        <Loading />
      ) : duties.error ? (
        <ErrorAlert error={duties.error} onRetry={() => void duties.refetch()} />
      ) : (
        <>
          {mayUpload && duties.data.length > 0 && <UploadForm agreements={duties.data} />}
          <Title order={3}>{t('dataBalikan.dutiesTitle')}</Title>
          <DutiesView agreements={duties.data} showInstitution={!own} />
        </>
      )}
      <Title order={3}>{t('dataBalikan.deliveriesTitle')}</Title>
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.error ? (
        <ErrorAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : (
        <DeliveriesTable deliveries={deliveries.data} showInstitution={!own} />
      )}
    </Stack>
  );
}

function OneDelivery() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const delivery = useDelivery(id);
  return (
    <Stack data-testid="balikan-delivery">
      <Anchor component={Link} to="/data-balikan">
        {t('dataBalikan.back')}
      </Anchor>
      {delivery.isPending ? (
        <Loading />
      ) : delivery.error ? (
        <ErrorAlert error={delivery.error} />
      ) : (
        <>
          <div>
            <Title order={1} size="h2">
              {delivery.data.kindName[lang]} — {delivery.data.periodLabel[lang]}
            </Title>
            <Text c="dimmed" size="sm">
              {t('dataBalikan.deliveryMeta', {
                institution: delivery.data.institution.name,
                number: delivery.data.agreementNumber,
                at: formatDateTime(delivery.data.submittedAt, lang),
                channel: t(`dataBalikan.channel.${delivery.data.channel}`),
              })}
            </Text>
            {delivery.data.supersededBy && (
              <Text size="sm">
                <Anchor component={Link} to={`/data-balikan/deliveries/${delivery.data.supersededBy}`}>
                  {t('dataBalikan.seeCorrection')}
                </Anchor>
              </Text>
            )}
          </div>
          <DeliveryResult delivery={delivery.data} />
        </>
      )}
    </Stack>
  );
}
