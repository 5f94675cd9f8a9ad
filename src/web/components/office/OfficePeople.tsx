import { Alert, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { CreatedUser, Me, Role, User } from '../../api/types';
import { useLang } from '../../i18n';
import { CreateUserForm } from '../CreateUserForm';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { OneTimePasswordNotice } from '../OneTimePasswordNotice';

/** The people of an office and the form to add one (a pusat admin starts a new office with its first admin). */
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
        <Table.ScrollContainer minWidth={480}>
          <Table striped data-testid="office-users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.username')}</Table.Th>
                <Table.Th>{t('users.displayName')}</Table.Th>
                <Table.Th>{t('users.roles')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id} data-testid="office-user-row" data-username={u.username}>
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
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text fw={500}>{t('users.createTitle')}</Text>
      <CreateUserForm me={me} org={{ kind: 'office', id: officeId }} roles={options} onCreated={setCreated} />
    </Stack>
  );
}
