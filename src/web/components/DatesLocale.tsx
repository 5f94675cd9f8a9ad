import { DatesProvider } from '@mantine/dates';
import 'dayjs/locale/en-gb';
import 'dayjs/locale/id';
import type { ReactNode } from 'react';
import { useLang } from '../i18n';

/**
 * Dates and calendars in the UI's language (Indonesian: "1 Januari 2017", weeks from Monday); main.tsx wraps the app
 * in it so every DateField follows the language switch. Kept apart from DateField so the first load of a page
 * without a date field does not carry the calendar.
 */
export function DatesLocale({ children }: { children: ReactNode }) {
  const lang = useLang();
  return (
    <DatesProvider settings={{ locale: lang === 'id' ? 'id' : 'en-gb', firstDayOfWeek: 1 }}>{children}</DatesProvider>
  );
}
