import { Code, CopyButton, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../../api/client';
import type { ServiceAddress } from '../../api/integration';
import { useDataElements } from '../useDataElements';

/** A copyable example. */
export function Snippet({ code, testId }: { code: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Code block data-testid={testId} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {code}
      </Code>
      <CopyButton value={code}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" w="fit-content" onClick={copy}>
            {copied ? t('access.copied') : t('access.copy')}
          </Button>
        )}
      </CopyButton>
    </Stack>
  );
}

/** The institution's own compatible endpoint for one operation, e.g. https://…/dukcapil/get_json/BNS001/CALL_NIK. */
export function dukcapilEndpoint(address: ServiceAddress, customerId: string | null, call: string): string {
  return `${address.dukcapil}/${customerId ?? '{customerId}'}/${call}`;
}

/**
 * How an institution calls the service with a web-service grant: the Dukcapil-compatible endpoints (change only
 * the base URL) and the v1 API, with example bodies for this grant's own endpoint and elements. The secret is never
 * shown: it was handed over once.
 */
export function ServiceUsage({ grant, address }: { grant: Grant; address: ServiceAddress }) {
  const { t } = useTranslation();
  const catalogue = useDataElements();
  const user = grant.userId ?? '{userId}';
  const secret = t('access.yourSecret');
  const fields = grant.elements.flatMap((c) => catalogue.byCode.get(c)?.fields ?? []);
  const verifyField = fields.find((f) => f === 'NAMA_LGKP') ?? fields.find((f) => f !== 'NIK') ?? 'NAMA_LGKP';
  const nik = '3305xxxxxxxxxxxx';
  const ops = grant.operations ?? ['lookup', 'verify'];
  const callNik = `POST ${dukcapilEndpoint(address, grant.customerId, 'CALL_NIK')}
Content-Type: application/json

${JSON.stringify({ NIK: nik, USER_ID: user, PASSWORD: secret, IP_USER: '10.0.0.15' }, null, 2)}`;
  const callVerify = `POST ${dukcapilEndpoint(address, grant.customerId, 'CALL_VERIFY_BY_ELEMEN')}
Content-Type: application/json

${JSON.stringify(
  { NIK: nik, USER_ID: user, PASSWORD: secret, IP_USER: '10.0.0.15', TRESHOLD: 90, [verifyField]: '…' },
  null,
  2,
)}`;
  const curl = `curl -sS -X POST '${dukcapilEndpoint(address, grant.customerId, 'CALL_NIK')}' \\
  -H 'Content-Type: application/json' \\
  -d '${JSON.stringify({ NIK: nik, USER_ID: user, PASSWORD: secret, IP_USER: '10.0.0.15' })}'`;
  const v1 = `GET ${address.v1}/residents/${nik}
Authorization: Basic base64("${user}:${secret}")

POST ${address.v1}/verify
Authorization: Basic base64("${user}:${secret}")
Content-Type: application/json

${JSON.stringify({ nik, threshold: 90, elements: { [verifyField]: '…' } }, null, 2)}`;
  return (
    <Stack gap="xs" data-testid="service-usage">
      <Text size="sm">{t('access.howToCall')}</Text>
      <Tabs defaultValue={ops.includes('lookup') ? 'nik' : 'verify'} keepMounted={false}>
        <Tabs.List>
          {ops.includes('lookup') && <Tabs.Tab value="nik">CALL_NIK</Tabs.Tab>}
          {ops.includes('verify') && <Tabs.Tab value="verify">CALL_VERIFY_BY_ELEMEN</Tabs.Tab>}
          {ops.includes('lookup') && <Tabs.Tab value="curl">curl</Tabs.Tab>}
          <Tabs.Tab value="v1">API v1</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="nik" pt="xs">
          <Snippet code={callNik} testId="usage-call-nik" />
        </Tabs.Panel>
        <Tabs.Panel value="verify" pt="xs">
          <Snippet code={callVerify} testId="usage-call-verify" />
        </Tabs.Panel>
        <Tabs.Panel value="curl" pt="xs">
          <Snippet code={curl} testId="usage-curl" />
        </Tabs.Panel>
        <Tabs.Panel value="v1" pt="xs">
          <Snippet code={v1} testId="usage-v1" />
          <Text size="xs" c="dimmed">
            {t('access.v1Docs')}{' '}
            <a href="/api/docs" target="_blank" rel="noopener">
              /api/docs
            </a>
          </Text>
        </Tabs.Panel>
      </Tabs>
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {t('access.fieldsReturned')}
        </Text>
        <Code fz="xs">{fields.join(', ')}</Code>
      </Group>
      <Text size="xs" c="orange.9">
        {t('access.secretNeverShown')}
      </Text>
    </Stack>
  );
}
