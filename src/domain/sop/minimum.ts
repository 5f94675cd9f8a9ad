/**
 * The law's minimum, as code (Permendagri 102/2019): a PKS comes into force only after the Director General's
 * approval and both parties' signatures, and access only after the juknis is approved. An SOP whose purpose is an
 * application or a PKS change may describe those steps its own way (its own roles, times, words), but it can never
 * leave one out: a missing step is appended here, at the place the lifecycle order puts it, and `sop check` says so.
 * The server enforces the same order again on the agreement itself (agreement.service.ts), whatever the SOP says.
 */
import type { ActionWord, SopActor, SopDefinition, SopEnd, SopStep, StepAction, StepFlow } from './types.js';
import { LIFECYCLE } from './actions.js';
import { addDurations, parseWaktu, ZERO, type Waktu } from './waktu.js';

/** A step Gerbang appended. */
export interface AppendedStep {
  action: ActionWord;
  stepId: string;
  kegiatan: string;
}

/** What each purpose requires. */
const REQUIRED: Partial<Record<NonNullable<SopDefinition['purpose']>, readonly ActionWord[]>> = {
  application: ['pks.draft', 'pks.approve', 'pks.sign', 'pks.activate', 'juknis.approve'],
  pks_change: ['pks.draft', 'pks.approve', 'pks.sign'],
  // A semester report counts as delivered only by the office's recorded acceptance (Permendagri 102/2019).
  report_review: ['report.accept'],
  // A finding is settled only by a reviewer's recorded decision (true or false; resume or revoke).
  anomaly_review: ['anomaly.decide'],
};

type Party = 'office' | 'institution';

/** The lifecycle steps a purpose requires (empty for purposes without a PKS). */
export function minimumOf(purpose: SopDefinition['purpose']): readonly ActionWord[] {
  return purpose ? (REQUIRED[purpose] ?? []) : [];
}

function allActions(s: SopStep): StepAction[] {
  return [...s.actions, ...(s.flow.type === 'decision' ? s.flow.branches.flatMap((b) => b.actions) : [])];
}

function has(s: SopStep, w: ActionWord): boolean {
  return allActions(s).some((a) => a.type === w);
}

function targets(flow: StepFlow): readonly string[] {
  return flow.type === 'next' ? flow.to : flow.branches.flatMap((b) => b.to);
}

function redirect(flow: StepFlow, from: ReadonlySet<string>, to: string): StepFlow {
  if (flow.type === 'next') return { type: 'next', to: flow.to.map((t) => (from.has(t) ? to : t)) };
  return { ...flow, branches: flow.branches.map((b) => ({ ...b, to: b.to.map((t) => (from.has(t) ? to : t)) })) };
}

function waktu(text: string, def: SopDefinition): Waktu {
  const w = parseWaktu(text, def.hari);
  if (!w.ok) throw new Error(`standard waktu "${text}" does not parse`);
  return w.waktu;
}

