/**
 * An active PKS for an institution, written straight to the agreements tables: the demo seed and the tests
 * need one without walking the whole application workflow (owned by the agreements module).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AgreementTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { pksHash, type PksContent } from '../../../domain/agreement/pks.js';
import type { AccessMethod } from '../../../domain/grant/grant.js';
import { insertAgreement, insertAgreementVersion } from '../agreements/agreement.repository.js';
import { creditForFixtures } from '../billing/billing.repository.js';

/** Elements a bank's KYC typically needs. */
export const BANK_ELEMENTS = [
  'nik',
  'no_kk',
  'nama_lengkap',
  'jenis_kelamin',
  'tempat_lahir',
  'tanggal_lahir',
  'status_perkawinan',
  'pekerjaan',
  'nama_ibu',
  'alamat',
];

/** The demo bank (seed/demo.ts): the institution the demo, the tests and the bench give an active PKS. */
export const DEMO_BANK = 'PT Bank Nusantara Sejahtera Tbk';

/** The demo bank's id, or undefined when the demo data is not there. */
export async function demoBankId(db: Kysely<DB>): Promise<string | undefined> {
  const row = await db.selectFrom('institutions').select('id').where('name', '=', DEMO_BANK).executeTakeFirst();
  return row?.id;
}

/** Options of insertActivePks. */
export interface PksOptions {
  institutionId: string;
  elements?: string[];
  methods?: AccessMethod[];
  status?: AgreementTable['status'];
  juknisApproved?: boolean;
  /**
   * A profit-oriented institution is credited this prepaid PNBP balance (rupiah) with the PKS, so that tests and
   * the bench that are not about billing are never refused for it; 0 for a billing test's empty balance.
   */
  prepaidRupiah?: number;
  startDate: string;
  endDate: string;
  now: Date;
}

/** Inserts an agreement with one version; returns its id and content hash. */
export async function insertActivePks(db: Kysely<DB>, o: PksOptions): Promise<{ id: string; hash: string }> {
  const inst = await db
    .selectFrom('institutions')
    .innerJoin('offices', 'offices.id', 'institutions.office_id')
    .select([
      'institutions.name',
      'institutions.type',
      'institutions.profit_oriented',
      'institutions.office_id',
      'offices.name as office_name',
      'offices.code as office_code',
    ])
    .where('institutions.id', '=', o.institutionId)
    .executeTakeFirstOrThrow();
  const profit = inst.profit_oriented === 1;
  const methods = o.methods ?? ['web_service', 'card_reader', 'web_portal'];
  const content: PksContent = {
    parties: {
      office: { name: inst.office_name, code: inst.office_code, head: 'Kepala Dinas' },
      institution: { name: inst.name, type: inst.type, profitOriented: profit, head: 'Direktur Utama' },
    },
    purpose: 'Verifikasi identitas nasabah (know your customer) pada pembukaan rekening.',
    rightsAndDuties: {
      office: ['Memberikan hak akses sesuai elemen data dalam PKS.'],
      institution: ['Menggunakan data hanya untuk tujuan dalam PKS.', 'Melaporkan penggunaan setiap semester.'],
    },
    elements: o.elements ?? BANK_ELEMENTS,
    methods,
    dataBalikan: 'Data nasabah yang telah diverifikasi dikembalikan setiap bulan.',
    reporting: 'Laporan penggunaan setiap semester kepada Dinas dan Ditjen Dukcapil.',
    financing: {
      profitOriented: profit,
      feePerNikRupiah: profit ? 1000 : 0,
      text: profit ? 'PNBP Rp1.000 per NIK (PP 10/2023).' : 'Tanpa biaya.',
    },
    prohibition: 'Dilarang memberikan data kepada pihak ketiga atau menggunakannya di luar PKS.',
    duration: { startDate: o.startDate, endDate: o.endDate, months: 24 },
    signatories: [
      { party: 'office', name: 'Kepala Dinas', title: 'Kepala Dinas Dukcapil' },
      { party: 'institution', name: 'Direktur Utama', title: 'Direktur Utama' },
    ],
    legalBasis: '',
  };
  const id = newId();
  const hash = pksHash(content);
  const stamp = o.now.toISOString();
  await insertAgreement(db, {
    id,
    number: `PKS/${id.slice(-6)}/${o.startDate.slice(0, 4)}`,
    institution_id: o.institutionId,
    office_id: inst.office_id,
    application_id: null,
    document_id: null,
    status: o.status ?? 'active',
    status_reason: null,
    start_date: o.startDate,
    end_date: o.endDate,
    juknis_approved_at: o.juknisApproved === false ? null : stamp,
    notices: '[]',
    created_at: stamp,
    updated_at: stamp,
  });
  await insertAgreementVersion(db, {
    id: newId(),
    agreement_id: id,
    version: 1,
    kind: 'original',
    content: JSON.stringify(content),
    content_hash: hash,
    document_version_id: null,
    created_by: null,
    created_at: stamp,
  });
  const prepaid = o.prepaidRupiah ?? FIXTURE_PREPAID_RUPIAH;
  if (profit && prepaid > 0) await creditForFixtures(db, o.institutionId, prepaid, o.now);
  return { id, hash };
}

/** What fixtures credit a profit-oriented institution by default: ten billion rupiah (ten million NIK). */
export const FIXTURE_PREPAID_RUPIAH = 10_000_000_000;

/** Credits a profit-oriented institution the fixtures' prepaid PNBP balance (test/harness.ts seededAgreement). */
export async function prepayIfProfitOriented(db: Kysely<DB>, institutionId: string, now: Date): Promise<void> {
  const inst = await db
    .selectFrom('institutions')
    .select('profit_oriented')
    .where('id', '=', institutionId)
    .executeTakeFirst();
  if (inst?.profit_oriented === 1) await creditForFixtures(db, institutionId, FIXTURE_PREPAID_RUPIAH, now);
}

/** YYYY-MM-DD of an instant shifted by whole days. */
export function dayOffset(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
