/**
 * Checks an SOP definition (already parsed from YAML or JSON) and resolves it for the engine.
 * Every problem names the file, the step and what is wrong, in Indonesian and English.
 */
import { Value } from '@sinclair/typebox/value';
import { INSTITUTION_ROLES, OFFICE_ROLES } from '../authz.js';
import { TIME_ZONES } from '../calendar/calendar.js';
import type { Message } from '../errors.js';
import { SopFileSchema, type ActorFile, type RequirementFile, type SopFile, type StepFile } from './schema.js';
import { ANOMALY_WORDS, CAMPAIGN_WORDS, holderProblem, readAction, REPORT_WORDS } from './actions.js';
import { applyMinimum, minimumOf } from './minimum.js';
import type {
  Assignee,
  Requirement,
  SopBranch,
  SopActor,
  StepAction,
  SopCheckResult,
  SopDefinition,
  SopEnd,
  SopIssue,
  SopStep,
  StepFlow,
} from './types.js';
import {
  addDurations,
  formatDuration,
  parseWaktu,
  sameDuration,
  ZERO,
  type Waktu,
  type WaktuProblem,
} from './waktu.js';

/** What the caller knows beyond the file: the roles the office actually has, when checking for one office. */
export interface CheckOptions {
  /** Role codes of the office that will run the SOP; when given, every office role used must be among them. */
  officeRoles?: readonly string[];
}

class Collector {
  readonly errors: SopIssue[] = [];
  readonly warnings: SopIssue[] = [];
  constructor(readonly file: string) {}
  error(code: string, message: Message, at: { stepId?: string; path?: string } = {}): void {
    this.errors.push({ severity: 'error', code, file: this.file, ...at, message });
  }
  warn(code: string, message: Message, at: { stepId?: string; path?: string } = {}): void {
    this.warnings.push({ severity: 'warning', code, file: this.file, ...at, message });
  }
}

function m(id: string, en: string): Message {
  return { id, en };
}

/** Which step index a JSON pointer such as /steps/3/waktu points into. */
function stepIndexOf(path: string): number | undefined {
  const hit = /^\/steps\/(\d+)/.exec(path);
  return hit ? Number(hit[1]) : undefined;
}

function waktuMessage(p: WaktuProblem): Message {
  switch (p.code) {
    case 'waktu_no_unit':
      return m(
        `waktu "${p.text}" tanpa satuan (menit, jam, hari, hari kerja)`,
        `waktu "${p.text}" has no unit (menit, jam, hari, hari kerja)`,
      );
    case 'waktu_ambiguous':
      return m(
        `waktu "${p.text}" ambigu: dua angka tanpa tanda hubung; tulis rentang "1-4 hari" atau "14 hari" dan catat pembacaannya di komentar`,
        `waktu "${p.text}" is ambiguous: two numbers without a dash; write a range "1-4 hari" or "14 hari" and record the reading in a comment`,
      );
    case 'waktu_range_reversed':
      return m(
        `rentang waktu "${p.text}" terbalik: batas bawah lebih besar dari batas atas`,
        `waktu range "${p.text}" is reversed: the lower bound exceeds the upper`,
      );
    case 'waktu_fraction_of_day':
      return m(
        `waktu "${p.text}": hari harus bilangan bulat; gunakan jam atau menit`,
        `waktu "${p.text}": days must be whole; use jam or menit`,
      );
    case 'waktu_unreadable':
      return m(
        `waktu "${p.text}" tidak terbaca; contoh: "5 menit", "1 jam", "3 hari", "14 hari kerja", "3-5 hari"`,
        `waktu "${p.text}" cannot be read; e.g. "5 menit", "1 jam", "3 hari", "14 hari kerja", "3-5 hari"`,
      );
  }
}

