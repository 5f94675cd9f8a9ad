import { describe, expect, it } from 'vitest';
import { CODES, RESPON, isResponseCode } from './codes.js';
import {
  callNikEnvelope,
  lookupCode,
  parseCallNikBody,
  parseVerifyBody,
  readNik,
  responEnvelope,
  verifyEnvelope,
} from './wire.js';

const NIK = '3305121708450001';
const body = { NIK, user_id: 'u1', password: 'p', ip_user: '10.0.0.1' };

describe('response codes', () => {
  it('keeps the texts integrations match on', () => {
    expect(RESPON['03'].id).toBe('Login Gagal');
    expect(RESPON['04'].id).toBe('IP Address Tidak Sesuai');
    expect(RESPON['05'].id).toBe('Kuota Akses Hari ini telah Habis');
    expect(RESPON['13'].id).toBe('Data Tidak Ditemukan');
    // 01–17 of the integrations (no 02) and Gerbang's 18 (element not granted), 19 (logins throttled) and 20
    // (PNBP balance exhausted).
    expect(Object.keys(RESPON)).toHaveLength(19);
    expect(RESPON['20'].id).toBe('Saldo PNBP Tidak Mencukupi');
    expect(isResponseCode('02')).toBe(false);
    expect(isResponseCode(CODES.USER_INACTIVE)).toBe(true);
  });
});

describe('CALL_NIK body', () => {
  it('parses a complete body', () => {
    expect(parseCallNikBody(body)).toEqual({
      ok: true,
      value: { nik: NIK, userId: 'u1', password: 'p', ipUser: '10.0.0.1' },
    });
    expect(parseCallNikBody({ ...body, ip_user: '::ffff:127.0.0.2' }).ok).toBe(true);
  });

  it('answers 07 for a missing parameter or a body that is not an object', () => {
    for (const k of ['NIK', 'user_id', 'password', 'ip_user']) {
      const b: Record<string, unknown> = { ...body };
      delete b[k];
      expect(parseCallNikBody(b), k).toMatchObject({ ok: false, code: '07' });
    }
    expect(parseCallNikBody(null)).toMatchObject({ code: '07' });
    expect(parseCallNikBody([body])).toMatchObject({ code: '07' });
    expect(parseCallNikBody('NIK=1')).toMatchObject({ code: '07' });
    expect(parseCallNikBody({ ...body, NIK: '' })).toMatchObject({ code: '07' });
  });

  it('answers 09 for an empty user, password or IP and 10 for a malformed IP', () => {
    expect(parseCallNikBody({ ...body, user_id: '' })).toMatchObject({ code: '09', field: 'user_id' });
    expect(parseCallNikBody({ ...body, password: '  ' })).toMatchObject({ code: '09', field: 'password' });
    expect(parseCallNikBody({ ...body, ip_user: null })).toMatchObject({ code: '09', field: 'ip_user' });
    expect(parseCallNikBody({ ...body, ip_user: '300.1.1.1' })).toMatchObject({ code: '10' });
  });

  it('answers 08 for an unreadable NIK and 15 for digits that are not a Dukcapil NIK', () => {
    expect(readNik('33051217084500AB')).toEqual({ ok: false, code: '08' });
    expect(readNik({ nik: NIK })).toEqual({ ok: false, code: '08' });
    expect(readNik(Number('9600000000000001'))).toEqual({ ok: false, code: '08' });
    expect(readNik('12345')).toEqual({ ok: false, code: '15' });
    expect(readNik('9905121708450001')).toEqual({ ok: false, code: '15' });
    expect(readNik('3305123308450001')).toEqual({ ok: false, code: '15' });
    expect(readNik(` ${NIK} `)).toEqual({ ok: true, nik: NIK });
    expect(readNik(3305121708450001)).toEqual({ ok: true, nik: NIK });
  });
});

