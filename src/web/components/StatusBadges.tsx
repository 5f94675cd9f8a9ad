import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { statusName } from '../lib/labels';

const PKS_COLORS: Record<string, string> = {
  draft: 'gray',
  in_review: 'yellow',
  approved: 'blue',
  signed: 'indigo',
  scheduled: 'cyan',
  active: 'green',
  expiring: 'orange',
  expired: 'gray',
  terminated: 'red',
};

const APPLICATION_COLORS: Record<string, string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'gray',
};

/** The lifecycle state of a PKS as a coloured badge. */
export function PksStatusBadge({ status, ...props }: { status: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color={PKS_COLORS[status] ?? 'gray'}
      variant="light"
      data-testid="pks-status"
      data-status={status}
      {...props}
    >
      {statusName('pks', status, t)}
    </Badge>
  );
}

/** The state of an application as a coloured badge. */
export function ApplicationStatusBadge({ status, ...props }: { status: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color={APPLICATION_COLORS[status] ?? 'blue'}
      variant="light"
      data-testid="application-status"
      data-status={status}
      {...props}
    >
      {statusName('application', status, t)}
    </Badge>
  );
}
