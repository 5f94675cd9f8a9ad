/**
 * The SOP engine as pure transitions over a case's state: no database, no clock of its own.
 * The caller stores the returned state (plain JSON), opens and closes tasks as the result says,
 * and passes the time of each transition in.
 */
import { addWorkingDuration, workingTimeBetween, type Duration, type WorkingCalendar } from '../calendar/calendar.js';
import { DomainError } from '../errors.js';
import type { Assignee, SopActor, SopBranch, SopDefinition, SopEnd, SopStep } from './types.js';
import { addDurations, waktuText, ZERO } from './waktu.js';

/** How a step opens: by the flow, or by a return for revision. */
export const OPENED_VIA = ['flow', 'revision'] as const;
/** How a step (its task) opened. */
export type OpenedVia = (typeof OPENED_VIA)[number];

/** A step that is open (a task waiting for its pelaksana). */
export interface OpenStep {
  stepId: string;
  /** ISO instant it opened. */
  openedAt: string;
  /** How it opened: by the flow, or by a return for revision. */
  via: OpenedVia;
  /** For a revision: the step that sent it back, and why. */
  returnedFrom?: string;
  reason?: string;
  /** Opened by a decision branch back to an earlier step (a revision loop drawn in the SOP). */
  loop?: boolean;
}

/** One recorded transition. */
export type CaseEvent =
  | { type: 'started'; at: string; opened: string[] }
  | { type: 'completed'; at: string; stepId: string; decision?: string; opened: string[] }
  | { type: 'returned'; at: string; stepId: string; toStepId: string; reason: string }
  | { type: 'ended'; at: string; endId: string; outcome: SopEnd['outcome']; closed: string[] };

/** The engine's view of a case; plain JSON so it can be stored as is. */
export interface CaseState {
  /** The SOP code the case runs, as a guard against mixing definitions. */
  sop: string;
  open: OpenStep[];
  /** For join steps: which of their joined steps have arrived so far. */
  arrived: Record<string, string[]>;
  history: CaseEvent[];
  ended?: { endId: string; outcome: SopEnd['outcome']; at: string };
}

/** What a transition changed, so the caller can open and close tasks. */
export interface Transition {
  state: CaseState;
  /** Steps opened by this transition (new tasks). */
  opened: OpenStep[];
  /** Steps closed without being completed (e.g. a parallel branch when another branch ended the case). */
  closed: string[];
  /** Set when this transition ended the case. */
  ended?: SopEnd;
}

function err(kind: 'invalid' | 'conflict' | 'not_found', code: string, id: string, en: string): DomainError {
  return new DomainError(kind, code, { id, en });
}

function stepOf(def: SopDefinition, stepId: string): SopStep {
  const s = def.steps.find((x) => x.id === stepId);
  if (!s)
    throw err(
      'not_found',
      'sop.unknown_step',
      `Langkah "${stepId}" tidak ada di SOP ${def.code}.`,
      `Step "${stepId}" is not in SOP ${def.code}.`,
    );
  return s;
}

function endOf(def: SopDefinition, id: string): SopEnd | undefined {
  return def.ends.find((e) => e.id === id);
}

/** The actor responsible for a step (the first pelaksana): the one who receives its task. */
export function responsibleOf(def: SopDefinition, stepId: string): SopActor {
  const s = stepOf(def, stepId);
  const code = s.pelaksana[0];
  const a = def.pelaksana.find((p) => p.code === code);
  // checkSop guarantees every pelaksana exists; a miss means the definition was built by hand wrongly.
  if (!a)
    throw err(
      'invalid',
      'sop.unknown_actor',
      `Pelaksana "${String(code)}" tidak ada.`,
      `Pelaksana "${String(code)}" does not exist.`,
    );
  return a;
}

/** Where the task of a step goes: a role in the office, the Directorate General or the institution. */
export function assigneeOf(def: SopDefinition, stepId: string): Assignee {
  return responsibleOf(def, stepId).assignee;
}

/** All actors of a step, the responsible one first. */
export function actorsOf(def: SopDefinition, stepId: string): SopActor[] {
  const s = stepOf(def, stepId);
  return s.pelaksana.flatMap((c) => def.pelaksana.filter((p) => p.code === c));
}

function assertRunning(def: SopDefinition, state: CaseState): void {
  if (state.sop !== def.code)
    throw err(
      'invalid',
      'sop.wrong_definition',
      `Kasus ini menjalankan SOP ${state.sop}, bukan ${def.code}.`,
      `This case runs SOP ${state.sop}, not ${def.code}.`,
    );
  if (state.ended) throw err('conflict', 'sop.case_ended', 'Kasus sudah selesai.', 'The case has already ended.');
}

