/** Indonesian month names, as letters and SOP sheets print them. */
export const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** English month names, for the English UI. */
export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "19 September 2022" for a date (YYYY-MM-DD) or an instant (in the office's time zone); "-" when blank. */
export function tanggal(value: string | Date | null | undefined, timeZone = 'Asia/Jakarta'): string {
  if (!value) return '-';
  const text = typeof value === 'string' ? value : value.toISOString();
  let ymd = /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
  if (!ymd) {
    const d = new Date(text);
    if (Number.isNaN(d.getTime())) return text;
    ymd = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  }
  const [y, m, dd] = ymd.split('-').map(Number);
  return `${dd ?? ''} ${BULAN[(m ?? 1) - 1] ?? ''} ${y ?? ''}`;
}

/** `tanggal` in the UI's language: "30 Juli 2026" / "30 July 2026"; "-" when blank. */
export function tanggalIn(
  value: string | Date | null | undefined,
  lang: 'id' | 'en',
  timeZone = 'Asia/Jakarta',
): string {
  const text = tanggal(value, timeZone);
  if (lang === 'id' || text === '-') return text;
  const [d, m, y] = text.split(' ');
  const idx = BULAN.indexOf(m as (typeof BULAN)[number]);
  return idx < 0 ? text : `${d ?? ''} ${MONTHS_EN[idx]} ${y ?? ''}`;
}
