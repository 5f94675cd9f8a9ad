import { describe, expect, it } from 'vitest';
import { rawMember, readWireBody } from './body.js';
import { parseCallNikBody, parseVerifyBody, verifyEnvelope, UNLIMITED_QUOTA_LIMITER } from './wire.js';

const PAPUA = '9171011507900001';

describe('compatible request bodies as integrations send them', () => {
  it('reads JSON, with or without a byte-order mark or leading blanks', () => {
    const json = '{"NIK":"3305011507900001","user_id":"u","password":"p","ip_user":"10.0.0.1"}';
    expect(readWireBody(json)).toEqual(JSON.parse(json));
    expect(readWireBody('\uFEFF' + json)).toEqual(JSON.parse(json));
    expect(readWireBody('\r\n  ' + json)).toEqual(JSON.parse(json));
    expect(readWireBody('{not json')).toBeUndefined();
    expect(readWireBody('hello')).toBeUndefined();
    expect(readWireBody('')).toBeUndefined();
  });

  it('reads PHP http_build_query forms, last value of a repeated key (as PHP parse_str), no prototype member', () => {
    const b = readWireBody('NIK=1&user_id=u%2B1&password=a+b%26c&IP_USER=10.0.0.1&NIK=3305011507900001');
    expect({ ...(b as object) }).toEqual({
      NIK: '3305011507900001',
      user_id: 'u+1',
      password: 'a b&c',
      IP_USER: '10.0.0.1',
    });
    const proto = readWireBody('__proto__=x&NIK=1') as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBeNull();
    expect(proto.__proto__).toBe('x');
  });

  it('keeps the same one of repeated keys in a form as in JSON: the last; case variants resolved alike', () => {
    const common = 'password=p&ip_user=10.0.0.1&NIK=3305011507900001';
    const form = parseCallNikBody(readWireBody(`user_id=good&user_id=zzz&${common}`));
    const json = parseCallNikBody(
      readWireBody('{"user_id":"good","user_id":"zzz","password":"p","ip_user":"10.0.0.1","NIK":"3305011507900001"}'),
    );
    expect(form).toMatchObject({ ok: true, value: { userId: 'zzz' } });
    expect(json).toEqual(form);
    // Case variants of one name (NIK and Nik): the exact spelling wins, in a form as in JSON, whatever the order.
    for (const [a, b] of [
      ['Nik=3305011507900009', 'NIK=3305011507900001'],
      ['NIK=3305011507900001', 'Nik=3305011507900009'],
    ] as const) {
      const f = parseCallNikBody(readWireBody(`user_id=u&password=p&ip_user=10.0.0.1&${a}&${b}`));
      const asJson = (kv: string) => `"${kv.split('=')[0]}":"${kv.split('=')[1]}"`;
      const j = parseCallNikBody(
        readWireBody(`{"user_id":"u","password":"p","ip_user":"10.0.0.1",${asJson(a)},${asJson(b)}}`),
      );
      expect(f).toMatchObject({ ok: true, value: { nik: '3305011507900001' } });
      expect(j).toEqual(f);
    }
  });

  it('reads a NIK sent as a JSON number from its digits, above 2^53 too', () => {
    expect(String(Number(PAPUA))).not.toBe(PAPUA);
    const b = readWireBody(`{"user_id":"u","Nik": ${PAPUA} ,"password":"p","ip_user":"10.0.0.1"}`);
    expect(parseCallNikBody(b)).toMatchObject({ ok: true, value: { nik: PAPUA } });
    // Not a NIK's digits: unprocessable, never rounded into one.
    expect(
      parseCallNikBody(readWireBody(`{"NIK":9.171011507900001e15,"user_id":"u","password":"p","ip_user":"10.0.0.1"}`)),
    ).toMatchObject({ ok: false, code: '08' });
    expect(
      parseCallNikBody(readWireBody(`{"NIK":-${PAPUA},"user_id":"u","password":"p","ip_user":"10.0.0.1"}`)),
    ).toMatchObject({ ok: false, code: '08' });
  });

  it('finds a top-level member past strings, escapes and nested values; the last of duplicates', () => {
    const text = '{"a":"x\\"NIK\\":1","b":{"NIK":2,"c":[1,{"d":"}"}]},"NIK":3,"NIK":44 }';
    expect(rawMember(text, 'NIK')).toBe('44');
    expect(rawMember(text, 'a')).toBe('"x\\"NIK\\":1"');
    expect(rawMember('[1]', 'NIK')).toBeUndefined();
  });

  it('reads keys in any letter case', () => {
    const b = { Nik: '3305011507900001', User_Id: 'u', Password: 'p', Ip_User: '10.0.0.1' };
    expect(parseCallNikBody(b)).toMatchObject({ ok: true, value: { nik: b.Nik, userId: 'u', ipUser: '10.0.0.1' } });
    const v = { ...b, Treshold: '85', nama_lgkp: 'BUDI' };
    expect(parseVerifyBody(v)).toMatchObject({ ok: true, value: { threshold: 85, claimed: { NAMA_LGKP: 'BUDI' } } });
  });

  it('puts quotaLimiter (calls left today, an integer) in the verification envelope', () => {
    expect(verifyEnvelope({ A: 'Sesuai' }, { limit: 10, used: 3 })).toMatchObject({
      quotaLimiter: 7,
      quota: { limit: 10, used: 3, remaining: 7 },
    });
    expect(verifyEnvelope({}, { limit: null, used: 3 }).quotaLimiter).toBe(UNLIMITED_QUOTA_LIMITER);
  });
});
