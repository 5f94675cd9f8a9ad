/**
 * The 31 population data elements of UU 24/2013 art. 58(2), with the field names integrations already use.
 * Everything downstream (PKS, grants, projection, verification, CSV import) speaks these codes and fields,
 * so this table is the single place where an element's meaning, protection and matching rule live.
 */
import type { Message } from '../errors.js';

/**
 * How a field's value is compared in verification and checked on import.
 * Names, places and addresses are typed by hand and so are fuzzy-matched; the others are compared exactly.
 */
export type FieldKind =
  | 'nik' // 16 digits
  | 'kk' // 16 digits
  | 'name' // fuzzy
  | 'place' // fuzzy
  | 'address' // fuzzy
  | 'date' // YYYY-MM-DD stored, DD-MM-YYYY accepted
  | 'enum' // one of a closed list
  | 'code' // a numeric region or RT/RW code
  | 'text'; // free text compared exactly (certificate numbers, protected markers)

/** One field as integrations name it. */
export interface FieldSpec {
  /** The integration field name, e.g. NAMA_LGKP. */
  readonly name: FieldName;
  /** Comparison and validation rule. */
  readonly kind: FieldKind;
  /** True when verification answers with a similarity score instead of an exact comparison. */
  readonly fuzzy: boolean;
  /** The closed list of values for enum fields. */
  readonly values?: readonly string[];
}

/** One data element of art. 58(2). */
export interface DataElement {
  /** Stable code used in PKS, grants and audit records. */
  readonly code: ElementCode;
  /** The letter of art. 58(2) UU 24/2013 (a … ee). */
  readonly article: string;
  /** The fields that carry this element; "current address" spans several. */
  readonly fields: readonly FieldName[];
  /** Short name. */
  readonly name: Message;
  /** What the element is, for reviewers and the public register. */
  readonly description: Message;
  /** Protected personal data: needs a written legal basis and warns reviewers. */
  readonly protected: boolean;
  /** True when at least one of its fields is fuzzy-matched in verification. */
  readonly fuzzy: boolean;
}

/** Every field name a resident record carries, in catalogue order (also the CSV column order). */
export const FIELD_NAMES = [
  'NO_KK',
  'NIK',
  'NAMA_LGKP',
  'JENIS_KLMIN',
  'TMPT_LHR',
  'TGL_LHR',
  'GOL_DARAH',
  'AGAMA',
  'STATUS_KAWIN',
  'STAT_HBKEL',
  'PNYDNG_CCT',
  'PDDK_AKH',
  'JENIS_PKRJN',
  'NIK_IBU',
  'NAMA_LGKP_IBU',
  'NIK_AYAH',
  'NAMA_LGKP_AYAH',
  'ALAMAT_SBLM',
  'ALAMAT',
  'NO_RT',
  'NO_RW',
  'DUSUN',
  'NO_PROP',
  'PROP_NAME',
  'NO_KAB',
  'KAB_NAME',
  'NO_KEC',
  'KEC_NAME',
  'NO_KEL',
  'KEL_NAME',
  'AKTA_LHR',
  'NO_AKTA_LHR',
  'AKTA_KWN',
  'NO_AKTA_KWN',
  'TGL_KWN',
  'AKTA_CRAI',
  'NO_AKTA_CRAI',
  'TGL_CRAI',
  'SIDIK_JARI',
  'IRIS_MATA',
  'TTD',
  'AIB',
] as const;

/** A field name of the resident record. */
export type FieldName = (typeof FIELD_NAMES)[number];

/** A resident's element values keyed by field name; dates are YYYY-MM-DD, absent values are ''. */
export type ResidentFields = Record<FieldName, string>;

/** The element codes, in art. 58(2) order. */
export const ELEMENT_CODES = [
  'no_kk',
  'nik',
  'nama_lengkap',
  'jenis_kelamin',
  'tempat_lahir',
  'tanggal_lahir',
  'golongan_darah',
  'agama',
  'status_perkawinan',
  'hubungan_keluarga',
  'disabilitas',
  'pendidikan_terakhir',
  'pekerjaan',
  'nik_ibu',
  'nama_ibu',
  'nik_ayah',
  'nama_ayah',
  'alamat_sebelumnya',
  'alamat',
  'akta_lahir_kepemilikan',
  'akta_lahir_nomor',
  'akta_kawin_kepemilikan',
  'akta_kawin_nomor',
  'tanggal_perkawinan',
  'akta_cerai_kepemilikan',
  'akta_cerai_nomor',
  'tanggal_perceraian',
  'sidik_jari',
  'iris_mata',
  'tanda_tangan',
  'aib',
] as const;

