import '@mantine/dates/styles.css';
import { DateInput } from '@mantine/dates';
import 'dayjs/locale/en-gb';
import 'dayjs/locale/id';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { parseTypedDate } from '../lib/forms';

/**
 * A date field: typed ("17-08-1990", "17 Agustus 1990") or picked from a calendar in the UI's language, shown as
 * "17 Agustus 1990". Its value is YYYY-MM-DD, '' for none, like the `type="date"` inputs it replaces.
 */
export function DateField({
  value,
  onChange,
  label,
  description,
  error,
  min,
  max,
  required,
  clearable = true,
  placeholder,
  w,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  label?: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  /** Earliest day, YYYY-MM-DD. */
  min?: string | null;
  /** Latest day, YYYY-MM-DD. */
  max?: string | null;
  /** Shows the asterisk; the form checks the value itself (forms are noValidate). */
  required?: boolean;
  clearable?: boolean;
  placeholder?: string;
  w?: number | string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <DateInput
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      label={label}
      description={description}
      error={error}
      minDate={min || undefined}
      maxDate={max || undefined}
      withAsterisk={required}
      clearable={clearable}
      valueFormat="D MMMM YYYY"
      dateParser={parseTypedDate}
      placeholder={placeholder ?? t('integration.forms.datePlaceholder')}
      popoverProps={{ withinPortal: true }}
      w={w}
      data-testid={testId}
    />
  );
}
