/**
 * Checking a data balikan delivery's CSV: the header against the kind's columns, then each row, so that a
 * delivery keeps its good rows and reports every bad one with its line and reason. Whether a NIK names a known
 * resident needs the warehouse: the caller looks the good-looking NIKs up in one batch and marks the rest.
 */
import type { FieldIssue, Message } from '../errors.js';
import { nikError, type NikError } from '../nik/nik.js';
import type { BalikanField, BalikanKind } from './kinds.js';

/** Most data rows in one delivery. */
export const BALIKAN_MAX_ROWS = 20_000;

/** Largest delivery file (bytes). */
export const BALIKAN_MAX_BYTES = 2 * 1024 * 1024;

/** Every reason a row can be refused for (stable codes; the web shows their messages). */
export const ROW_PROBLEM_CODES = [
  'column_count',
  'missing_field',
  'nik_format',
  'nik_region',
  'unknown_resident',
  'bad_date',
  'future_date',
  'too_long',
  'bad_rtrw',
  'bad_text',
] as const;

/** Why a row was refused. */
export type RowProblemCode = (typeof ROW_PROBLEM_CODES)[number];

/** One problem of one row. */
export interface RowProblem {
  /** The column, or "" for the row as a whole. */
  field: string;
  code: RowProblemCode;
  message: Message;
}

/** A checked row: its values by column when good, its problems when not. */
export interface CheckedRow {
  line: number;
  /** The NIK as sent when it is well formed (for the batched warehouse lookup), else null. */
  nik: string | null;
  values: Record<string, string>;
  problems: RowProblem[];
}

const NIK_REASON: Readonly<Record<NikError, Message>> = {
  type: { id: 'NIK bukan teks', en: 'the NIK is not text' },
  digits: { id: 'NIK hanya boleh berisi angka', en: 'the NIK must contain digits only' },
  length: { id: 'NIK harus 16 digit', en: 'the NIK must be 16 digits' },
  province: { id: 'kode provinsi dalam NIK tidak dikenal', en: 'the NIK has an unknown province code' },
  regency: { id: 'kode kabupaten/kota dalam NIK tidak sah', en: 'the NIK has an invalid regency code' },
  district: { id: 'kode kecamatan dalam NIK tidak sah', en: 'the NIK has an invalid district code' },
  date: { id: 'tanggal lahir di dalam NIK tidak sah', en: 'the NIK holds an impossible birth date' },
  serial: { id: 'nomor urut NIK 0000 tidak sah', en: 'the NIK has serial 0000' },
};

const REGION_ERRORS: ReadonlySet<NikError> = new Set(['province', 'regency', 'district']);

/** The problem of a NIK the warehouse does not hold. */
export const UNKNOWN_RESIDENT: RowProblem = {
  field: 'NIK',
  code: 'unknown_resident',
  message: { id: 'NIK tidak terdaftar sebagai penduduk', en: 'the NIK is not a registered resident' },
};

/** The columns of a kind's CSV, in the order the catalogue lists them (what the header should read). */
export function headerOf(kind: BalikanKind): string[] {
  return kind.fields.map((f) => f.name);
}

/**
 * Checks a header: every column known to the kind, none twice, every required one present. On success, the field
 * each CSV column holds, by position.
 */
export function checkHeader(
  kind: BalikanKind,
  header: readonly string[],
): { ok: true; columns: BalikanField[] } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const byName = new Map(kind.fields.map((f) => [f.name, f]));
  const seen = new Set<string>();
  const columns: BalikanField[] = [];
  for (const raw of header) {
    const name = raw.trim().toUpperCase();
    const field = byName.get(name);
    const shown = name.slice(0, 40);
    if (!field)
      issues.push({
        field: shown,
        message: { id: `Kolom "${shown}" tidak dikenal.`, en: `Unknown column "${shown}".` },
      });
    else if (seen.has(name))
      issues.push({ field: shown, message: { id: `Kolom "${shown}" ganda.`, en: `Column "${shown}" appears twice.` } });
    else columns.push(field);
    seen.add(name);
  }
  for (const f of kind.fields)
    if (f.required && !seen.has(f.name))
      issues.push({
        field: f.name,
        message: { id: `Kolom wajib ${f.name} tidak ada.`, en: `Required column ${f.name} is missing.` },
      });
  return issues.length ? { ok: false, issues } : { ok: true, columns };
}

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// Control characters (other than the tab) and the line/paragraph separators have no place in a cell.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/;

function fieldProblem(field: BalikanField, value: string, today: string): RowProblem | null {
  const at = (code: RowProblemCode, id: string, en: string): RowProblem => ({
    field: field.name,
    code,
    message: { id, en },
  });
  if (value === '')
    return field.required ? at('missing_field', `${field.label.id} kosong`, `${field.label.en} is empty`) : null;
  if (CONTROL.test(value))
    return at('bad_text', `${field.label.id} memuat karakter kendali`, `${field.label.en} holds a control character`);
  switch (field.type) {
    case 'nik': {
      const e = nikError(value);
      if (!e) return null;
      return { field: field.name, code: REGION_ERRORS.has(e) ? 'nik_region' : 'nik_format', message: NIK_REASON[e] };
    }
    case 'date':
      if (!validDate(value))
        return at(
          'bad_date',
          `${field.label.id} bukan tanggal TTTT-BB-HH yang sah`,
          `${field.label.en} is not a valid YYYY-MM-DD date`,
        );
      if (value > today)
        return at('future_date', `${field.label.id} di masa depan`, `${field.label.en} is in the future`);
      return null;
    case 'rtrw':
      return /^\d{1,3}$/.test(value)
        ? null
        : at('bad_rtrw', `${field.label.id} harus 1–3 digit`, `${field.label.en} must be 1–3 digits`);
    case 'text':
      return value.length > (field.maxLength ?? 200)
        ? at(
            'too_long',
            `${field.label.id} lebih dari ${field.maxLength ?? 200} karakter`,
            `${field.label.en} is longer than ${field.maxLength ?? 200} characters`,
          )
        : null;
  }
}

/** Checks one data row against the header's columns; `today` (office-local) bounds the dates. */
export function checkRow(
  columns: readonly BalikanField[],
  record: { line: number; cells: readonly string[] },
  today: string,
): CheckedRow {
  const row: CheckedRow = { line: record.line, nik: null, values: {}, problems: [] };
  if (record.cells.length !== columns.length) {
    row.problems.push({
      field: '',
      code: 'column_count',
      message: {
        id: `baris berisi ${record.cells.length} kolom, seharusnya ${columns.length}`,
        en: `the row has ${record.cells.length} columns, ${columns.length} expected`,
      },
    });
    return row;
  }
  columns.forEach((field, i) => {
    const value = (record.cells[i] ?? '').trim();
    const problem = fieldProblem(field, value, today);
    if (problem) row.problems.push(problem);
    else if (value !== '') row.values[field.name] = value;
  });
  const nik = row.values.NIK;
  if (nik !== undefined && !row.problems.some((p) => p.field === 'NIK')) row.nik = nik;
  return row;
}
