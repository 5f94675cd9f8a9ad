/**
 * The resident CSV of `gerbang population import`: its documented header and a validator per row that
 * either yields a normalised resident or lists every problem in both languages, so an import can report the
 * bad rows and keep the good ones. Parsing the file itself (quotes, line ends) is the caller's business.
 */
import { ENUMS, FIELD_NAMES, FIELD_SPECS, type FieldName, type ResidentFields } from '../elements/elements.js';
import type { FieldIssue } from '../errors.js';
import { normalizeDate } from '../match/verify.js';
import { kkError, nikError, type NikError } from '../nik/nik.js';
import type { Resident } from './generate.js';

/** The CSV columns, in order: every element field, then STATUS_HIDUP (HIDUP|MATI) and STATUS_DATA (AKTIF|NONAKTIF). */
export const RESIDENT_CSV_HEADER: readonly string[] = [...FIELD_NAMES, 'STATUS_HIDUP', 'STATUS_DATA'];

/** Columns a row must fill; the others may be empty. */
export const REQUIRED_COLUMNS: readonly FieldName[] = [
  'NIK',
  'NO_KK',
  'NAMA_LGKP',
  'JENIS_KLMIN',
  'TMPT_LHR',
  'TGL_LHR',
];

/** The outcome of validating one row. */
export type RowResult = { ok: true; resident: Resident } | { ok: false; errors: FieldIssue[] };

const NIK_MESSAGES: Readonly<Record<NikError, [string, string]>> = {
  type: ['bukan teks', 'is not text'],
  digits: ['hanya boleh berisi angka', 'must contain digits only'],
  length: ['harus 16 digit', 'must be 16 digits'],
  province: ['kode provinsi tidak dikenal', 'has an unknown province code'],
  regency: ['kode kabupaten/kota 00 tidak sah', 'has regency code 00'],
  district: ['kode kecamatan 00 tidak sah', 'has district code 00'],
  date: ['tanggal lahir di dalam NIK tidak sah', 'holds an impossible birth date'],
  serial: ['nomor urut 0000 tidak sah', 'has serial 0000'],
};

const SEX: Readonly<Record<string, string>> = {
  L: 'LAKI-LAKI',
  'LAKI-LAKI': 'LAKI-LAKI',
  'LAKI LAKI': 'LAKI-LAKI',
  P: 'PEREMPUAN',
  PEREMPUAN: 'PEREMPUAN',
};

const CODE_PATTERNS: Partial<Record<FieldName, RegExp>> = {
  NO_RT: /^\d{1,3}$/,
  NO_RW: /^\d{1,3}$/,
  NO_PROP: /^\d{2}$/,
  NO_KAB: /^\d{1,2}$/,
  NO_KEC: /^\d{1,2}$/,
  NO_KEL: /^\d{4}$/,
};

const ENUM_SETS: Partial<Record<FieldName, ReadonlySet<string>>> = {};
for (const f of FIELD_NAMES) {
  const values = FIELD_SPECS[f].values;
  if (values && f !== 'JENIS_KLMIN') ENUM_SETS[f] = new Set(values);
}

