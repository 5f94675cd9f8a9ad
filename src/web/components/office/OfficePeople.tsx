import { Alert, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { CreatedUser, Me, Role, User } from '../../api/client';
import { useLang } from '../../i18n';
import { CreateUserForm } from '../CreateUserForm';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { OneTimePasswordNotice } from '../OneTimePasswordNotice';
import { UserStatusAction } from '../UserStatusAction';
import { UserStatusBadge } from '../UserStatusBadge';

/**
 * The people of an office. Its own admin adds, deactivates and reactivates them; a pusat admin only starts a new
 * office (one without an active admin) with its first admin, and otherwise just sees who works there.
 */
export function OfficePeople({ me, officeId, roles }: { me: Me; officeId: string; roles: Role[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const users = useQuery<User[], ApiError>({
    queryKey: ['users', 'office', officeId],
    queryFn: () => api.users('office', officeId),
  });
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const options = roles.map((r) => ({ code: r.code, label: r.name[lang] }));
  const roleLabel = (code: string) => options.find((r) => r.code === code)?.label ?? code;
  const own = me.organisation.kind === 'office' && me.organisation.id === officeId;
  const hasActiveAdmin = (users.data ?? []).some((u) => u.status === 'active' && u.roles.includes('admin'));
  // From outside the office, only its first admin, and only as an admin.
  const mayCreate = own || (users.isSuccess && !hasActiveAdmin);
  const createOptions = own ? options : options.filter((r) => r.code === 'admin');

  return (
    <Stack>
      {created && <OneTimePasswordNotice user={created} onDone={() => setCreated(null)} />}
      {users.isPending && <Loading />}
      {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
      {users.isSuccess && users.data.length === 0 && (
        <Alert color="blue" data-testid="office-first-admin">
          {t('office.firstAdmin')}
        </Alert>
      )}
      {users.isSuccess && users.data.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped data-testid="office-users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.username')}</Table.Th>
                <Table.Th>{t('users.displayName')}</Table.Th>
                <Table.Th>{t('users.roles')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                {own && <Table.Th>{t('users.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id} data-testid="office-user-row" data-username={u.username} data-status={u.status}>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.map((code) => (
                        <Badge key={code} variant="light" size="sm">
                          {roleLabel(code)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <UserStatusBadge status={u.status} />
                  </Table.Td>
                  {own && (
                    <Table.Td>
                      <UserStatusAction user={u} self={u.id === me.id} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {mayCreate ? (
        <>
          <Text fw={500}>{own ? t('users.createTitle') : t('office.firstAdminTitle')}</Text>
          <CreateUserForm me={me} org={{ kind: 'office', id: officeId }} roles={createOptions} onCreated={setCreated} />
        </>
      ) : (
        users.isSuccess && (
          <Text size="sm" c="dimmed" data-testid="office-people-own-admin">
            {t('office.peopleOwnAdmin')}
          </Text>
        )
      )}
    </Stack>
  );
}