function openIndex(state: CaseState, stepId: string): number {
  const i = state.open.findIndex((o) => o.stepId === stepId);
  if (i < 0)
    throw err(
      'conflict',
      'sop.step_not_open',
      `Langkah "${stepId}" tidak sedang terbuka.`,
      `Step "${stepId}" is not open.`,
    );
  return i;
}

/** Opens a case on the SOP's first step. */
export function start(def: SopDefinition, at: Date): Transition {
  const o: OpenStep = { stepId: def.start, openedAt: at.toISOString(), via: 'flow' };
  const state: CaseState = {
    sop: def.code,
    open: [o],
    arrived: {},
    history: [{ type: 'started', at: o.openedAt, opened: [def.start] }],
  };
  return { state, opened: [o], closed: [] };
}

/** Finds a decision's branch by label, ignoring case and surrounding spaces. */
export function findBranch(step: SopStep, label: string): SopBranch | undefined {
  if (step.flow.type !== 'decision') return undefined;
  const want = label.trim().toLowerCase();
  return step.flow.branches.find((b) => b.label.trim().toLowerCase() === want);
}

/**
 * Completes an open step. A decision step needs `decision` (a branch label); others refuse one.
 * Opens what follows: the next step, each branch of a parallel fork, a join step once all its
 * joined steps are done, or ends the case (closing any other open step).
 */
export function complete(
  def: SopDefinition,
  state: CaseState,
  stepId: string,
  input: { decision?: string; at: Date },
): Transition {
  assertRunning(def, state);
  const step = stepOf(def, stepId);
  const idx = openIndex(state, stepId);
  const at = input.at.toISOString();
  let targets: readonly string[];
  let decision: string | undefined;
  if (step.flow.type === 'decision') {
    const labels = step.flow.branches.map((b) => b.label).join(', ');
    if (input.decision === undefined) {
      throw err(
        'invalid',
        'sop.decision_required',
        `Langkah "${stepId}" adalah keputusan: pilih ${labels}.`,
        `Step "${stepId}" is a decision: choose ${labels}.`,
      );
    }
    const b = findBranch(step, input.decision);
    if (!b)
      throw err(
        'invalid',
        'sop.unknown_branch',
        `Langkah "${stepId}" tidak punya cabang "${input.decision}"; pilih ${labels}.`,
        `Step "${stepId}" has no branch "${input.decision}"; choose ${labels}.`,
      );
    targets = b.to;
    decision = b.label;
  } else {
    if (input.decision !== undefined) {
      throw err(
        'invalid',
        'sop.not_a_decision',
        `Langkah "${stepId}" bukan keputusan.`,
        `Step "${stepId}" is not a decision.`,
      );
    }
    targets = step.flow.to;
  }

  const open = state.open.filter((_, i) => i !== idx);
  // A prototype-free copy: step ids such as "constructor" are keys like any other.
  const arrived: Record<string, string[]> = Object.assign(
    Object.create(null) as Record<string, string[]>,
    state.arrived,
  );
  const opened: OpenStep[] = [];
  let ended: SopEnd | undefined;
  for (const t of targets) {
    const end = endOf(def, t);
    if (end) {
      ended = end;
      continue;
    }
    const next = stepOf(def, t);
    if (next.join.includes(stepId)) {
      const got = new Set([...(Object.hasOwn(arrived, t) ? (arrived[t] ?? []) : []), stepId]);
      if (!next.join.every((j) => got.has(j))) {
        arrived[t] = [...got];
        continue;
      }
      delete arrived[t];
    }
    // A step already open (reached again by a loop) stays one task, not two.
    if (open.some((o) => o.stepId === t) || opened.some((o) => o.stepId === t)) continue;
    const loop = step.flow.type === 'decision' && next.index <= step.index;
    opened.push({ stepId: t, openedAt: at, via: 'flow', ...(loop ? { loop } : {}) });
  }

  const history: CaseEvent[] = [
    ...state.history,
    {
      type: 'completed',
      at,
      stepId,
      ...(decision !== undefined ? { decision } : {}),
      opened: opened.map((o) => o.stepId),
    },
  ];
  if (ended) {
    const closed = open.map((o) => o.stepId);
    history.push({ type: 'ended', at, endId: ended.id, outcome: ended.outcome, closed });
    return {
      state: { sop: state.sop, open: [], arrived: {}, history, ended: { endId: ended.id, outcome: ended.outcome, at } },
      opened: [],
      closed,
      ended,
    };
  }
  return { state: { sop: state.sop, open: [...open, ...opened], arrived, history }, opened, closed: [] };
}