function resolveAssignee(
  a: ActorFile,
  c: Collector,
  path: string,
  knownOffice: ReadonlySet<string>,
): Assignee | undefined {
  const officeRole = (role: string | undefined, what: string): Assignee | undefined => {
    if (!role) {
      c.error(
        'actor_without_role',
        m(`pelaksana "${a.code}" (${what}) tidak menyebut peran`, `pelaksana "${a.code}" (${what}) names no role`),
        { path },
      );
      return undefined;
    }
    if (!knownOffice.has(role)) {
      c.error(
        'unknown_role',
        m(
          `pelaksana "${a.code}": peran kantor "${role}" tidak dikenal; nyatakan di officeRoles atau gunakan ${OFFICE_ROLES.join(', ')}`,
          `pelaksana "${a.code}": unknown office role "${role}"; declare it under officeRoles or use ${OFFICE_ROLES.join(', ')}`,
        ),
        { path },
      );
      return undefined;
    }
    return { org: 'office', role };
  };
  const inList = (role: string, list: readonly string[], org: Assignee['org']): Assignee | undefined => {
    if (list.includes(role)) return { org, role };
    c.error(
      'unknown_role',
      m(
        `pelaksana "${a.code}": peran "${role}" tidak ada di ${org}; gunakan ${list.join(', ')}`,
        `pelaksana "${a.code}": role "${role}" does not exist in ${org}; use ${list.join(', ')}`,
      ),
      { path },
    );
    return undefined;
  };
  if (a.kind !== 'organisation' && a.assignTo !== undefined) {
    c.error(
      'assign_to_not_organisation',
      m(
        `pelaksana "${a.code}": assignTo hanya untuk kind organisation`,
        `pelaksana "${a.code}": assignTo is only for kind organisation`,
      ),
      { path },
    );
  }
  switch (a.kind) {
    case 'office':
      return officeRole(a.role, 'office');
    case 'kepala_daerah':
      return { org: 'office', role: 'kepala_daerah' };
    case 'dirjen':
      // Pusat may define its own roles (a directorate's desk); only `dirjen` may approve (actions.ts).
      return { org: 'pusat', role: a.role ?? 'dirjen' };
    case 'institution':
      return inList(a.role ?? 'pimpinan', INSTITUTION_ROLES, 'institution');
    case 'organisation': {
      if (!a.assignTo) {
        c.error(
          'organisation_without_assign_to',
          m(
            `pelaksana "${a.code}" adalah satu organisasi: nyatakan assignTo (peran yang menerima tugasnya)`,
            `pelaksana "${a.code}" is a whole organisation: declare assignTo (the role that receives its tasks)`,
          ),
          { path },
        );
        return undefined;
      }
      const org = a.org ?? 'office';
      if (org === 'office') return officeRole(a.assignTo, 'organisation');
      if (org === 'pusat') return { org: 'pusat', role: a.assignTo };
      return inList(a.assignTo, INSTITUTION_ROLES, 'institution');
    }
  }
}

function stepLabel(s: { id: string; no?: string | number | undefined }): string {
  const no = s.no === undefined ? s.id : String(s.no);
  return no === s.id ? `langkah ${s.id}` : `langkah ${no} (id ${s.id})`;
}

function stepLabelEn(s: { id: string; no?: string | number | undefined }): string {
  const no = s.no === undefined ? s.id : String(s.no);
  return no === s.id ? `step ${s.id}` : `step ${no} (id ${s.id})`;
}

/** Checks and resolves a definition object (from YAML or a JSON upload). `file` names it in messages. */
export function checkSop(raw: unknown, file: string, options: CheckOptions = {}): SopCheckResult {
  const c = new Collector(file);
  if (!Value.Check(SopFileSchema, raw)) {
    for (const e of Value.Errors(SopFileSchema, raw)) {
      const idx = stepIndexOf(e.path);
      const stepId = idx === undefined ? undefined : stepIdAt(raw, idx);
      const where = stepId ? `step ${stepId}: ` : '';
      const whereId = stepId ? `langkah ${stepId}: ` : '';
      c.error('schema', m(`${whereId}${e.path || '/'}: ${e.message}`, `${where}${e.path || '/'}: ${e.message}`), {
        path: e.path,
        ...(stepId ? { stepId } : {}),
      });
    }
    return { errors: dedupe(c.errors), warnings: c.warnings };
  }
  return resolve(raw, c, options);
}

// TypeBox reports one error per failed union member; people need each location once.
function dedupe(issues: SopIssue[]): SopIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path ?? ''}|${i.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stepIdAt(raw: unknown, idx: number): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('steps' in raw)) return undefined;
  const steps = (raw as { steps: unknown }).steps; // narrowed by the `in` check above; still unknown inside
  if (!Array.isArray(steps)) return undefined;
  const s: unknown = steps[idx];
  if (typeof s === 'object' && s !== null && 'id' in s) {
    const id = (s as { id: unknown }).id; // the object has an id key; its type is checked right here
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return `#${idx + 1}`;
}

