/**
 * Case work a clerk can see (issue 14): documents that open in the browser, who verified an institution and when,
 * queried and replaced files ("Ganti berkas"), the decision of a step, and refreshing every view an action
 * changes.
 */
import type { QueryClient } from '@tanstack/react-query';
import { request } from './client';
import type { CaseTask } from './types';

const enc = encodeURIComponent;

/** A choice of a decision step: approval first, a refusal needs a reason. */
export interface DecisionChoice {
  label: string;
  kind: 'approve' | 'refuse' | 'other';
  reasonRequired: boolean;
}

/** A case task with what the server says about its decision and its uploads. */
export type DecidingTask = CaseTask & {
  question?: string | null;
  choices?: DecisionChoice[];
  /** Outputs to upload: not those the step produces itself, nor those already in the case. */
  uploadOutputs?: string[];
};

/** The latest verification decision on an institution. */
export interface InstitutionVerification {
  institutionId: string;
  approved: boolean;
  note: string | null;
  decidedBy: { name: string; roles: { id: string; en: string }[] };
  decidedAt: string;
}

/** A file the office queried when returning the case. */
export interface DocumentQuery {
  id: string;
  documentId: string;
  docType: string;
  note: string;
  queriedBy: string | null;
  queriedAt: string;
  answeredAt: string | null;
}

/** A replaced case document. */
export interface DocumentVersion {
  id: string;
  docType: string;
  oldDocumentId: string;
  newDocumentId: string;
  oldFilename: string;
  newFilename: string;
  replacedBy: string | null;
  replacedAt: string;
  note: string | null;
}

/** A case's queried and replaced files. */
export interface DocumentHistory {
  queries: DocumentQuery[];
  versions: DocumentVersion[];
}

export const casework = {
  verifications: (ids: readonly string[]) =>
    ids.length === 0
      ? Promise.resolve([] as InstitutionVerification[])
      : request<InstitutionVerification[]>('GET', `/api/institution-verifications?ids=${ids.map(enc).join(',')}`),
  documentHistory: (caseId: string) => request<DocumentHistory>('GET', `/api/cases/${enc(caseId)}/document-history`),
  replaceDocument: (caseId: string, docId: string, fileId: string) =>
    request<{ id: string; replaces: string; docType: string }>(
      'POST',
      `/api/cases/${enc(caseId)}/documents/${enc(docId)}/replace`,
      { fileId },
    ),
  returnTask: (id: string, input: { reason: string; toStepId?: string; queriedDocumentIds?: string[] }) =>
    request<unknown>('POST', `/api/tasks/${enc(id)}/return`, {
      reason: input.reason,
      ...(input.toStepId ? { toStepId: input.toStepId } : {}),
      ...(input.queriedDocumentIds?.length ? { queriedDocumentIds: input.queriedDocumentIds } : {}),
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
