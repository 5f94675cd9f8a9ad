import { Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BALIKAN_KINDS, type BalikanFrequency, type DataBalikanDuty } from '../../../domain/balikan/kinds';
import { useLang } from '../../i18n';

const FREQUENCIES: BalikanFrequency[] = ['monthly', 'quarterly', 'semester'];

/** The data balikan duties of a PKS: which kinds the institution returns, and how often. */
export function DutiesEditor({
  value,
  onChange,
}: {
  value: DataBalikanDuty[];
  onChange: (v: DataBalikanDuty[]) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const set = (kind: string, frequency: BalikanFrequency | null) => {
    const rest = value.filter((d) => d.kind !== kind);
    const next = frequency ? [...rest, { kind, frequency }] : rest;
    const order = BALIKAN_KINDS.map((k) => k.code);
    onChange(next.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)));
  };
  return (
    <Stack gap={6} data-testid="balikan-duties-editor">
      <Text size="sm" fw={500}>
        {t('dataBalikan.dutiesEditor')}
      </Text>
      {BALIKAN_KINDS.map((k) => {
        const current = value.find((d) => d.kind === k.code);
        return (
          <Group key={k.code} gap="sm" wrap="nowrap">
            <Checkbox
              label={k.name[lang]}
              checked={current !== undefined}
              onChange={(e) => set(k.code, e.currentTarget.checked ? 'monthly' : null)}
              w={220}
            />
            {current && (
              <Select
                size="xs"
                aria-label={t('dataBalikan.howOften')}
                data={FREQUENCIES.map((f) => ({ value: f, label: t(`dataBalikan.frequency.${f}`) }))}
                value={current.frequency}
                onChange={(f) => set(k.code, (f as BalikanFrequency | null) ?? current.frequency)}
                allowDeselect={false}
              />
            )}
          </Group>
        );
      })}
    </Stack>
  );
}

/** The data balikan clause as the PKS page shows it: the agreed text, then the duties as data. */
export function DutiesText({ text, duties }: { text: string; duties: DataBalikanDuty[] | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap={2}>
      <Text size="sm">{text}</Text>
      {(duties ?? []).map((d) => (
        <Text size="sm" key={d.kind} data-testid="pks-balikan-duty">
          • {BALIKAN_KINDS.find((k) => k.code === d.kind)?.name[lang] ?? d.kind},{' '}
          {t(`dataBalikan.frequency.${d.frequency}`)}
        </Text>
      ))}
    </Stack>
  );
}
