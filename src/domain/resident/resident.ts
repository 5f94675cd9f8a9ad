/**
 * The resident's view (issue 13) in plain words, without I/O: what an access to a resident's data was (its
 * channel and result in words, its time on the office's clock), the rules of the identification form (what it
 * accepts, the one answer a failure gets) and of a report of an access the resident does not recognise.
 */
import type { Message } from '../errors.js';
import { channelOf, isRefusal, type DataChannel } from '../audit/actions.js';
import { BULAN, MONTHS_EN } from '../tanggal.js';

/** How long a resident session lasts (minutes). */
export const RESIDENT_SESSION_MINUTES = 15;

/** At most this many accesses are listed, newest first. */
export const MAX_ACCESSES = 500;

/** Bounds of a report's text (characters, after trimming). */
export const REPORT_MIN = 10;
export const REPORT_MAX = 1000;

/** The channel of a data-call entry in words. */
export const CHANNEL_WORDS: Readonly<Record<DataChannel, Message>> = {
  web_service: { id: 'Layanan web (sistem ke sistem)', en: 'Web service (system to system)' },
  v1: { id: 'Layanan web (sistem ke sistem)', en: 'Web service (system to system)' },
  card_reader: { id: 'Pembaca KTP-el', en: 'e-KTP card reader' },
  web_portal: { id: 'Portal web (petugas lembaga)', en: 'Web portal (an officer of the institution)' },
};

/** The channels a resident sees: the v1 web service is shown as the web service. */
export const RESIDENT_CHANNELS = ['web_service', 'card_reader', 'web_portal'] as const;
/** A channel as the resident sees it. */
export type ResidentChannel = (typeof RESIDENT_CHANNELS)[number];

/** The channel of an action in words (null for an action that is not a data call). */
export function channelWords(action: string): { channel: ResidentChannel; words: Message } | null {
  const c = channelOf(action);
  return c ? { channel: c === 'v1' ? 'web_service' : c, words: CHANNEL_WORDS[c] } : null;
}

/** Whether the entry's action was a verification (the caller's claimed values compared) rather than a lookup. */
function isVerification(action: string): boolean {
  return action === 'CALL_VERIFY_BY_ELEMEN' || action === 'v1.verify';
}

/** What the access gave the institution, in words. */
export function resultWords(action: string, resultCode: string): { answered: boolean; words: Message } {
  if (isRefusal(resultCode))
    return {
      answered: false,
      words: { id: 'Ditolak: tidak ada data yang diberikan', en: 'Refused: no data was given' },
    };
  if (resultCode === '13') return { answered: true, words: { id: 'Data tidak ditemukan', en: 'No record was found' } };
  if (isVerification(action))
    return {
      answered: true,
      words: {
        id: 'Data dicocokkan (lembaga hanya menerima "sesuai" atau "tidak sesuai")',
        en: 'Data checked (the institution only received "matches" or "does not match")',
      },
    };
  return { answered: true, words: { id: 'Data diberikan', en: 'Data was given' } };
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The zone's name of an offset (minutes east of UTC). */
export function zoneName(offsetMinutes: number): string {
  return offsetMinutes === 420 ? 'WIB' : offsetMinutes === 480 ? 'WITA' : offsetMinutes === 540 ? 'WIT' : 'UTC';
}

/** An instant on an office's clock in words: "3 Desember 2026 pukul 14.05 WIB" / "3 December 2026, 14:05 WIB". */
export function localTimeWords(iso: string, offsetMinutes: number): Message {
  const t = new Date(new Date(iso).getTime() + offsetMinutes * 60_000);
  const d = t.getUTCDate();
  const m = t.getUTCMonth();
  const y = t.getUTCFullYear();
  const hh = pad(t.getUTCHours());
  const mm = pad(t.getUTCMinutes());
  const zone = zoneName(offsetMinutes);
  return {
    id: `${d} ${BULAN[m]} ${y} pukul ${hh}.${mm} ${zone}`,
    en: `${d} ${MONTHS_EN[m]} ${y}, ${hh}:${mm} ${zone}`,
  };
}

/** The one answer to a failed identification, whichever field was wrong (no oracle). */
export const NOT_MATCHED: Message = {
  id: 'Data tidak cocok. Periksa kembali NIK, nomor KK, tanggal lahir dan nama ibu kandung.',
  en: 'The details do not match. Check the NIK, family card number, date of birth and mother’s name.',
};

/** A report's text, trimmed and checked; a problem message when it is out of bounds or not plain text. */
export function reportText(raw: string): { text: string } | { problem: Message } {
  // A NIK or KK number typed into the text never reaches the office: runs of 12 or more digits are masked, also
  // when spaced, dotted or dashed ("3204 1234 5678 0001") or written in other scripts' digits (NFKC first).
  const text = raw
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .trim()
    .replace(/(?:\p{Nd}[\s.\-/_]*){11,}\p{Nd}/gu, '[…]');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text))
    return { problem: { id: 'Teks mengandung karakter kendali.', en: 'The text contains control characters.' } };
  if (text.length < REPORT_MIN || text.length > REPORT_MAX)
    return {
      problem: {
        id: `Tuliskan ${REPORT_MIN}–${REPORT_MAX} karakter.`,
        en: `Write ${REPORT_MIN}–${REPORT_MAX} characters.`,
      },
    };
  return { text };
}
