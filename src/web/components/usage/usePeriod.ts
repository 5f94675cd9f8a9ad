import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ApiError } from '../../api/client';
import { getUsage, USAGE_CHANNELS, type UsageChannel } from '../../api/usage';
import { isYmd, periodRange, type UsagePeriod } from './usage-format';

const PERIODS: readonly UsagePeriod[] = ['month', 'last30', 'semester', 'custom'];

/** The period and channel of the usage screens, kept in the URL so a view can be shared and survives a reload. */
export interface PeriodState {
  period: UsagePeriod;
  /** The dates to ask for; undefined lets the server take its default (the last 30 days). */
  from?: string;
  to?: string;
  /** The custom dates as typed (possibly incomplete). */
  customFrom: string;
  customTo: string;
  channel?: UsageChannel;
  /** False while the office's today is still being learnt (for this month / this semester). */
  ready: boolean;
  setPeriod: (p: UsagePeriod) => void;
  setCustom: (key: 'from' | 'to', value: string) => void;
  setChannel: (c: UsageChannel | null) => void;
}

/**
 * The selected period. "Today" is the server's (the office's date on its clock, which a demo may have moved), learnt
 * from the ledger's default answer, never the browser's.
 */
export function useUsagePeriod(): PeriodState {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period');
  const period: UsagePeriod = raw && (PERIODS as readonly string[]).includes(raw) ? (raw as UsagePeriod) : 'last30';
  const rawChannel = params.get('channel');
  const channel =
    rawChannel && (USAGE_CHANNELS as readonly string[]).includes(rawChannel) ? (rawChannel as UsageChannel) : undefined;
  const customFrom = params.get('from') ?? '';
  const customTo = params.get('to') ?? '';
  const needsToday = period === 'month' || period === 'semester';
  const today = useQuery<string, ApiError>({
    queryKey: ['usage-today'],
    queryFn: async () => (await getUsage({ by: 'channel' })).to,
    staleTime: 5 * 60_000,
    enabled: needsToday,
  });

  return useMemo(() => {
    const update = (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(params);
      change(next);
      setParams(next, { replace: true });
    };
    let from: string | undefined;
    let to: string | undefined;
    let ready = true;
    if (needsToday) {
      if (today.data) ({ from, to } = periodRange(period as 'month' | 'semester', today.data));
      else ready = false;
    } else if (period === 'custom') {
      from = isYmd(customFrom) ? customFrom : undefined;
      to = isYmd(customTo) ? customTo : undefined;
      if (from && to && from > to) [from, to] = [to, from];
    }
    return {
      period,
      from,
      to,
      customFrom,
      customTo,
      channel,
      ready,
      setPeriod: (p) =>
        update((next) => {
          if (p === 'last30') next.delete('period');
          else next.set('period', p);
          if (p !== 'custom') {
            next.delete('from');
            next.delete('to');
          }
        }),
      setCustom: (key, value) =>
        update((next) => {
          next.set('period', 'custom');
          if (value) next.set(key, value);
          else next.delete(key);
        }),
      setChannel: (c) =>
        update((next) => {
          if (c) next.set('channel', c);
          else next.delete('channel');
        }),
    };
  }, [params, setParams, period, channel, customFrom, customTo, needsToday, today.data]);
}