function resolve(f: SopFile, c: Collector, options: CheckOptions): SopCheckResult {
  const hari = f.hari ?? 'kerja';
  if (!TIME_ZONES.includes(f.office.timeZone)) {
    c.error(
      'unknown_time_zone',
      m(
        `zona waktu kantor "${f.office.timeZone}" tidak dikenal; gunakan ${TIME_ZONES.join(', ')}`,
        `unknown office time zone "${f.office.timeZone}"; use ${TIME_ZONES.join(', ')}`,
      ),
      {
        path: '/office/timeZone',
      },
    );
  }

  // Office roles: built-in ones, the ones this SOP declares, and (when checking for one office) only those it has.
  const declared = new Set<string>();
  for (const [i, r] of (f.officeRoles ?? []).entries()) {
    if (declared.has(r.code))
      c.error('duplicate_role', m(`peran "${r.code}" dinyatakan dua kali`, `role "${r.code}" is declared twice`), {
        path: `/officeRoles/${i}`,
      });
    declared.add(r.code);
  }
  let knownOffice = new Set<string>([...OFFICE_ROLES, ...declared]);
  if (options.officeRoles) {
    const has = new Set(options.officeRoles);
    for (const r of declared) {
      if (!has.has(r))
        c.error(
          'office_lacks_role',
          m(
            `kantor belum memiliki peran "${r}" yang dibutuhkan SOP ini`,
            `the office has no role "${r}" that this SOP needs`,
          ),
          { path: '/officeRoles' },
        );
    }
    knownOffice = new Set([...knownOffice].filter((r) => has.has(r)));
  }

  const actors = new Map<string, SopActor>();
  for (const [i, a] of f.pelaksana.entries()) {
    const path = `/pelaksana/${i}`;
    if (actors.has(a.code)) {
      c.error(
        'duplicate_actor',
        m(`kode pelaksana "${a.code}" dipakai dua kali`, `pelaksana code "${a.code}" is used twice`),
        { path },
      );
      continue;
    }
    const assignee = resolveAssignee(a, c, path, knownOffice);
    actors.set(a.code, {
      code: a.code,
      name: a.name,
      ...(a.fullName ? { fullName: a.fullName } : {}),
      kind: a.kind,
      assignee: assignee ?? { org: 'office', role: '?' },
    });
  }

  const ends = new Map<string, SopEnd>();
  for (const [i, e] of f.ends.entries()) {
    if (ends.has(e.id))
      c.error('duplicate_id', m(`akhir "${e.id}" dinyatakan dua kali`, `end "${e.id}" is declared twice`), {
        path: `/ends/${i}`,
      });
    ends.set(e.id, { id: e.id, label: e.label, outcome: e.outcome });
  }
  if (f.ends.length === 0)
    c.error('no_end', m('SOP tidak punya akhir (ends kosong)', 'the SOP has no end (ends is empty)'), {
      path: '/ends',
    });

  const steps = new Map<string, SopStep>();
  for (const [i, s] of f.steps.entries()) {
    const path = `/steps/${i}`;
    const at = { stepId: s.id, path };
    const L = stepLabel(s);
    const E = stepLabelEn(s);
    if (steps.has(s.id)) {
      c.error(
        'duplicate_id',
        m(
          `${L}: id "${s.id}" dipakai dua kali; nomor cetak boleh berulang (no), id tidak`,
          `${E}: id "${s.id}" is used twice; printed numbers (no) may repeat, ids may not`,
        ),
        at,
      );
      continue;
    }
    if (ends.has(s.id))
      c.error(
        'duplicate_id',
        m(`${L}: id "${s.id}" juga dipakai sebuah akhir`, `${E}: id "${s.id}" is also the id of an end`),
        at,
      );
    const pelaksana = typeof s.pelaksana === 'string' ? [s.pelaksana] : s.pelaksana;
    for (const p of pelaksana) {
      if (!actors.has(p))
        c.error('unknown_actor', m(`${L}: pelaksana "${p}" tidak dikenal`, `${E}: unknown pelaksana "${p}"`), {
          ...at,
          path: `${path}/pelaksana`,
        });
    }
    if (new Set(pelaksana).size !== pelaksana.length)
      c.error('duplicate_actor', m(`${L}: pelaksana berulang`, `${E}: a pelaksana is listed twice`), at);
    const waktu = readWaktu(s, c, L, E, at, hari);
    const flow = readFlow(s, c, L, E, at);
    const actions = readActions(s.actions ?? [], c, L, E, { ...at, path: `${path}/actions` });
    const requirements = (s.kelengkapan ?? []).map(readRequirement);
    const informed = s.tembusan ?? [];
    for (const p of informed) {
      if (!actors.has(p))
        c.error('unknown_actor', m(`${L}: tembusan "${p}" tidak dikenal`, `${E}: unknown tembusan "${p}"`), {
          ...at,
          path: `${path}/tembusan`,
        });
    }
    const joint = s.bersama === true || actions.some((a) => a.type === 'pks.sign');
    if (joint && flow?.type === 'decision')
      c.error(
        'joint_decision',
        m(
          `${L}: langkah bersama tidak dapat menjadi keputusan; pisahkan keputusan ke langkah sendiri`,
          `${E}: a joint step cannot be a decision; put the decision in a step of its own`,
        ),
        at,
      );
    steps.set(s.id, {
      id: s.id,
      no: s.no === undefined ? s.id : String(s.no),
      index: i,
      kegiatan: s.kegiatan,
      pelaksana,
      kelengkapan: requirements.map((r) => r.name),
      requirements,
      joint,
      informed,
      actions,
      waktu: waktu ?? { kind: 'none', reason: '?' },
      ...(s.waktuTertulis ? { waktuTertulis: s.waktuTertulis } : {}),
      output: s.output ?? [],
      ...(s.keterangan ? { keterangan: s.keterangan } : {}),
      flow: flow ?? { type: 'next', to: [] },
      join: s.join ?? [],
    });
  }

  const firstStep = f.steps[0];
  const start = f.start ?? firstStep?.id ?? '';
  if (!steps.has(start))
    c.error('unknown_start', m(`langkah awal "${start}" tidak ada`, `start step "${start}" does not exist`), {
      path: '/start',
    });

  checkTargets(steps, ends, c);
  checkJoins(steps, c);
  checkActions(steps, actors, start, f.purpose, c);
  if (c.errors.length === 0) checkReachability(steps, ends, start, c);

  for (const a of actors.values()) {
    if (![...steps.values()].some((s) => s.pelaksana.includes(a.code))) {
      c.warn(
        'actor_without_step',
        m(
          `pelaksana "${a.code}" (${a.name}) tidak melaksanakan satu langkah pun`,
          `pelaksana "${a.code}" (${a.name}) performs no step`,
        ),
      );
    }
  }

  let target = ZERO;
  let deadline = ZERO;
  for (const s of steps.values()) {
    if (s.waktu.kind === 'standard') {
      target = addDurations(target, s.waktu.target);
      deadline = addDurations(deadline, s.waktu.deadline);
    }
  }
  let declaredTotal: SopDefinition['declaredTotal'];
  if (f.totalWaktu) {
    const t = parseWaktu(f.totalWaktu, hari);
    if (!t.ok) c.error(t.problem.code, waktuMessage(t.problem), { path: '/totalWaktu' });
    else {
      declaredTotal = { text: f.totalWaktu, duration: t.waktu.target };
      if (!sameDuration(t.waktu.target, target) && !sameDuration(t.waktu.target, deadline)) {
        c.warn(
          'total_mismatch',
          m(
            `total waktu tertulis "${f.totalWaktu}" berbeda dari jumlah waktu standar langkah-langkahnya: ${formatDuration(target)}${sameDuration(target, deadline) ? '' : ` (batas atas ${formatDuration(deadline)})`}`,
            `declared total "${f.totalWaktu}" differs from the sum of the steps' standard times: ${formatDuration(target)}${sameDuration(target, deadline) ? '' : ` (upper bound ${formatDuration(deadline)})`}`,
          ),
          { path: '/totalWaktu' },
        );
      }
    }
  }

  if (c.errors.length) return { errors: c.errors, warnings: c.warnings };
  const written: SopDefinition = {
    format: f.format,
    code: f.code,
    source: c.file,
    office: f.office,
    header: f.header,
    hari,
    ...(f.purpose ? { purpose: f.purpose } : {}),
    officeRoles: f.officeRoles ?? [],
    pelaksana: [...actors.values()],
    start,
    steps: [...steps.values()],
    ends: [...ends.values()],
    ...(declaredTotal ? { declaredTotal } : {}),
    sumOfStandardTimes: { target, deadline },
  };
  // The law's minimum is code: an application or PKS-change SOP that lacks a required step gets the standard one.
  const { definition, appended } = applyMinimum(written);
  // What Gerbang appended must hold together, and no path to a good end may go around a required step.
  const after = new Collector(c.file);
  const stepMap = new Map(definition.steps.map((s) => [s.id, s]));
  const endMap = new Map(definition.ends.map((e) => [e.id, e]));
  checkTargets(stepMap, endMap, after);
  if (after.errors.length === 0) checkReachability(stepMap, endMap, definition.start, after);
  if (after.errors.length === 0) checkBypass(definition, after);
  if (after.errors.length) return { errors: after.errors, warnings: c.warnings };
  for (const a of appended) {
    c.warn(
      'minimum_appended',
      m(
        `SOP ini tidak memuat langkah wajib "${a.action}"; Gerbang menambahkan langkah standar "${a.stepId}" (${a.kegiatan})`,
        `this SOP lacks the required step "${a.action}"; Gerbang appends the standard step "${a.stepId}" (${a.kegiatan})`,
      ),
      { stepId: a.stepId },
    );
  }
  return { definition, errors: [], warnings: c.warnings };
}

