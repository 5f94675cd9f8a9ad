import { Badge, Button, Code, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { NewRole, Role } from '../../api/client';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';

/** A role code suggested from its Indonesian name: "Kasi Pemanfaatan Data" → "kasi_pemanfaatan_data". */
function suggestCode(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
}

/** An office's roles (built-in and its own) and the form to add one. */
export function OfficeRoles({ officeId, roles }: { officeId: string; roles: Role[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [nameId, setNameId] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [code, setCode] = useState('');
  const [codeTouched, setCodeTouched] = useState(false);
  const add = useMutation<Role, ApiError, NewRole>({
    mutationFn: (input) => api.addOfficeRole(officeId, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['office-roles', officeId] });
      setNameId('');
      setNameEn('');
      setCode('');
      setCodeTouched(false);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ code: code.trim(), nameId: nameId.trim(), nameEn: nameEn.trim() });
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('office.rolesHelp')}
      </Text>
      <Table.ScrollContainer minWidth={420}>
        <Table striped data-testid="office-roles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('office.roleName')}</Table.Th>
              <Table.Th>{t('office.roleCode')}</Table.Th>
              <Table.Th>{t('office.roleKind')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roles.map((r) => (
              <Table.Tr key={r.code} data-testid="office-role-row" data-role={r.code}>
                <Table.Td>{r.name[lang]}</Table.Td>
                <Table.Td>
                  <Code>{r.code}</Code>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={r.builtIn ? 'gray' : 'teal'} size="sm">
                    {r.builtIn ? t('office.builtIn') : t('office.own')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <form onSubmit={submit} data-testid="add-role-form">
        <Stack>
          {add.isError && <ErrorAlert error={add.error} />}
          {add.isSuccess && (
            <Text size="sm" c="teal.8" data-testid="role-added">
              {t('office.roleAdded', { name: add.data.name[lang] })}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('office.roleNameId')}
              value={nameId}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setNameId(v);
                if (!codeTouched) setCode(suggestCode(v));
              }}
              required
              minLength={2}
              maxLength={120}
              data-testid="role-name-id"
            />
            <TextInput
              label={t('office.roleNameEn')}
              value={nameEn}
              onChange={(e) => setNameEn(e.currentTarget.value)}
              required
              minLength={2}
              maxLength={120}
              data-testid="role-name-en"
            />
            <TextInput
              label={t('office.roleCode')}
              description={t('office.roleCodeHelp')}
              value={code}
              onChange={(e) => {
                setCode(e.currentTarget.value);
                setCodeTouched(true);
              }}
              required
              pattern="[a-z][a-z0-9_]{1,39}"
              data-testid="role-code"
            />
          </SimpleGrid>
          <Button type="submit" loading={add.isPending} w="fit-content" data-testid="add-role-submit">
            {t('office.addRole')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
