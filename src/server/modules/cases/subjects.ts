/**
 * What a case is about, and who owns it. `cases/` runs SOP steps; the module that owns a case's subject
 * (applications, PKS changes) registers a handler for its subject kind, and the case service calls it to check
 * that the subject belongs to this very case, to run the step's declared lifecycle actions and to hear that the
 * case ended — so `cases/` never writes another module's tables. A case a client opens has no subject ("none").
 */
import type { Transaction } from 'kysely';
import type { CaseTable, DB, TaskTable } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../../domain/authz.js';
import type { ActionWord, SopStep } from '../../../domain/sop/index.js';
import type { TemplateData } from '../documents/templates.js';

/** Everything an action runs with: one transaction, the case, who acts and on which task. */
export interface SubjectContext {
  deps: Pick<Deps, 'db' | 'now' | 'config'>;
  trx: Transaction<DB>;
  kase: CaseTable;
  actor: Actor;
  task: TaskTable;
  step: SopStep;
  decision?: string;
  /** Extra input of the action (a signed scan, an activation date). */
  params: { scanFileId?: string; startDate?: string };
}

/** A produced document to list on the case. */
export interface ProducedDoc {
  docType: string;
  fileId: string;
}

/** The owner of a subject kind. */
export interface SubjectHandler {
  /** Throws unless the subject is this case's: of its office and institution, and linked to this very case. */
  verify(trx: Transaction<DB>, kase: CaseTable): Promise<void>;
  /** Data for letters produced on the case, and the agreement they belong to. */
  letterData(
    trx: Transaction<DB>,
    kase: CaseTable,
  ): Promise<{ data: Partial<TemplateData>; agreementId: string | null }>;
  /** Runs one declared lifecycle action. */
  act(ctx: SubjectContext, word: ActionWord): Promise<ProducedDoc[]>;
  /** The case reached an end with this outcome. */
  ended(ctx: Omit<SubjectContext, 'task' | 'step' | 'params'>, outcome: 'selesai' | 'ditolak' | 'batal'): Promise<void>;
}

const handlers = new Map<string, SubjectHandler>();

/** Registers the owner of a subject kind (once, at module load of the owning service). */
export function registerSubject(kind: string, handler: SubjectHandler): void {
  handlers.set(kind, handler);
}

/** The handler of a subject kind; a case with a subject nobody owns is a programming error. */
export function subjectHandler(kind: string): SubjectHandler | undefined {
  return handlers.get(kind);
}

/** The subject kind of cases opened by a client (no subject). */
export const NO_SUBJECT = 'none';
