/**
 * What time does to a PKS, decided on the office's local date: a scheduled PKS comes into force on its start
 * date, a running one becomes expiring 90 days before its end and expired the day after, and the 90/30-day
 * notices fall due. Pure: the scheduler (src/server/scheduler) applies the steps, one transaction each.
 */
import { dueNotices, statusOn, type PksStatus } from './pks.js';

/** A PKS as far as time is concerned. */
export interface Dated {
  status: PksStatus;
  startDate: string | null;
  endDate: string | null;
  /** Notices already sent ('90', '30'). */
  notices: readonly string[];
}

/** What changes on a day: the new status, notices now due, and what happened to the PKS in force. */
export interface LifecycleStep {
  status: PksStatus;
  notices: ('90' | '30')[];
  /** `in_force`: a scheduled PKS took effect; `expired`: its period is over. */
  event: 'in_force' | 'expired' | null;
}

/** The step due on `today` (office-local YYYY-MM-DD), or null when nothing changes. */
export function lifecycleOn(pks: Dated, today: string): LifecycleStep | null {
  if (!pks.endDate) return null;
  if (pks.status === 'scheduled') {
    if (!pks.startDate || today < pks.startDate) return null;
    const status = statusOn('active', pks.endDate, today);
    return status === 'expired'
      ? { status, notices: [], event: 'expired' }
      : { status, notices: dueNotices(pks.endDate, today, pks.notices), event: 'in_force' };
  }
  if (pks.status !== 'active' && pks.status !== 'expiring') return null;
  const status = statusOn(pks.status, pks.endDate, today);
  if (status === 'expired') return { status, notices: [], event: 'expired' };
  const notices = dueNotices(pks.endDate, today, pks.notices);
  return status === pks.status && !notices.length ? null : { status, notices, event: null };
}

/**
 * The status a signed PKS takes when activated on `today` for the period [startDate, endDate]: scheduled when it
 * starts later, active or expiring when it runs now, `over` when the whole period is already past.
 */
export function activationOn(
  startDate: string,
  endDate: string,
  today: string,
): 'scheduled' | 'active' | 'expiring' | 'over' {
  if (endDate < today) return 'over';
  if (startDate > today) return 'scheduled';
  return statusOn('active', endDate, today) === 'expiring' ? 'expiring' : 'active';
}
