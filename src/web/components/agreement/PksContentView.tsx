import { Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PksContent } from '../../api/client';
import { useLang } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useDataElements } from '../useDataElements';
import { DutiesText } from '../balikan/DutiesEditor';

/** The PKS content, article by article, as a reader would expect it. */
export function PksContentView({ content }: { content: PksContent }) {
  const { t } = useTranslation();
  const lang = useLang();
  const elements = useDataElements();
  const rupiah = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    style: 'currency',
    currency: 'IDR',
    maximumFractionDigits: 0,
  });
  const p = content.parties;
  const rows: [string, ReactNode][] = [
    [
      t('pks.parties'),
      <Stack gap={4} key="parties">
        <Text size="sm">
          <b>{t('pks.firstParty')}:</b> {p.office.name} ({p.office.code}) — {p.office.head}
        </Text>
        <Text size="sm">
          <b>{t('pks.secondParty')}:</b> {p.institution.name} (
          {t(`institutionTypes.${p.institution.type}`, { defaultValue: p.institution.type })}) — {p.institution.head}
        </Text>
      </Stack>,
    ],
    [t('pks.purpose'), content.purpose],
    [
      t('pks.rightsAndDuties'),
      <Stack gap={4} key="rights">
        <Text size="sm" fw={600}>
          {t('pks.firstParty')}
        </Text>
        <List size="sm">
          {content.rightsAndDuties.office.map((x, i) => (
            <List.Item key={i}>{x}</List.Item>
          ))}
        </List>
        <Text size="sm" fw={600}>
          {t('pks.secondParty')}
        </Text>
        <List size="sm">
          {content.rightsAndDuties.institution.map((x, i) => (
            <List.Item key={i}>{x}</List.Item>
          ))}
        </List>
      </Stack>,
    ],
    [
      t('pks.elements'),
      <Group gap={4} key="elements" data-testid="pks-elements">
        {content.elements.map((code) => {
          const e = elements.byCode.get(code);
          return (
            <Badge key={code} variant="light" color={e?.protected ? 'red' : 'gray'} title={e?.fields.join(', ')}>
              {e ? `${e.name[lang]}${e.protected ? ` ${t('elements.protectedMark')}` : ''}` : code}
            </Badge>
          );
        })}
      </Group>,
    ],
    [t('pks.methods'), content.methods.map((m) => t(`methods.${m}`, { defaultValue: m })).join(', ')],
    [t('pks.dataBalikan'), <DutiesText key="balikan" text={content.dataBalikan} duties={content.dataBalikanDuties} />],
    [t('pks.reporting'), content.reporting],
    [
      t('pks.financing'),
      <Stack gap={2} key="fin">
        <Text size="sm">{content.financing.text}</Text>
        <Text size="xs" c="dimmed">
          {content.financing.profitOriented ? t('pks.profit') : t('pks.nonProfit')} · {t('pks.feePerNik')}:{' '}
          {rupiah.format(content.financing.feePerNikRupiah)}
        </Text>
      </Stack>,
    ],
    [t('pks.prohibition'), content.prohibition],
    [
      t('pks.duration'),
      `${formatDate(content.duration.startDate, lang)} – ${formatDate(content.duration.endDate, lang)} (${content.duration.months} ${t('application.months')})`,
    ],
    [
      t('pks.signatories'),
      <Stack gap={2} key="sig">
        {content.signatories.map((s, i) => (
          <Text size="sm" key={i}>
            {s.party === 'office' ? t('pks.firstParty') : t('pks.secondParty')}: {s.title}
            {s.name && ` — ${s.name}`}
          </Text>
        ))}
      </Stack>,
    ],
  ];
  if (content.legalBasis) rows.push([t('pks.legalBasis'), content.legalBasis]);
  return (
    <Table variant="vertical" layout="fixed" data-testid="pks-content">
      <Table.Tbody>
        {rows.map(([label, value], i) => (
          <Table.Tr key={i}>
            <Table.Th w={220} style={{ verticalAlign: 'top' }}>
              {t('pks.article', { no: i + 1 })} · {label}
            </Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One side of a field-level change, readable: element names, method labels, dates, JSON otherwise. */
export function ChangeValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation();
  const lang = useLang();
  const elements = useDataElements();
  if (value === null || value === undefined || value === '') return <Text c="dimmed">—</Text>;
  if (Array.isArray(value) && field.startsWith('elements'))
    return (
      <Text size="sm">{value.map((c) => elements.byCode.get(String(c))?.name[lang] ?? String(c)).join(', ')}</Text>
    );
  if (Array.isArray(value) && field.startsWith('methods'))
    return <Text size="sm">{value.map((m) => t(`methods.${String(m)}`, { defaultValue: String(m) })).join(', ')}</Text>;
  if (Array.isArray(value) && value.every((x) => typeof x !== 'object'))
    return <Text size="sm">{value.map(String).join(', ')}</Text>;
  if (typeof value === 'object')
    return (
      <Text size="xs" ff="monospace" style={{ whiteSpace: 'pre-wrap' }}>
        {JSON.stringify(value, null, 1)}
      </Text>
    );
  return <Text size="sm">{String(value as string | number | boolean)}</Text>;
}
