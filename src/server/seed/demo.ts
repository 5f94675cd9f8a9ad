import fs from 'node:fs';
import path from 'node:path';
import { seedDemoLetterheads } from './demo-letterhead.js';
import type { Kysely } from 'kysely';
import type { DB, InstitutionTable, OfficeTable } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { hashPassword } from '../lib/secrets.js';
import { insertRole, insertUser, replacePermission } from '../modules/directory/directory.repository.js';
import { CAPABILITIES, type Capability } from '../../domain/authz.js';
import { ensurePusat } from './reference.js';

/** The password every demo account shares. Demo mode only. */
export const DEMO_PASSWORD = 'gerbang-demo';

interface DemoOffice {
  key: string;
  code: string;
  name: string;
  level: OfficeTable['level'];
  parent?: string;
  headTitle: string;
  /** Office-specific roles: code, Indonesian name, English name. */
  customRoles?: [string, string, string][];
  /** Username suffix → roles. */
  users: [string, string, string[]][];
  /** Capabilities the office gives to roles beyond the defaults (its own settings, as its admin would make them). */
  permissions?: [Capability, string[]][];
}

// The five offices of the source SOPs, the provinces above the kabupaten/kota, and a user for every role each SOP names.
const OFFICES: DemoOffice[] = [
  {
    key: 'pusat',
    code: '00',
    name: '',
    level: 'pusat',
    headTitle: '',
    users: [
      ['dirjen', 'Direktur Jenderal Dukcapil', ['dirjen']],
      ['staf', 'Staf Direktorat Fasilitasi Pemanfaatan Data', ['staf']],
      ['admin', 'Administrator Pusat', ['admin']],
    ],
  },
  {
    key: 'bengkulu',
    code: '17',
    name: 'Dinas Kependudukan dan Pencatatan Sipil Provinsi Bengkulu',
    level: 'provinsi',
    parent: 'pusat',
    headTitle: 'Gubernur Bengkulu',
    // The cooperation section verifies the institutions it works with.
    permissions: [['institution.verify', ['kasi_kerja_sama']]],
    customRoles: [
      ['kasi_kerja_sama', 'Kasi Kerja Sama dan Inovasi Pelayanan', 'Cooperation and service innovation section head'],
    ],
    users: [
      ['gubernur', 'Gubernur Bengkulu', ['kepala_daerah']],
      ['kadis', 'Kepala Dinas Dukcapil Provinsi Bengkulu', ['kadis']],
      ['kabid', 'Kabid PIAK Provinsi Bengkulu', ['kabid']],
      ['kasi', 'Kasi Kerja Sama dan Inovasi Pelayanan', ['kasi', 'kasi_kerja_sama']],
      ['tim', 'Tim Pemanfaatan Data', ['tim']],
      ['admin', 'Admin Disdukcapil Bengkulu', ['admin']],
    ],
  },
  {
    key: 'sumbar',
    code: '13',
    name: 'Dinas Pengendalian Penduduk, KB, Dukcapil Provinsi Sumatera Barat',
    level: 'provinsi',
    parent: 'pusat',
    headTitle: 'Gubernur Sumatera Barat',
    customRoles: [['kasi_monev', 'Kepala Seksi Monev', 'Monitoring and evaluation section head']],
    users: [
      ['gubernur', 'Gubernur Sumatera Barat', ['kepala_daerah']],
      ['kadis', 'Kepala Dinas Dalduk KB Dukcapil', ['kadis']],
      ['kabid', 'Kabid PIAK dan Pemanfaatan Data', ['kabid']],
      ['kasi_monev', 'Kasi Monev', ['kasi_monev']],
      ['staf', 'Staf Seksi Kerja Sama', ['staf']],
      ['admin', 'Admin Dinas Sumatera Barat', ['admin']],
    ],
  },
  {
    key: 'padangpariaman',
    code: '13.05',
    name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Padang Pariaman',
    level: 'kabupaten',
    parent: 'sumbar',
    headTitle: 'Bupati Padang Pariaman',
    // The cooperation section verifies the institutions it works with.
    permissions: [['institution.verify', ['kasi_kerja_sama']]],
    customRoles: [
      ['kasi_siak', 'Kepala Seksi SIAK', 'SIAK section head'],
      ['kasi_kerja_sama', 'Kepala Seksi Kerja Sama', 'Cooperation section head'],
    ],
    users: [
      ['bupati', 'Bupati Padang Pariaman', ['kepala_daerah']],
      ['kadis', 'Kepala Dinas Dukcapil Padang Pariaman', ['kadis']],
      ['kabid', 'Kabid Pemanfaatan Data dan Inovasi Pelayanan', ['kabid']],
      ['kasi_siak', 'Kasi SIAK', ['kasi_siak']],
      ['kasi_kerja_sama', 'Kasi Kerja Sama', ['kasi_kerja_sama']],
      ['adb', 'Administrator Database', ['adb']],
      ['admin', 'Admin Disdukcapil Padang Pariaman', ['admin']],
    ],
  },
  {
    key: 'jateng',
    code: '33',
    name: 'Dinas Kependudukan dan Pencatatan Sipil Provinsi Jawa Tengah',
    level: 'provinsi',
    parent: 'pusat',
    headTitle: 'Gubernur Jawa Tengah',
    users: [
      ['kadis', 'Kepala Dinas Dukcapil Provinsi Jawa Tengah', ['kadis']],
      ['admin', 'Admin Disdukcapil Jawa Tengah', ['admin']],
    ],
  },
  {
    key: 'kebumen',
    code: '33.05',
    name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen',
    level: 'kabupaten',
    parent: 'jateng',
    headTitle: 'Bupati Kebumen',
    users: [
      ['bupati', 'Bupati Kebumen', ['kepala_daerah']],
      ['kadis', 'Kepala Dinas Dukcapil Kebumen', ['kadis']],
      ['kabid', 'Kabid PIAK dan Pemanfaatan Data', ['kabid']],
      ['kasi', 'Kasi Pemanfaatan Data dan Inovasi Pelayanan', ['kasi']],
      ['staf', 'Staf Pemanfaatan Data', ['staf']],
      ['admin', 'Admin Disdukcapil Kebumen', ['admin']],
    ],
  },
  {
    key: 'sumut',
    code: '12',
    name: 'Dinas Kependudukan dan Pencatatan Sipil Provinsi Sumatera Utara',
    level: 'provinsi',
    parent: 'pusat',
    headTitle: 'Gubernur Sumatera Utara',
    users: [
      ['kadis', 'Kepala Dinas Dukcapil Provinsi Sumatera Utara', ['kadis']],
      ['admin', 'Admin Disdukcapil Sumatera Utara', ['admin']],
    ],
  },
  {
    key: 'sibolga',
    code: '12.73',
    name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Sibolga',
    level: 'kota',
    parent: 'sumut',
    headTitle: 'Walikota Sibolga',
    // The cooperation section verifies the institutions it works with.
    permissions: [['institution.verify', ['kasi_kerja_sama']]],
    customRoles: [
      ['kasi_kerja_sama', 'Kasi Kerja Sama dan Inovasi Pelayanan', 'Cooperation and service innovation section head'],
    ],
    users: [
      ['walikota', 'Walikota Sibolga', ['kepala_daerah']],
      ['kadis', 'Kepala Dinas Dukcapil Kota Sibolga', ['kadis']],
      ['sekretaris', 'Sekretaris Dinas', ['sekretaris']],
      ['kabid', 'Kabid PIAK', ['kabid']],
      ['kasi', 'Kasi Kerja Sama dan Inovasi Pelayanan', ['kasi', 'kasi_kerja_sama']],
      ['admin', 'Admin Disdukcapil Sibolga', ['admin']],
    ],
  },
];

