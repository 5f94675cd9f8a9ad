/**
 * The kop surat and the signatory details (issue 14), as rules: what an office's letterhead and a person's NIP,
 * position and rank may hold. Pure: the directory's letterhead service applies them.
 */
import { errors, type FieldIssue } from './errors.js';

/** The largest emblem accepted (PNG or JPEG): a kop needs a small image, and every letter embeds it. */
export const EMBLEM_MAX_BYTES = 1024 * 1024;

/** A NIP (Nomor Induk Pegawai) is 18 digits; '' means none. */
export function nipIssue(nip: string, field = 'nip'): FieldIssue | undefined {
  if (nip === '' || /^\d{18}$/.test(nip)) return undefined;
  return {
    field,
    message: { id: 'NIP terdiri dari 18 angka', en: 'a NIP (civil servant number) has 18 digits' },
  };
}

/** What an office's letterhead may hold; fields not given are left as they are. */
export interface LetterheadInput {
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
  headName?: string;
  headNip?: string;
  headRank?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WEBSITE = /^(https?:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i;
const PHONE = /^[0-9+()\-. ]{5,40}$/;

/** Trims every field and refuses what no letter could print (a malformed e-mail, a 17-digit NIP). */
export function checkLetterhead(input: LetterheadInput): LetterheadInput {
  const out: LetterheadInput = {};
  for (const [k, v] of Object.entries(input) as [keyof LetterheadInput, string | undefined][]) {
    if (v !== undefined) out[k] = v.trim().replace(/\s+/g, ' ');
  }
  const issues: FieldIssue[] = [];
  if (out.email && !EMAIL.test(out.email)) {
    issues.push({ field: 'email', message: { id: 'alamat pos-el tidak valid', en: 'not a valid e-mail address' } });
  }
  if (out.website && !WEBSITE.test(out.website)) {
    issues.push({ field: 'website', message: { id: 'alamat laman tidak valid', en: 'not a valid website address' } });
  }
  if (out.phone && !PHONE.test(out.phone)) {
    issues.push({ field: 'phone', message: { id: 'nomor telepon tidak valid', en: 'not a valid phone number' } });
  }
  const nip = out.headNip === undefined ? undefined : nipIssue(out.headNip, 'headNip');
  if (nip) issues.push(nip);
  if (issues.length) {
    throw errors.invalid('invalid_letterhead', { id: 'Kop surat tidak valid.', en: 'Invalid letterhead.' }, issues);
  }
  return out;
}

/** A person's details printed under their signature. */
export interface SignatoryInput {
  nip?: string;
  position?: string;
  rank?: string;
}

/** Trims and checks a person's NIP (18 digits when given), position and rank. */
export function checkSignatory(input: SignatoryInput): SignatoryInput {
  const out: SignatoryInput = {};
  for (const [k, v] of Object.entries(input) as [keyof SignatoryInput, string | undefined][]) {
    if (v !== undefined) out[k] = v.trim().replace(/\s+/g, ' ');
  }
  const issue = out.nip === undefined ? undefined : nipIssue(out.nip);
  if (issue) {
    throw errors.invalid(
      'invalid_signatory',
      { id: 'Data penanda tangan tidak valid.', en: 'Invalid signatory details.' },
      [issue],
    );
  }
  return out;
}

/** Refuses an emblem that is not a PNG or JPEG, or is larger than EMBLEM_MAX_BYTES. */
export function checkEmblem(file: { contentType: string; size: number }): void {
  if (file.contentType !== 'image/png' && file.contentType !== 'image/jpeg') {
    throw errors.invalid('emblem_type', {
      id: 'Lambang harus gambar PNG atau JPEG.',
      en: 'The emblem must be a PNG or JPEG image.',
    });
  }
  if (file.size > EMBLEM_MAX_BYTES) {
    throw errors.invalid('emblem_too_large', {
      id: `Lambang terlalu besar; maksimal ${EMBLEM_MAX_BYTES / 1024} KB.`,
      en: `The emblem is too large; at most ${EMBLEM_MAX_BYTES / 1024} KB.`,
    });
  }
}
