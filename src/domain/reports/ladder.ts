/**
 * The ladder an unmet obligation climbs (issue 12), as pure rules over office-local dates: a reminder some days
 * before the due date and one on it; the day after, a warning letter; more than three months overdue, the
 * institution's access is suspended (a sanction); once the obligations it names are fulfilled and nothing else
 * is overdue, the suspension the ladder imposed is lifted. Each step happens once: the caller says which were already taken.
 */
import type { Obligation } from '../obligations/obligation.js';
import { addDays, addMonths } from './semester.js';

/** Days before the due date the first reminder goes out. */
export const REMIND_DAYS_BEFORE = 14;
/** Months overdue after which access is suspended. */
export const SANCTION_AFTER_MONTHS = 3;

/** Steps taken once per obligation. */
export type ObligationStep = 'reminder_before' | 'reminder_due' | 'warning';

/** Where one obligation stands on a local date. */
export type Standing = 'fulfilled' | 'upcoming' | 'due_soon' | 'due_today' | 'late' | 'sanctionable';

/** The standing of an obligation on `today` (its office's local date). */
export function standingOf(o: Pick<Obligation, 'dueDate' | 'fulfilledAt'>, today: string): Standing {
  if (o.fulfilledAt) return 'fulfilled';
  if (today > addMonths(o.dueDate, SANCTION_AFTER_MONTHS)) return 'sanctionable';
  if (today > o.dueDate) return 'late';
  if (today === o.dueDate) return 'due_today';
  if (today >= addDays(o.dueDate, -REMIND_DAYS_BEFORE)) return 'due_soon';
  return 'upcoming';
}

/** True when the obligation is owed and past its due date. */
export function isOverdue(o: Pick<Obligation, 'dueDate' | 'fulfilledAt'>, today: string): boolean {
  const s = standingOf(o, today);
  return s === 'late' || s === 'sanctionable';
}

/** The once-only step an obligation is due for on `today`, if any not yet taken. */
export function obligationStep(
  o: Pick<Obligation, 'dueDate' | 'fulfilledAt'>,
  today: string,
  taken: ReadonlySet<ObligationStep>,
): ObligationStep | undefined {
  const s = standingOf(o, today);
  // A reminder that was missed (the server was off that day) is not sent late: the warning supersedes it.
  if (s === 'due_soon' && !taken.has('reminder_before')) return 'reminder_before';
  if (s === 'due_today' && !taken.has('reminder_due')) return 'reminder_due';
  if ((s === 'late' || s === 'sanctionable') && !taken.has('warning')) return 'warning';
  return undefined;
}

/**
 * Where an institution stands on the ladder (the overview): good, due (owed, not yet late), late, warned,
 * sanctioned (suspended by the ladder now), reactivated (suspended by it and lifted since).
 */
export const LADDER_STATES = ['good', 'due', 'late', 'warned', 'sanctioned', 'reactivated'] as const;

/** Where an institution stands on the ladder. */
export type LadderState = (typeof LADDER_STATES)[number];

/** What the ladder does to an institution as a whole on its office's date. */
export type InstitutionStep = 'sanction' | 'reactivate';

/**
 * Suspend when an obligation is more than three months overdue, the institution is active and no sanction of
 * the ladder is open — never twice for the same obligation: one a sanction already named, lifted since (by its
 * fulfilment, or by the office deciding by hand), does not suspend again. Lift the ladder's open sanction only
 * when every obligation it names is fulfilled (an obligation no longer listed — its PKS ended — is not) and
 * nothing else is overdue. A suspension someone else made (status suspended without an open sanction of the
 * ladder) is never touched; the office changing the status by hand closes the ladder's sanction (reports module).
 */
export function institutionStep(input: {
  obligations: readonly Pick<Obligation, 'key' | 'dueDate' | 'fulfilledAt'>[];
  today: string;
  status: 'pending' | 'verified' | 'suspended';
  /** The obligation keys the ladder's open sanction names, or null when none is open. */
  openSanction: readonly string[] | null;
  /** Keys named by the institution's earlier, lifted sanctions. */
  sanctionedBefore?: ReadonlySet<string>;
}): InstitutionStep | undefined {
  const { obligations, today } = input;
  if (input.openSanction) {
    const fulfilled = new Set(obligations.filter((o) => o.fulfilledAt).map((o) => o.key));
    const met = input.openSanction.every((k) => fulfilled.has(k));
    return met && !obligations.some((o) => isOverdue(o, today)) ? 'reactivate' : undefined;
  }
  if (input.status !== 'verified') return undefined;
  return sanctionable(obligations, today, input.sanctionedBefore).length ? 'sanction' : undefined;
}

/** The obligations a new sanction would name: more than three months overdue and never sanctioned before. */
export function sanctionable<T extends Pick<Obligation, 'key' | 'dueDate' | 'fulfilledAt'>>(
  obligations: readonly T[],
  today: string,
  sanctionedBefore: ReadonlySet<string> = new Set(),
): T[] {
  return obligations.filter((o) => standingOf(o, today) === 'sanctionable' && !sanctionedBefore.has(o.key));
}