/**
 * The law's minimum on every path: from the start, no `selesai` end may be reached without the Dirjen's approving
 * branch, without a signing step of each party, and (for applications) without drafting, activation and juknis.
 */
function checkBypass(def: SopDefinition, c: Collector): void {
  const required = minimumOf(def.purpose);
  if (!required.length) return;
  const steps = new Map(def.steps.map((s) => [s.id, s]));
  const good = new Set(def.ends.filter((e) => e.outcome === 'selesai').map((e) => e.id));
  const orgOf = (code: string) => def.pelaksana.find((p) => p.code === code)?.assignee.org;
  const gates: { word: string; blocks: (s: SopStep, to: string, branch?: SopBranch) => boolean }[] = [];
  for (const w of required) {
    if (w === 'pks.approve')
      gates.push({ word: w, blocks: (_s, _to, b) => b?.actions.some((a) => a.type === w) === true });
    else if (w === 'pks.sign') {
      for (const party of ['office', 'institution'] as const)
        gates.push({
          word: `${w} (${party === 'office' ? 'kantor' : 'lembaga'})`,
          blocks: (s) => s.joint && s.actions.some((a) => a.type === w) && s.pelaksana.some((p) => orgOf(p) === party),
        });
    } else
      gates.push({
        word: w,
        blocks: (s, _to, b) => s.actions.some((a) => a.type === w) || b?.actions.some((a) => a.type === w) === true,
      });
  }
  for (const gate of gates) {
    // Walk the flow without passing the gate: leaving a gated step (or taking a gated branch) is not allowed.
    // A join step is reached only when every step it joins arrives (parallel branches end together).
    const reached = new Set<string>([def.start]);
    const arrivals = new Map<string, Set<string>>();
    const queue = [def.start];
    while (queue.length) {
      const id = queue.shift();
      const s = id === undefined ? undefined : steps.get(id);
      if (!s) continue;
      const edges: { to: string; branch?: SopBranch }[] =
        s.flow.type === 'next'
          ? s.flow.to.map((to) => ({ to }))
          : s.flow.branches.flatMap((b) => b.to.map((to) => ({ to, branch: b })));
      for (const e of edges) {
        if (gate.blocks(s, e.to, e.branch) || reached.has(e.to)) continue;
        const join = steps.get(e.to)?.join ?? [];
        if (join.length) {
          const got = arrivals.get(e.to) ?? new Set<string>();
          got.add(s.id);
          arrivals.set(e.to, got);
          if (!join.every((j) => got.has(j))) continue;
        }
        reached.add(e.to);
        queue.push(e.to);
      }
    }
    const bypass = [...good].some((e) => reached.has(e));
    if (bypass) {
      c.error(
        'minimum_bypassable',
        m(
          `ada jalan ke akhir "selesai" yang tidak melewati langkah wajib ${gate.word}; setiap jalan menuju selesai harus melewatinya`,
          `a path reaches a "selesai" end without the required step ${gate.word}; every path to selesai must pass it`,
        ),
      );
    }
  }
}