/** The step whose completion most recently opened `stepId`, if any. */
function openerOf(state: CaseState, stepId: string): string | undefined {
  for (let i = state.history.length - 1; i >= 0; i--) {
    const e = state.history[i];
    if (e?.type === 'completed' && e.opened.includes(stepId)) return e.stepId;
  }
  return undefined;
}

/**
 * Sends an open step back for revision to a step already done (by default the one that led to it),
 * with the reason. The earlier step reopens; when it is completed again the flow runs on from there.
 */
export function returnForRevision(
  def: SopDefinition,
  state: CaseState,
  stepId: string,
  input: { to?: string; reason: string; at: Date },
): Transition {
  assertRunning(def, state);
  stepOf(def, stepId);
  const idx = openIndex(state, stepId);
  const reason = input.reason.trim();
  if (!reason)
    throw err(
      'invalid',
      'sop.reason_required',
      'Alasan pengembalian wajib diisi.',
      'A reason for the return is required.',
    );
  const to = input.to ?? openerOf(state, stepId);
  if (to === undefined) {
    throw err(
      'invalid',
      'sop.nothing_to_return_to',
      `Langkah "${stepId}" tidak punya langkah sebelumnya untuk dikembalikan.`,
      `Step "${stepId}" has no earlier step to return to.`,
    );
  }
  stepOf(def, to);
  const done = state.history.some((e) => e.type === 'completed' && e.stepId === to);
  if (!done) {
    throw err(
      'invalid',
      'sop.return_to_undone_step',
      `Langkah "${to}" belum pernah dikerjakan; pengembalian hanya ke langkah yang sudah selesai.`,
      `Step "${to}" has not been done; a return goes only to a step already done.`,
    );
  }
  const at = input.at.toISOString();
  const open = state.open.filter((_, i) => i !== idx);
  const arrived: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  // The reopened step must arrive at its join again before the join may open.
  for (const [k, v] of Object.entries(state.arrived)) {
    const rest = v.filter((x) => x !== to);
    if (rest.length) arrived[k] = rest;
  }
  const opened: OpenStep[] = open.some((o) => o.stepId === to)
    ? []
    : [{ stepId: to, openedAt: at, via: 'revision', returnedFrom: stepId, reason }];
  return {
    state: {
      sop: state.sop,
      open: [...open, ...opened],
      arrived,
      history: [...state.history, { type: 'returned', at, stepId, toStepId: to, reason }],
    },
    opened,
    closed: [stepId],
  };
}

/**
 * Whether an open step stops the SLA clock: it was returned for revision to the applicant institution, or a
 * decision sent the case back to an institution step, so the case waits on them, not on the office.
 */
export function pausesClock(def: SopDefinition, open: OpenStep): boolean {
  return (open.via === 'revision' || open.loop === true) && assigneeOf(def, open.stepId).org === 'institution';
}

/** Target and deadline of a step opened at `openedAt` on the office calendar; null without a standard time. */
export function dueFor(
  def: SopDefinition,
  stepId: string,
  openedAt: Date,
  cal: WorkingCalendar,
): { target: Date; deadline: Date } | null {
  const s = stepOf(def, stepId);
  if (s.waktu.kind !== 'standard') return null;
  return {
    target: addWorkingDuration(cal, openedAt, s.waktu.target),
    deadline: addWorkingDuration(cal, openedAt, s.waktu.deadline),
  };
}

/** One step of a simulated run. */
export interface SimulatedStep {
  stepId: string;
  no: string;
  kegiatan: string;
  /** Names of the pelaksana, the responsible one first. */
  pelaksana: string[];
  assignee: Assignee;
  waktu: string;
  openedAt: Date;
  /** When the step is done if it takes its standard time (target); equals openedAt without a standard time. */
  doneAt: Date;
  /** The deadline (upper bound of a range); null without a standard time. */
  dueAt: Date | null;
  decision?: string;
  /** Which visit of this step this is (2 and up in a revision loop). */
  visit: number;
}

