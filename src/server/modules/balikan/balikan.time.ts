/** The office-local date data balikan counts periods and due dates on. */

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of `now` in an office's time zone (IANA name; Asia/Jakarta when unknown). */
export function officeToday(timeZone: string, now: Date): string {
  let f = FORMATS.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Jakarta',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    }
    FORMATS.set(timeZone, f);
  }
  return f.format(now);
}
