import { describe, expect, it } from 'vitest';
import { actionOfStep, dueState, endOfDay, summarize, type CountScope } from './work.js';
import type { StepAction, StepFlow } from './sop/types.js';

const next: StepFlow = { type: 'next', to: ['x'] };
const step = (actions: StepAction[], flow: StepFlow = next) => ({ actions, flow });

describe('what a Kotak Masuk item asks', () => {
  it('names a PKS lifecycle step, a review and a decision by the action the step declares', () => {
    expect(actionOfStep(step([{ type: 'pks.sign' }]), 'flow')).toBe('pks_sign');
    expect(actionOfStep(step([{ type: 'juknis.approve' }]), 'flow')).toBe('juknis_approve');
    expect(actionOfStep(step([{ type: 'anomaly.decide' }]), 'flow')).toBe('finding_decide');
    // The Dirjen's approval sits on the decision's "setuju" branch, not on the step.
    const decision: StepFlow = {
      type: 'decision',
      question: 'Disetujui?',
      branches: [
        { label: 'setuju', to: ['y'], actions: [{ type: 'pks.approve' }], output: [] },
        { label: 'tolak', to: ['z'], actions: [], output: [] },
      ],
    };
    expect(actionOfStep(step([], decision), 'flow')).toBe('pks_approve');
  });

  it('falls back to the step itself, or to correcting it when it came back for revision', () => {
    expect(actionOfStep(step([{ type: 'produce', kind: 'receipt' } as StepAction]), 'flow')).toBe('case_step');
    expect(actionOfStep(step([]), 'revision')).toBe('case_revise');
    expect(actionOfStep(undefined, 'flow')).toBe('case_step');
  });
});

describe('urgency of derived work', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  it('is overdue past the deadline, due soon within three days, on time before, none without a deadline', () => {
    expect(dueState('2026-11-23T01:59:59Z', now)).toBe('overdue');
    expect(dueState('2026-11-25T02:00:00Z', now)).toBe('due_soon');
    expect(dueState('2026-11-27T02:00:00Z', now)).toBe('on_time');
    expect(dueState(null, now)).toBe('no_standard');
  });

  it('ends a due date at midnight WIB', () => {
    expect(endOfDay('2026-12-31')).toBe('2026-12-31T16:59:59.999Z');
  });

  it("ends it at midnight in the office's own zone (WITA, WIT): an hour or two earlier than in Jakarta", () => {
    expect(endOfDay('2026-12-31', 8)).toBe('2026-12-31T15:59:59.999Z');
    expect(endOfDay('2026-12-31', 9)).toBe('2026-12-31T14:59:59.999Z');
  });
});

describe('the counts', () => {
  const none: CountScope = {
    pksToSign: false,
    institutionsToVerify: false,
    reportsToReview: false,
    findingsToDecide: false,
    reportsToSubmit: false,
  };
  it('counts every item, the late ones, and each kind; a kind that does not concern the caller is null', () => {
    const s = summarize(
      [
        { action: 'pks_sign', sla: 'no_standard' },
        { action: 'case_step', sla: 'overdue' },
        { action: 'report_fix', sla: 'due_soon' },
        { action: 'report_submit', sla: 'overdue' },
      ],
      { ...none, pksToSign: true, institutionsToVerify: true, reportsToSubmit: true },
    );
    expect(s).toEqual({
      total: 4,
      dueSoon: 1,
      overdue: 2,
      pksToSign: 1,
      institutionsToVerify: 0,
      reportsToReview: null,
      findingsToDecide: null,
      reportsToSubmit: 2,
    });
  });

  it('shows a kind the caller has work of even when their roles would not suggest it (an SOP may assign it)', () => {
    expect(summarize([{ action: 'report_review', sla: 'on_time' }], none).reportsToReview).toBe(1);
  });
});
