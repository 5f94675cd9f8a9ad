import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type ApiError } from '../../api/client';
import type { Office } from '../../api/client';

/** On a PKS: the office's semester report deadline (days after a semester's end) and the way to the reports. */
export function ReportDeadline({ officeId }: { officeId: string }) {
  const { t } = useTranslation();
  const q = useQuery<Office[], ApiError>({
    queryKey: ['offices', 'report-deadline'],
    queryFn: () => api.offices(),
    staleTime: 60_000,
  });
  const days = q.data?.find((o) => o.id === officeId)?.reportDeadlineDays;
  if (days === undefined) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="report-deadline">
      {t('reports.deadlineSetting', { days })} ·{' '}
      <Anchor component={Link} to="/reports" size="sm">
        {t('nav.reports')}
      </Anchor>
    </Text>
  );
}