function readRequirement(r: RequirementFile): Requirement {
  if (typeof r === 'string') return { name: r, type: 'berkas' };
  return {
    name: r.name,
    type: r.type ?? 'berkas',
    ...(r.when ? { when: r.when } : {}),
    ...(r.from ? { from: r.from } : {}),
  };
}

function readActions(
  list: readonly Parameters<typeof readAction>[0][],
  c: Collector,
  L: string,
  E: string,
  at: { stepId: string; path: string },
): StepAction[] {
  const out: StepAction[] = [];
  for (const [i, a] of list.entries()) {
    const r = readAction(a);
    if ('problem' in r)
      c.error('unknown_action', m(`${L}: ${r.problem.id}`, `${E}: ${r.problem.en}`), {
        ...at,
        path: `${at.path}/${i}`,
      });
    else out.push(r.action);
  }
  return out;
}

/** Words a decision branch may carry: the Dirjen's approval and records of what was decided. */
const BRANCH_WORDS = new Set([
  'pks.approve',
  'pks.submit',
  'access.request',
  'trial.result',
  'report.accept',
  'report.return',
]);

/** Who may hold each action, where application.submit may stand, and that PKS actions have a PKS to act on. */
function checkActions(
  steps: ReadonlyMap<string, SopStep>,
  actors: ReadonlyMap<string, SopActor>,
  start: string,
  purpose: SopFile['purpose'],
  c: Collector,
): void {
  for (const s of steps.values()) {
    const at = { stepId: s.id, path: `/steps/${s.index}/actions` };
    const L = stepLabel(s);
    const E = stepLabelEn(s);
    const all = [
      ...s.actions,
      ...(s.flow.type === 'decision'
        ? s.flow.branches.flatMap((b) => {
            const r = b.actions.filter((a) => a.type !== 'produce');
            return r;
          })
        : []),
    ];
    const responsible = actors.get(s.pelaksana[0] ?? '');
    if (!responsible) continue;
    const stepActors = s.pelaksana.flatMap((p) => actors.get(p) ?? []);
    for (const a of all) {
      if (a.type === 'produce') continue;
      const why = holderProblem(a.type, responsible, stepActors);
      if (why) c.error('action_holder', m(`${L}: ${why.id}`, `${E}: ${why.en}`), at);
      if (a.type === 'application.submit' && s.id !== start)
        c.error(
          'submit_not_first',
          m(
            `${L}: application.submit hanya pada langkah awal`,
            `${E}: application.submit belongs on the first step only`,
          ),
          at,
        );
      if (REPORT_WORDS.includes(a.type)) {
        if (purpose !== 'report_review')
          c.error(
            'action_needs_purpose',
            m(
              `${L}: aksi ${a.type} butuh laporan: nyatakan purpose: report_review`,
              `${E}: action ${a.type} needs a report: declare purpose: report_review`,
            ),
            at,
          );
      } else if (ANOMALY_WORDS.includes(a.type)) {
        if (purpose !== 'anomaly_review')
          c.error(
            'action_needs_purpose',
            m(
              `${L}: aksi ${a.type} butuh temuan anomali: nyatakan purpose: anomaly_review`,
              `${E}: action ${a.type} needs an anomaly finding: declare purpose: anomaly_review`,
            ),
            at,
          );
      } else if (CAMPAIGN_WORDS.includes(a.type)) {
        if (purpose !== 'control' && purpose !== 'evaluation')
          c.error(
            'action_needs_purpose',
            m(
              `${L}: aksi ${a.type} butuh kampanye pengendalian: nyatakan purpose: control atau evaluation`,
              `${E}: action ${a.type} needs a control campaign: declare purpose: control or evaluation`,
            ),
            at,
          );
      } else if (a.type !== 'application.submit' && purpose !== 'application' && purpose !== 'pks_change')
        c.error(
          'action_needs_purpose',
          m(
            `${L}: aksi ${a.type} butuh PKS: nyatakan purpose: application atau pks_change`,
            `${E}: action ${a.type} needs a PKS: declare purpose: application or pks_change`,
          ),
          at,
        );
    }
    if (s.actions.some((a) => a.type === 'pks.approve'))
      c.error(
        'approve_needs_decision',
        m(
          `${L}: pks.approve adalah keputusan Dirjen: letakkan di cabang persetujuan sebuah decision, bukan pada langkahnya`,
          `${E}: pks.approve is the Director General's decision: put it on the approving branch of a decision, not on the step`,
        ),
        at,
      );
    if (s.flow.type === 'decision') {
      const approving = s.flow.branches.filter((b) => b.actions.some((a) => a.type === 'pks.approve'));
      if (approving.length > 1)
        c.error(
          'approve_on_many_branches',
          m(`${L}: pks.approve hanya pada satu cabang`, `${E}: pks.approve belongs on one branch only`),
          at,
        );
      for (const b of s.flow.branches) {
        for (const a of b.actions) {
          if (a.type === 'produce' || BRANCH_WORDS.has(a.type)) continue;
          c.error(
            'action_not_on_branch',
            m(
              `${L}: cabang "${b.label}": aksi ${a.type} milik langkah, bukan cabang (di cabang hanya pks.approve, pks.submit, access.request, trial.result dan { produce })`,
              `${E}: branch "${b.label}": action ${a.type} belongs to a step, not a branch (branches hold only pks.approve, pks.submit, access.request, trial.result and { produce })`,
            ),
            at,
          );
        }
      }
    }
  }
}

