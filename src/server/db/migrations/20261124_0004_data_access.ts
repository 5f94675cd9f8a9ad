import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code, so the catalogue's field names are copied here.
const RESIDENT_COLUMNS = [
  'no_kk',
  'nik',
  'nama_lgkp',
  'jenis_klmin',
  'tmpt_lhr',
  'tgl_lhr',
  'gol_darah',
  'agama',
  'status_kawin',
  'stat_hbkel',
  'pnydng_cct',
  'pddk_akh',
  'jenis_pkrjn',
  'nik_ibu',
  'nama_lgkp_ibu',
  'nik_ayah',
  'nama_lgkp_ayah',
  'alamat_sblm',
  'alamat',
  'no_rt',
  'no_rw',
  'dusun',
  'no_prop',
  'prop_name',
  'no_kab',
  'kab_name',
  'no_kec',
  'kec_name',
  'no_kel',
  'kel_name',
  'akta_lhr',
  'no_akta_lhr',
  'akta_kwn',
  'no_akta_kwn',
  'tgl_kwn',
  'akta_crai',
  'no_akta_crai',
  'tgl_crai',
  'sidik_jari',
  'iris_mata',
  'ttd',
  'aib',
];

async function residentsTable(db: Kysely<any>, name: string) {
  let t = db.schema.createTable(name);
  for (const c of RESIDENT_COLUMNS)
    t =
      c === 'nik' ? t.addColumn(c, 'text', (col) => col.primaryKey()) : t.addColumn(c, 'text', (col) => col.notNull());
  await t
    .addColumn('alive', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Families: a KK lists its members.
  await db.schema.createIndex(`${name}_kk_idx`).on(name).column('no_kk').execute();
}

/** Warehouse (production and sandbox), provisioning (grants, devices, operators, nonces, usage) and audit tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await residentsTable(db, 'residents');
  await residentsTable(db, 'residents_sandbox');

  await db.schema
    .createTable('access_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('user_id', 'text', (c) => c.unique())
    .addColumn('secret_hash', 'text')
    .addColumn('secret_expires_at', 'text')
    .addColumn('elements', 'text', (c) => c.notNull())
    .addColumn('ip_allow', 'text', (c) => c.notNull())
    .addColumn('hours', 'text')
    .addColumn('daily_quota', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('pks_version_hash', 'text', (c) => c.notNull())
    .addColumn('compiled', 'text', (c) => c.notNull())
    .addColumn('trial_result', 'text')
    .addColumn('trial_note', 'text')
    .addColumn('trial_recorded_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_grants_agreement_idx').on('access_grants').column('agreement_id').execute();
  await db.schema.createIndex('access_grants_institution_idx').on('access_grants').column('institution_id').execute();

  await db.schema
    .createTable('access_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grant_id', 'text', (c) => c.notNull().references('access_grants.id'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('pcid', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('access_operators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grant_id', 'text', (c) => c.notNull().references('access_grants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('access_nonces')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_nonces_pk', ['device_id', 'nonce'])
    .execute();

  await db.schema
    .createTable('access_usage')
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_usage_pk', ['grant_id', 'day'])
    .execute();

  await db.schema
    .createTable('audit_entries')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text')
    .addColumn('institution_id', 'text')
    .addColumn('pks_id', 'text')
    .addColumn('pks_version_hash', 'text')
    .addColumn('elements', 'text', (c) => c.notNull())
    .addColumn('result_code', 'text', (c) => c.notNull())
    .addColumn('client_ip', 'text')
    .addColumn('nik_hash', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_entries_id_idx').on('audit_entries').column('id').execute();
  await db.schema.createIndex('audit_entries_nik_idx').on('audit_entries').column('nik_hash').execute();
  await db.schema
    .createIndex('audit_entries_institution_idx')
    .on('audit_entries')
    .columns(['institution_id', 'time'])
    .execute();

  await db.schema
    .createTable('audit_batches')
    .addColumn('batch_seq', 'bigint', (c) => c.primaryKey())
    .addColumn('first_seq', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('entry_hashes', 'text', (c) => c.notNull())
    .addColumn('merkle_root', 'text', (c) => c.notNull())
    .addColumn('prev_batch_hash', 'text', (c) => c.notNull())
    .addColumn('sealed_at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('batch_hash', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_keys',
    'audit_batches',
    'audit_entries',
    'access_usage',
    'access_nonces',
    'access_operators',
    'access_devices',
    'access_grants',
    'residents_sandbox',
    'residents',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