interface DemoInstitution {
  key: string;
  name: string;
  type: InstitutionTable['type'];
  profit: boolean;
  office: string;
  address: string;
  contact: [string, string, string, string];
}

const INSTITUTIONS: DemoInstitution[] = [
  {
    key: 'dinsos',
    name: 'Dinas Sosial Kabupaten Kebumen',
    type: 'opd',
    profit: false,
    office: 'kebumen',
    address: 'Jl. Arungbinang No. 10, Kebumen',
    contact: ['Siti Rahmawati', 'Kepala Dinas Sosial', 'dinsos@kebumenkab.example', '0287-381001'],
  },
  {
    key: 'bank',
    name: 'PT Bank Nusantara Sejahtera Tbk',
    type: 'badan_hukum',
    profit: true,
    office: 'kebumen',
    address: 'Jl. Pahlawan No. 45, Kebumen',
    contact: ['Budi Santoso', 'Direktur Operasional', 'operasional@banknusantara.example', '021-5550123'],
  },
  {
    key: 'bpjs',
    name: 'BPJS Kesehatan Kantor Cabang Sibolga',
    type: 'badan_hukum',
    profit: false,
    office: 'sibolga',
    address: 'Jl. Sisingamangaraja No. 3, Sibolga',
    contact: ['Rina Simatupang', 'Kepala Cabang', 'kc.sibolga@bpjs.example', '0631-21001'],
  },
  {
    key: 'rsudpp',
    name: 'RSUD Padang Pariaman',
    type: 'opd',
    profit: false,
    office: 'padangpariaman',
    address: 'Jl. Raya Padang-Bukittinggi Km. 37, Parit Malintang',
    contact: ['dr. Yusrizal', 'Direktur', 'rsud@padangpariamankab.example', '0751-92001'],
  },
  {
    key: 'rsud',
    name: 'RSUD Dr. M. Yunus Provinsi Bengkulu',
    type: 'opd',
    profit: false,
    office: 'bengkulu',
    address: 'Jl. Bhayangkara, Kota Bengkulu',
    contact: ['dr. Andi Pratama', 'Direktur', 'rsud@bengkuluprov.example', '0736-52004'],
  },
];

