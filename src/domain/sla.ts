/**
 * SLA state of a task on the office calendar. "Due soon" means past the target of a range ("3-5 hari": day 3)
 * or within the last fifth of the standard working time (at least one working hour) before the deadline.
 */
import { workingTimeBetween, type Interval, type WorkingCalendar } from './calendar/calendar.js';

/** Where a task stands against its standard time: open ones, and closed ones as finished on time or late. */
export const SLA_STATES = [
  'on_time',
  'due_soon',
  'overdue',
  'paused',
  'no_standard',
  'done_on_time',
  'done_late',
] as const;
/** Where a task stands against its standard time. */
export type SlaState = (typeof SLA_STATES)[number];

/** The timing facts of one task. */
export interface TaskTiming {
  openedAt: Date;
  targetAt: Date | null;
  deadlineAt: Date | null;
  completedAt: Date | null;
  /** The case waits on the applicant while this task is open (returned for completion). */
  paused: boolean;
}

/** The SLA state of a task at `now`. */
export function slaState(cal: WorkingCalendar, t: TaskTiming, now: Date): SlaState {
  if (t.completedAt) {
    if (!t.deadlineAt) return 'no_standard';
    return t.completedAt.getTime() <= t.deadlineAt.getTime() ? 'done_on_time' : 'done_late';
  }
  if (t.paused) return 'paused';
  if (!t.deadlineAt) return 'no_standard';
  if (now.getTime() > t.deadlineAt.getTime()) return 'overdue';
  if (t.targetAt && t.targetAt.getTime() < t.deadlineAt.getTime() && now.getTime() >= t.targetAt.getTime())
    return 'due_soon';
  const standard = workingTimeBetween(cal, t.openedAt, t.deadlineAt);
  const left = workingTimeBetween(cal, now, t.deadlineAt);
  return left <= Math.max(60, standard * 0.2) ? 'due_soon' : 'on_time';
}

/** Working minutes a task took (or has taken so far), less the pauses. */
export function elapsedMinutes(cal: WorkingCalendar, t: TaskTiming, now: Date, pauses: readonly Interval[]): number {
  return Math.round(workingTimeBetween(cal, t.openedAt, t.completedAt ?? now, pauses));
}

/** Standard working minutes of a task (opened → deadline); null without a standard time. */
export function standardMinutes(cal: WorkingCalendar, t: TaskTiming): number | null {
  return t.deadlineAt ? Math.round(workingTimeBetween(cal, t.openedAt, t.deadlineAt)) : null;
}

/** The p-th percentile (0–100) of numbers, nearest-rank; undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}
