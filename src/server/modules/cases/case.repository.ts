import type { Kysely, Transaction } from 'kysely';
import type { CaseDocumentTable, CaseEventTable, CaseTable, DB, TaskTable } from '../../db/schema.js';
import type { CaseEventType } from '../../../domain/case.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Next value of a named counter (created at 1), atomically in both dialects. */
export async function nextCounter(db: Q, key: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ key, value: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** One case. */
export function findCase(db: Q, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a case. */
export async function insertCase(db: Q, row: CaseTable) {
  await db.insertInto('cases').values(row).execute();
}

/** Writes a case's new state if nobody else moved it since `revision`; false when someone did. */
export async function updateCaseState(
  db: Q,
  id: string,
  revision: number,
  patch: Pick<CaseTable, 'state'> & Partial<Pick<CaseTable, 'status' | 'outcome' | 'ended_at'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('cases')
    .set({ ...patch, revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** One task. */
export function findTask(db: Q, id: string) {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tasks of a case in the order they opened. */
export function tasksOf(db: Q, caseId: string) {
  return db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).orderBy('opened_at').orderBy('id').execute();
}

/** Inserts tasks. */
export async function insertTasks(db: Q, rows: TaskTable[]) {
  if (rows.length) await db.insertInto('tasks').values(rows).execute();
}

/** Moves an open task to a final status; false when it was no longer open (someone else got there first). */
export async function finishTask(
  db: Q,
  id: string,
  patch: Pick<TaskTable, 'status'> &
    Partial<Pick<TaskTable, 'completed_by' | 'completed_at' | 'decision' | 'comment' | 'reason'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('tasks')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Closes the open tasks of given steps (a parallel branch made moot). */
export async function closeOpenSteps(db: Q, caseId: string, stepIds: string[], at: string) {
  if (!stepIds.length) return;
  await db
    .updateTable('tasks')
    .set({ status: 'closed', completed_at: at })
    .where('case_id', '=', caseId)
    .where('step_id', 'in', stepIds)
    .where('status', '=', 'open')
    .execute();
}

/** A timeline event of one of the types the API lists (the case view's schema refuses another). */
export type CaseEventRow = CaseEventTable & { type: CaseEventType };

/** Appends timeline events. */
export async function insertEvents(db: Q, rows: CaseEventRow[]) {
  if (rows.length) await db.insertInto('case_events').values(rows).execute();
}

/** The timeline of a case with the names of the people who acted. */
export function eventsOf(db: Q, caseId: string) {
  return db
    .selectFrom('case_events')
    .leftJoin('users', 'users.id', 'case_events.actor_user_id')
    .selectAll('case_events')
    .select(['users.display_name as actor_name', 'users.username as actor_username'])
    .where('case_id', '=', caseId)
    .orderBy('case_events.at')
    .orderBy('case_events.id')
    .execute();
}

/** Inserts case documents. */
export async function insertDocuments(db: Q, rows: CaseDocumentTable[]) {
  if (rows.length) await db.insertInto('case_documents').values(rows).execute();
}

/** Documents of a case with their files. */
export function documentsOf(db: Q, caseId: string) {
  return db
    .selectFrom('case_documents')
    .innerJoin('files', 'files.id', 'case_documents.file_id')
    .selectAll('case_documents')
    .select(['files.sha256', 'files.size', 'files.filename', 'files.content_type'])
    .where('case_id', '=', caseId)
    .orderBy('case_documents.created_at')
    .orderBy('case_documents.id')
    .execute();
}

/** Open tasks in an organisation for any of the given roles, with their cases. */
export function openTasksFor(db: Q, orgId: string, roles: readonly string[]) {
  return db
    .selectFrom('tasks')
    .innerJoin('cases', 'cases.id', 'tasks.case_id')
    .innerJoin('sop_versions', 'sop_versions.id', 'cases.sop_version_id')
    .leftJoin('institutions', 'institutions.id', 'cases.institution_id')
    .selectAll('tasks')
    .select([
      'institutions.name as institution_name',
      'cases.number as case_number',
      'cases.title as case_title',
      'cases.office_id as case_office_id',
      'cases.sop_version_id as sop_version_id',
      'sop_versions.code as sop_code',
      'sop_versions.name as sop_name',
    ])
    .where('tasks.assignee_org_id', '=', orgId)
    .where('tasks.status', '=', 'open')
    .where('tasks.role_code', 'in', roles.length ? [...roles] : [''])
    .execute();
}

/** Cases an office sees (given office ids) or an institution sees (its own). */
export function listCases(
  db: Q,
  filter: { officeIds?: string[] | null; institutionId?: string; status?: 'open' | 'ended' },
) {
  let q = db
    .selectFrom('cases')
    .innerJoin('sop_versions', 'sop_versions.id', 'cases.sop_version_id')
    .leftJoin('institutions', 'institutions.id', 'cases.institution_id')
    .selectAll('cases')
    .select([
      'sop_versions.code as sop_code',
      'sop_versions.name as sop_name',
      'sop_versions.version as sop_version',
      'institutions.name as institution_name',
    ])
    .orderBy('cases.opened_at', 'desc');
  if (filter.officeIds) q = q.where('cases.office_id', 'in', filter.officeIds.length ? filter.officeIds : ['']);
  if (filter.institutionId) q = q.where('cases.institution_id', '=', filter.institutionId);
  if (filter.status) q = q.where('cases.status', '=', filter.status);
  return q.limit(500).execute();
}

/** Finished tasks of every case of one SOP version, for its evaluation. */
export function tasksOfVersion(db: Q, versionId: string) {
  return db
    .selectFrom('tasks')
    .innerJoin('cases', 'cases.id', 'tasks.case_id')
    .selectAll('tasks')
    .select(['cases.office_id as case_office_id'])
    .where('cases.sop_version_id', '=', versionId)
    .execute();
}

/** Open tasks of one step of a case (the parties of a joint step). */
export function openTasksOfStep(db: Q, caseId: string, stepId: string) {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('step_id', '=', stepId)
    .where('status', '=', 'open')
    .execute();
}