/** A data element code. */
export type ElementCode = (typeof ELEMENT_CODES)[number];

/** Values used by SIAK for the enum fields; the generator and the CSV validator share them. */
export const ENUMS = {
  JENIS_KLMIN: ['LAKI-LAKI', 'PEREMPUAN'],
  GOL_DARAH: ['A', 'B', 'AB', 'O', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', 'TIDAK TAHU'],
  AGAMA: ['ISLAM', 'KRISTEN', 'KATHOLIK', 'HINDU', 'BUDHA', 'KHONGHUCU', 'KEPERCAYAAN TERHADAP TUHAN YME'],
  STATUS_KAWIN: ['BELUM KAWIN', 'KAWIN', 'CERAI HIDUP', 'CERAI MATI'],
  STAT_HBKEL: [
    'KEPALA KELUARGA',
    'SUAMI',
    'ISTRI',
    'ANAK',
    'MENANTU',
    'CUCU',
    'ORANG TUA',
    'MERTUA',
    'FAMILI LAIN',
    'PEMBANTU',
    'LAINNYA',
  ],
  PNYDNG_CCT: [
    'TIDAK ADA',
    'CACAT FISIK',
    'CACAT NETRA/BUTA',
    'CACAT RUNGU/WICARA',
    'CACAT MENTAL/JIWA',
    'CACAT FISIK DAN MENTAL',
    'CACAT LAINNYA',
  ],
  PDDK_AKH: [
    'TIDAK/BELUM SEKOLAH',
    'BELUM TAMAT SD/SEDERAJAT',
    'TAMAT SD/SEDERAJAT',
    'SLTP/SEDERAJAT',
    'SLTA/SEDERAJAT',
    'DIPLOMA I/II',
    'AKADEMI/DIPLOMA III/S. MUDA',
    'DIPLOMA IV/STRATA I',
    'STRATA II',
    'STRATA III',
  ],
  AKTA: ['ADA', 'TIDAK ADA'],
  BIOMETRIK: ['TEREKAM', 'BELUM TEREKAM'],
} as const;

const F = (name: FieldName, kind: FieldKind, values?: readonly string[]): FieldSpec => ({
  name,
  kind,
  fuzzy: kind === 'name' || kind === 'place' || kind === 'address',
  ...(values ? { values } : {}),
});

/** Per-field rules, keyed by field name. */
export const FIELD_SPECS: Readonly<Record<FieldName, FieldSpec>> = {
  NO_KK: F('NO_KK', 'kk'),
  NIK: F('NIK', 'nik'),
  NAMA_LGKP: F('NAMA_LGKP', 'name'),
  JENIS_KLMIN: F('JENIS_KLMIN', 'enum', ENUMS.JENIS_KLMIN),
  TMPT_LHR: F('TMPT_LHR', 'place'),
  TGL_LHR: F('TGL_LHR', 'date'),
  GOL_DARAH: F('GOL_DARAH', 'enum', ENUMS.GOL_DARAH),
  AGAMA: F('AGAMA', 'enum', ENUMS.AGAMA),
  STATUS_KAWIN: F('STATUS_KAWIN', 'enum', ENUMS.STATUS_KAWIN),
  STAT_HBKEL: F('STAT_HBKEL', 'enum', ENUMS.STAT_HBKEL),
  PNYDNG_CCT: F('PNYDNG_CCT', 'enum', ENUMS.PNYDNG_CCT),
  PDDK_AKH: F('PDDK_AKH', 'enum', ENUMS.PDDK_AKH),
  // Occupations are an open list in practice (SIAK has ~90 codes); compared exactly, not validated.
  JENIS_PKRJN: F('JENIS_PKRJN', 'text'),
  NIK_IBU: F('NIK_IBU', 'nik'),
  NAMA_LGKP_IBU: F('NAMA_LGKP_IBU', 'name'),
  NIK_AYAH: F('NIK_AYAH', 'nik'),
  NAMA_LGKP_AYAH: F('NAMA_LGKP_AYAH', 'name'),
  ALAMAT_SBLM: F('ALAMAT_SBLM', 'address'),
  ALAMAT: F('ALAMAT', 'address'),
  NO_RT: F('NO_RT', 'code'),
  NO_RW: F('NO_RW', 'code'),
  DUSUN: F('DUSUN', 'place'),
  NO_PROP: F('NO_PROP', 'code'),
  PROP_NAME: F('PROP_NAME', 'place'),
  NO_KAB: F('NO_KAB', 'code'),
  KAB_NAME: F('KAB_NAME', 'place'),
  NO_KEC: F('NO_KEC', 'code'),
  KEC_NAME: F('KEC_NAME', 'place'),
  NO_KEL: F('NO_KEL', 'code'),
  KEL_NAME: F('KEL_NAME', 'place'),
  AKTA_LHR: F('AKTA_LHR', 'enum', ENUMS.AKTA),
  NO_AKTA_LHR: F('NO_AKTA_LHR', 'text'),
  AKTA_KWN: F('AKTA_KWN', 'enum', ENUMS.AKTA),
  NO_AKTA_KWN: F('NO_AKTA_KWN', 'text'),
  TGL_KWN: F('TGL_KWN', 'date'),
  AKTA_CRAI: F('AKTA_CRAI', 'enum', ENUMS.AKTA),
  NO_AKTA_CRAI: F('NO_AKTA_CRAI', 'text'),
  TGL_CRAI: F('TGL_CRAI', 'date'),
  SIDIK_JARI: F('SIDIK_JARI', 'enum', ENUMS.BIOMETRIK),
  IRIS_MATA: F('IRIS_MATA', 'enum', ENUMS.BIOMETRIK),
  TTD: F('TTD', 'enum', ENUMS.BIOMETRIK),
  AIB: F('AIB', 'text'),
};

function el(
  code: ElementCode,
  article: string,
  fields: readonly FieldName[],
  name: Message,
  description: Message,
  isProtected = false,
): DataElement {
  return {
    code,
    article,
    fields,
    name,
    description,
    protected: isProtected,
    fuzzy: fields.some((f) => FIELD_SPECS[f].fuzzy),
  };
}

/** The catalogue, in art. 58(2) order. */
export const DATA_ELEMENTS: readonly DataElement[] = Object.freeze([
  el(
    'no_kk',
    'a',
    ['NO_KK'],
    { id: 'Nomor KK', en: 'Family card number' },
    { id: 'Nomor Kartu Keluarga (16 digit).', en: 'Family card (KK) number, 16 digits.' },
  ),
  el(
    'nik',
    'b',
    ['NIK'],
    { id: 'NIK', en: 'NIK' },
    { id: 'Nomor Induk Kependudukan (16 digit).', en: 'National identity number, 16 digits.' },
  ),
  el(
    'nama_lengkap',
    'c',
    ['NAMA_LGKP'],
    { id: 'Nama lengkap', en: 'Full name' },
    { id: 'Nama lengkap sesuai dokumen kependudukan.', en: 'Full name as registered.' },
  ),
  el(
    'jenis_kelamin',
    'd',
    ['JENIS_KLMIN'],
    { id: 'Jenis kelamin', en: 'Sex' },
    { id: 'Laki-laki atau perempuan.', en: 'Male or female.' },
  ),
  el(
    'tempat_lahir',
    'e',
    ['TMPT_LHR'],
    { id: 'Tempat lahir', en: 'Place of birth' },
    { id: 'Kota atau kabupaten tempat lahir.', en: 'City or regency of birth.' },
  ),
  el(
    'tanggal_lahir',
    'f',
    ['TGL_LHR'],
    { id: 'Tanggal lahir', en: 'Date of birth' },
    { id: 'Tanggal, bulan dan tahun lahir.', en: 'Day, month and year of birth.' },
  ),
  el(
    'golongan_darah',
    'g',
    ['GOL_DARAH'],
    { id: 'Golongan darah', en: 'Blood type' },
    { id: 'Golongan darah (A, B, AB, O, dengan rhesus bila diketahui).', en: 'Blood type, with rhesus when known.' },
  ),
  el(
    'agama',
    'h',
    ['AGAMA'],
    { id: 'Agama/kepercayaan', en: 'Religion or belief' },
    { id: 'Agama atau kepercayaan terhadap Tuhan YME.', en: 'Religion or belief in God Almighty.' },
  ),
  el(
    'status_perkawinan',
    'i',
    ['STATUS_KAWIN'],
    { id: 'Status perkawinan', en: 'Marital status' },
    {
      id: 'Belum kawin, kawin, cerai hidup atau cerai mati.',
      en: 'Single, married, divorced or widowed.',
    },
  ),
  el(
    'hubungan_keluarga',
    'j',
    ['STAT_HBKEL'],
    { id: 'Status hubungan dalam keluarga', en: 'Relation within the family' },
    { id: 'Kedudukan dalam Kartu Keluarga (kepala keluarga, istri, anak, …).', en: 'Position in the family card.' },
  ),
  el(
    'disabilitas',
    'k',
    ['PNYDNG_CCT'],
    { id: 'Cacat fisik dan/atau mental', en: 'Physical and/or mental disability' },
    { id: 'Jenis disabilitas yang tercatat.', en: 'Recorded type of disability.' },
    true,
  ),
  el(
    'pendidikan_terakhir',
    'l',
    ['PDDK_AKH'],
    { id: 'Pendidikan terakhir', en: 'Last education' },
    { id: 'Jenjang pendidikan terakhir yang ditamatkan.', en: 'Highest education level completed.' },
  ),
  el(
    'pekerjaan',
    'm',
    ['JENIS_PKRJN'],
    { id: 'Jenis pekerjaan', en: 'Occupation' },
    { id: 'Jenis pekerjaan yang tercatat.', en: 'Recorded occupation.' },
  ),
  el(
    'nik_ibu',
    'n',
    ['NIK_IBU'],
    { id: 'NIK ibu kandung', en: "Mother's NIK" },
    { id: 'NIK ibu kandung.', en: "The birth mother's NIK." },
  ),
  el(
    'nama_ibu',
    'o',
    ['NAMA_LGKP_IBU'],
    { id: 'Nama ibu kandung', en: "Mother's name" },
    { id: 'Nama lengkap ibu kandung.', en: "The birth mother's full name." },
  ),
  el(
    'nik_ayah',
    'p',
    ['NIK_AYAH'],
    { id: 'NIK ayah', en: "Father's NIK" },
    { id: 'NIK ayah.', en: "The father's NIK." },
  ),
  el(
    'nama_ayah',
    'q',
    ['NAMA_LGKP_AYAH'],
    { id: 'Nama ayah', en: "Father's name" },
    { id: 'Nama lengkap ayah.', en: "The father's full name." },
  ),
  el(
    'alamat_sebelumnya',
    'r',
    ['ALAMAT_SBLM'],
    { id: 'Alamat sebelumnya', en: 'Previous address' },
    { id: 'Alamat sebelum pindah datang, bila ada.', en: 'Address before the last move, if any.' },
  ),
  el(
    'alamat',
    's',
    [
      'ALAMAT',
      'NO_RT',
      'NO_RW',
      'DUSUN',
      'NO_PROP',
      'PROP_NAME',
      'NO_KAB',
      'KAB_NAME',
      'NO_KEC',
      'KEC_NAME',
      'NO_KEL',
      'KEL_NAME',
    ],
    { id: 'Alamat sekarang', en: 'Current address' },
    {
      id: 'Alamat, RT/RW, dusun, kelurahan/desa, kecamatan, kabupaten/kota dan provinsi beserta kodenya.',
      en: 'Street address, RT/RW, hamlet, village, district, regency/city and province with their codes.',
    },
  ),
  el(
    'akta_lahir_kepemilikan',
    't',
    ['AKTA_LHR'],
    { id: 'Kepemilikan akta kelahiran', en: 'Birth certificate held' },
    { id: 'Apakah memiliki akta kelahiran/surat kenal lahir.', en: 'Whether a birth certificate exists.' },
  ),
  el(
    'akta_lahir_nomor',
    'u',
    ['NO_AKTA_LHR'],
    { id: 'Nomor akta kelahiran', en: 'Birth certificate number' },
    { id: 'Nomor akta kelahiran/surat kenal lahir.', en: 'Birth certificate number.' },
  ),
  el(
    'akta_kawin_kepemilikan',
    'v',
    ['AKTA_KWN'],
    { id: 'Kepemilikan akta perkawinan', en: 'Marriage certificate held' },
    { id: 'Apakah memiliki akta perkawinan/buku nikah.', en: 'Whether a marriage certificate exists.' },
  ),
  el(
    'akta_kawin_nomor',
    'w',
    ['NO_AKTA_KWN'],
    { id: 'Nomor akta perkawinan', en: 'Marriage certificate number' },
    { id: 'Nomor akta perkawinan/buku nikah.', en: 'Marriage certificate number.' },
  ),
  el(
    'tanggal_perkawinan',
    'x',
    ['TGL_KWN'],
    { id: 'Tanggal perkawinan', en: 'Date of marriage' },
    { id: 'Tanggal perkawinan.', en: 'Date of marriage.' },
  ),
  el(
    'akta_cerai_kepemilikan',
    'y',
    ['AKTA_CRAI'],
    { id: 'Kepemilikan akta perceraian', en: 'Divorce certificate held' },
    { id: 'Apakah memiliki akta perceraian.', en: 'Whether a divorce certificate exists.' },
  ),
  el(
    'akta_cerai_nomor',
    'z',
    ['NO_AKTA_CRAI'],
    { id: 'Nomor akta perceraian', en: 'Divorce certificate number' },
    { id: 'Nomor akta perceraian/surat cerai.', en: 'Divorce certificate number.' },
  ),
  el(
    'tanggal_perceraian',
    'aa',
    ['TGL_CRAI'],
    { id: 'Tanggal perceraian', en: 'Date of divorce' },
    { id: 'Tanggal perceraian.', en: 'Date of divorce.' },
  ),
  el(
    'sidik_jari',
    'bb',
    ['SIDIK_JARI'],
    { id: 'Sidik jari', en: 'Fingerprints' },
    { id: 'Data sidik jari (biometrik).', en: 'Fingerprint data (biometric).' },
    true,
  ),
  el(
    'iris_mata',
    'cc',
    ['IRIS_MATA'],
    { id: 'Iris mata', en: 'Iris' },
    { id: 'Data iris mata (biometrik).', en: 'Iris data (biometric).' },
    true,
  ),
  el(
    'tanda_tangan',
    'dd',
    ['TTD'],
    { id: 'Tanda tangan', en: 'Signature' },
    { id: 'Tanda tangan yang terekam.', en: 'Recorded signature.' },
    true,
  ),
  el(
    'aib',
    'ee',
    ['AIB'],
    { id: 'Elemen data aib', en: 'Disgrace data' },
    {
      id: 'Elemen data lainnya yang merupakan aib seseorang.',
      en: "Other data elements that are a person's disgrace.",
    },
    true,
  ),
]);

const BY_CODE: ReadonlyMap<string, DataElement> = new Map(DATA_ELEMENTS.map((e) => [e.code, e]));
const BY_FIELD: ReadonlyMap<string, DataElement> = new Map(
  DATA_ELEMENTS.flatMap((e) => e.fields.map((f) => [f, e] as const)),
);
const FIELD_SET: ReadonlySet<string> = new Set(FIELD_NAMES);

/** The element with this code, or undefined. */
export function elementByCode(code: string): DataElement | undefined {
  return BY_CODE.get(code);
}

/** True for a known element code; narrows the type. */
export function isElementCode(code: string): code is ElementCode {
  return BY_CODE.has(code);
}

/** True for a known field name; narrows the type. */
export function isFieldName(name: string): name is FieldName {
  return FIELD_SET.has(name);
}

/** The element that owns a field, or undefined. */
export function elementOfField(field: string): DataElement | undefined {
  return BY_FIELD.get(field);
}

/** The fields of a set of element codes, deduplicated, in catalogue order; unknown codes are ignored. */
export function fieldsOf(codes: Iterable<string>): FieldName[] {
  const wanted = new Set<string>();
  for (const c of codes) {
    const e = BY_CODE.get(c);
    if (e) for (const f of e.fields) wanted.add(f);
  }
  return FIELD_NAMES.filter((f) => wanted.has(f));
}

/** The element codes that cover a set of fields, in catalogue order; unknown fields are ignored. */
export function elementsOfFields(fields: Iterable<string>): ElementCode[] {
  const wanted = new Set<string>();
  for (const f of fields) {
    const e = BY_FIELD.get(f);
    if (e) wanted.add(e.code);
  }
  return ELEMENT_CODES.filter((c) => wanted.has(c));
}

/** The unknown codes among these, so a caller can refuse them with a precise list. */
export function unknownElementCodes(codes: Iterable<string>): string[] {
  const out: string[] = [];
  for (const c of codes) if (!BY_CODE.has(c)) out.push(c);
  return out;
}

/** Codes of the protected elements (disability, fingerprints, iris, signature, aib). */
export const PROTECTED_ELEMENT_CODES: readonly ElementCode[] = DATA_ELEMENTS.filter((e) => e.protected).map(
  (e) => e.code,
);
