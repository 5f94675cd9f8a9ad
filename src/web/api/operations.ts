import { useQuery } from '@tanstack/react-query';
import { request, type ApiError } from './client';
import type { UsageChannel } from './usage';

/** Words in both languages, as the server gives them. */
export interface Words {
  id: string;
  en: string;
}

/** GET /api/operations: the operations dashboard within the caller's scope (the server decides it). */
export interface OperationsResponse {
  scope: { kind: 'all' | 'office'; name: string };
  now: string;
  /** The in-memory figures (rate, refusals, latency, audit) are this server process's only. */
  process: { startedAt: string; windowSeconds: number; stepSeconds: number };
  rate: {
    lastMinutePerSecond: number;
    windowCalls: number;
    windowRefused: number;
    series: { at: string; calls: number; refused: number; perSecond: number }[];
  };
  refusals: { code: string; label: Words; count: number }[];
  latency: { channel: UsageChannel; label: Words; count: number; p50Ms: number | null; p99Ms: number | null }[];
  audit: {
    batches: number;
    lastAt: string | null;
    lastSealLagMs: number | null;
    lastBatchSize: number | null;
    sealLagP50Ms: number | null;
    sealLagP99Ms: number | null;
    averageBatchSize: number | null;
    largestBatchBound: number | null;
    /** Batches per seal-lag bucket (upToMs null: above every bound). */
    sealLagHistogram: { upToMs: number | null; batches: number }[];
  };
  scheduler: {
    job: string;
    startedAt: string;
    finishedAt: string;
    ok: boolean;
    error: string | null;
    durationMs: number;
    changed: number;
  }[];
  anomalies: { open: number; institutions: { institutionId: string; name: string; open: number }[] };
  topCallers: {
    day: string;
    asOf: string | null;
    rows: { institutionId: string; name: string; calls: number; refused: number; share: number }[];
  };
}

/** How often the dashboard refreshes itself. */
export const OPERATIONS_REFRESH_MS = 5000;

/** The dashboard, refreshed every few seconds while the page is open. */
export function useOperations() {
  return useQuery<OperationsResponse, ApiError>({
    queryKey: ['operations'],
    queryFn: () => request<OperationsResponse>('GET', '/api/operations'),
    refetchInterval: OPERATIONS_REFRESH_MS,
  });
}
