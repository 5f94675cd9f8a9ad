import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { insertRole } from '../modules/directory/directory.repository.js';

/** The built-in roles every office or institution has, with their names. */
export const BUILT_IN_ROLES: { orgKind: 'office' | 'institution'; code: string; id: string; en: string }[] = [
  {
    orgKind: 'office',
    code: 'kepala_daerah',
    id: 'Kepala Daerah (Gubernur/Bupati/Walikota)',
    en: 'Regional head (Governor/Regent/Mayor)',
  },
  { orgKind: 'office', code: 'dirjen', id: 'Direktur Jenderal Dukcapil', en: 'Director General' },
  { orgKind: 'office', code: 'kadis', id: 'Kepala Dinas', en: 'Head of office' },
  { orgKind: 'office', code: 'sekretaris', id: 'Sekretaris Dinas', en: 'Office secretary' },
  { orgKind: 'office', code: 'kabid', id: 'Kepala Bidang', en: 'Division head' },
  { orgKind: 'office', code: 'kasi', id: 'Kepala Seksi', en: 'Section head' },
  { orgKind: 'office', code: 'staf', id: 'Staf', en: 'Staff' },
  { orgKind: 'office', code: 'tim', id: 'Tim Pemanfaatan Data', en: 'Data use team' },
  { orgKind: 'office', code: 'adb', id: 'Administrator Database (ADB)', en: 'Database administrator' },
  { orgKind: 'office', code: 'admin', id: 'Administrator Sistem', en: 'System administrator' },
  { orgKind: 'institution', code: 'pimpinan', id: 'Pimpinan Lembaga', en: 'Head of institution' },
  { orgKind: 'institution', code: 'admin', id: 'Admin Lembaga', en: 'Institution admin' },
  { orgKind: 'institution', code: 'operator', id: 'Operator', en: 'Operator' },
];

/** Inserts the built-in roles that are missing; safe to run at every start. */
export async function ensureReferenceData(db: Kysely<DB>, now: Date) {
  const existing = await db.selectFrom('roles').select(['org_kind', 'code']).where('org_id', 'is', null).execute();
  const have = new Set(existing.map((r) => `${r.org_kind}:${r.code}`));
  for (const role of BUILT_IN_ROLES) {
    if (have.has(`${role.orgKind}:${role.code}`)) continue;
    await insertRole(db, {
      id: newId(),
      orgKind: role.orgKind,
      orgId: null,
      code: role.code,
      nameId: role.id,
      nameEn: role.en,
      now: now.toISOString(),
    });
  }
}

/** The Directorate General's office; created when missing. */
export async function ensurePusat(db: Kysely<DB>, now: Date): Promise<string> {
  const row = await db.selectFrom('offices').select('id').where('level', '=', 'pusat').executeTakeFirst();
  if (row) return row.id;
  const id = newId();
  await db
    .insertInto('offices')
    .values({
      id,
      code: '00',
      name: 'Direktorat Jenderal Kependudukan dan Pencatatan Sipil',
      level: 'pusat',
      parent_id: null,
      timezone: 'Asia/Jakarta',
      head_title: '',
      require_totp: 0,
      letter_format: '{seq}/{kind}/{code}/{year}',
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}
