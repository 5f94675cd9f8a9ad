import type { Kysely } from 'kysely';

/**
 * Anomaly detection (issue 13): the findings (the detector's, and those reported from outside it — a resident who
 * does not recognise an access), each with its evidence as aggregates, the subject it suspended, its review case
 * and the reviewer's verdict; and each office's tuning of the rules. The detector's own working tables are added
 * here by the detection feature.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('anomaly_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('institution_id', 'text', (c) => c.references('institutions.id'))
    // detector | resident_report
    .addColumn('source', 'text', (c) => c.notNull())
    // the rule's code (domain/anomalies), or resident_report
    .addColumn('rule', 'text', (c) => c.notNull())
    // low | medium | high
    .addColumn('severity', 'text', (c) => c.notNull())
    // what the behaviour came from and what a high finding suspends: grant (a credential) | device | operator
    .addColumn('subject_kind', 'text')
    .addColumn('subject_id', 'text')
    // one finding per rule, subject and window: a second process or a re-read never raises it twice
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    // JSON: aggregates only (counts, ratios, thresholds, hours), never a NIK in clear
    .addColumn('evidence', 'text', (c) => c.notNull())
    // the first and last audit entries (seq) the evidence covers
    .addColumn('first_seq', 'integer')
    .addColumn('last_seq', 'integer')
    // open | confirmed | false_positive
    .addColumn('status', 'text', (c) => c.notNull())
    // when the detector suspended the subject (null: it did not)
    .addColumn('suspended_at', 'text')
    // resumed | revoked | null: what the reviewer did with a suspended subject
    .addColumn('outcome', 'text')
    .addColumn('case_id', 'text')
    .addColumn('audit_entry_id', 'text')
    .addColumn('report_id', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('anomaly_findings_dedupe_uq')
    .on('anomaly_findings')
    .column('dedupe_key')
    .unique()
    .execute();
  await db.schema
    .createIndex('anomaly_findings_office_idx')
    .on('anomaly_findings')
    .columns(['office_id', 'status'])
    .execute();
  await db.schema
    .createIndex('anomaly_findings_institution_idx')
    .on('anomaly_findings')
    .columns(['institution_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('anomaly_rule_settings')
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // JSON: the rule's tunable parameters (domain/anomalies declares them, their bounds and defaults)
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('anomaly_rule_settings_pk', ['office_id', 'rule'])
    .execute();

  // The detector's working tables. The client addresses each credential or device was seen calling from (the
  // "new client address" rule), and the calls answered per subject per clock hour (the usual volume by hour of
  // week). Each process may write them: the values are functions of the sealed log, so conflicts keep either.
  await db.schema
    .createTable('anomaly_known_addresses')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('client_ip', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('anomaly_known_addresses_pk', ['subject_kind', 'subject_id', 'client_ip'])
    .execute();
  await db.schema
    .createTable('anomaly_hourly_volume')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // ISO instant of the clock hour's start (UTC)
    .addColumn('hour_start', 'text', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('anomaly_hourly_volume_pk', ['subject_kind', 'subject_id', 'hour_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('anomaly_hourly_volume').execute();
  await db.schema.dropTable('anomaly_known_addresses').execute();
  await db.schema.dropTable('anomaly_rule_settings').execute();
  await db.schema.dropTable('anomaly_findings').execute();
}
