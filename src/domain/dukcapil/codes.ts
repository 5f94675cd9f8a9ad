/**
 * The response codes and RESPON messages of the Dukcapil web service that institutions already integrate with.
 * Texts the integrations show verbatim are kept verbatim ("Login Gagal", "Data Tidak Ditemukan", …); the
 * others are written in the same style. Clients match on these strings, so changing one breaks them.
 */
import type { Message } from '../errors.js';

/** A Dukcapil response code. */
export type ResponseCode =
  | '01'
  | '03'
  | '04'
  | '05'
  | '06'
  | '07'
  | '08'
  | '09'
  | '10'
  | '11'
  | '12'
  | '13'
  | '14'
  | '15'
  | '16'
  | '17'
  | '18'
  | '19'
  | '20';

/** Named codes, so call sites read as what happened. */
export const CODES = {
  FOUND: '01',
  LOGIN_FAILED: '03',
  WRONG_IP: '04',
  QUOTA_EXHAUSTED: '05',
  OUTSIDE_HOURS: '06',
  INCOMPLETE_PARAMETERS: '07',
  NIK_UNPROCESSABLE: '08',
  EMPTY_CREDENTIALS: '09',
  INVALID_IP: '10',
  DECEASED: '11',
  MULTIPLE_RECORDS: '12',
  NOT_FOUND: '13',
  INACTIVE_RECORD: '14',
  NOT_DUKCAPIL_NIK: '15',
  INSTITUTION_INACTIVE: '16',
  USER_INACTIVE: '17',
  ELEMENT_NOT_GRANTED: '18',
  LOGIN_THROTTLED: '19',
  BALANCE_EXHAUSTED: '20',
} as const satisfies Record<string, ResponseCode>;

/** The RESPON text per code (id is the wire text; en explains it to operators and in the docs). */
export const RESPON: Readonly<Record<ResponseCode, Message>> = {
  '01': { id: 'Data Ditemukan', en: 'Data found' },
  '03': { id: 'Login Gagal', en: 'Login failed' },
  '04': { id: 'IP Address Tidak Sesuai', en: 'The calling IP address is not allowed' },
  '05': { id: 'Kuota Akses Hari ini telah Habis', en: "Today's access quota is used up" },
  '06': { id: 'Akses di Luar Jam yang Diizinkan', en: 'Access outside the permitted hours' },
  '07': { id: 'Parameter Tidak Lengkap', en: 'Incomplete parameters' },
  '08': { id: 'NIK Tidak Dapat Diproses', en: 'The NIK cannot be processed' },
  '09': { id: 'User ID, Password atau IP User Kosong', en: 'User id, password or user IP is empty' },
  '10': { id: 'IP User Tidak Valid', en: 'The user IP is not a valid IP address' },
  '11': { id: 'Data Ditemukan, Status Meninggal', en: 'Found, but the person is deceased' },
  '12': { id: 'Data Ganda', en: 'Multiple records for this NIK' },
  '13': { id: 'Data Tidak Ditemukan', en: 'Data not found' },
  '14': { id: 'Data Ditemukan, Status Tidak Aktif', en: 'Found, but the record is inactive' },
  '15': { id: 'NIK Tidak Sesuai Format Dukcapil', en: 'Not a Dukcapil-format NIK' },
  '16': { id: 'Lembaga Tidak Aktif', en: 'The institution is not active' },
  '17': { id: 'User Tidak Aktif', en: 'The user is not active' },
  // Beyond the integrations' list (01–17), which has no entry for these; written in its style. 18: a claimed or
  // requested element the PKS does not grant (before, 07 "Parameter Tidak Lengkap" misled the caller). 19: failed
  // logins of this user id or address are being throttled (domain/throttle.ts); the secret was not checked.
  '18': { id: 'Elemen Data Tidak Termasuk Hak Akses', en: 'A data element asked for is not in the grant' },
  '19': {
    id: 'Terlalu Banyak Login Gagal, Coba Lagi Nanti',
    en: 'Too many failed logins from this user id or address; try again later',
  },
  // 20: the institution's prepaid PNBP balance (PP 10/2023) does not cover the call's tariff; no data is read
  // and nothing is charged. Answered again until the office records a payment (issue 12).
  '20': {
    id: 'Saldo PNBP Tidak Mencukupi',
    en: "The institution's prepaid PNBP balance does not cover this call",
  },
};

/** True for a code string this service knows. */
export function isResponseCode(code: string): code is ResponseCode {
  return Object.prototype.hasOwnProperty.call(RESPON, code);
}
