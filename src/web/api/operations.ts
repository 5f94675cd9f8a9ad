import { useQuery } from '@tanstack/react-query';
import { call, type ApiError } from './client';
import type { Reply } from './http';

/**
 * GET /api/operations: the operations dashboard within the caller's scope (the server decides it). The in-memory
 * figures (rate, refusals, latency, audit) are this server process's only; `audit.sealLagHistogram` counts batches
 * per seal-lag bucket (upToMs null: above every bound).
 */
export type OperationsResponse = Reply<'/api/operations'>;

/** Words in both languages, as the server gives them. */
export type Words = OperationsResponse['refusals'][number]['label'];

/** How often the dashboard refreshes itself. */
export const OPERATIONS_REFRESH_MS = 5000;

/** The dashboard, refreshed every few seconds while the page is open. */
export function useOperations() {
  return useQuery<OperationsResponse, ApiError>({
    queryKey: ['operations'],
    queryFn: () => call('get', '/api/operations'),
    refetchInterval: OPERATIONS_REFRESH_MS,
  });
}
