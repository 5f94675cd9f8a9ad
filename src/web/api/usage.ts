import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, type ApiError } from './client';
import { urlOf, type Query, type Reply } from './http';

/** GET /api/access/usage. */
export type UsageResponse = Reply<'/api/access/usage'>;
/** One group of the usage ledger (`dailyLimit` with by=institution: the institution's summed daily quota). */
export type UsageRow = UsageResponse['rows'][number];
/** Today's quota of one institution (only when the scope is one institution). */
export type UsageQuota = NonNullable<UsageResponse['quota']>;

type UsageParams = Query<'/api/access/usage'>;

/** How GET /api/access/usage groups its rows. */
export type UsageBy = NonNullable<UsageParams['by']>;

/** One data channel. */
export type UsageChannel = NonNullable<UsageParams['channel']>;
/** The data channels a call arrives on. */
export const USAGE_CHANNELS = [
  'web_service',
  'v1',
  'card_reader',
  'web_portal',
] as const satisfies readonly UsageChannel[];

/**
 * The filters of a usage query; the server narrows them to the caller's scope. Dates are office-local
 * (YYYY-MM-DD), inclusive; the server defaults to the last 30 days.
 */
export type UsageQuery = Omit<UsageParams, 'by' | 'format'> & { by: UsageBy };

/** The route's query of a usage query, in the order the URL names them (empty values are left out). */
function usageParams(q: UsageQuery): UsageParams {
  return {
    institutionId: q.institutionId,
    agreementId: q.agreementId,
    grantId: q.grantId,
    channel: q.channel,
    from: q.from,
    to: q.to,
    by: q.by,
  };
}

/** The usage ledger grouped by one dimension, within the caller's scope. */
export function getUsage(q: UsageQuery): Promise<UsageResponse> {
  return call('get', '/api/access/usage', { query: usageParams(q) });
}

/** Where the same query downloads as CSV (the session cookie authorises it). */
export function usageCsvUrl(q: UsageQuery): string {
  return urlOf('/api/access/usage', { query: { ...usageParams(q), format: 'csv' } });
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
