/**
 * Kotak Masuk and its counts (issue 14). Every query here lives under the ['inbox'] key, so one
 * `queryClient.invalidateQueries({ queryKey: INBOX_KEY })` after an action refreshes the inbox, the menu's badges
 * and the home page's numbers at once.
 */
import { useQuery } from '@tanstack/react-query';
import type { WorkAction } from '../../domain/work.js';
import { request, type ApiError } from './client';

/** The root key of everything the inbox shows: invalidate it after any action that may change someone's work. */
export const INBOX_KEY = ['inbox'] as const;
/** The key of the counts (under INBOX_KEY). */
export const WORK_SUMMARY_KEY = ['inbox', 'summary'] as const;

/** SLA state of an item. */
export type WorkSla = 'on_time' | 'due_soon' | 'overdue' | 'paused' | 'no_standard' | 'done_on_time' | 'done_late';

/** What an item asks its reader to do (worded by the `work.action.*` texts). */
export type { WorkAction };

/** GET /api/inbox item: a case task (with its case and step) or work derived from a record's state. */
export interface WorkItem {
  id: string;
  source: 'case' | 'agreement' | 'institution' | 'report' | 'finding' | 'balikan';
  action: WorkAction;
  institution: string | null;
  reference: string | null;
  detail: { id: string; en: string } | null;
  /** The page where the work is done. */
  link: string;
  taskId: string | null;
  caseId: string | null;
  caseNumber: string | null;
  caseTitle: string | null;
  sopCode: string | null;
  sopName: string | null;
  stepId: string | null;
  no: string | null;
  kegiatan: string | null;
  role: string | null;
  via: string | null;
  reason: string | null;
  openedAt: string;
  targetAt: string | null;
  deadlineAt: string | null;
  sla: WorkSla;
}

/** GET /api/inbox filters. */
export interface WorkQuery {
  sla?: WorkSla;
  sop?: string;
  sort?: 'due' | 'opened';
  order?: 'asc' | 'desc';
}

/** GET /api/work/summary: a count that cannot concern the caller is null. */
export interface WorkSummary {
  total: number;
  dueSoon: number;
  overdue: number;
  pksToSign: number | null;
  institutionsToVerify: number | null;
  reportsToReview: number | null;
  findingsToDecide: number | null;
  reportsToSubmit: number | null;
}

function search(q: WorkQuery): string {
  const params = Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return params.length ? `?${new URLSearchParams(params).toString()}` : '';
}

/** The caller's Kotak Masuk items. */
export function useInbox(q: WorkQuery = {}) {
  return useQuery<WorkItem[], ApiError>({
    queryKey: [...INBOX_KEY, 'items', q],
    queryFn: () => request<WorkItem[]>('GET', `/api/inbox${search(q)}`),
  });
}

/** The caller's counts, for the menu's badges and the home page (refreshed every minute while shown). */
export function useWorkSummary() {
  return useQuery<WorkSummary, ApiError>({
    queryKey: WORK_SUMMARY_KEY,
    queryFn: () => request<WorkSummary>('GET', '/api/work/summary'),
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
}
