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
