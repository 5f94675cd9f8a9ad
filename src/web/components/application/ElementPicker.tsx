import { Alert, Badge, Group, MultiSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n';
import { useDataElements } from '../useDataElements';

/** A searchable multi-select of the data-element catalogue; protected elements are marked and warned about. */
export function ElementPicker({
  value,
  onChange,
  label,
  error,
  testId = 'application-elements',
}: {
  value: string[];
  onChange: (codes: string[]) => void;
  label: string;
  error?: string | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const elements = useDataElements();
  const lock = t('elements.protectedMark');
  const data = (elements.data ?? []).map((e) => ({
    value: e.code,
    label: `${e.article}. ${e.name[lang]}${e.protected ? ` ${lock}` : ''}`,
  }));
  const chosenProtected = value.filter((c) => elements.byCode.get(c)?.protected);

  return (
    <>
      <MultiSelect
        label={label}
        description={t('elements.help')}
        placeholder={value.length === 0 ? t('elements.placeholder') : undefined}
        data={data}
        value={value}
        onChange={onChange}
        searchable
        clearable
        hidePickedOptions
        maxDropdownHeight={320}
        nothingFoundMessage={t('elements.nothingFound')}
        error={error}
        renderOption={({ option }) => {
          const e = elements.byCode.get(option.value);
          return (
            <div data-testid={`element-option-${option.value}`}>
              <Group gap={6}>
                <Text size="sm">{e ? `${e.article}. ${e.name[lang]}` : option.label}</Text>
                {e?.protected && (
                  <Badge size="xs" color="red" variant="light">
                    {t('elements.protected')}
                  </Badge>
                )}
              </Group>
              {e && (
                <Text size="xs" c="dimmed">
                  {e.description[lang]}
                </Text>
              )}
            </div>
          );
        }}
        data-testid={testId}
      />
      {chosenProtected.length > 0 && (
        <Alert color="orange" title={t('elements.protectedTitle')} data-testid="protected-warning">
          {t('elements.protectedWarning', {
            names: chosenProtected.map((c) => elements.byCode.get(c)?.name[lang] ?? c).join(', '),
          })}
        </Alert>
      )}
    </>
  );
}
