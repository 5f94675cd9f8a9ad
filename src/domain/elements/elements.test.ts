import { describe, expect, it } from 'vitest';
import {
  DATA_ELEMENTS,
  ELEMENT_CODES,
  FIELD_NAMES,
  FIELD_SPECS,
  PROTECTED_ELEMENT_CODES,
  elementByCode,
  elementOfField,
  elementsOfFields,
  fieldsOf,
  isFieldName,
  unknownElementCodes,
} from './elements.js';

describe('data-element catalogue', () => {
  it('lists the 31 elements of art. 58(2), a to ee, each once', () => {
    expect(DATA_ELEMENTS).toHaveLength(31);
    expect(new Set(DATA_ELEMENTS.map((e) => e.code)).size).toBe(31);
    expect(DATA_ELEMENTS.map((e) => e.code)).toEqual([...ELEMENT_CODES]);
    expect(DATA_ELEMENTS[0]?.article).toBe('a');
    expect(DATA_ELEMENTS[30]?.article).toBe('ee');
  });

  it('maps every field to exactly one element and every element to at least one field', () => {
    const owned = DATA_ELEMENTS.flatMap((e) => e.fields);
    expect(new Set(owned).size).toBe(owned.length);
    expect([...owned].sort()).toEqual([...FIELD_NAMES].sort());
    for (const e of DATA_ELEMENTS) {
      expect(e.fields.length).toBeGreaterThan(0);
      expect(e.name.id && e.name.en && e.description.id && e.description.en).toBeTruthy();
    }
  });

  it('flags exactly the protected elements', () => {
    expect([...PROTECTED_ELEMENT_CODES].sort()).toEqual([
      'aib',
      'disabilitas',
      'iris_mata',
      'sidik_jari',
      'tanda_tangan',
    ]);
  });

  it('fuzzy-matches names, places and addresses only', () => {
    expect(elementByCode('nama_lengkap')?.fuzzy).toBe(true);
    expect(elementByCode('tempat_lahir')?.fuzzy).toBe(true);
    expect(elementByCode('alamat')?.fuzzy).toBe(true);
    expect(elementByCode('tanggal_lahir')?.fuzzy).toBe(false);
    expect(elementByCode('nik')?.fuzzy).toBe(false);
    expect(FIELD_SPECS.NO_RT.fuzzy).toBe(false);
    expect(FIELD_SPECS.KEL_NAME.fuzzy).toBe(true);
  });

  it('expands the current address into its many fields', () => {
    expect(fieldsOf(['alamat'])).toEqual([
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
    ]);
  });

  it('returns fields of a set in catalogue order, deduplicated, ignoring unknown codes', () => {
    expect(fieldsOf(['tanggal_lahir', 'nik', 'nik', 'bogus'])).toEqual(['NIK', 'TGL_LHR']);
    expect(unknownElementCodes(['nik', 'bogus'])).toEqual(['bogus']);
  });

  it('finds the element of a field and the elements of fields', () => {
    expect(elementOfField('KAB_NAME')?.code).toBe('alamat');
    expect(elementOfField('NOPE')).toBeUndefined();
    expect(elementsOfFields(['NO_RT', 'NIK', 'ALAMAT'])).toEqual(['nik', 'alamat']);
    expect(isFieldName('NAMA_LGKP')).toBe(true);
    expect(isFieldName('nama_lgkp')).toBe(false);
  });
});
