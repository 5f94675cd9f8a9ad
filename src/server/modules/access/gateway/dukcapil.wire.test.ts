import { describe, expect, it } from 'vitest';
import { callNikEnvelope, responEnvelope } from '../../../../domain/dukcapil/wire.js';
import type { ResponseCode } from '../../../../domain/dukcapil/codes.js';
import type { FieldName } from '../../../../domain/elements/elements.js';
import { fieldsOfRow } from '../population/population.repository.js';
import { callNikJson, responJson } from './dukcapil.routes.js';

describe('prebuilt CALL_NIK answers', () => {
  it('are the bytes JSON.stringify gives the envelopes', () => {
    // The row as read: values in the order of the fields, then alive and active (never answered).
    const fields: FieldName[] = ['NIK', 'NAMA_LGKP', 'TGL_LHR'];
    const values = ['3305121708450001', 'Budi "B" Santoso', '1945-08-17', 1, 1];
    expect(callNikJson(fields, values)).toBe(JSON.stringify(callNikEnvelope(fieldsOfRow(values, fields))));
    // Values that need escaping, or not, a date that is not one, a number, a value missing from the row.
    const odd: FieldName[] = ['ALAMAT', 'NAMA_LGKP', 'TGL_LHR', 'NO_RT', 'KEL_NAME'];
    const oddValues = ['Jl. \\ Mawar\n\u0001 😀 \ud800', 'Siti', 'bukan tanggal', 7];
    const json = callNikJson(odd, oddValues);
    expect(json).toBe(JSON.stringify(callNikEnvelope(fieldsOfRow(oddValues, odd))));
    expect(JSON.parse(json)).toEqual(callNikEnvelope(fieldsOfRow(oddValues, odd)));
    expect(callNikJson([], [])).toBe(JSON.stringify(callNikEnvelope({})));
    for (const code of ['03', '04', '05', '07', '11', '13', '14'] as ResponseCode[]) {
      expect(responJson(code)).toBe(JSON.stringify(responEnvelope(code)));
      expect(responJson(code)).toBe(responJson(code));
    }
  });
});
