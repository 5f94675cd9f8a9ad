/**
 * Data balikan (issue 12): the data an institution returns to Dukcapil as its PKS says. The PKS names each duty
 * (a kind of data and how often); this catalogue says, per kind, which columns a delivery's CSV carries and how
 * each is checked. Data, not code paths: a new kind is a new entry here.
 */
import { errors, type Message } from '../errors.js';

/** The frequencies a duty's delivery can be owed at, in display order. */
export const BALIKAN_FREQUENCIES = ['monthly', 'quarterly', 'semester'] as const;

/** How often a duty's delivery is owed. */
export type BalikanFrequency = (typeof BALIKAN_FREQUENCIES)[number];

/** One data balikan duty of a PKS: what is returned and how often. */
export interface DataBalikanDuty {
  /** A kind code of BALIKAN_KINDS. */
  kind: string;
  frequency: BalikanFrequency;
}

/** How a column's value can be checked. */
export const BALIKAN_FIELD_TYPES = ['nik', 'date', 'text', 'rtrw'] as const;

/** How a column's value is checked. */
export type BalikanFieldType = (typeof BALIKAN_FIELD_TYPES)[number];

/** One column of a kind's CSV. */
export interface BalikanField {
  /** The CSV header, upper case (the integration field names where one exists: NIK, ALAMAT, NO_RT …). */
  name: string;
  type: BalikanFieldType;
  required: boolean;
  /** Longest text accepted (type text). */
  maxLength?: number;
  label: Message;
}

/** A kind of data balikan. */
export interface BalikanKind {
  code: string;
  name: Message;
  /** Who typically returns it and what it is for. */
  description: Message;
  fields: readonly BalikanField[];
}

const NIK: BalikanField = { name: 'NIK', type: 'nik', required: true, label: { id: 'NIK', en: 'NIK' } };

/** The kinds of data balikan Gerbang accepts. */
export const BALIKAN_KINDS: readonly BalikanKind[] = [
  {
    code: 'kematian',
    name: { id: 'Data kematian', en: 'Deaths' },
    description: {
      id: 'Kematian yang dicatat lembaga (misalnya rumah sakit), agar Dukcapil dapat memutakhirkan status penduduk.',
      en: 'Deaths the institution recorded (a hospital, for example), so that Dukcapil can update the register.',
    },
    fields: [
      NIK,
      {
        name: 'TGL_KEMATIAN',
        type: 'date',
        required: true,
        label: { id: 'Tanggal kematian', en: 'Date of death' },
      },
      {
        name: 'TEMPAT_KEMATIAN',
        type: 'text',
        required: true,
        maxLength: 200,
        label: { id: 'Tempat kematian', en: 'Place of death' },
      },
      { name: 'SEBAB', type: 'text', required: false, maxLength: 200, label: { id: 'Sebab kematian', en: 'Cause' } },
    ],
  },
  {
    code: 'perubahan_alamat',
    name: { id: 'Perubahan alamat', en: 'Address changes' },
    description: {
      id: 'Alamat baru yang dilaporkan nasabah atau pelanggan kepada lembaga (misalnya bank).',
      en: 'New addresses customers reported to the institution (a bank, for example).',
    },
    fields: [
      NIK,
      { name: 'ALAMAT', type: 'text', required: true, maxLength: 200, label: { id: 'Alamat', en: 'Address' } },
      { name: 'NO_RT', type: 'rtrw', required: true, label: { id: 'RT', en: 'RT' } },
      { name: 'NO_RW', type: 'rtrw', required: true, label: { id: 'RW', en: 'RW' } },
      {
        name: 'KEL_NAME',
        type: 'text',
        required: true,
        maxLength: 100,
        label: { id: 'Kelurahan/desa', en: 'Village' },
      },
      { name: 'KEC_NAME', type: 'text', required: false, maxLength: 100, label: { id: 'Kecamatan', en: 'District' } },
      {
        name: 'KAB_NAME',
        type: 'text',
        required: false,
        maxLength: 100,
        label: { id: 'Kabupaten/kota', en: 'Regency/city' },
      },
      {
        name: 'TGL_PERUBAHAN',
        type: 'date',
        required: true,
        label: { id: 'Tanggal perubahan', en: 'Date of change' },
      },
    ],
  },
  {
    code: 'pemanfaatan',
    name: { id: 'Pemanfaatan data', en: 'Data usage' },
    description: {
      id: 'Untuk setiap penduduk yang datanya dipakai: layanan yang diberikan dan tanggalnya.',
      en: 'For each resident whose data was used: the service delivered and its date.',
    },
    fields: [
      NIK,
      { name: 'LAYANAN', type: 'text', required: true, maxLength: 200, label: { id: 'Layanan', en: 'Service' } },
      { name: 'TANGGAL', type: 'date', required: true, label: { id: 'Tanggal layanan', en: 'Date of service' } },
    ],
  },
];

const BY_CODE = new Map(BALIKAN_KINDS.map((k) => [k.code, k]));

/** The kind with this code, or undefined. */
export function balikanKind(code: string): BalikanKind | undefined {
  return BY_CODE.get(code);
}

/** Whether a string is a kind code of the catalogue. */
export function isBalikanKind(code: string): boolean {
  return BY_CODE.has(code);
}

/** Problems of a PKS's duties (unknown kind or frequency, a kind twice); empty when they are fine. */
export function dutyIssues(duties: readonly DataBalikanDuty[]): Message[] {
  const out: Message[] = [];
  const seen = new Set<string>();
  for (const d of duties) {
    const kind = String(d.kind).slice(0, 40);
    if (!isBalikanKind(d.kind)) out.push({ id: `Jenis "${kind}" tidak dikenal.`, en: `Unknown kind "${kind}".` });
    else if (seen.has(d.kind))
      out.push({ id: `Jenis "${kind}" tercantum dua kali.`, en: `Kind "${kind}" appears twice.` });
    if (!BALIKAN_FREQUENCIES.includes(d.frequency))
      out.push({ id: 'Frekuensi tidak dikenal.', en: 'Unknown frequency.' });
    seen.add(d.kind);
  }
  return out;
}

/** "Data kematian, setiap bulan" for the PKS text. */
export function dutyText(duty: DataBalikanDuty): string {
  const kind = balikanKind(duty.kind)?.name.id ?? duty.kind;
  const every = { monthly: 'setiap bulan', quarterly: 'setiap triwulan', semester: 'setiap semester' }[duty.frequency];
  return `${kind}, ${every}`;
}

/**
 * The duties as a PKS content holds them: none when the list is empty (so a content without duties hashes as
 * before), else each kind once, in catalogue order; 400 invalid_duties for an unknown kind or a kind twice.
 */
export function dutiesOrNone(duties: readonly DataBalikanDuty[]): DataBalikanDuty[] | undefined {
  const issues = dutyIssues(duties);
  if (issues.length)
    throw errors.invalid(
      'invalid_duties',
      {
        id: 'Kewajiban data balikan tidak valid (jenis tidak dikenal atau ganda).',
        en: 'Invalid data balikan duties (unknown or repeated kind).',
      },
      issues.map((message) => ({ field: 'dataBalikanDuties', message })),
    );
  if (!duties.length) return undefined;
  const order = BALIKAN_KINDS.map((k) => k.code);
  return [...duties]
    .map((d) => ({ kind: d.kind, frequency: d.frequency }))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
