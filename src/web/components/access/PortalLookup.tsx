import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { PortalAnswer } from '../../api/types';
import { useLang } from '../../i18n';
import { ErrorAlert } from '../ErrorAlert';

/** The web-portal lookup for an institution's registered operators: one NIK, the granted fields, audited. */
export function PortalLookup() {
  const { t } = useTranslation();
  const lang = useLang();
  const [nik, setNik] = useState('');
  const lookup = useMutation<PortalAnswer, ApiError>({ mutationFn: () => api.portalLookup(nik.trim()) });
  const answer = lookup.data;
  return (
    <Card withBorder radius="md" padding="md" data-testid="portal-lookup">
      <Stack>
        <div>
          <Title order={4}>{t('portal.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('portal.help')}
          </Text>
        </div>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            lookup.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label="NIK"
              value={nik}
              onChange={(e) => setNik(e.currentTarget.value)}
              maxLength={16}
              inputMode="numeric"
              data-testid="portal-nik"
            />
            <Button type="submit" loading={lookup.isPending} disabled={!nik.trim()} data-testid="portal-submit">
              {t('portal.search')}
            </Button>
          </Group>
        </form>
        {lookup.isError && <ErrorAlert error={lookup.error} />}
        {answer && (
          <Alert
            color={answer.code === '01' ? 'green' : 'yellow'}
            data-testid="portal-result"
            data-code={answer.code}
            title={`${answer.code} — ${answer.respon[lang]}`}
          >
            {answer.fields ? (
              <Table withRowBorders={false}>
                <Table.Tbody>
                  {Object.entries(answer.fields).map(([k, v]) => (
                    <Table.Tr key={k} data-testid="portal-field" data-field={k}>
                      <Table.Td fw={600}>{k}</Table.Td>
                      <Table.Td>{v || '-'}</Table.Td>
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
