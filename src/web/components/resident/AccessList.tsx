import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { residentProofUrl, type ResidentAccess } from '../../api/resident';
import { useLang } from '../../i18n';

/** The PKS of an access, linked to its entry in the public register. */
function Pks({ a }: { a: ResidentAccess }) {
  const { t } = useTranslation();
  if (!a.pksNumber) return <Text size="sm">{t('resident.noPks')}</Text>;
  return (
    <Anchor
      component={Link}
      to={`/register?q=${encodeURIComponent(a.pksNumber)}`}
      size="sm"
      title={t('resident.pksLink')}
      data-testid="resident-pks-link"
    >
      {a.pksNumber}
    </Anchor>
  );
}

function ResultBadge({ a }: { a: ResidentAccess }) {
  const lang = useLang();
  return (
    <Badge color={a.answered ? 'teal' : 'gray'} variant="light" style={{ whiteSpace: 'normal', height: 'auto' }}>
      {a.result[lang]}
    </Badge>
  );
}

function Actions({
  a,
  treeSize,
  onReport,
}: {
  a: ResidentAccess;
  treeSize: number | undefined;
  onReport: (a: ResidentAccess) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Group gap="xs" wrap="wrap">
      {a.proof ? (
        <Button
          component="a"
          href={residentProofUrl(a.id, treeSize)}
          download={`bukti-akses-${a.id}.json`}
          size="xs"
          variant="light"
          aria-label={t('resident.downloadProofOf', { when: a.when[lang] })}
          data-testid="resident-proof"
        >
          {t('resident.downloadProof')}
        </Button>
      ) : (
        <Text size="xs" c="dimmed">
          {t('resident.proofPending')}
        </Text>
      )}
      {a.reported ? (
        <Badge color="orange" variant="light" data-testid="resident-reported">
          {t('resident.reported')}
        </Badge>
      ) : (
        <Button size="xs" variant="subtle" color="red" onClick={() => onReport(a)} data-testid="resident-report">
          {t('resident.report')}
        </Button>
      )}
    </Group>
  );
}

/** The accesses: a table on a wide screen, cards on a phone. */
export function AccessList({
  accesses,
  treeSize,
  onReport,
}: {
  accesses: ResidentAccess[];
  /** The signed head shown on the page: the downloaded proofs lead to it. */
  treeSize: number | undefined;
  onReport: (a: ResidentAccess) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const elements = (a: ResidentAccess) => a.elements.map((e) => e[lang]).join(', ');
  return (
    <>
      <Table.ScrollContainer minWidth={900} visibleFrom="md">
        <Table striped verticalSpacing="sm" data-testid="resident-accesses">
          <Table.Caption>{t('resident.accessesTitle')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('resident.when')}</Table.Th>
              <Table.Th scope="col">{t('resident.institution')}</Table.Th>
              <Table.Th scope="col">{t('resident.pks')}</Table.Th>
              <Table.Th scope="col">{t('resident.elements')}</Table.Th>
              <Table.Th scope="col">{t('resident.channel')}</Table.Th>
              <Table.Th scope="col">{t('resident.result')}</Table.Th>
              <Table.Th scope="col">{t('resident.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accesses.map((a) => (
              <Table.Tr key={a.id} data-testid="resident-access-row" data-channel={a.channel}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{a.when[lang]}</Text>
                </Table.Td>
                <Table.Td maw={220}>
                  <Text size="sm">{a.institution ?? t('resident.unknownInstitution')}</Text>
                </Table.Td>
                <Table.Td>
                  <Pks a={a} />
                </Table.Td>
                <Table.Td maw={260}>
                  <Text size="xs">{elements(a)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.channelWords[lang]}</Text>
                </Table.Td>
                <Table.Td maw={200}>
                  <ResultBadge a={a} />
                </Table.Td>
                <Table.Td>
                  <Actions a={a} treeSize={treeSize} onReport={onReport} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack hiddenFrom="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {accesses.map((a) => (
          <Card key={a.id} withBorder component="li" data-testid="resident-access-card">
            <Stack gap={6}>
              <Text fw={600}>{a.institution ?? t('resident.unknownInstitution')}</Text>
              <Text size="sm">{a.when[lang]}</Text>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {t('resident.pks')}:
                </Text>
                <Pks a={a} />
              </Group>
              <Text size="sm">
                <Text span c="dimmed">
                  {t('resident.channel')}:
                </Text>{' '}
                {a.channelWords[lang]}
              </Text>
              <Text size="sm">
                <Text span c="dimmed">
                  {t('resident.elements')}:
                </Text>{' '}
                {elements(a)}
              </Text>
              <ResultBadge a={a} />
              <Actions a={a} treeSize={treeSize} onReport={onReport} />
            </Stack>
          </Card>
        ))}
      </Stack>
    </>
  );
}