function readWaktu(
  s: StepFile,
  c: Collector,
  L: string,
  E: string,
  at: { stepId: string; path: string },
  hari: 'kerja' | 'kalender',
): Waktu | undefined {
  const path = `${at.path}/waktu`;
  if (typeof s.waktu === 'object') return { kind: 'none', reason: s.waktu.tanpaStandar };
  const text = String(s.waktu);
  if (!text.trim()) {
    c.error(
      'waktu_missing',
      m(
        `${L}: waktu kosong; tulis waktunya atau { tanpaStandar: alasan }`,
        `${E}: waktu is empty; write a time or { tanpaStandar: reason }`,
      ),
      { ...at, path },
    );
    return undefined;
  }
  const w = parseWaktu(text, hari);
  if (!w.ok) {
    const msg = waktuMessage(w.problem);
    c.error(w.problem.code, m(`${L}: ${msg.id}`, `${E}: ${msg.en}`), { ...at, path });
    return undefined;
  }
  return w.waktu;
}

function readFlow(
  s: StepFile,
  c: Collector,
  L: string,
  E: string,
  at: { stepId: string; path: string },
): StepFlow | undefined {
  if (s.next !== undefined && s.decision !== undefined) {
    c.error(
      'next_and_decision',
      m(`${L}: pilih next atau decision, bukan keduanya`, `${E}: give either next or decision, not both`),
      at,
    );
    return undefined;
  }
  if (s.decision) {
    const { question, branches } = s.decision;
    if (branches.length < 2)
      c.error(
        'decision_needs_branches',
        m(`${L}: keputusan butuh sedikitnya dua cabang`, `${E}: a decision needs at least two branches`),
        at,
      );
    const labels = new Set<string>();
    for (const b of branches) {
      const k = b.label.toLowerCase();
      if (labels.has(k))
        c.error(
          'duplicate_branch',
          m(`${L}: cabang "${b.label}" berulang`, `${E}: branch "${b.label}" is repeated`),
          at,
        );
      labels.add(k);
    }
    return {
      type: 'decision',
      question,
      branches: branches.map((b, i) => ({
        label: b.label,
        to: typeof b.to === 'string' ? [b.to] : b.to,
        actions: readActions(b.actions ?? [], c, L, E, { ...at, path: `${at.path}/decision/branches/${i}/actions` }),
        output: b.output ?? [],
      })),
    };
  }
  if (s.next === undefined) {
    c.error(
      'no_next',
      m(
        `${L}: tidak ada langkah berikutnya; tulis next: <id akhir> untuk selesai`,
        `${E}: leads nowhere; write next: <end id> to finish`,
      ),
      at,
    );
    return undefined;
  }
  const to = typeof s.next === 'string' ? [s.next] : s.next;
  if (new Set(to).size !== to.length)
    c.error(
      'duplicate_target',
      m(`${L}: next menyebut target yang sama dua kali`, `${E}: next names the same target twice`),
      at,
    );
  return { type: 'next', to };
}

