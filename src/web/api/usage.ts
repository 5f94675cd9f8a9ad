import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request, type ApiError } from './client';

/** How GET /api/access/usage groups its rows. */
export type UsageBy = 'day' | 'month' | 'element' | 'channel' | 'result' | 'operator' | 'institution';

/** The data channels a call arrives on. */
export const USAGE_CHANNELS = ['web_service', 'v1', 'card_reader', 'web_portal'] as const;
/** One data channel. */
export type UsageChannel = (typeof USAGE_CHANNELS)[number];

/** The filters of a usage query; the server narrows them to the caller's scope. */
export interface UsageQuery {
  institutionId?: string;
  agreementId?: string;
  grantId?: string;
  channel?: UsageChannel;
  /** Office-local date (YYYY-MM-DD), inclusive; the server defaults to the last 30 days. */
  from?: string;
  to?: string;
  by: UsageBy;
}

/** One group of the usage ledger. */
export interface UsageRow {
  /** Day, month, element code, channel, result code, operator id or institution id (by `by`). */
  key: string;
  /** The server's plain-Indonesian name of the key. */
  label: string;
  calls: number;
  answered: number;
  refused: number;
  /** With by=institution: the institution's summed daily quota (null = unlimited). */
  dailyLimit?: number | null;
}

/** Today's quota of one institution (only when the scope is one institution). */
export interface UsageQuota {
  dailyLimit: number | null;
  usedToday: number;
  remainingToday: number | null;
}

/** GET /api/access/usage. */
export interface UsageResponse {
  from: string;
  to: string;
  by: string;
  /** The newest audit entry folded into the ledger (null when none yet). */
  asOf: string | null;
  rows: UsageRow[];
  totals: { calls: number; answered: number; refused: number };
  quota: UsageQuota | null;
}

function usageSearch(q: UsageQuery, format?: 'csv'): string {
  const params = new URLSearchParams();
  for (const key of ['institutionId', 'agreementId', 'grantId', 'channel', 'from', 'to', 'by'] as const) {
    const value = q[key];
    if (value) params.set(key, value);
  }
  if (format) params.set('format', format);
  return params.toString();
}

/** The usage ledger grouped by one dimension, within the caller's scope. */
export function getUsage(q: UsageQuery): Promise<UsageResponse> {
  return request<UsageResponse>('GET', `/api/access/usage?${usageSearch(q)}`);
}

/** Where the same query downloads as CSV (the session cookie authorises it). */
export function usageCsvUrl(q: UsageQuery): string {
  return `/api/access/usage?${usageSearch(q, 'csv')}`;
}

/** The usage ledger for a query, kept on screen while a new filter loads. */
export function useUsage(q: UsageQuery, options: { enabled?: boolean } = {}) {
  return useQuery<UsageResponse, ApiError>({
    queryKey: ['usage', q],
    queryFn: () => getUsage(q),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
