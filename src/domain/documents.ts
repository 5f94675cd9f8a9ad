/**
 * The documents the system produces: their kinds and letter numbers from an office's format. Which document a
 * step produces is declared by its `produce` action (sop/actions.ts), never read from its output's name.
 * Pure: rendering and storage live in the server.
 */

/** Kinds of produced documents. */
export const DOCUMENT_KINDS = [
  'receipt',
  'surat_pengantar',
  'nota_dinas',
  'sk_tim',
  'draft_pks',
  'pks',
  'juknis',
  'approval_letter',
  'rejection_letter',
  'access_letter',
  'record',
  'usage_report',
  'warning_letter',
  'sanction_letter',
  'reactivation_letter',
  'campaign_report',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A document's standing on its public verification page: valid, replaced by a later document, or revoked. */
export const DOCUMENT_STATUSES = ['valid', 'superseded', 'revoked'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Who signs a document's version: the office, the institution, or the Directorate General. */
export const SIGNER_PARTIES = ['office', 'institution', 'pusat'] as const;
export type SignerParty = (typeof SIGNER_PARTIES)[number];

/** How a file someone holds matches a document: its current version, an earlier one, or none. */
export const FILE_MATCHES = ['current', 'superseded', 'none'] as const;
export type FileMatch = (typeof FILE_MATCHES)[number];

/** What a checked file proves: a valid document, a superseded version, a revoked document, or no match. */
export const FILE_CHECK_STATUSES = ['valid', 'superseded', 'revoked', 'mismatch'] as const;
export type FileCheckStatus = (typeof FILE_CHECK_STATUSES)[number];

/** Short codes used in letter numbers, and titles in Indonesian and English. */
export const KINDS: Record<DocumentKind, { abbr: string; id: string; en: string }> = {
  receipt: { abbr: 'TT', id: 'Tanda Terima', en: 'Receipt' },
  surat_pengantar: { abbr: 'SP', id: 'Surat Pengantar', en: 'Cover letter' },
  nota_dinas: { abbr: 'ND', id: 'Nota Dinas', en: 'Internal memo' },
  sk_tim: { abbr: 'SK', id: 'Surat Keputusan Tim', en: 'Team decree' },
  draft_pks: { abbr: 'DPKS', id: 'Draf Perjanjian Kerja Sama', en: 'Draft cooperation agreement' },
  pks: { abbr: 'PKS', id: 'Perjanjian Kerja Sama', en: 'Cooperation agreement' },
  juknis: { abbr: 'JUKNIS', id: 'Petunjuk Teknis', en: 'Technical guidelines' },
  approval_letter: { abbr: 'SPP', id: 'Surat Persetujuan', en: 'Approval letter' },
  rejection_letter: { abbr: 'STP', id: 'Surat Penolakan', en: 'Rejection letter' },
  access_letter: { abbr: 'HA', id: 'Surat Pemberian Hak Akses', en: 'Letter granting access' },
  record: { abbr: 'CTT', id: 'Catatan', en: 'Record' },
  usage_report: { abbr: 'LPS', id: 'Laporan Penggunaan Data Semesteran', en: 'Semester usage report' },
  warning_letter: { abbr: 'SPr', id: 'Surat Peringatan', en: 'Warning letter' },
  sanction_letter: {
    abbr: 'SPHA',
    id: 'Surat Penghentian Sementara Hak Akses',
    en: 'Letter suspending access',
  },
  reactivation_letter: { abbr: 'SPAK', id: 'Surat Pengaktifan Kembali Hak Akses', en: 'Letter reactivating access' },
  campaign_report: {
    abbr: 'LHP',
    id: 'Laporan Hasil Pengendalian dan Pengamanan Pemanfaatan Data Kependudukan',
    en: 'Report on the control and security of the use of population data',
  },
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/**
 * A letter number from an office's format: {seq} (zero-padded to 3), {kind} (abbreviation), {code} (region code),
 * {year}, {roman} (month in Roman numerals, as Indonesian letters often carry).
 */
export function letterNumber(
  format: string,
  parts: { seq: number; kind: DocumentKind; code: string; date: Date },
): string {
  return format
    .replaceAll('{seq}', String(parts.seq).padStart(3, '0'))
    .replaceAll('{kind}', KINDS[parts.kind].abbr)
    .replaceAll('{code}', parts.code)
    .replaceAll('{year}', String(parts.date.getUTCFullYear()))
    .replaceAll('{roman}', ROMAN[parts.date.getUTCMonth()] ?? '');
}
