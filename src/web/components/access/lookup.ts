/**
 * The portal lookup's pure parts: the NIK pre-check that keeps a malformed NIK off the wire (it is then never
 * logged or billed), and the answer's rows in words — element names instead of field codes, the address on one
 * line, dates as "1 Januari 2017".
 */
import { DATA_ELEMENTS, FIELD_SPECS, type FieldName } from '../../../domain/elements/elements.js';
import { nikError } from '../../../domain/nik/nik.js';
import { tanggalIn } from '../../../domain/tanggal.js';

/** Why a typed NIK is not sent; each maps to `integration.lookup.nik.<code>`. */
export type NikProblem = 'empty' | 'digits' | 'length' | 'structure';

/** Checks a typed NIK before it is sent: blank, not only digits, not 16 digits, or not a NIK's structure. */
export function nikProblem(input: string): NikProblem | null {
  const nik = input.trim();
  if (!nik) return 'empty';
  const error = nikError(nik);
  if (error === null) return null;
  if (error === 'digits' || error === 'type') return 'digits';
  if (error === 'length') return 'length';
  return 'structure';
}

/** One row of a lookup answer: the element's code, its name in the UI's language, the value as words. */
export interface LookupRow {
  /** The element code, or the field name for a field outside the catalogue. */
  key: string;
  /** The first field of the element, as the answer names it (kept for tests and support). */
  field: string;
  label: string;
  value: string;
}

const ADDRESS_PARTS: readonly FieldName[] = ['ALAMAT', 'DUSUN', 'KEL_NAME', 'KEC_NAME', 'KAB_NAME', 'PROP_NAME'];

/** "JL. MERDEKA NO. 5, RT 003/RW 002, DUSUN …, KEL_NAME, KEC_NAME, KAB_NAME, PROP_NAME": the address on one line. */
export function addressLine(fields: Readonly<Record<string, string>>, lang: 'id' | 'en'): string {
  const v = (f: FieldName) => (fields[f] ?? '').trim();
  const rt = v('NO_RT');
  const rw = v('NO_RW');
  const rtrw = rt || rw ? `RT ${rt || '-'}/RW ${rw || '-'}` : '';
  const prefix: Partial<Record<FieldName, { id: string; en: string }>> = {
    DUSUN: { id: 'Dusun', en: 'Hamlet' },
    KEL_NAME: { id: 'Kel.', en: 'Village' },
    KEC_NAME: { id: 'Kec.', en: 'District' },
  };
  const parts = ADDRESS_PARTS.map((f) => {
    const value = v(f);
    const p = prefix[f];
    return value && p ? `${p[lang]} ${value}` : value;
  });
  parts.splice(1, 0, rtrw);
  return parts.filter(Boolean).join(', ');
}

/** A field's value as shown: dates in words, blanks as "-". */
function shown(field: string, value: string, lang: 'id' | 'en'): string {
  if (!value.trim()) return '-';
  const spec = FIELD_SPECS[field as FieldName] as (typeof FIELD_SPECS)[FieldName] | undefined;
  if (spec?.kind !== 'date') return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return tanggalIn(value, lang);
  // The Dukcapil wire prints DD-MM-YYYY.
  const dmy = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  return dmy ? tanggalIn(`${dmy[3]}-${dmy[2]}-${dmy[1]}`, lang) : value;
}

/**
 * The answer's fields as rows in catalogue order, one per element: a one-field element is its value; the current
 * address is one line; any other multi-field element joins its values. Fields outside the catalogue come last,
 * under their own name.
 */
export function lookupRows(fields: Readonly<Record<string, string>>, lang: 'id' | 'en'): LookupRow[] {
  const rows: LookupRow[] = [];
  const used = new Set<string>();
  for (const element of DATA_ELEMENTS) {
    const present = element.fields.filter((f) => f in fields);
    if (present.length === 0) continue;
    present.forEach((f) => used.add(f));
    const value =
      element.code === 'alamat'
        ? addressLine(fields, lang) || '-'
        : present.map((f) => shown(f, fields[f] ?? '', lang)).join(', ');
    rows.push({ key: element.code, field: present[0] ?? element.code, label: element.name[lang], value });
  }
  for (const [f, value] of Object.entries(fields)) {
    if (!used.has(f)) rows.push({ key: f, field: f, label: f, value: shown(f, value, lang) });
  }
  return rows;
}
