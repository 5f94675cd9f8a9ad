/**
 * Tracking deliveries against a duty: for each period the PKS owes, whether it was delivered (the first delivery
 * with at least one good row fulfils it; later ones are corrections), still due, or missing past its due date.
 */
import { balikanKind, type DataBalikanDuty } from './kinds.js';
import { dueDateOf, owedPeriods, periodLabel, type BalikanPeriod } from './period.js';

/** How a delivery arrives: the web's upload, or an institution's system through the v1 API. */
export const DELIVERY_CHANNELS = ['web', 'v1'] as const;

/** A delivery as tracking sees it. */
export interface DeliveryFact {
  id: string;
  kind: string;
  period: string;
  submittedAt: string;
  goodRows: number;
  supersededBy: string | null;
}

/** Where a period of a duty can stand: delivered (fulfilled), due (not yet, not late), missing (past its due date). */
export const DUTY_PERIOD_STATES = ['delivered', 'due', 'missing'] as const;

/** Where one period of a duty stands. */
export interface PeriodState {
  period: BalikanPeriod;
  label: string;
  dueDate: string;
  /** delivered (fulfilled), due (not yet, not late), missing (late: its due date has passed). */
  state: (typeof DUTY_PERIOD_STATES)[number];
  /** The first delivery with a good row (ISO instant), or null. */
  fulfilledAt: string | null;
  /** The current (latest, not superseded) delivery, or null. */
  currentDeliveryId: string | null;
  deliveries: number;
}

/** The state of every period a duty owes on `today` (office-local), oldest first. */
export function trackDuty(
  duty: DataBalikanDuty,
  pks: { startDate: string; endDate: string | null },
  today: string,
  facts: readonly DeliveryFact[],
): PeriodState[] {
  const own = facts.filter((f) => f.kind === duty.kind);
  return owedPeriods(duty.frequency, pks.startDate, pks.endDate, today).map((period) => {
    const of = own.filter((f) => f.period === period.key).sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
    const fulfilledAt = of.find((f) => f.goodRows > 0)?.submittedAt ?? null;
    const dueDate = dueDateOf(period);
    return {
      period,
      label: periodLabel(period),
      dueDate,
      state: fulfilledAt ? 'delivered' : today > dueDate ? 'missing' : 'due',
      fulfilledAt,
      currentDeliveryId: of.find((f) => f.supersededBy === null)?.id ?? null,
      deliveries: of.length,
    };
  });
}

/** What one period of a duty is called in letters and the inbox: 'Data balikan "Data kematian" November 2026'. */
export function obligationLabel(duty: DataBalikanDuty, period: BalikanPeriod): string {
  return `Data balikan "${balikanKind(duty.kind)?.name.id ?? duty.kind}" ${periodLabel(period)}`;
}
