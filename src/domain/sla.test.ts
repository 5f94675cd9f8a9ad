import { describe, expect, it } from 'vitest';
import { makeCalendar } from './calendar/calendar.js';
import { elapsedMinutes, percentile, slaState } from './sla.js';

const cal = makeCalendar({ timeZone: 'Asia/Jakarta' });
// Monday 2026-11-23 09:00 WIB = 02:00Z.
const opened = new Date('2026-11-23T02:00:00Z');

describe('SLA state', () => {
  it('is on time early, due soon near the deadline, overdue after it', () => {
    const deadline = new Date('2026-11-26T02:00:00Z'); // 3 working days later
    const t = { openedAt: opened, targetAt: deadline, deadlineAt: deadline, completedAt: null, paused: false };
    expect(slaState(cal, t, new Date('2026-11-23T03:00:00Z'))).toBe('on_time');
    expect(slaState(cal, t, new Date('2026-11-25T08:00:00Z'))).toBe('due_soon');
    expect(slaState(cal, t, new Date('2026-11-26T03:00:00Z'))).toBe('overdue');
  });

  it('is due soon once past the target of a range, and paused while waiting on the applicant', () => {
    const t = {
      openedAt: opened,
      targetAt: new Date('2026-11-24T02:00:00Z'),
      deadlineAt: new Date('2026-11-30T02:00:00Z'),
      completedAt: null,
      paused: false,
    };
    expect(slaState(cal, t, new Date('2026-11-24T03:00:00Z'))).toBe('due_soon');
    expect(slaState(cal, { ...t, paused: true }, new Date('2026-12-24T03:00:00Z'))).toBe('paused');
  });

  it('judges finished tasks against the deadline and counts elapsed working time less pauses', () => {
    const t = {
      openedAt: opened,
      targetAt: null,
      deadlineAt: new Date('2026-11-23T03:00:00Z'),
      completedAt: new Date('2026-11-23T04:00:00Z'),
      paused: false,
    };
    expect(slaState(cal, t, new Date())).toBe('done_late');
    expect(elapsedMinutes(cal, t, new Date(), [])).toBe(120);
    expect(
      elapsedMinutes(cal, t, new Date(), [
        { from: new Date('2026-11-23T02:30:00Z'), to: new Date('2026-11-23T03:00:00Z') },
      ]),
    ).toBe(90);
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 50)).toBeUndefined();
  });
});
