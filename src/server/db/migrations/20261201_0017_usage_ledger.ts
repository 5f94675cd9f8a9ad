import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.

/**
 * The usage ledger (issue 12): data calls folded from the signed audit log, off the request path
 * (modules/usage/ledger.ts). `usage_calls` counts calls per office-local day, institution, PKS, grant, channel,
 * result code and actor; `usage_elements` counts the elements disclosed by answered calls per day, institution,
 * PKS, grant, channel, actor and element; `usage_cursor` (one row) is the last audit seq folded and the time of
 * the newest entry folded. A missing PKS or grant is '' (never NULL: it is part of the primary key).
 * The audit log gets no index of its own here: the gateway's writes must not get slower.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('usage_calls')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('result_code', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_calls_pk', [
      'day',
      'institution_id',
      'agreement_id',
      'grant_id',
      'channel',
      'result_code',
      'actor_kind',
      'actor_id',
    ])
    .execute();
  await db.schema
    .createIndex('usage_calls_institution_idx')
    .on('usage_calls')
    .columns(['institution_id', 'day'])
    .execute();
  await db.schema.createIndex('usage_calls_agreement_idx').on('usage_calls').columns(['agreement_id', 'day']).execute();
  await db.schema.createIndex('usage_calls_grant_idx').on('usage_calls').columns(['grant_id', 'day']).execute();

  await db.schema
    .createTable('usage_elements')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('element', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_elements_pk', [
      'day',
      'institution_id',
      'agreement_id',
      'grant_id',
      'channel',
      'actor_kind',
      'actor_id',
      'element',
    ])
    .execute();
  await db.schema
    .createIndex('usage_elements_institution_idx')
    .on('usage_elements')
    .columns(['institution_id', 'day'])
    .execute();
  await db.schema
    .createIndex('usage_elements_agreement_idx')
    .on('usage_elements')
    .columns(['agreement_id', 'day'])
    .execute();

  await db.schema
    .createTable('usage_cursor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('as_of', 'text')
    .addColumn('updated_at', 'text')
    .execute();
  await db.insertInto('usage_cursor').values({ id: 1, last_seq: 0, as_of: null, updated_at: null }).execute();
}

/** Drops the ledger. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['usage_cursor', 'usage_elements', 'usage_calls']) await db.schema.dropTable(t).ifExists().execute();
}