/** One demo login as written to demo.json and printed at start. */
export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  organisation: { kind: 'office' | 'institution'; id: string; name: string; code?: string };
  roles: string[];
}

/** Seeds the demo offices, institutions and users. Returns the logins. */
export async function seedDemo(db: Kysely<DB>, now: Date): Promise<DemoUser[]> {
  const stamp = now.toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoUser[] = [];
  const officeIds = new Map<string, { id: string; name: string; code: string }>();
  await db.transaction().execute(async (trx) => {
    const pusatId = await ensurePusat(trx, now);
    for (const o of OFFICES) {
      let id = pusatId;
      let name = 'Direktorat Jenderal Kependudukan dan Pencatatan Sipil';
      if (o.level !== 'pusat') {
        id = newId();
        name = o.name;
        await trx
          .insertInto('offices')
          .values({
            id,
            code: o.code,
            name: o.name,
            level: o.level,
            parent_id: officeIds.get(o.parent ?? 'pusat')?.id ?? pusatId,
            timezone: 'Asia/Jakarta',
            head_title: o.headTitle,
            require_totp: 0,
            letter_format: '{seq}/{kind}/{code}/{year}',
            created_at: stamp,
          })
          .execute();
      }
      officeIds.set(o.key, { id, name, code: o.code });
      for (const [code, nameId, nameEn] of o.customRoles ?? []) {
        await insertRole(trx, { id: newId(), orgKind: 'office', orgId: id, code, nameId, nameEn, now: stamp });
      }
      for (const [capability, extra] of o.permissions ?? []) {
        await replacePermission(trx, id, capability, [...CAPABILITIES[capability], ...extra]);
      }
      for (const [suffix, displayName, roles] of o.users) {
        const username = `${o.key}.${suffix}`;
        await insertUser(trx, {
          id: newId(),
          username,
          displayName,
          passwordHash: hash,
          officeId: id,
          institutionId: null,
          roles,
          mustChangePassword: false,
          now: stamp,
        });
        logins.push({
          username,
          password: DEMO_PASSWORD,
          displayName,
          organisation: { kind: 'office', id, name, code: o.code },
          roles,
        });
      }
    }
    for (const inst of INSTITUTIONS) {
      const id = newId();
      await trx
        .insertInto('institutions')
        .values({
          id,
          name: inst.name,
          type: inst.type,
          profit_oriented: inst.profit ? 1 : 0,
          office_id: officeIds.get(inst.office)?.id ?? pusatId,
          status: 'verified',
          address: inst.address,
          registered_by: null,
          verified_by: null,
          verified_at: stamp,
          created_at: stamp,
        })
        .execute();
      const [cname, position, email, phone] = inst.contact;
      await trx
        .insertInto('institution_contacts')
        .values({ id: newId(), institution_id: id, name: cname, position, email, phone })
        .execute();
      for (const role of ['pimpinan', 'admin', 'operator']) {
        const username = `${inst.key}.${role}`;
        const displayName = `${role === 'pimpinan' ? 'Pimpinan' : role === 'admin' ? 'Admin' : 'Operator'} ${inst.name}`;
        await insertUser(trx, {
          id: newId(),
          username,
          displayName,
          passwordHash: hash,
          officeId: null,
          institutionId: id,
          roles: [role],
          mustChangePassword: false,
          now: stamp,
        });
        logins.push({
          username,
          password: DEMO_PASSWORD,
          displayName,
          organisation: { kind: 'institution', id, name: inst.name },
          roles: [role],
        });
      }
    }
    // Issue 14: the offices' kop surat and the NIP, position and rank of the staff who sign.
    await seedDemoLetterheads(trx);
  });
  return logins;
}

/** Writes DATA_DIR/demo.json so scripts can log in as demo users. */
export function writeDemoFile(dataDir: string, content: Record<string, unknown>) {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'demo.json'), JSON.stringify(content, null, 2) + '\n');
}
