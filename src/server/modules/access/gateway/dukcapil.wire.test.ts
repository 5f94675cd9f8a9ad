import { describe, expect, it } from 'vitest';
import { callNikEnvelope, responEnvelope } from '../../../../domain/dukcapil/wire.js';
import type { ResponseCode } from '../../../../domain/dukcapil/codes.js';
import { callNikJson, responJson } from './dukcapil.routes.js';

describe('prebuilt CALL_NIK answers', () => {
  it('are the bytes JSON.stringify gives the envelopes', () => {
    const projected = { NIK: '3305121708450001', NAMA_LGKP: 'Budi "B" Santoso', TGL_LHR: '1945-08-17' };
    expect(callNikJson(projected)).toBe(JSON.stringify(callNikEnvelope(projected)));
    // Values that need escaping, or not, in any field; an unknown key is left out as the envelope leaves it.
    const odd = {
      ALAMAT: 'Jl. \\ Mawar\n\u0001 😀 \ud800',
      NAMA_LGKP: 'Siti',
      TGL_LHR: 'bukan tanggal',
      BOGUS: 'x',
    } as unknown as Parameters<typeof callNikJson>[0];
    expect(callNikJson(odd)).toBe(JSON.stringify(callNikEnvelope(odd)));
    expect(JSON.parse(callNikJson(odd))).toEqual(callNikEnvelope(odd));
    expect(callNikJson({})).toBe(JSON.stringify(callNikEnvelope({})));
    for (const code of ['03', '04', '05', '07', '11', '13', '14'] as ResponseCode[]) {
      expect(responJson(code)).toBe(JSON.stringify(responEnvelope(code)));
      expect(responJson(code)).toBe(responJson(code));
    }
  });
});
