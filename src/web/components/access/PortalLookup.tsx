import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { PortalAnswer } from '../../api/client';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';
import { lookupRows, nikProblem, type NikProblem } from './lookup';

/**
 * The web-portal lookup for an institution's registered operators: one NIK, the granted elements in words, audited.
 * The NIK is checked here first: a malformed one is refused in the form and never sent, so it is neither logged
 * nor billed.
 */
export function PortalLookup() {
  const { t } = useTranslation();
  const lang = useLang();
  const [nik, setNik] = useState('');
  // Shown after a submit, and recomputed while typing so it disappears once the NIK is right.
  const [checked, setChecked] = useState(false);
  const problem: NikProblem | null = nikProblem(nik);
  const lookup = useMutation<PortalAnswer, ApiError, string>({ mutationFn: (value) => api.portalLookup(value) });
  const answer = lookup.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (problem) {
      lookup.reset();
      return;
    }
    lookup.mutate(nik.trim());
  };
  return (
    <Card withBorder radius="md" padding="md" data-testid="portal-lookup">
      <Stack>
        <div>
          <Title order={3} size="h4">
            {t('portal.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('portal.help')} {t('integration.lookup.nikHelp')}
          </Text>
        </div>
        <form onSubmit={submit} noValidate>
          <Group align="flex-start">
            <TextInput
              label="NIK"
              value={nik}
              onChange={(e) => setNik(e.currentTarget.value.replace(/\s+/g, ''))}
              maxLength={16}
              inputMode="numeric"
              autoComplete="off"
              error={checked && problem ? t(`integration.lookup.nik.${problem}`) : undefined}
              data-testid="portal-nik"
              w={260}
            />
            <Button type="submit" mt={25} loading={lookup.isPending} data-testid="portal-submit">
              {t('portal.search')}
            </Button>
          </Group>
        </form>
        {checked && problem && (
          <Text size="sm" c="red.8" data-testid="portal-nik-error" data-problem={problem} role="alert">
            {t('integration.lookup.notSent')}
          </Text>
        )}
        {lookup.isError && <ErrorAlert error={lookup.error} />}
        {answer && (
          <Alert
            color={answer.code === '01' ? 'green' : 'yellow'}
            data-testid="portal-result"
            data-code={answer.code}
            title={`${answer.code} — ${answer.respon[lang]}`}
          >
            {answer.fields ? (
              <Table withRowBorders={false} layout="fixed">
                <Table.Tbody>
                  {lookupRows(answer.fields, lang).map((row) => (
                    <Table.Tr key={row.key} data-testid="portal-field" data-field={row.field} data-element={row.key}>
                      <Table.Th w={200} fw={600}>
                        {row.label}
                      </Table.Th>
                      <Table.Td data-testid="portal-field-value">{row.value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm">{t('portal.noData')}</Text>
            )}
            <Text size="xs" c="dimmed" mt="xs">
              {t('portal.audited')} {answer.auditId}
            </Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
