/**
 * Case work a clerk can see (issue 14): documents that open in the browser, who verified an institution and when,
 * queried and replaced files ("Ganti berkas"), the decision of a step, and refreshing every view an action
 * changes.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Body, Reply } from './http';
import { call } from './request';
import type { CaseTask } from './routes-cases';

const enc = encodeURIComponent;

/**
 * A case task with what the server says about its decision (the question and its choices, approval first; a
 * refusal needs a reason) and its uploads (outputs the step does not produce itself, nor those already in the case).
 */
export type DecidingTask = CaseTask;

/** A choice of a decision step: approval first, a refusal needs a reason. */
export type DecisionChoice = DecidingTask['choices'][number];

/** The latest verification decision on an institution. */
export type InstitutionVerification = Reply<'/api/institution-verifications'>[number];

/** A case's queried and replaced files. */
export type DocumentHistory = Reply<'/api/cases/{id}/document-history'>;

/** A file the office queried when returning the case. */
export type DocumentQuery = DocumentHistory['queries'][number];

/** A replaced case document. */
export type DocumentVersion = DocumentHistory['versions'][number];

/** POST /api/tasks/:id/return body: the reason, and optionally the step to return to and the files queried. */
type ReturnInput = Body<'/api/tasks/{id}/return'>;

export const casework = {
  verifications: (ids: readonly string[]) =>
    ids.length === 0
      ? Promise.resolve([] as InstitutionVerification[])
      : call('get', '/api/institution-verifications', { query: { ids: ids.join(',') } }),
  documentHistory: (caseId: string) => call('get', '/api/cases/{id}/document-history', { path: { id: caseId } }),
  replaceDocument: (caseId: string, docId: string, fileId: string) =>
    call('post', '/api/cases/{id}/documents/{docId}/replace', { path: { id: caseId, docId }, body: { fileId } }),
  returnTask: (id: string, input: ReturnInput) =>
    call('post', '/api/tasks/{id}/return', {
      path: { id },
      body: {
        reason: input.reason,
        ...(input.toStepId ? { toStepId: input.toStepId } : {}),
        ...(input.queriedDocumentIds?.length ? { queriedDocumentIds: input.queriedDocumentIds } : {}),
      },
    }),
};

/** The address that opens a badan hukum's legal document in the browser. */
export function institutionDocumentUrl(institutionId: string, docId: string): string {
  return `/api/institutions/${enc(institutionId)}/documents/${enc(docId)}/file`;
}

/** The address that opens a file the user's own organisation uploaded. */
export function fileUrl(fileId: string): string {
  return `/api/files/${enc(fileId)}`;
}

/** The query key of an institution's latest verification decisions. */
export const VERIFICATIONS_KEY = ['institution-verifications'] as const;
/** The query key of a case's document history. */
export const documentHistoryKey = (caseId: string) => ['case', caseId, 'document-history'] as const;

/**
 * Refreshes what an action changed, at once: the given keys and, by prefix, everyone's work (the inbox, its
 * counts and the home page's numbers live under ['inbox'] and ['work']). Awaited, so the success message shows
 * over the new state, never over the stale one.
 */
export async function refreshAfterAction(queryClient: QueryClient, keys: readonly (readonly unknown[])[]) {
  await Promise.all(
    [...keys, ['inbox'], ['work']].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey: [...queryKey], refetchType: 'active' }),
    ),
  );
}
