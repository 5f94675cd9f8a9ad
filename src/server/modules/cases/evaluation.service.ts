import type { Deps } from '../../deps.js';
import { waktuDuration, waktuText } from '../../../domain/sop/waktu.js';
import { percentile } from '../../../domain/sla.js';
import { durationMinutesFrom, nextWorkingInstant, workingTimeBetween } from '../../../domain/calendar/calendar.js';
import { calendarFor } from '../calendar/calendar.service.js';
import { definitionOf, versionRow } from '../sop/sop.service.js';
import { tasksOfVersion } from './case.repository.js';

/**
 * The evidence an office needs to revise an SOP: per step of one version, how often it was completed, how long
 * it actually took (median, 90th percentile, working minutes) against the standard, how often on time, how often
 * it was returned, and how long cases are waiting there now.
 */
export async function evaluate(deps: Pick<Deps, 'db' | 'now'>, versionId: string) {
  const row = await versionRow(deps.db, versionId);
  const def = definitionOf(row);
  const tasks = await tasksOfVersion(deps.db, versionId);
  const cal = await calendarFor(deps.db, row.office_id);
  const now = deps.now();
  const cases = await deps.db.selectFrom('cases').select(['status']).where('sop_version_id', '=', versionId).execute();
  const reference = nextWorkingInstant(cal, new Date(row.effective_from));
  const steps = def.steps.map((step) => {
    const mine = tasks.filter((t) => t.step_id === step.id);
    const done = mine.filter((t) => t.status === 'done' && t.completed_at && t.pauses_clock === 0);
    const took = done.map((t) =>
      workingTimeBetween(cal, new Date(t.opened_at), new Date(t.completed_at ?? t.opened_at)),
    );
    const withDeadline = done.filter((t) => t.deadline_at);
    const onTime = withDeadline.filter((t) => (t.completed_at ?? '') <= (t.deadline_at ?? ''));
    const standards = mine
      .filter((t) => t.deadline_at)
      .map((t) => workingTimeBetween(cal, new Date(t.opened_at), new Date(t.deadline_at ?? t.opened_at)));
    // Steps no case has reached yet still have a standard: measured from the start of a working day.
    if (!standards.length && step.waktu.kind === 'standard') {
      standards.push(durationMinutesFrom(cal, reference, waktuDuration(step.waktu, 'deadline')));
    }
    const open = mine.filter((t) => t.status === 'open');
    const round = (n: number | undefined) => (n === undefined ? null : Math.round(n));
    return {
      stepId: step.id,
      no: step.no,
      kegiatan: step.kegiatan,
      waktu: step.waktuTertulis ?? waktuText(step.waktu),
      completions: done.length,
      standardMinutes: round(percentile(standards, 50)),
      medianMinutes: round(percentile(took, 50)),
      p90Minutes: round(percentile(took, 90)),
      onTimeRate: withDeadline.length ? onTime.length / withDeadline.length : null,
      returns: mine.filter((t) => t.status === 'returned').length,
      waitingNow: open.length,
      totalWaitMinutes: Math.round(
        took.reduce((a, b) => a + b, 0) +
          open.reduce((a, t) => a + workingTimeBetween(cal, new Date(t.opened_at), now), 0),
      ),
    };
  });
  return {
    versionId,
    cases: {
      total: cases.length,
      open: cases.filter((c) => c.status === 'open').length,
      ended: cases.filter((c) => c.status === 'ended').length,
    },
    steps,
  };
}