/** Checks a header: every column known, the required ones present, none twice. */
export function validateResidentHeader(header: readonly string[]): { ok: true } | { ok: false; errors: FieldIssue[] } {
  const errors: FieldIssue[] = [];
  const known = new Set(RESIDENT_CSV_HEADER);
  const seen = new Set<string>();
  for (const raw of header) {
    const h = raw.trim().toUpperCase();
    if (!known.has(h))
      errors.push({ field: raw, message: { id: `Kolom "${raw}" tidak dikenal.`, en: `Unknown column "${raw}".` } });
    if (seen.has(h))
      errors.push({ field: raw, message: { id: `Kolom "${raw}" ganda.`, en: `Column "${raw}" appears twice.` } });
    seen.add(h);
  }
  for (const r of REQUIRED_COLUMNS)
    if (!seen.has(r))
      errors.push({ field: r, message: { id: `Kolom wajib ${r} tidak ada.`, en: `Required column ${r} is missing.` } });
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

function issue(field: string, id: string, en: string): FieldIssue {
  return { field, message: { id, en } };
}

/**
 * Validates and normalises one CSV record (column name → cell): upper-cases text, turns DD-MM-YYYY into
 * YYYY-MM-DD, "L"/"P" into LAKI-LAKI/PEREMPUAN, and checks NIKs, No KK, dates, enums and codes, and that the
 * NIK's birth date and sex agree with TGL_LHR and JENIS_KLMIN.
 */
export function validateResidentRow(record: Readonly<Record<string, string | undefined>>): RowResult {
  const errors: FieldIssue[] = [];
  const get = (k: string): string => (record[k] ?? '').trim();
  const out = {} as ResidentFields; // every field is assigned in the loop below before use
  for (const f of FIELD_NAMES) {
    const spec = FIELD_SPECS[f];
    let v = get(f);
    if (v === '') {
      if (REQUIRED_COLUMNS.includes(f)) errors.push(issue(f, `${f} wajib diisi.`, `${f} is required.`));
      out[f] = '';
      continue;
    }
    switch (spec.kind) {
      case 'nik': {
        const e = nikError(v);
        if (e) {
          const [id, en] = NIK_MESSAGES[e];
          errors.push(issue(f, `${f} ${id}.`, `${f} ${en}.`));
        }
        break;
      }
      case 'kk': {
        const e = kkError(v);
        if (e) {
          const [id, en] = NIK_MESSAGES[e];
          errors.push(issue(f, `${f} ${id}.`, `${f} ${en}.`));
        }
        break;
      }
      case 'date': {
        const iso = normalizeDate(v);
        if (!iso)
          errors.push(
            issue(
              f,
              `${f} bukan tanggal yang sah (DD-MM-YYYY atau YYYY-MM-DD).`,
              `${f} is not a valid date (DD-MM-YYYY or YYYY-MM-DD).`,
            ),
          );
        else v = iso;
        break;
      }
      case 'enum': {
        v = v.toUpperCase().replace(/\s+/g, ' ');
        if (f === 'JENIS_KLMIN') {
          const s = SEX[v];
          if (!s)
            errors.push(
              issue(f, 'JENIS_KLMIN harus LAKI-LAKI atau PEREMPUAN.', 'JENIS_KLMIN must be LAKI-LAKI or PEREMPUAN.'),
            );
          else v = s;
        } else if (!ENUM_SETS[f]?.has(v)) {
          errors.push(issue(f, `${f} "${v}" bukan nilai yang dikenal.`, `${f} "${v}" is not a known value.`));
        }
        break;
      }
      case 'code': {
        const re = CODE_PATTERNS[f];
        if (re && !re.test(v)) errors.push(issue(f, `${f} bukan kode yang sah.`, `${f} is not a valid code.`));
        break;
      }
      default:
        v = v.toUpperCase().replace(/\s+/g, ' ');
        if (v.length > 200) errors.push(issue(f, `${f} terlalu panjang (maks. 200).`, `${f} is too long (max 200).`));
    }
    out[f] = v;
  }
  // The NIK encodes birth date and sex; a row whose NIK disagrees with its own columns is corrupt.
  const nik = out.NIK;
  if (nik.length === 16 && nikError(nik) === null && /^\d{4}-\d{2}-\d{2}$/.test(out.TGL_LHR)) {
    const rawDay = Number(nik.slice(6, 8));
    const female = rawDay > 40;
    const expect = `${String(rawDay - (female ? 40 : 0)).padStart(2, '0')}${nik.slice(8, 10)}${nik.slice(10, 12)}`;
    const actual = out.TGL_LHR.slice(8, 10) + out.TGL_LHR.slice(5, 7) + out.TGL_LHR.slice(2, 4);
    if (expect !== actual)
      errors.push(
        issue(
          'TGL_LHR',
          'TGL_LHR tidak sesuai dengan tanggal lahir di NIK.',
          'TGL_LHR does not match the birth date in the NIK.',
        ),
      );
    if (out.JENIS_KLMIN && (out.JENIS_KLMIN === 'PEREMPUAN') !== female)
      errors.push(
        issue(
          'JENIS_KLMIN',
          'JENIS_KLMIN tidak sesuai dengan NIK (tanggal +40 untuk perempuan).',
          'JENIS_KLMIN does not match the NIK (day + 40 for women).',
        ),
      );
  }
  const life = get('STATUS_HIDUP').toUpperCase() || 'HIDUP';
  const data = get('STATUS_DATA').toUpperCase() || 'AKTIF';
  if (life !== 'HIDUP' && life !== 'MATI')
    errors.push(issue('STATUS_HIDUP', 'STATUS_HIDUP harus HIDUP atau MATI.', 'STATUS_HIDUP must be HIDUP or MATI.'));
  if (data !== 'AKTIF' && data !== 'NONAKTIF')
    errors.push(
      issue('STATUS_DATA', 'STATUS_DATA harus AKTIF atau NONAKTIF.', 'STATUS_DATA must be AKTIF or NONAKTIF.'),
    );
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, resident: { ...out, alive: life === 'HIDUP', active: data === 'AKTIF' } };
}

/** A resident as CSV cells in RESIDENT_CSV_HEADER order (dates stay YYYY-MM-DD). */
export function residentToCsvRow(r: Resident): string[] {
  const row: string[] = FIELD_NAMES.map((f) => r[f]);
  row.push(r.alive ? 'HIDUP' : 'MATI', r.active ? 'AKTIF' : 'NONAKTIF');
  return row;
}

/** The enum values accepted per field, for the import documentation. */
export const CSV_ENUMS = ENUMS;
