import { Button, Checkbox, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../api/client';
import type { CreatedUser, Me, NewUser, OrgKind } from '../api/types';
import { ErrorAlert } from './ErrorAlert';
import type { RoleOption } from './useOrgRoles';

/**
 * The form to add a person to the admin's own organisation, or to another office (`org`): a pusat admin creates
 * the first admin of a new office.
 */
export function CreateUserForm({
  me,
  org,
  roles,
  onCreated,
}: {
  me: Me;
  org?: { kind: OrgKind; id: string };
  roles: RoleOption[];
  onCreated: (user: CreatedUser) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [noRole, setNoRole] = useState(false);
  const create = useMutation<CreatedUser, ApiError, NewUser>({
    mutationFn: api.createUser,
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      setUsername('');
      setDisplayName('');
      setPicked([]);
      onCreated(user);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNoRole(picked.length === 0);
    if (picked.length === 0) return;
    create.mutate({
      orgKind: org?.kind ?? me.organisation.kind,
      orgId: org?.id ?? me.organisation.id,
      username: username.trim(),
      displayName: displayName.trim(),
      roles: picked,
    });
  };

  return (
    <form onSubmit={submit} data-testid="create-user-form">
      <Stack>
        {create.isError && <ErrorAlert error={create.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('users.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            required
            data-testid="new-username"
          />
          <TextInput
            label={t('users.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            required
            data-testid="new-display-name"
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('users.roles')}
          value={picked}
          onChange={setPicked}
          error={noRole ? t('users.pickRole') : undefined}
        >
          <Group mt="xs">
            {roles.map((role) => (
              <Checkbox key={role.code} value={role.code} label={role.label} data-testid={`role-option-${role.code}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button type="submit" loading={create.isPending} w="fit-content" data-testid="create-user-submit">
          {t('users.submit')}
        </Button>
      </Stack>
    </form>
  );
}
