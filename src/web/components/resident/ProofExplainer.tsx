import { Accordion, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ResidentTreeHead } from '../../api/resident';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';

/** What a proof means, in plain words, and the signed tree head the proofs lead to (verification data). */
export function ProofExplainer({ head }: { head: ResidentTreeHead | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Accordion variant="contained" data-testid="resident-proof-explainer">
      <Accordion.Item value="proof">
        <Accordion.Control>{t('resident.proofTitle')}</Accordion.Control>
        <Accordion.Panel>
          <Text size="sm">{t('resident.proofExplain')}</Text>
          <Code block my="xs">
            {t('resident.proofCommand')}
          </Code>
          <Text size="sm">{t('resident.proofExplain2')}</Text>
        </Accordion.Panel>
      </Accordion.Item>
      {head && (
        <Accordion.Item value="head">
          <Accordion.Control>{t('resident.headTitle')}</Accordion.Control>
          <Accordion.Panel>
            <Table data-testid="resident-head">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">{t('resident.headSize')}</Table.Th>
                  <Table.Td>{head.treeSize.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB')}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('resident.headTime')}</Table.Th>
                  <Table.Td>{formatDateTime(head.timestamp, lang)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('resident.headRoot')}</Table.Th>
                  <Table.Td>
                    <Code style={{ wordBreak: 'break-all' }}>{head.rootHash}</Code>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('resident.headKey')}</Table.Th>
                  <Table.Td>
                    <Code>{head.keyId}</Code>
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Accordion.Panel>
        </Accordion.Item>
      )}
    </Accordion>
  );
}
