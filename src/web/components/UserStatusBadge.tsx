import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserStatus } from '../api/client';

/** Aktif / Nonaktif. */
export function UserStatusBadge({ status }: { status: UserStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      size="sm"
      color={status === 'active' ? 'green' : 'gray'}
      data-testid="user-status"
      data-status={status}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}
