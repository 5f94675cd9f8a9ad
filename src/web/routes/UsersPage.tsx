import { Alert, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../api/client';
import { isAdmin, useSession } from '../api/hooks';
import type { CreatedUser, User } from '../api/client';
import { CreateUserForm } from '../components/CreateUserForm';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { OneTimePasswordNotice } from '../components/OneTimePasswordNotice';
import { UserStatusAction } from '../components/UserStatusAction';
import { UserStatusBadge } from '../components/UserStatusBadge';
import { useOrgRoles } from '../components/useOrgRoles';
import { useRoleName } from '../lib/useLabels';

/**
 * The people of the admin's own organisation (only its own admin manages them), their status with the action to
 * deactivate or reactivate each, and a form to add one.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const admin = isAdmin(me);
  const org = me.organisation;
  const users = useQuery<User[], ApiError>({
    queryKey: ['users', org.kind, org.id],
    queryFn: () => api.users(org.kind, org.id),
    enabled: admin,
  });
  const roles = useOrgRoles(me);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const roleName = useRoleName();
  const roleLabel = (code: string) => roles.roles.find((r) => r.code === code)?.label ?? roleName(code);

  if (!admin) {
    return (
      <Alert color="yellow" data-testid="users-forbidden">
        {t('users.forbidden')}
      </Alert>
    );
  }

  return (
    <Stack>
      <Title order={1} size="h2" data-testid="page-title">
        {t('users.title')}
      </Title>
      <Text c="dimmed">{org.name}</Text>
      {created && <OneTimePasswordNotice user={created} onDone={() => setCreated(null)} />}
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('users.createTitle')}
        </Title>
        {roles.isPending ? (
          <Loading />
        ) : roles.error ? (
          <ErrorAlert error={roles.error} />
        ) : (
          <CreateUserForm me={me} roles={roles.roles} onCreated={setCreated} />
        )}
      </Card>
      {users.isPending && <Loading />}
      {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
      {users.isSuccess && users.data.length === 0 && <Text c="dimmed">{t('users.empty')}</Text>}
      {users.isSuccess && users.data.length > 0 && (
        <Table.ScrollContainer minWidth={300}>
          <Table striped data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.username')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('users.displayName')}</Table.Th>
                <Table.Th>{t('users.roles')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('users.totp')}</Table.Th>
                <Table.Th>{t('users.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id} data-testid="user-row" data-username={u.username} data-status={u.status}>
                  <Table.Td>
                    {u.username}
                    <Text size="xs" c="dimmed" hiddenFrom="sm">
                      {u.displayName}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{u.displayName}</Table.Td>
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
                  <Table.Td visibleFrom="sm">{u.totpEnabled ? t('common.yes') : t('common.no')}</Table.Td>
                  <Table.Td>
                    <UserStatusAction user={u} self={u.id === me.id} />
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
