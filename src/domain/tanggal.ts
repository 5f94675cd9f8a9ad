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

/** Indonesian day names, Sunday first (as Date#getUTCDay counts). */
export const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

const SATUAN = [
  '',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
];

/** A whole number in Indonesian words, as deeds write it: 2026 → "dua ribu dua puluh enam", 0 → "nol". */
export function terbilang(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`terbilang: ${n}`);
  if (n === 0) return 'nol';
  const words = (x: number): string => {
    if (x < 12) return SATUAN[x] ?? '';
    if (x < 20) return `${SATUAN[x - 10]} belas`;
    if (x < 100) return `${SATUAN[Math.floor(x / 10)]} puluh ${words(x % 10)}`;
    if (x < 200) return `seratus ${words(x - 100)}`;
    if (x < 1000) return `${SATUAN[Math.floor(x / 100)]} ratus ${words(x % 100)}`;
    if (x < 2000) return `seribu ${words(x - 1000)}`;
    if (x < 1_000_000) return `${words(Math.floor(x / 1000))} ribu ${words(x % 1000)}`;
    if (x < 1_000_000_000) return `${words(Math.floor(x / 1_000_000))} juta ${words(x % 1_000_000)}`;
    return `${words(Math.floor(x / 1_000_000_000))} miliar ${words(x % 1_000_000_000)}`;
  };
  return words(n).replace(/\s+/g, ' ').trim();
}

/** A date (YYYY-MM-DD) in the words of a deed's opening: day name, day, month and year, the numbers in words. */
export interface TanggalKata {
  hari: string;
  tanggal: string;
  bulan: string;
  tahun: string;
}

/** 2026-12-02 → { hari: "Rabu", tanggal: "dua", bulan: "Desember", tahun: "dua ribu dua puluh enam" }. */
export function tanggalKata(ymd: string): TanggalKata {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  const d = m ? new Date(`${ymd}T00:00:00Z`) : new Date(Number.NaN);
  if (!m || Number.isNaN(d.getTime())) throw new RangeError(`tanggalKata: ${ymd}`);
  return {
    hari: HARI[d.getUTCDay()] ?? '',
    tanggal: terbilang(Number(m[3])),
    bulan: BULAN[Number(m[2]) - 1] ?? '',
    tahun: terbilang(Number(m[1])),
  };
}

const ZONA: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** An instant as a letter prints it in the office's zone: "2 Desember 2026 pukul 10.15 WIB"; "-" when blank. */
export function tanggalWaktu(value: string | Date | null | undefined, timeZone = 'Asia/Jakarta'): string {
  if (!value) return '-';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(d)
    .replace(':', '.');
  return `${tanggal(d, timeZone)} pukul ${hm} ${ZONA[timeZone] ?? timeZone}`;
}
