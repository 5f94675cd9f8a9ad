/**
 * An application (permohonan) and the six contents Permendagri 102/2019 requires it to carry — user, purpose,
 * data elements, access methods, data balikan, PKS duration — plus what the office needs to provision:
 * expected daily volume, the IP addresses it will call from, and (for protected elements) a legal basis.
 */
import type { FieldIssue } from './errors.js';
import { PROTECTED_ELEMENT_CODES, unknownElementCodes } from './elements/elements.js';
import { ACCESS_METHODS, type AccessMethod } from './grant/grant.js';
import { invalidCidrs } from './grant/ip.js';
import type { DataBalikanDuty } from './balikan/kinds.js';

/**
 * Where an application stands: a draft the institution edits, submitted (its case runs), and how its case ended —
 * approved (a PKS in force and its juknis approved), rejected, or withdrawn.
 */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The content of an application; a draft may have any of it missing. */
export interface ApplicationContent {
  userName: string;
  purpose: string;
  elements: string[];
  methods: AccessMethod[];
  dataBalikan: string;
  /** The data balikan duties as data, when known at application time (the office sets them on the PKS draft). */
  dataBalikanDuties?: DataBalikanDuty[];
  durationMonths: number;
  expectedDailyVolume: number;
  ipRanges: string[];
  legalBasis: string;
}

/** An empty draft. */
export const EMPTY_APPLICATION: ApplicationContent = {
  userName: '',
  purpose: '',
  elements: [],
  methods: [],
  dataBalikan: '',
  durationMonths: 0,
  expectedDailyVolume: 0,
  ipRanges: [],
  legalBasis: '',
};

/** The documents a badan hukum must hold before it applies. */
export const BADAN_HUKUM_DOCUMENTS = [
  { code: 'akta_pendirian', id: 'Akta pendirian', en: 'Deed of establishment' },
  { code: 'surat_domisili', id: 'Surat keterangan domisili', en: 'Domicile statement' },
  { code: 'izin_usaha', id: 'Izin usaha', en: 'Business licence' },
  { code: 'sk_pengesahan', id: 'SK pengesahan badan hukum dari kementerian', en: "Ministry's legalisation decree" },
  { code: 'rekomendasi_pengawas', id: 'Rekomendasi dari lembaga pengawas', en: "Supervisor's recommendation" },
] as const;

/** Which protected elements an application asks for. */
export function protectedElements(elements: readonly string[]): string[] {
  return elements.filter((e) => (PROTECTED_ELEMENT_CODES as readonly string[]).includes(e));
}

const need = (field: string, id: string, en: string): FieldIssue => ({ field, message: { id, en } });

/**
 * What is wrong with a choice of elements, wherever it is made (an application, a PKS draft, an addendum):
 * codes outside the catalogue, and protected elements without a written legal basis.
 */
export function elementChoiceIssues(elements: readonly string[], legalBasis: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const unknown = unknownElementCodes(elements);
  if (unknown.length)
    issues.push(
      need('elements', `Elemen tidak dikenal: ${unknown.join(', ')}.`, `Unknown elements: ${unknown.join(', ')}.`),
    );
  const prot = protectedElements(elements);
  if (prot.length && legalBasis.trim().length < 10) {
    issues.push(
      need(
        'legalBasis',
        `Elemen terlindungi (${prot.join(', ')}) memerlukan dasar hukum tertulis.`,
        `Protected elements (${prot.join(', ')}) need a written legal basis.`,
      ),
    );
  }
  return issues;
}

/**
 * Everything missing or wrong before an application may be submitted, each named: the six contents, the extras,
 * the application letter, and for a badan hukum the documents it has not uploaded.
 */
export function submissionIssues(
  c: ApplicationContent,
  extra: { hasLetter: boolean; missingInstitutionDocs: readonly string[] },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!c.userName.trim())
    issues.push(need('userName', '(a) Nama pengguna belum diisi.', '(a) The user name is missing.'));
  if (c.purpose.trim().length < 10) {
    issues.push(
      need(
        'purpose',
        '(b) Tujuan pemanfaatan belum diisi (minimal 10 karakter).',
        '(b) The purpose is missing (at least 10 characters).',
      ),
    );
  }
  if (!c.elements.length)
    issues.push(need('elements', '(c) Elemen data belum dipilih.', '(c) No data elements chosen.'));
  issues.push(...elementChoiceIssues(c.elements, c.legalBasis).filter((i) => i.field === 'elements'));
  if (!c.methods.length)
    issues.push(need('methods', '(d) Metode akses belum dipilih.', '(d) No access method chosen.'));
  const badMethods = c.methods.filter((m) => !ACCESS_METHODS.includes(m));
  if (badMethods.length)
    issues.push(
      need('methods', `Metode tidak dikenal: ${badMethods.join(', ')}.`, `Unknown methods: ${badMethods.join(', ')}.`),
    );
  if (!c.dataBalikan.trim())
    issues.push(need('dataBalikan', '(e) Data balikan belum diisi.', '(e) The data balikan is missing.'));
  if (!(c.durationMonths >= 1 && c.durationMonths <= 60)) {
    issues.push(
      need('durationMonths', '(f) Jangka waktu PKS harus 1–60 bulan.', '(f) The PKS duration must be 1–60 months.'),
    );
  }
  if (!(c.expectedDailyVolume >= 1)) {
    issues.push(
      need(
        'expectedDailyVolume',
        'Perkiraan volume akses harian belum diisi.',
        'The expected daily volume is missing.',
      ),
    );
  }
  if (c.methods.includes('web_service') && !c.ipRanges.length) {
    issues.push(
      need(
        'ipRanges',
        'Alamat IP pemanggil web service belum diisi.',
        'The IP addresses calling the web service are missing.',
      ),
    );
  }
  for (const bad of invalidCidrs(c.ipRanges)) {
    issues.push(
      need(
        `ipRanges[${bad.index}]`,
        `"${bad.cidr}" bukan alamat IP atau CIDR.`,
        `"${bad.cidr}" is not an IP address or CIDR.`,
      ),
    );
  }
  issues.push(...elementChoiceIssues(c.elements, c.legalBasis).filter((i) => i.field === 'legalBasis'));
  if (!extra.hasLetter)
    issues.push(
      need('letter', 'Surat permohonan (PDF) belum diunggah.', 'The application letter (PDF) is not uploaded.'),
    );
  for (const code of extra.missingInstitutionDocs) {
    const d = BADAN_HUKUM_DOCUMENTS.find((x) => x.code === code);
    issues.push(
      need(
        `institutionDocuments.${code}`,
        `Dokumen badan hukum belum ada: ${d?.id ?? code}.`,
        `Missing legal-entity document: ${d?.en ?? code}.`,
      ),
    );
  }
  return issues;
}
