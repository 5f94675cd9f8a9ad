/**
 * Work finds people (issue 14): what a Kotak Masuk item asks its reader to do, how urgent a derived item is, and
 * the counts the menu and the home page show. Pure: the server derives the items, this only classifies and counts.
 */
import type { SlaState } from './sla.js';
import type { StepAction, StepFlow } from './sop/types.js';

/** What an inbox item asks of its reader; the UI words each one (never shows the code). */
export const WORK_ACTIONS = [
  'case_step',
  'case_revise',
  'pks_submit',
  'pks_approve',
  'pks_sign',
  'pks_activate',
  'juknis_approve',
  'institution_verify',
  'report_submit',
  'report_fix',
  'report_review',
  'finding_decide',
  'balikan_deliver',
] as const;
export type WorkAction = (typeof WORK_ACTIONS)[number];

/** Where an item comes from: a case task, or work derived from another record's state. */
export const WORK_SOURCES = ['case', 'agreement', 'institution', 'report', 'finding', 'balikan'] as const;
export type WorkSource = (typeof WORK_SOURCES)[number];

/** The action words of a step that name a kind of work, most specific first. */
const STEP_WORDS: readonly [string, WorkAction][] = [
  ['pks.approve', 'pks_approve'],
  ['pks.sign', 'pks_sign'],
  ['pks.activate', 'pks_activate'],
  ['juknis.approve', 'juknis_approve'],
  ['pks.submit', 'pks_submit'],
  ['report.accept', 'report_review'],
  ['report.return', 'report_review'],
  ['anomaly.decide', 'finding_decide'],
];

/**
 * What a case task asks: the PKS lifecycle word its step (or one of its branches) declares, a report's review, a
 * finding's decision; a task returned to its holder for revision asks to correct; anything else is the step itself.
 */
export function actionOfStep(
  step: { actions: readonly StepAction[]; flow: StepFlow } | undefined,
  via: string | null,
): WorkAction {
  if (step) {
    const words = new Set<string>(step.actions.map((a) => a.type));
    if (step.flow.type === 'decision') for (const b of step.flow.branches) for (const a of b.actions) words.add(a.type);
    for (const [word, action] of STEP_WORDS) if (words.has(word)) return action;
  }
  return via === 'revision' ? 'case_revise' : 'case_step';
}

/** Milliseconds before a derived item's deadline from which it counts as due soon (three days). */
export const DUE_SOON_MS = 3 * 86_400_000;

/** The SLA state of a derived item: overdue past its deadline, due soon within three days of it, none without one. */
export function dueState(deadlineAt: string | null, now: Date): SlaState {
  if (!deadlineAt) return 'no_standard';
  const left = Date.parse(deadlineAt) - now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'due_soon' : 'on_time';
}

/** The end of a calendar date (`YYYY-MM-DD`) in an office's zone, as an instant: the deadline of a due date. */
export function endOfDay(date: string, utcOffsetHours = 7): string {
  return new Date(Date.parse(`${date}T23:59:59.999Z`) - utcOffsetHours * 3_600_000).toISOString();
}

/** What the counts are made of. */
export interface CountedItem {
  action: WorkAction;
  sla: SlaState;
}

/** Which counts apply to the caller (a count that does not apply is null, so the screen leaves it out). */
export interface CountScope {
  pksToSign: boolean;
  institutionsToVerify: boolean;
  reportsToReview: boolean;
  findingsToDecide: boolean;
  reportsToSubmit: boolean;
}

/** The numbers of the menu and the home page. */
export interface WorkSummary {
  total: number;
  dueSoon: number;
  overdue: number;
  pksToSign: number | null;
  institutionsToVerify: number | null;
  reportsToReview: number | null;
  findingsToDecide: number | null;
  reportsToSubmit: number | null;
}

/** Counts items: a count the scope says does not apply is null unless the caller has such work anyway. */
export function summarize(items: readonly CountedItem[], scope: CountScope): WorkSummary {
  const n = (...actions: WorkAction[]) => items.filter((i) => actions.includes(i.action)).length;
  const pick = (applies: boolean, count: number) => (applies || count > 0 ? count : null);
  return {
    total: items.length,
    dueSoon: items.filter((i) => i.sla === 'due_soon').length,
    overdue: items.filter((i) => i.sla === 'overdue').length,
    pksToSign: pick(scope.pksToSign, n('pks_sign')),
    institutionsToVerify: pick(scope.institutionsToVerify, n('institution_verify')),
    reportsToReview: pick(scope.reportsToReview, n('report_review')),
    findingsToDecide: pick(scope.findingsToDecide, n('finding_decide')),
    reportsToSubmit: pick(scope.reportsToSubmit, n('report_submit', 'report_fix')),
  };
}
