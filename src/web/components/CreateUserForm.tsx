import { Button, Checkbox, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../api/client';
import type { CreatedUser, Me, NewUser, OrgKind } from '../api/client';
import { checkForm, problemText, type FieldRule } from '../lib/forms';
import { ErrorAlert } from './ErrorAlert';
import type { RoleOption } from './useOrgRoles';

/** The form's own rules; the server checks them again. */
const RULES: Record<'username' | 'displayName', FieldRule> = {
  username: { required: true, pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,59}$/ },
  displayName: { required: true, maxLength: 200 },
};

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
  // Errors show after the first submit and follow the values, so each one clears when its field is fixed.
  const [tried, setTried] = useState(false);
  const problems = checkForm({ username, displayName }, RULES);
  const noRole = tried && picked.length === 0;
  const err = (key: 'username' | 'displayName') => {
    if (!tried) return undefined;
    if (key === 'username' && problems.username === 'pattern') return t('integration.forms.username');
    return problemText(t, problems[key], RULES[key]);
  };
  const create = useMutation<CreatedUser, ApiError, NewUser>({
    mutationFn: api.createUser,
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      setUsername('');
      setDisplayName('');
      setPicked([]);
      setTried(false);
      onCreated(user);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (picked.length === 0 || problems.username || problems.displayName) return;
    create.mutate({
      orgKind: org?.kind ?? me.organisation.kind,
      orgId: org?.id ?? me.organisation.id,
      username: username.trim(),
      displayName: displayName.trim(),
      roles: picked,
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="create-user-form">
      <Stack>
        {create.isError && <ErrorAlert error={create.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('users.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            withAsterisk
            error={err('username')}
            data-testid="new-username"
          />
          <TextInput
            label={t('users.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            withAsterisk
            error={err('displayName')}
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
