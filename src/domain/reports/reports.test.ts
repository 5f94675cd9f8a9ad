/** Semesters owed, deadlines and the ladder's steps, on office-local dates (issue 12). */
import { describe, expect, it } from 'vitest';
import { addMonths, dueDateOf, semesterAt, semestersOwed } from './semester.js';
import { institutionStep, sanctionable, obligationStep, standingOf } from './ladder.js';
import { contentIssues, EMPTY_CONTENT } from './report.js';

describe('semesters', () => {
  it('owes every semester the PKS overlaps up to the current one, and none before it starts', () => {
    expect(semestersOwed({ start: '2025-11-15', end: '2027-01-31' }, '2026-08-01').map((s) => s.key)).toEqual([
      '2025-2',
      '2026-1',
      '2026-2',
    ]);
    expect(semestersOwed({ start: '2025-01-01', end: '2025-06-30' }, '2026-08-01').map((s) => s.key)).toEqual([
      '2025-1',
    ]);
    expect(semestersOwed({ start: '2026-09-01', end: null }, '2026-08-01')).toEqual([]);
    expect(semesterAt('2026-06-30').key).toBe('2026-1');
    expect(semesterAt('2026-07-01').key).toBe('2026-2');
  });

  it('puts the deadline the office’s days after the semester’s end', () => {
    expect(dueDateOf(semesterAt('2026-03-01'), 30)).toBe('2026-07-30');
    expect(dueDateOf(semesterAt('2026-09-01'), 30)).toBe('2027-01-30');
    expect(addMonths('2026-05-31', 3)).toBe('2026-08-31');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('the ladder', () => {
  const o = { dueDate: '2026-07-30', fulfilledAt: null };
  it('reminds before and on the deadline, warns the day after, once each', () => {
    expect(obligationStep(o, '2026-07-15', new Set())).toBeUndefined();
    expect(obligationStep(o, '2026-07-16', new Set())).toBe('reminder_before');
    expect(obligationStep(o, '2026-07-20', new Set(['reminder_before']))).toBeUndefined();
    expect(obligationStep(o, '2026-07-30', new Set(['reminder_before']))).toBe('reminder_due');
    expect(obligationStep(o, '2026-07-31', new Set(['reminder_before', 'reminder_due']))).toBe('warning');
    // A missed reminder is not sent late: the warning comes instead.
    expect(obligationStep(o, '2026-08-02', new Set())).toBe('warning');
    expect(obligationStep({ ...o, fulfilledAt: '2026-07-01T00:00:00Z' }, '2026-08-02', new Set())).toBeUndefined();
  });

  it('sanctions only more than three months overdue and lifts only its own sanction', () => {
    const k = { ...o, key: 'report:a:2026-1' };
    expect(standingOf(k, '2026-10-30')).toBe('late');
    expect(standingOf(k, '2026-10-31')).toBe('sanctionable');
    const base = { obligations: [k], status: 'verified' as const, openSanction: null };
    expect(institutionStep({ ...base, today: '2026-10-30' })).toBeUndefined();
    expect(institutionStep({ ...base, today: '2026-10-31' })).toBe('sanction');
    // Suspended by someone else: the ladder neither suspends again nor lifts it.
    expect(institutionStep({ ...base, today: '2026-10-31', status: 'suspended' })).toBeUndefined();
    const own = [k.key];
    expect(institutionStep({ ...base, today: '2026-10-31', status: 'suspended', openSanction: own })).toBeUndefined();
    const done = { ...k, fulfilledAt: '2026-11-01T00:00:00Z' };
    expect(institutionStep({ obligations: [done], today: '2026-11-01', status: 'suspended', openSanction: own })).toBe(
      'reactivate',
    );
    // Another obligation still overdue keeps the sanction.
    const other = { key: 'report:a:2025-2', dueDate: '2026-10-01', fulfilledAt: null };
    expect(
      institutionStep({ obligations: [done, other], today: '2026-11-01', status: 'suspended', openSanction: own }),
    ).toBeUndefined();
    // An obligation the sanction names that is no longer listed (its PKS ended) is not fulfilled: no lift.
    expect(institutionStep({ obligations: [], today: '2026-11-01', status: 'suspended', openSanction: own })).toBe(
      undefined,
    );
    // Lifted before (fulfilled, or by the office by hand): the same obligation never suspends again; a new one does.
    const before = new Set(own);
    expect(institutionStep({ ...base, today: '2027-01-01', sanctionedBefore: before })).toBeUndefined();
    const next = { key: 'report:a:2026-2', dueDate: '2027-01-30', fulfilledAt: null };
    expect(sanctionable([k, next], '2027-05-01', before)).toEqual([next]);
    expect(institutionStep({ ...base, obligations: [k, next], today: '2027-05-01', sanctionedBefore: before })).toBe(
      'sanction',
    );
  });

  it('requires every field of the institution’s account', () => {
    expect(contentIssues(EMPTY_CONTENT).map((i) => i.field)).toEqual([
      'purposes',
      'services',
      'dataBalikan',
      'incidents',
      'changes',
    ]);
  });
});
