/**
 * A decision step as the person deciding sees it, and what a step may ask to be uploaded — properties of every SOP
 * definition, not of one office's (issue 14: the Dirjen decides in his own step; steps do not ask to upload what
 * they produce themselves).
 *
 * - Each branch of a decision is an approval, a refusal or another way on (e.g. "perbaikan": back for changes).
 *   A refusal is a branch that leads straight to a `ditolak` end, produces a refusal letter, or is labelled so
 *   ("tolak", "ditolak", "tidak setuju"); an approval carries `pks.approve`, produces an approval letter, or is
 *   labelled so ("setuju", "disetujui", "terima"). A refusal needs a reason, which its letter carries.
 * - The letter follows the choice: a step-level `produce: approval_letter` on a decision step is issued as a refusal
 *   letter when the refusal is chosen (and the other way round), so no SOP can send an approval for a refusal.
 * - The outputs to upload are the step's printed outputs less those its actions produce (a `produce` names its letter
 *   by its title or the output at its position; `pks.draft` the first output; the campaign's words their data
 *   dukung and report).
 */
import type { SopBranch, SopDefinition, SopStep, StepAction } from './types.js';

/** What a branch means to the one who decides. */
export const BRANCH_KINDS = ['approve', 'refuse', 'other'] as const;
export type BranchKind = (typeof BRANCH_KINDS)[number];

/** One way on from a decision, as shown. */
export interface DecisionChoice {
  label: string;
  kind: BranchKind;
  /** A reason must be given (a refusal). */
  reasonRequired: boolean;
}

/** A decision step: its question and choices, approval first and refusal second. */
export interface StepDecision {
  question: string;
  choices: DecisionChoice[];
}

const REFUSE_LABEL = /^(tidak\s+setuju|tidak\s+disetujui|tolak|ditolak|menolak|refuse|reject)/i;
const APPROVE_LABEL = /^(setuju|disetujui|menyetujui|terima|diterima|approve)/i;

/** Whether a branch approves, refuses or goes another way. */
export function branchKind(def: Pick<SopDefinition, 'ends'>, branch: SopBranch): BranchKind {
  const produces = (kind: string) => branch.actions.some((a) => a.type === 'produce' && a.kind === kind);
  const toRefusedEnd = branch.to.some((t) => def.ends.some((e) => e.id === t && e.outcome === 'ditolak'));
  if (toRefusedEnd || produces('rejection_letter') || REFUSE_LABEL.test(branch.label.trim())) return 'refuse';
  if (
    branch.actions.some((a) => a.type === 'pks.approve') ||
    produces('approval_letter') ||
    APPROVE_LABEL.test(branch.label.trim())
  )
    return 'approve';
  return 'other';
}

/** The decision of a step (undefined for a step that just goes on). */
export function decisionOf(def: Pick<SopDefinition, 'ends'>, step: SopStep): StepDecision | undefined {
  if (step.flow.type !== 'decision') return undefined;
  const order: Record<BranchKind, number> = { approve: 0, refuse: 1, other: 2 };
  const choices = step.flow.branches
    .map((b) => {
      const kind = branchKind(def, b);
      return { label: b.label, kind, reasonRequired: kind === 'refuse' };
    })
    .sort((a, b) => order[a.kind] - order[b.kind]);
  return { question: step.flow.question, choices };
}

/** True when choosing this branch of the step needs a reason. */
export function reasonRequired(def: Pick<SopDefinition, 'ends'>, step: SopStep, label: string | undefined): boolean {
  if (step.flow.type !== 'decision' || label === undefined) return false;
  const branch = step.flow.branches.find((b) => b.label === label);
  return !!branch && branchKind(def, branch) === 'refuse';
}

/**
 * The step-level actions as they run for the chosen branch: the letter follows the decision (an approval letter
 * declared on the step is a refusal letter when the refusal is chosen, and the other way round).
 */
export function stepActionsFor(
  def: Pick<SopDefinition, 'ends'>,
  step: SopStep,
  label: string | undefined,
): readonly StepAction[] {
  if (step.flow.type !== 'decision' || label === undefined) return step.actions;
  const branch = step.flow.branches.find((b) => b.label === label);
  if (!branch) return step.actions;
  const kind = branchKind(def, branch);
  if (kind === 'other') return step.actions;
  return step.actions.map((a) => {
    if (a.type !== 'produce') return a;
    if (kind === 'refuse' && a.kind === 'approval_letter') return { ...a, kind: 'rejection_letter' as const };
    if (kind === 'approve' && a.kind === 'rejection_letter') return { ...a, kind: 'approval_letter' as const };
    return a;
  });
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '')
    .trim();

/** Whether two document names are the same document (case, spaces and a final full stop aside). */
export function sameName(a: string, b: string): boolean {
  return norm(a) === norm(b);
}

/** Names of documents the actions make, given the outputs they are named after. */
function producedBy(actions: readonly StepAction[], outputs: readonly string[]): string[] {
  const out: string[] = [];
  let nth = 0;
  for (const a of actions) {
    if (a.type === 'produce') {
      const name = a.title ?? outputs[nth];
      nth++;
      if (name) out.push(name);
    } else if (a.type === 'pks.draft') {
      if (outputs[0]) out.push(outputs[0]);
    } else if (a.type === 'campaign.prepare') {
      out.push(...outputs.filter((o) => /data dukung/i.test(o)));
    } else if (a.type === 'campaign.report') {
      out.push(...outputs.filter((o) => /laporan hasil/i.test(o)));
    }
  }
  return out;
}

/** Every document name a step (whatever branch is chosen) produces itself. */
export function producedOutputs(step: SopStep): string[] {
  const names = producedBy(step.actions, step.output);
  if (step.flow.type === 'decision') {
    for (const b of step.flow.branches) {
      const outputs = b.output.length ? b.output : step.output;
      names.push(...producedBy([...step.actions.filter((a) => a.type === 'produce'), ...b.actions], outputs));
    }
  }
  return names.filter((n, i) => names.findIndex((m) => sameName(m, n)) === i);
}

/** The outputs the step's holder may upload: printed outputs the step does not produce, and not in the case yet. */
export function uploadableOutputs(step: SopStep, inCase: readonly string[] = []): string[] {
  const produced = producedOutputs(step);
  const all = [...step.output];
  if (step.flow.type === 'decision') for (const b of step.flow.branches) all.push(...b.output);
  return all.filter(
    (o, i) =>
      all.findIndex((x) => sameName(x, o)) === i &&
      !produced.some((p) => sameName(p, o)) &&
      !inCase.some((p) => sameName(p, o)),
  );
}
