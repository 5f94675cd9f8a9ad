import { Badge, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import { ME_KEY } from '../../api/hooks';
import type { Permission, Role } from '../../api/client';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { capabilityKey } from './vocabulary';

/** One capability's row: a checkbox per role, saved on its own. */
function PermissionRow({
  officeId,
  permission,
  roles,
  editable,
}: {
  officeId: string;
  permission: Permission;
  roles: Role[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<string[] | null>(null);
  const current = picked ?? permission.roles;
  const dirty = picked !== null && [...picked].sort().join() !== [...permission.roles].sort().join();
  const save = useMutation<Permission[], ApiError, string[]>({
    mutationFn: (next) => api.setPermission(officeId, permission.capability, next),
    onSuccess: async (all) => {
      queryClient.setQueryData(['permissions', officeId], all);
      setPicked(null);
      // My own capabilities may have changed (e.g. who publishes SOPs).
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const label = t(capabilityKey(permission.capability));
  const toggle = (code: string, on: boolean) =>
    setPicked(on ? [...new Set([...current, code])] : current.filter((c) => c !== code));

  return (
    <Table.Tr data-testid="permission-row" data-capability={permission.capability}>
      <Table.Th scope="row">
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {label}
          </Text>
          {permission.isDefault && !dirty && (
            <Badge variant="light" color="gray" size="xs">
              {t('office.default')}
            </Badge>
          )}
          {save.isError && <ErrorAlert error={save.error} />}
        </Stack>
      </Table.Th>
      {roles.map((r) => (
        <Table.Td key={r.code} ta="center">
          <Checkbox
            aria-label={`${label}: ${r.name[lang]}`}
            checked={current.includes(r.code)}
            onChange={(e) => toggle(r.code, e.currentTarget.checked)}
            disabled={!editable || save.isPending}
            display="inline-block"
            data-testid={`permission-${permission.capability}-${r.code}`}
          />
        </Table.Td>
      ))}
      {editable && (
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Button
              size="xs"
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate(current)}
              data-testid={`permission-save-${permission.capability}`}
            >
              {t('office.save')}
            </Button>
            {save.isSuccess && !dirty && (
              <Text size="xs" c="teal.8" data-testid={`permission-saved-${permission.capability}`}>
                {t('office.saved')}
              </Text>
            )}
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** The office's permissions: a capability per row, a role per column; each row is saved on its own. */
export function PermissionMatrix({
  officeId,
  roles,
  editable,
}: {
  officeId: string;
  roles: Role[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const permissions = useQuery<Permission[], ApiError>({
    queryKey: ['permissions', officeId],
    queryFn: () => api.permissions(officeId),
  });
  if (permissions.isPending) return <Loading />;
  if (permissions.isError) return <ErrorAlert error={permissions.error} onRetry={() => void permissions.refetch()} />;

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('office.permissionsHelp')}
      </Text>
      <Table.ScrollContainer minWidth={260 + roles.length * 90}>
        <Table withColumnBorders data-testid="permission-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('office.capabilityCol')}</Table.Th>
              {roles.map((r) => (
                <Table.Th key={r.code} ta="center" fz="xs">
                  {r.name[lang]}
                </Table.Th>
              ))}
              {editable && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {permissions.data.map((p) => (
              <PermissionRow key={p.capability} officeId={officeId} permission={p} roles={roles} editable={editable} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