/** Every target of next or of a branch must be a step or an end. */
function checkTargets(steps: ReadonlyMap<string, SopStep>, ends: ReadonlyMap<string, SopEnd>, c: Collector): void {
  for (const s of steps.values()) {
    const at = { stepId: s.id, path: `/steps/${s.index}` };
    const L = stepLabel(s);
    const E = stepLabelEn(s);
    if (s.flow.type === 'next') {
      for (const t of s.flow.to) {
        if (!steps.has(t) && !ends.has(t))
          c.error(
            'unknown_target',
            m(`${L}: next menuju "${t}" yang tidak ada`, `${E}: next goes to "${t}", which does not exist`),
            at,
          );
      }
      if (s.flow.to.length > 1 && s.flow.to.some((t) => ends.has(t))) {
        c.error(
          'fork_to_end',
          m(
            `${L}: cabang paralel tidak boleh langsung menuju akhir`,
            `${E}: a parallel fork cannot go straight to an end`,
          ),
          at,
        );
      }
    } else {
      for (const b of s.flow.branches) {
        for (const t of b.to) {
          if (!steps.has(t) && !ends.has(t)) {
            c.error(
              'unknown_target',
              m(
                `${L}: cabang "${b.label}" menuju "${t}" yang tidak ada`,
                `${E}: branch "${b.label}" goes to "${t}", which does not exist`,
              ),
              at,
            );
          }
        }
        if (b.to.length > 1 && b.to.some((t) => ends.has(t))) {
          c.error(
            'fork_to_end',
            m(
              `${L}: cabang "${b.label}" membuka langkah paralel dan tidak boleh langsung menuju akhir`,
              `${E}: branch "${b.label}" opens parallel steps and cannot go straight to an end`,
            ),
            at,
          );
        }
      }
    }
  }
}

/** Targets of a step's flow. */
export function targetsOf(s: SopStep): readonly string[] {
  return s.flow.type === 'next' ? s.flow.to : s.flow.branches.flatMap((b) => b.to);
}

