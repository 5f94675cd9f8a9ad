/**
 * NIK and No KK: parsing, validation, construction, and the keyed hash audit records carry instead of a NIK.
 * NIK = PP RR SS DDMMYY NNNN: province, regency/city, district of first registration; birth date with the day
 * plus 40 for women; serial from 0001. No KK = 16 digits, the first six the issuing district, then (by SIAK
 * practice) the issue date DDMMYY and a serial.
 * The validators run on every web-service request, so they read characters directly and allocate nothing.
 */

/** Why a string is not a NIK (or No KK). */
export type NikError = 'type' | 'digits' | 'length' | 'province' | 'regency' | 'district' | 'date' | 'serial';

/** The parts of a well-formed NIK. */
export interface NikParts {
  /** Two-digit province code, e.g. "17" (Bengkulu). */
  province: string;
  /** Four-digit regency/city code, e.g. "1305". */
  regency: string;
  /** Six-digit district (kecamatan) code, e.g. "130501". */
  district: string;
  /** Day of birth (1–31), with the +40 already removed. */
  day: number;
  /** Month of birth (1–12). */
  month: number;
  /** Two-digit year of birth; the century is not in a NIK. */
  yy: number;
  /** 'L' for men, 'P' for women (day + 40). */
  sex: 'L' | 'P';
  /** Serial within district and birth date, 1–9999. */
  serial: number;
}

/** Result of parsing. */
export type NikParse = { ok: true; nik: NikParts } | { ok: false; error: NikError };

// Kemendagri province codes (Permendagri 72/2019 and the 2022 Papua split: 91–96 after the new provinces).
const PROVINCES = new Uint8Array(100);
for (const p of [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65])
  PROVINCES[p] = 1;