describe('CALL_VERIFY_BY_ELEMEN body', () => {
  const vbody = {
    USER_ID: 'u1',
    PASSWORD: 'p',
    IP_USER: '10.0.0.1',
    TRESHOLD: '85',
    NIK,
    NAMA_LGKP: 'Budi',
    tgl_lhr: '17-08-1945',
    NO_RT: 3,
    FOO: 'bar',
  };

  it('separates claims from credentials, ignores unknown keys, reads the threshold', () => {
    const p = parseVerifyBody(vbody);
    expect(p).toEqual({
      ok: true,
      value: {
        userId: 'u1',
        password: 'p',
        ipUser: '10.0.0.1',
        nik: NIK,
        threshold: 85,
        claimed: { NAMA_LGKP: 'Budi', TGL_LHR: '17-08-1945', NO_RT: '3' },
      },
    });
  });

  it('defaults the threshold and refuses a bad one or no claims with 07', () => {
    const { TRESHOLD: _t, ...rest } = vbody;
    expect(
      parseVerifyBody(rest).ok && (parseVerifyBody(rest) as { value: { threshold: number } }).value.threshold,
    ).toBe(90);
    expect(parseVerifyBody({ ...vbody, TRESHOLD: 'high' })).toMatchObject({ code: '07', field: 'TRESHOLD' });
    expect(parseVerifyBody({ ...vbody, TRESHOLD: 120 })).toMatchObject({ code: '07' });
    expect(parseVerifyBody({ ...vbody, TRESHOLD: true })).toMatchObject({ code: '07', field: 'TRESHOLD' });
    // null and "" are "not sent": the default, never 0; a low threshold is raised to the floor.
    const thresholdOfBody = (t: unknown) => {
      const p = parseVerifyBody({ ...vbody, TRESHOLD: t });
      return p.ok ? p.value.threshold : p.code;
    };
    expect(thresholdOfBody(null)).toBe(90);
    expect(thresholdOfBody('')).toBe(90);
    expect(thresholdOfBody(0)).toBe(80);
    expect(parseVerifyBody({ USER_ID: 'u1', PASSWORD: 'p', IP_USER: '10.0.0.1', NIK })).toMatchObject({
      code: '07',
      field: 'elements',
    });
    expect(parseVerifyBody({ ...vbody, NAMA_LGKP: { x: 1 } })).toMatchObject({ code: '07', field: 'NAMA_LGKP' });
  });
});

describe('envelopes', () => {
  it('wraps a found person in the Dukcapil page shape with DD-MM-YYYY dates', () => {
    expect(callNikEnvelope({ NIK, NAMA_LGKP: 'BUDI', TGL_LHR: '1945-08-17' })).toEqual({
      content: [{ NIK, NAMA_LGKP: 'BUDI', TGL_LHR: '17-08-1945' }],
      lastPage: true,
      numberOfElements: 1,
      sort: null,
      totalElements: 1,
      firstPage: true,
      number: 0,
      size: 1,
    });
  });

  it('answers refusals with content[0].RESPON and nothing personal', () => {
    const e = responEnvelope('05');
    expect(e.content).toEqual([{ RESPONSE_CODE: '05', RESPON: 'Kuota Akses Hari ini telah Habis' }]);
    expect(e.numberOfElements).toBe(1);
  });

  it('adds the quota counter to verification replies', () => {
    const e = verifyEnvelope({ NAMA_LGKP: 'Sesuai' }, { limit: 10, used: 3 });
    expect(e.content).toEqual([{ NAMA_LGKP: 'Sesuai' }]);
    expect(e.quota).toEqual({ limit: 10, used: 3, remaining: 7 });
    expect(verifyEnvelope({}, { limit: null, used: 3 }).quota.remaining).toBeNull();
  });
});

describe('lookup outcome', () => {
  it('maps what the warehouse found to 01, 11, 12, 13, 14', () => {
    const alive = { alive: true, active: true };
    expect(lookupCode([])).toBe('13');
    expect(lookupCode([alive])).toBe('01');
    expect(lookupCode([alive, alive])).toBe('12');
    expect(lookupCode([{ alive: false, active: false }])).toBe('11');
    expect(lookupCode([{ alive: true, active: false }])).toBe('14');
  });
});