/** A join lists steps that lead into it; a step reached from two parallel branches must join them. */
function checkJoins(steps: ReadonlyMap<string, SopStep>, c: Collector): void {
  for (const s of steps.values()) {
    const at = { stepId: s.id, path: `/steps/${s.index}/join` };
    for (const j of s.join) {
      const from = steps.get(j);
      if (!from) {
        c.error(
          'unknown_join',
          m(
            `${stepLabel(s)}: join menyebut "${j}" yang tidak ada`,
            `${stepLabelEn(s)}: join names "${j}", which does not exist`,
          ),
          at,
        );
      } else if (!targetsOf(from).includes(s.id)) {
        c.error(
          'join_not_predecessor',
          m(
            `${stepLabel(s)}: "${j}" di join tidak menuju langkah ini`,
            `${stepLabelEn(s)}: "${j}" in join does not lead to this step`,
          ),
          at,
        );
      }
    }
  }
  // A fork (a `next` list, or a decision branch with several targets) whose branches meet again without a join
  // would open the meeting step twice; branches that never meet end the case with the first to reach an end.
  for (const s of steps.values()) {
    const forks =
      s.flow.type === 'next'
        ? s.flow.to.length > 1
          ? [s.flow.to]
          : []
        : s.flow.branches.map((b) => b.to).filter((t) => t.length > 1);
    for (const heads of forks) {
      const meet = firstMeeting(steps, heads);
      const target = meet ? steps.get(meet) : undefined;
      if (!meet) {
        c.warn(
          'fork_ends_without_join',
          m(
            `${stepLabel(s)}: cabang paralel (${heads.join(', ')}) tidak bertemu di sebuah join; kasus berakhir saat cabang pertama mencapai akhir dan cabang lain ditutup`,
            `${stepLabelEn(s)}: the parallel branches (${heads.join(', ')}) never meet at a join; the case ends when the first reaches an end and the others are closed`,
          ),
          { stepId: s.id, path: `/steps/${s.index}` },
        );
      }
      if (target && target.join.length === 0) {
        c.error(
          'fork_without_join',
          m(
            `${stepLabel(s)}: cabang paralel bertemu di "${meet}" tanpa join`,
            `${stepLabelEn(s)}: the parallel branches meet at "${meet}" without a join`,
          ),
          { stepId: s.id, path: `/steps/${s.index}/next` },
        );
      }
    }
  }
}

/** The first step reachable from two or more of the given branch heads, if any. */
function firstMeeting(steps: ReadonlyMap<string, SopStep>, heads: readonly string[]): string | undefined {
  const reachedBy = new Map<string, Set<number>>();
  heads.forEach((h, i) => {
    const seen = new Set<string>();
    const queue = [h];
    while (queue.length) {
      const id = queue.shift();
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      const set = reachedBy.get(id) ?? new Set<number>();
      set.add(i);
      reachedBy.set(id, set);
      const st = steps.get(id);
      if (st) queue.push(...targetsOf(st));
    }
  });
  const ordered = [...steps.values()].sort((a, b) => a.index - b.index);
  return ordered.find((s) => (reachedBy.get(s.id)?.size ?? 0) > 1)?.id;
}

function checkReachability(
  steps: ReadonlyMap<string, SopStep>,
  ends: ReadonlyMap<string, SopEnd>,
  start: string,
  c: Collector,
): void {
  const reached = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const id = queue.shift();
    if (id === undefined || reached.has(id)) continue;
    reached.add(id);
    const s = steps.get(id);
    if (s) queue.push(...targetsOf(s));
  }
  for (const s of steps.values()) {
    if (!reached.has(s.id)) {
      c.error(
        'unreachable_step',
        m(
          `${stepLabel(s)}: tidak dapat dicapai dari langkah awal`,
          `${stepLabelEn(s)}: cannot be reached from the start`,
        ),
        { stepId: s.id, path: `/steps/${s.index}` },
      );
    }
  }
  for (const e of ends.values()) {
    if (!reached.has(e.id))
      c.warn('unreachable_end', m(`akhir "${e.id}" tidak pernah dicapai`, `end "${e.id}" is never reached`), {
        path: '/ends',
      });
  }
  if (![...ends.keys()].some((e) => reached.has(e))) {
    c.error(
      'no_end',
      m('tidak ada akhir yang dapat dicapai dari langkah awal', 'no end can be reached from the start'),
      { path: '/ends' },
    );
    return;
  }
  // Every step must be able to finish: a loop with no way out would trap a case forever.
  const canFinish = new Set<string>(ends.keys());
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of steps.values()) {
      if (canFinish.has(s.id)) continue;
      const ok = targetsOf(s).some((t) => canFinish.has(t));
      if (ok) {
        canFinish.add(s.id);
        changed = true;
      }
    }
  }
  for (const s of steps.values()) {
    if (reached.has(s.id) && !canFinish.has(s.id)) {
      c.error(
        'no_way_to_end',
        m(
          `${stepLabel(s)}: dari sini tidak ada jalan ke akhir (putaran tanpa jalan keluar)`,
          `${stepLabelEn(s)}: no path from here to an end (a loop with no way out)`,
        ),
        {
          stepId: s.id,
          path: `/steps/${s.index}`,
        },
      );
    }
  }
}

/** One line per issue: "file: step 5: message" (English) — for logs and the CLI. */
export function formatIssue(i: SopIssue, lang: 'id' | 'en' = 'en'): string {
  const kind = i.severity === 'error' ? (lang === 'id' ? 'galat' : 'error') : lang === 'id' ? 'peringatan' : 'warning';
  return `${i.file}: ${kind}: ${lang === 'id' ? i.message.id : i.message.en}`;
}