for (const p of [71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96]) PROVINCES[p] = 1;

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function d(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

// The century is not in a NIK; 29 February is accepted when yy is a multiple of 4 (2000 was a leap year,
// so "00" is fine in either century that is alive today).
function validDayMonth(day: number, month: number, yy: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const max = month === 2 && yy % 4 !== 0 ? 28 : (DAYS_IN_MONTH[month] ?? 0);
  return day <= max;
}

/** Checks a NIK and says why it fails; allocation-free except for the result. */
export function nikError(nik: string): NikError | null {
  if (typeof nik !== 'string') return 'type';
  if (!allDigits(nik)) return 'digits';
  if (nik.length !== 16) return 'length';
  if (PROVINCES[d(nik, 0) * 10 + d(nik, 1)] !== 1) return 'province';
  if (d(nik, 2) * 10 + d(nik, 3) === 0) return 'regency';
  if (d(nik, 4) * 10 + d(nik, 5) === 0) return 'district';
  let day = d(nik, 6) * 10 + d(nik, 7);
  if (day > 40) day -= 40;
  if (!validDayMonth(day, d(nik, 8) * 10 + d(nik, 9), d(nik, 10) * 10 + d(nik, 11))) return 'date';
  if (d(nik, 12) * 1000 + d(nik, 13) * 100 + d(nik, 14) * 10 + d(nik, 15) === 0) return 'serial';
  return null;
}

/** True for a well-formed NIK. */
export function isValidNik(nik: string): boolean {
  return nikError(nik) === null;
}

/** Splits a NIK into its parts, or says why it is not one. */
export function parseNik(nik: string): NikParse {
  const error = nikError(nik);
  if (error) return { ok: false, error };
  const rawDay = d(nik, 6) * 10 + d(nik, 7);
  return {
    ok: true,
    nik: {
      province: nik.slice(0, 2),
      regency: nik.slice(0, 4),
      district: nik.slice(0, 6),
      day: rawDay > 40 ? rawDay - 40 : rawDay,
      month: d(nik, 8) * 10 + d(nik, 9),
      yy: d(nik, 10) * 10 + d(nik, 11),
      sex: rawDay > 40 ? 'P' : 'L',
      serial: Number(nik.slice(12)),
    },
  };
}

/**
 * The full birth year of a two-digit NIK year: the latest year not after `referenceYear`.
 * A NIK cannot tell a 1925 birth from a 2025 one; callers that hold the real birth date should prefer it.
 */
export function nikBirthYear(yy: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const y = century + yy;
  return y > referenceYear ? y - 100 : y;
}

/** Checks a No KK: 16 digits, a known province and non-zero regency and district in the first six. */
export function kkError(kk: string): NikError | null {
  if (typeof kk !== 'string') return 'type';
  if (!allDigits(kk)) return 'digits';
  if (kk.length !== 16) return 'length';
  if (PROVINCES[d(kk, 0) * 10 + d(kk, 1)] !== 1) return 'province';
  if (d(kk, 2) * 10 + d(kk, 3) === 0) return 'regency';
  if (d(kk, 4) * 10 + d(kk, 5) === 0) return 'district';
  if (d(kk, 12) * 1000 + d(kk, 13) * 100 + d(kk, 14) * 10 + d(kk, 15) === 0) return 'serial';
  return null;
}

/** True for a well-formed No KK. */
export function isValidKk(kk: string): boolean {
  return kkError(kk) === null;
}

/** What a NIK is built from. */
export interface NikInput {
  /** Six-digit district code of first registration, e.g. "330512" (dots allowed: "33.05.12"). */
  district: string;
  /** Birth date as YYYY-MM-DD. */
  birthDate: string;
  /** 'P' adds 40 to the day. */
  sex: 'L' | 'P';
  /** 1–9999. */
  serial: number;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function pad4(n: number): string {
  return n < 10 ? '000' + n : n < 100 ? '00' + n : n < 1000 ? '0' + n : String(n);
}

/** Builds a NIK; throws on inputs that cannot make a valid one (a programming error, not user input). */
export function buildNik(input: NikInput): string {
  const district = input.district.replace(/\./g, '');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.birthDate);
  if (!m || district.length !== 6 || !allDigits(district)) throw new RangeError('buildNik: bad district or birth date');
  const day = Number(m[3]) + (input.sex === 'P' ? 40 : 0);
  const nik = district + pad2(day) + m[2] + (m[1] ?? '').slice(2) + pad4(input.serial);
  const err = nikError(nik);
  if (err) throw new RangeError(`buildNik: result is not a valid NIK (${err})`);
  return nik;
}

/**
 * Builds a NIK from numbers without parsing strings; the population generator calls it a million times.
 * district is the 6-digit code as a number (e.g. 330512); no validation beyond what the caller guarantees.
 */
export function buildNikFast(
  district: number,
  day: number,
  month: number,
  year: number,
  female: boolean,
  serial: number,
): string {
  return String(district) + pad2(female ? day + 40 : day) + pad2(month) + pad2(year % 100) + pad4(serial);
}

/** What a No KK is built from: issuing district, issue date, serial. */
export interface KkInput {
  district: string;
  /** Issue date YYYY-MM-DD. */
  issued: string;
  serial: number;
}

/** Builds a No KK (district + issue date DDMMYY + serial); throws on impossible input. */
export function buildKk(input: KkInput): string {
  const district = input.district.replace(/\./g, '');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.issued);
  if (!m || district.length !== 6 || !allDigits(district)) throw new RangeError('buildKk: bad district or date');
  const kk = district + m[3] + m[2] + (m[1] ?? '').slice(2) + pad4(input.serial);
  const err = kkError(kk);
  if (err) throw new RangeError(`buildKk: result is not a valid No KK (${err})`);
  return kk;
}

/** A NIK for screens: only the regency and the last two digits shown, e.g. "1305**********01"; logs get the hash. */
export function maskNik(nik: string): string {
  return nik.length === 16 ? nik.slice(0, 4) + '**********' + nik.slice(14) : '****************';
}
