import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useServiceAddress } from '../../api/integration';
import type { GrantWithSecret } from '../../api/client';
import { dukcapilEndpoint } from './ServiceUsage';

/**
 * Shows a web-service secret once, right after it was created or rotated. Closing forgets it: the server keeps
 * only its hash, so it can never be shown again.
 */
export function SecretModal({ created, onClose }: { created: GrantWithSecret | null; onClose: () => void }) {
  const { t } = useTranslation();
  const secret = created?.secret;
  const address = useServiceAddress();
  return (
    <Modal
      opened={Boolean(created && secret)}
      onClose={onClose}
      title={t('access.secretTitle')}
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      centered
    >
      {created && secret && (
        <Stack data-testid="secret-modal">
          <Alert color="orange" title={t('access.secretOnceTitle')} data-testid="secret-warning">
            {t('access.secretOnce')}
          </Alert>
          <Table variant="vertical" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>{t('integration.secret.endpoint')}</Table.Th>
                <Table.Td>
                  {address.data ? (
                    <Stack gap={2}>
                      <Code data-testid="secret-endpoint" style={{ wordBreak: 'break-all' }}>
                        {dukcapilEndpoint(address.data, created.grant.customerId, 'CALL_NIK')}
                      </Code>
                      <Text size="xs" c="dimmed">
                        {t('integration.secret.endpointHelp', { base: address.data.url, v1: address.data.v1 })}
                      </Text>
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      …
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('access.customerId')}</Table.Th>
                <Table.Td>
                  <Code data-testid="secret-customer-id">{created.grant.customerId}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('access.userId')}</Table.Th>
                <Table.Td>
                  <Code data-testid="secret-user-id">{created.grant.userId}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('access.secret')}</Table.Th>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Code fz="md" data-testid="secret-value" style={{ wordBreak: 'break-all' }}>
                      {secret}
                    </Code>
                    <CopyButton value={secret}>
                      {({ copied, copy }) => (
                        <Button
                          size="xs"
                          variant={copied ? 'filled' : 'light'}
                          color={copied ? 'teal' : undefined}
                          onClick={copy}
                          style={{ flexShrink: 0 }}
                          data-testid="secret-copy"
                        >
                          {copied ? t('access.copied') : t('access.copy')}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            {t('access.secretHandOver')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="secret-done">
              {t('access.secretDone')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
