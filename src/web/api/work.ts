/**
 * Kotak Masuk and its counts (issue 14). Every query here lives under the ['inbox'] key, so one
 * `queryClient.invalidateQueries({ queryKey: INBOX_KEY })` after an action refreshes the inbox, the menu's badges
 * and the home page's numbers at once.
 */
import { useQuery } from '@tanstack/react-query';
import { call, type ApiError } from './client';
import type { Query, Reply } from './http';

/** The root key of everything the inbox shows: invalidate it after any action that may change someone's work. */
export const INBOX_KEY = ['inbox'] as const;
/** The key of the counts (under INBOX_KEY). */
export const WORK_SUMMARY_KEY = ['inbox', 'summary'] as const;

/** GET /api/inbox item: a case task (with its case and step) or work derived from a record's state. */
export type WorkItem = Reply<'/api/inbox'>[number];

/** What an item asks its reader to do (worded by the `work.action.*` texts). */
export type WorkAction = WorkItem['action'];

/** SLA state of an item. */
export type WorkSla = WorkItem['sla'];

/** GET /api/inbox filters. */
export type WorkQuery = Query<'/api/inbox'>;

/** GET /api/work/summary: a count that cannot concern the caller is null. */
export type WorkSummary = Reply<'/api/work/summary'>;

/** The caller's Kotak Masuk items. */
export function useInbox(q: WorkQuery = {}) {
  return useQuery<WorkItem[], ApiError>({
    queryKey: [...INBOX_KEY, 'items', q],
    queryFn: () => call('get', '/api/inbox', { query: q }),
  });
}

/** The caller's counts, for the menu's badges and the home page (refreshed every minute while shown). */
export function useWorkSummary() {
  return useQuery<WorkSummary, ApiError>({
    queryKey: WORK_SUMMARY_KEY,
    queryFn: () => call('get', '/api/work/summary'),
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
}