/** Returns the definition with the missing minimum steps appended, and which were appended. */
export function applyMinimum(def: SopDefinition): { definition: SopDefinition; appended: AppendedStep[] } {
  const required = def.purpose ? REQUIRED[def.purpose] : undefined;
  if (!required) return { definition: def, appended: [] };
  let steps: SopStep[] = [...def.steps];
  const pelaksana: SopActor[] = [...def.pelaksana];
  const ends: SopEnd[] = [...def.ends];
  let start = def.start;
  const appended: AppendedStep[] = [];

  const actor = (match: (a: SopActor) => boolean, make: SopActor): string => {
    const found = pelaksana.find(match);
    if (found) return found.code;
    pelaksana.push(make);
    return make.code;
  };
  const dirjen = () =>
    actor((a) => a.assignee.org === 'pusat' && a.assignee.role === 'dirjen', {
      code: 'gerbang_dirjen',
      name: 'Dirjen Dukcapil',
      kind: 'dirjen',
      assignee: { org: 'pusat', role: 'dirjen' },
    });
  const kadis = () =>
    actor((a) => a.assignee.org === 'office' && a.assignee.role === 'kadis', {
      code: 'gerbang_kadis',
      name: 'Kepala Dinas',
      kind: 'office',
      assignee: { org: 'office', role: 'kadis' },
    });
  const kabid = () =>
    actor((a) => a.assignee.org === 'office' && a.assignee.role === 'kabid', {
      code: 'gerbang_kabid',
      name: 'Kepala Bidang',
      kind: 'office',
      assignee: { org: 'office', role: 'kabid' },
    });
  const pimpinan = () =>
    actor((a) => a.assignee.org === 'institution' && a.assignee.role === 'pimpinan', {
      code: 'gerbang_pimpinan',
      name: 'Pimpinan Lembaga Pengguna',
      kind: 'institution',
      assignee: { org: 'institution', role: 'pimpinan' },
    });
  const refusedEnd = (): string => {
    const e = ends.find((x) => x.outcome === 'ditolak');
    if (e) return e.id;
    const made: SopEnd = { id: 'gerbang_ditolak', label: 'PKS ditolak Dirjen', outcome: 'ditolak' };
    ends.push(made);
    return made.id;
  };

  const signedBy = (): Set<Party> => {
    const parties = new Set<Party>();
    for (const s of steps) {
      // Only a joint signing step asks every party it names.
      if (!s.joint || !s.actions.some((a) => a.type === 'pks.sign')) continue;
      for (const code of s.pelaksana) {
        const org = pelaksana.find((p) => p.code === code)?.assignee.org;
        if (org === 'office' || org === 'institution') parties.add(org);
      }
    }
    return parties;
  };

  const base = {
    no: '',
    index: 0,
    kelengkapan: [] as string[],
    requirements: [],
    informed: [],
    join: [] as string[],
    standard: true,
  };

  /** Inserts `make(next)` before the first step holding a later lifecycle action, or else before the selesai end. */
  const insert = (word: ActionWord, make: (next: string) => SopStep) => {
    const later = LIFECYCLE.slice(LIFECYCLE.indexOf(word) + 1);
    const pos = steps.findIndex((s) => !s.standard && later.some((w) => has(s, w)));
    let step: SopStep;
    if (pos >= 0) {
      const target = steps[pos];
      if (!target) return;
      step = { ...make(target.id), join: target.join };
      const from = new Set([target.id]);
      // Every way into the target now passes the standard step first, however the table is ordered.
      steps = steps.map((s) =>
        s.id === target.id ? { ...s, join: [] } : { ...s, flow: redirect(s.flow, from, step.id) },
      );
      if (start === target.id) start = step.id;
      steps.splice(pos, 0, step);
    } else {
      const done = ends.filter((e) => e.outcome === 'selesai');
      const first = done[0];
      if (!first) return; // no way to succeed: nothing can come into force
      step = make(first.id);
      const from = new Set(done.map((e) => e.id));
      steps = steps.map((s) =>
        targets(s.flow).some((t) => from.has(t)) ? { ...s, flow: redirect(s.flow, from, step.id) } : s,
      );
      steps.push(step);
    }
    appended.push({ action: word, stepId: step.id, kegiatan: step.kegiatan });
  };

  for (const word of required) {
    if (word === 'pks.sign') {
      const got = signedBy();
      const missing: string[] = [];
      if (!got.has('office')) missing.push(kadis());
      if (!got.has('institution')) missing.push(pimpinan());
      if (!missing.length) continue;
      insert(word, (next) => ({
        ...base,
        id: 'gerbang_tandatangan',
        kegiatan: 'Menandatangani naskah PKS oleh para pihak (langkah wajib)',
        pelaksana: missing,
        joint: true,
        actions: [{ type: 'pks.sign' }],
        waktu: waktu('1 hari', def),
        output: ['Naskah PKS yang ditandatangani'],
        flow: { type: 'next', to: [next] },
      }));
      continue;
    }
    if (steps.some((s) => has(s, word))) continue;
    switch (word) {
      case 'pks.draft':
        insert(word, (next) => ({
          ...base,
          id: 'gerbang_naskah',
          kegiatan: 'Menyusun naskah PKS atau naskah perubahannya (langkah wajib)',
          pelaksana: [kabid()],
          joint: false,
          actions: [{ type: 'pks.draft' }],
          waktu: waktu('1 hari', def),
          output: ['Naskah Perjanjian Kerja Sama'],
          flow: { type: 'next', to: [next] },
        }));
        break;
      case 'pks.approve':
        insert(word, (next) => ({
          ...base,
          id: 'gerbang_persetujuan',
          kegiatan: 'Dirjen menelaah dan menyetujui atau menolak naskah PKS (langkah wajib)',
          pelaksana: [dirjen()],
          joint: false,
          actions: [],
          waktu: { kind: 'none', reason: 'di bawah kendali Ditjen Dukcapil' },
          output: ['Persetujuan/Penolakan Dirjen atas naskah PKS'],
          flow: {
            type: 'decision',
            question: 'Dirjen menyetujui naskah PKS?',
            branches: [
              { label: 'setuju', to: [next], actions: [{ type: 'pks.approve' }], output: [] },
              {
                label: 'tolak',
                to: [refusedEnd()],
                actions: [{ type: 'produce', kind: 'rejection_letter' }],
                output: [],
              },
            ],
          },
        }));
        break;
      case 'pks.activate':
        insert(word, (next) => ({
          ...base,
          id: 'gerbang_berlaku',
          kegiatan: 'Memberlakukan PKS yang telah ditandatangani para pihak (langkah wajib)',
          pelaksana: [kabid()],
          joint: false,
          actions: [{ type: 'pks.activate' }],
          waktu: waktu('1 jam', def),
          output: [],
          flow: { type: 'next', to: [next] },
        }));
        break;
      case 'juknis.approve':
        insert(word, (next) => ({
          ...base,
          id: 'gerbang_juknis',
          kegiatan: 'Menyetujui petunjuk teknis pemanfaatan data (langkah wajib)',
          pelaksana: [kabid()],
          joint: false,
          actions: [{ type: 'juknis.approve' }],
          waktu: waktu('1 hari', def),
          output: ['Petunjuk Teknis'],
          flow: { type: 'next', to: [next] },
        }));
        break;
      default:
        break;
    }
  }
  if (!appended.length) return { definition: def, appended };
  let n = 0;
  steps = steps.map((s, index) => (s.standard ? { ...s, index, no: `W${++n}` } : { ...s, index }));
  let target = ZERO;
  let deadline = ZERO;
  for (const s of steps) {
    if (s.waktu.kind === 'standard') {
      target = addDurations(target, s.waktu.target);
      deadline = addDurations(deadline, s.waktu.deadline);
    }
  }
  return {
    definition: { ...def, steps, pelaksana, ends, start, sumOfStandardTimes: { target, deadline } },
    appended,
  };
}
