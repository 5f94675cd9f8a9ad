import type { Kysely } from 'kysely';

/**
 * PNBP fees (issue 12): tariffs per billing method with their effective dates (the PP 10/2023 figures seeded as
 * defaults), payments recorded by the office with their SIMPONI billing code and proof, and the charges of
 * billable answers per institution, office-local day, method and unit tariff — written by the audit group commit
 * in the transaction of the entries they charge (access/audit/audit-log.ts), so persisted charges equal committed
 * entries. Amounts are whole rupiah (bigint).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('billing_tariffs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount_rupiah', 'bigint', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('billing_tariffs_method_from')
    .on('billing_tariffs')
    .columns(['method', 'effective_from'])
    .unique()
    .execute();

  await db.schema
    .createTable('billing_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('billing_code', 'text', (c) => c.notNull().unique())
    .addColumn('amount_rupiah', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('proof_file_id', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('billing_payments_institution')
    .on('billing_payments')
    .columns(['institution_id', 'paid_on'])
    .execute();

  await db.schema
    .createTable('billing_charges')
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('unit_rupiah', 'bigint', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('amount_rupiah', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('billing_charges_pk', ['institution_id', 'day', 'method', 'unit_rupiah'])
    .execute();

  // PP 10/2023 (PNBP of the Ministry of Home Affairs): per NIK accessed.
  const at = '2026-12-01T00:00:00.000Z';
  const basis = 'PP 10/2023';
  await db
    .insertInto('billing_tariffs')
    .values(
      [
        ['pp10-web-service', 'web_service', 1000],
        ['pp10-web-portal', 'web_portal', 1000],
        ['pp10-fingerprint', 'fingerprint', 2000],
        ['pp10-face', 'face', 3000],
      ].map(([id, method, amount]) => ({
        id,
        method,
        amount_rupiah: amount,
        effective_from: '2023-01-01',
        legal_basis: basis,
        created_by: null,
        created_at: at,
      })),
    )
    .execute();
}

/** Drops the tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['billing_charges', 'billing_payments', 'billing_tariffs'])
    await db.schema.dropTable(t).ifExists().execute();
}