/** A simulated run through an SOP. */
export interface Simulation {
  steps: SimulatedStep[];
  end?: SopEnd;
  startedAt: Date;
  finishedAt: Date;
  /** Sum of the standard times (targets, then deadlines) of the steps on the path taken. */
  standardOnPath: { target: Duration; deadline: Duration };
  /** Working minutes from start to finish on the calendar (parallel steps overlap, so this can be less than the sum). */
  elapsedWorkingMinutes: number;
  /** Steps on the path that have no standard time (counted as zero). */
  withoutStandardTime: string[];
  /** True when the run hit the step limit (a loop chosen forever). */
  truncated: boolean;
}

/** How to run a simulation. */
export interface SimulateOptions {
  start: Date;
  calendar: WorkingCalendar;
  /** Branch labels per decision step, used visit by visit; after the list runs out, the first branch. */
  choices?: Readonly<Record<string, readonly string[]>>;
  /** Stop after this many completed steps (default 500). */
  maxSteps?: number;
}

/**
 * Runs a case through the SOP, each step taking its standard time (the target) on the office calendar,
 * taking the first branch of each decision unless chosen. Parallel branches run side by side.
 */
export function simulate(def: SopDefinition, options: SimulateOptions): Simulation {
  const cal = options.calendar;
  const choices = options.choices ?? {};
  for (const [id, labels] of Object.entries(choices)) {
    const s = stepOf(def, id);
    if (s.flow.type !== 'decision')
      throw err('invalid', 'sop.not_a_decision', `Langkah "${id}" bukan keputusan.`, `Step "${id}" is not a decision.`);
    for (const l of labels) {
      if (!findBranch(s, l)) {
        const all = s.flow.branches.map((b) => b.label).join(', ');
        throw err(
          'invalid',
          'sop.unknown_branch',
          `Langkah "${id}" tidak punya cabang "${l}"; pilih ${all}.`,
          `Step "${id}" has no branch "${l}"; choose ${all}.`,
        );
      }
    }
  }
  const max = options.maxSteps ?? 500;
  const visits = new Map<string, number>();
  const steps: SimulatedStep[] = [];
  let target = ZERO;
  let deadline = ZERO;
  const noStd = new Set<string>();
  let t = start(def, options.start);
  let finishedAt = options.start;
  let truncated = false;
  while (!t.state.ended && t.state.open.length) {
    if (steps.length >= max) {
      truncated = true;
      break;
    }
    // Complete the open step that finishes first; ties go to the earlier row of the table.
    const candidates = t.state.open.map((o) => {
      const s = stepOf(def, o.stepId);
      const openedAt = new Date(o.openedAt);
      const done = s.waktu.kind === 'standard' ? addWorkingDuration(cal, openedAt, s.waktu.target) : openedAt;
      return { o, s, openedAt, done };
    });
    candidates.sort((a, b) => a.done.getTime() - b.done.getTime() || a.s.index - b.s.index);
    const next = candidates[0];
    if (!next) break;
    const { s, openedAt, done } = next;
    const visit = (visits.get(s.id) ?? 0) + 1;
    visits.set(s.id, visit);
    let decision: string | undefined;
    if (s.flow.type === 'decision') {
      const decisionVisit = steps.filter((x) => x.stepId === s.id).length;
      decision = choices[s.id]?.[decisionVisit] ?? s.flow.branches[0]?.label;
    }
    if (s.waktu.kind === 'standard') {
      target = addDurations(target, s.waktu.target);
      deadline = addDurations(deadline, s.waktu.deadline);
    } else noStd.add(s.id);
    steps.push({
      stepId: s.id,
      no: s.no,
      kegiatan: s.kegiatan,
      pelaksana: actorsOf(def, s.id).map((a) => a.name),
      assignee: assigneeOf(def, s.id),
      waktu: waktuText(s.waktu),
      openedAt,
      doneAt: done,
      dueAt: s.waktu.kind === 'standard' ? addWorkingDuration(cal, openedAt, s.waktu.deadline) : null,
      ...(decision !== undefined ? { decision } : {}),
      visit,
    });
    finishedAt = done;
    t = complete(def, t.state, s.id, { ...(decision !== undefined ? { decision } : {}), at: done });
  }
  const endId = t.state.ended?.endId;
  const end = endId === undefined ? undefined : endOf(def, endId);
  return {
    steps,
    ...(end ? { end } : {}),
    startedAt: options.start,
    finishedAt,
    standardOnPath: { target, deadline },
    elapsedWorkingMinutes: workingTimeBetween(cal, options.start, finishedAt),
    withoutStandardTime: [...noStd],
    truncated,
  };
}
