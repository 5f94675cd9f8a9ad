import { describe, expect, it } from 'vitest';
import { formatLocal, localInstant, makeCalendar } from '../calendar/calendar.js';
import { DomainError } from '../errors.js';
import {
  assigneeOf,
  complete,
  dueFor,
  pausesClock,
  returnForRevision,
  simulate,
  start,
  type CaseState,
  type Transition,
} from './engine.js';
import { baseFile, defOf, loadShipped, sopHead } from './fixtures.test-helpers.js';
import type { SopDefinition } from './types.js';
import { parseSop } from './load.js';

const cal = makeCalendar({ timeZone: 'Asia/Jakarta' });
const T0 = localInstant(cal, '2025-07-07T08:00');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Walks a case, completing open steps in order and taking the given decision at each visit of a step. */
function walk(def: SopDefinition, decisions: Record<string, string[]> = {}): { state: CaseState; path: string[] } {
  let t: Transition = start(def, at(0));
  const path: string[] = [];
  const seen: Record<string, number> = {};
  for (let i = 1; !t.state.ended && i < 200; i++) {
    const o = t.state.open[0];
    if (!o) throw new Error('nothing open');
    const n = seen[o.stepId] ?? 0;
    seen[o.stepId] = n + 1;
    const d = decisions[o.stepId]?.[n];
    path.push(d ? `${o.stepId}:${d}` : o.stepId);
    t = complete(def, t.state, o.stepId, { ...(d ? { decision: d } : {}), at: at(i) });
  }
  return { state: t.state, path };
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('Bengkulu: verification returns to the team', () => {
  const def = loadShipped('bengkulu');
  // Step 9 (the joint signing) is followed by the appended activation and juknis approval.
  const tail = ['7', '8', '9', 'gerbang_berlaku', 'gerbang_juknis'];
  it('runs to the end when the draft is complete and the Dirjen approves', () => {
    const r = walk(def, { '5': ['Lengkap'], '6': ['setuju'] });
    expect(r.path).toEqual(['1', '2a', '2b', '3', '4', '5:Lengkap', '6:setuju', ...tail]);
    expect(r.state.ended?.outcome).toBe('selesai');
  });
  it('loops back to the team when the draft is incomplete', () => {
    const r = walk(def, { '5': ['Tidak lengkap', 'Lengkap'], '6': ['setuju'] });
    expect(r.path).toEqual(['1', '2a', '2b', '3', '4', '5:Tidak lengkap', '4', '5:Lengkap', '6:setuju', ...tail]);
  });
  it('loops back to the team when the Dirjen asks for perbaikan', () => {
    const r = walk(def, { '5': ['Lengkap', 'Lengkap'], '6': ['perbaikan', 'setuju'] });
    expect(r.path).toEqual([
      '1',
      '2a',
      '2b',
      '3',
      '4',
      '5:Lengkap',
      '6:perbaikan',
      '4',
      '5:Lengkap',
      '6:setuju',
      ...tail,
    ]);
    expect(r.state.ended?.outcome).toBe('selesai');
  });
  it('sends the tasks to the right organisations', () => {
    expect(['1', '2a', '4', '5', '6'].map((s) => assigneeOf(def, s))).toEqual([
      { org: 'institution', role: 'pimpinan' },
      { org: 'office', role: 'kepala_daerah' },
      { org: 'office', role: 'tim' },
      { org: 'office', role: 'kasi_kerja_sama' },
      { org: 'pusat', role: 'dirjen' },
    ]);
  });
  it('lets the Dirjen return the draft for revision to the team, then runs on from there', () => {
    let t = start(def, at(0));
    for (const [i, s] of ['1', '2a', '2b', '3', '4'].entries()) t = complete(def, t.state, s, { at: at(i + 1) });
    t = complete(def, t.state, '5', { decision: 'Lengkap', at: at(10) });
    t = returnForRevision(def, t.state, '6', { to: '4', reason: 'Pasal kerahasiaan belum ada', at: at(11) });
    expect(t.closed).toEqual(['6']);
    expect(t.opened).toEqual([
      {
        stepId: '4',
        openedAt: at(11).toISOString(),
        via: 'revision',
        returnedFrom: '6',
        reason: 'Pasal kerahasiaan belum ada',
      },
    ]);
    t = complete(def, t.state, '4', { at: at(12) });
    expect(t.state.open.map((o) => o.stepId)).toEqual(['5']);
    expect(t.state.history.filter((e) => e.type === 'returned')).toHaveLength(1);
  });
  it('gives the Dirjen 3 hari as target and 5 hari as deadline', () => {
    const due = dueFor(def, '6', localInstant(cal, '2025-07-07T10:00'), cal);
    expect(due && [formatLocal(cal, due.target), formatLocal(cal, due.deadline)]).toEqual([
      '2025-07-10 10:00 WIB',
      '2025-07-14 10:00 WIB',
    ]);
  });
});

describe('Sumatera Barat: a linear audit', () => {
  const def = loadShipped('sumatera-barat');
  it('runs all 13 steps up to the Governor and the Dirjen', () => {
    const r = walk(def);
    expect(r.path).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']);
    expect(assigneeOf(def, '12')).toEqual({ org: 'office', role: 'kepala_daerah' });
    expect(assigneeOf(def, '13')).toEqual({ org: 'pusat', role: 'dirjen' });
  });
  it('returns a step by default to the step that led to it', () => {
    let t = start(def, at(0));
    for (const [i, s] of ['1', '2', '3', '4', '5'].entries()) t = complete(def, t.state, s, { at: at(i + 1) });
    t = returnForRevision(def, t.state, '6', { reason: 'Data dukung kurang', at: at(9) });
    expect(t.state.open.map((o) => [o.stepId, o.via])).toEqual([['5', 'revision']]);
    expect(codeOf(() => returnForRevision(def, start(def, at(0)).state, '1', { reason: 'x', at: at(1) }))).toBe(
      'sop.nothing_to_return_to',
    );
  });
});

describe('Kebumen: the Dirjen approves or refuses', () => {
  const def = loadShipped('kebumen');
  it('ends done when approved, through the appended approval, signing, activation and juknis steps', () => {
    const r = walk(def, { '3': ['setuju'], gerbang_persetujuan: ['setuju'] });
    expect(r.path).toEqual([
      '1',
      '2',
      '3:setuju',
      '4',
      '5',
      'gerbang_persetujuan:setuju',
      'gerbang_tandatangan',
      'gerbang_berlaku',
      'gerbang_juknis',
      '6',
      '7',
    ]);
    expect(r.state.ended).toMatchObject({ endId: 'selesai', outcome: 'selesai' });
  });
  it('ends refused, after forwarding the refusal, when the Dirjen refuses the application', () => {
    const r = walk(def, { '3': ['tolak'] });
    expect(r.path).toEqual(['1', '2', '3:tolak', '4-tolak']);
    expect(r.state.ended).toMatchObject({ endId: 'ditolak', outcome: 'ditolak' });
  });
  it('ends refused when the Dirjen refuses the PKS text at the appended approval', () => {
    const r = walk(def, { '3': ['setuju'], gerbang_persetujuan: ['tolak'] });
    expect(r.path).toEqual(['1', '2', '3:setuju', '4', '5', 'gerbang_persetujuan:tolak']);
    expect(r.state.ended).toMatchObject({ endId: 'ditolak', outcome: 'ditolak' });
    expect(assigneeOf(def, 'gerbang_persetujuan')).toEqual({ org: 'pusat', role: 'dirjen' });
  });
  it('sends the whole-organisation steps to the declared role, and pauses the clock when returned to the applicant', () => {
    expect(assigneeOf(def, '2')).toEqual({ org: 'office', role: 'kabid' });
    let t = start(def, at(0));
    t = complete(def, t.state, '1', { at: at(1) });
    t = returnForRevision(def, t.state, '2', { reason: 'Elemen data belum disebut', at: at(2) });
    const open = t.state.open[0];
    expect(open && pausesClock(def, open)).toBe(true);
    t = complete(def, t.state, '1', { at: at(3) });
    expect(t.state.open[0] && pausesClock(def, t.state.open[0])).toBe(false);
  });
  it("has no due time for the steps under Kemendagri's control", () => {
    expect(dueFor(def, '3', T0, cal)).toBeNull();
    expect(dueFor(def, 'gerbang_persetujuan', T0, cal)).toBeNull();
    expect(dueFor(def, '2', T0, cal)).not.toBeNull();
  });
});

describe('Padang Pariaman: the Bupati decides Ya/Tidak', () => {
  const def = loadShipped('padang-pariaman');
  it('runs to the end on Ya', () => {
    expect(walk(def, { '2': ['Ya'], gerbang_persetujuan: ['setuju'] }).path).toEqual([
      '1',
      '2:Ya',
      '3',
      '4',
      '5',
      'gerbang_persetujuan:setuju',
      'gerbang_tandatangan',
      'gerbang_berlaku',
      'gerbang_juknis',
      '6',
      '7',
    ]);
  });
  it('ends refused on Tidak', () => {
    const r = walk(def, { '2': ['tidak'] });
    expect(r.path).toEqual(['1', '2:tidak']);
    expect(r.state.ended?.outcome).toBe('ditolak');
    expect(assigneeOf(def, '2')).toEqual({ org: 'office', role: 'kepala_daerah' });
  });
  it('returns the PKS step to the application check', () => {
    let t = start(def, at(0));
    t = complete(def, t.state, '1', { at: at(1) });
    t = complete(def, t.state, '2', { decision: 'Ya', at: at(2) });
    t = complete(def, t.state, '3', { at: at(3) });
    t = complete(def, t.state, '4', { at: at(4) });
    t = returnForRevision(def, t.state, '5', { reason: 'Aplikasi belum siap', at: at(5) });
    expect(t.state.open.map((o) => o.stepId)).toEqual(['4']);
  });
});

describe('Sibolga: starts from the juknis', () => {
  const def = loadShipped('sibolga');
  it('runs to the end when the juknis matches the PKS', () => {
    expect(walk(def, { '2': ['Sesuai'], gerbang_persetujuan: ['setuju'] }).path).toEqual([
      '1',
      '2:Sesuai',
      'gerbang_naskah',
      'gerbang_persetujuan:setuju',
      'gerbang_tandatangan',
      'gerbang_berlaku',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
    ]);
  });
  it('loops back to the user when it does not', () => {
    const r = walk(def, { '2': ['Tidak sesuai', 'Sesuai'], gerbang_persetujuan: ['setuju'] });
    expect(r.path.slice(0, 5)).toEqual(['1', '2:Tidak sesuai', '1', '2:Sesuai', 'gerbang_naskah']);
    expect(r.state.ended?.outcome).toBe('selesai');
  });
  it('pauses the clock while the decision loop waits on the user, and not otherwise', () => {
    let t = start(def, at(0));
    expect(t.state.open[0] && pausesClock(def, t.state.open[0])).toBe(false);
    t = complete(def, t.state, '1', { at: at(1) });
    t = complete(def, t.state, '2', { decision: 'Tidak sesuai', at: at(2) });
    expect(t.opened).toEqual([{ stepId: '1', openedAt: at(2).toISOString(), via: 'flow', loop: true }]);
    expect(t.opened[0] && pausesClock(def, t.opened[0])).toBe(true);
    t = complete(def, t.state, '1', { at: at(3) });
    t = complete(def, t.state, '2', { decision: 'Sesuai', at: at(4) });
    expect(t.opened).toEqual([{ stepId: 'gerbang_naskah', openedAt: at(4).toISOString(), via: 'flow' }]);
    expect(t.opened[0] && pausesClock(def, t.opened[0])).toBe(false);
  });
  it('gives the Dirjen 14 working days', () => {
    const due = dueFor(def, '6', localInstant(cal, '2025-12-15T09:00'), cal);
    // 15 Dec 2025 + 14 hari kerja skips weekends, Christmas and New Year: 6 January 2026.
    expect(due && formatLocal(cal, due.deadline)).toBe('2026-01-06 09:00 WIB');
  });
});

describe('transitions refuse what cannot happen', () => {
  const def = loadShipped('bengkulu');
  it('refuses completing a step that is not open, twice, or after the end', () => {
    const t = start(def, at(0));
    expect(codeOf(() => complete(def, t.state, '3', { at: at(1) }))).toBe('sop.step_not_open');
    const t1 = complete(def, t.state, '1', { at: at(1) });
    expect(codeOf(() => complete(def, t1.state, '1', { at: at(2) }))).toBe('sop.step_not_open');
    const done = walk(def, { '5': ['Lengkap'], '6': ['setuju'] }).state;
    expect(codeOf(() => complete(def, done, '9', { at: at(99) }))).toBe('sop.case_ended');
  });
  it('requires a known branch at a decision, and none elsewhere', () => {
    let t = start(def, at(0));
    for (const [i, s] of ['1', '2a', '2b', '3', '4'].entries()) t = complete(def, t.state, s, { at: at(i + 1) });
    expect(codeOf(() => complete(def, t.state, '5', { at: at(9) }))).toBe('sop.decision_required');
    expect(codeOf(() => complete(def, t.state, '5', { decision: 'Mungkin', at: at(9) }))).toBe('sop.unknown_branch');
    expect(codeOf(() => complete(def, start(def, at(0)).state, '1', { decision: 'Ya', at: at(1) }))).toBe(
      'sop.not_a_decision',
    );
  });
  it('refuses a return without a reason or to a step not yet done', () => {
    let t = start(def, at(0));
    t = complete(def, t.state, '1', { at: at(1) });
    expect(codeOf(() => returnForRevision(def, t.state, '2a', { reason: ' ', at: at(2) }))).toBe('sop.reason_required');
    expect(codeOf(() => returnForRevision(def, t.state, '2a', { to: '9', reason: 'x', at: at(2) }))).toBe(
      'sop.return_to_undone_step',
    );
  });
  it('keeps the state plain JSON', () => {
    const s = walk(def, { '5': ['Lengkap'], '6': ['setuju'] }).state;
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('a decision loop back to an earlier step', () => {
  const def = defOf(baseFile());
  it('pauses the clock when it goes back to a step of the institution', () => {
    let t = complete(def, start(def, at(0)).state, 'a', { at: at(1) });
    t = complete(def, t.state, 'b', { decision: 'Tidak', at: at(2) });
    const back = t.state.open[0];
    expect(back).toEqual({ stepId: 'a', openedAt: at(2).toISOString(), via: 'flow', loop: true });
    expect(back && pausesClock(def, back)).toBe(true);
    t = complete(def, t.state, 'a', { at: at(3) });
    expect(t.state.open[0] && pausesClock(def, t.state.open[0])).toBe(false);
    t = complete(def, t.state, 'b', { decision: 'Ya', at: at(4) });
    expect(t.opened).toEqual([{ stepId: 'c', openedAt: at(4).toISOString(), via: 'flow' }]);
    expect(t.opened[0] && pausesClock(def, t.opened[0])).toBe(false);
  });
  it('does not pause the clock when it goes back to a step of the office', () => {
    const f = baseFile();
    f.steps[0] = { ...f.steps[0], pelaksana: 'kadis' };
    const office = defOf(f);
    let t = complete(office, start(office, at(0)).state, 'a', { at: at(1) });
    t = complete(office, t.state, 'b', { decision: 'Tidak', at: at(2) });
    expect(t.opened[0]).toMatchObject({ stepId: 'a', loop: true });
    expect(t.opened[0] && pausesClock(office, t.opened[0])).toBe(false);
  });
});

describe('parallel steps (fork and join)', () => {
  const f = baseFile();
  f.steps = [
    { id: 'a', kegiatan: 'Disposisi', pelaksana: 'kadis', waktu: '10 menit', next: ['b', 'c'] },
    { id: 'b', kegiatan: 'Cek aplikasi', pelaksana: 'staf', waktu: '1 hari', next: 'd' },
    {
      id: 'c',
      kegiatan: 'Siapkan PKS',
      pelaksana: 'lembaga',
      waktu: '2 jam',
      decision: {
        question: 'Siap?',
        branches: [
          { label: 'Ya', to: 'd' },
          { label: 'Batal', to: 'batal' },
        ],
      },
    },
    { id: 'd', kegiatan: 'Koneksi', pelaksana: 'kadis', waktu: '1 jam', join: ['b', 'c'], next: 'selesai' },
  ];
  f.ends = [
    { id: 'selesai', label: 'Selesai', outcome: 'selesai' },
    { id: 'batal', label: 'Batal', outcome: 'batal' },
  ];
  const def = defOf(f);

  it('opens both branches and the join only when both are done', () => {
    let t = complete(def, start(def, at(0)).state, 'a', { at: at(1) });
    expect(t.opened.map((o) => o.stepId)).toEqual(['b', 'c']);
    t = complete(def, t.state, 'b', { at: at(2) });
    expect(t.opened).toEqual([]);
    expect(t.state.arrived).toEqual({ d: ['b'] });
    t = complete(def, t.state, 'c', { decision: 'Ya', at: at(3) });
    expect(t.opened.map((o) => o.stepId)).toEqual(['d']);
    t = complete(def, t.state, 'd', { at: at(4) });
    expect(t.ended?.id).toBe('selesai');
  });

  it('ends the case from one branch, closing the other', () => {
    let t = complete(def, start(def, at(0)).state, 'a', { at: at(1) });
    t = complete(def, t.state, 'c', { decision: 'Batal', at: at(2) });
    expect(t.ended?.outcome).toBe('batal');
    expect(t.closed).toEqual(['b']);
  });

  it('simulates the branches side by side', () => {
    const sim = simulate(def, { start: T0, calendar: cal });
    expect(sim.steps.map((s) => s.stepId)).toEqual(['a', 'c', 'b', 'd']);
    // d opens when the slower branch (1 hari) is done.
    expect(formatLocal(cal, sim.finishedAt)).toBe('2025-07-08 09:10 WIB');
  });
});

describe('simulate', () => {
  it('takes the first branch unless chosen, with due times on the office calendar', () => {
    const def = loadShipped('kebumen');
    const sim = simulate(def, { start: localInstant(cal, '2025-07-07T08:00'), calendar: cal });
    expect(sim.steps.map((s) => s.stepId)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      'gerbang_persetujuan',
      'gerbang_tandatangan',
      'gerbang_berlaku',
      'gerbang_juknis',
      '6',
      '7',
    ]);
    expect(sim.steps.filter((s) => s.decision).map((s) => [s.stepId, s.decision])).toEqual([
      ['3', 'setuju'],
      ['gerbang_persetujuan', 'setuju'],
    ]);
    expect(sim.end?.id).toBe('selesai');
    expect(sim.withoutStandardTime).toEqual(['3', 'gerbang_persetujuan']);
    // 5 menit + 1 hari + (3: none) + 1 jam + 1 hari + (W1: none) + 1 hari + 1 jam + 1 hari + 2 jam + 1 hari,
    // from Monday 08:00 on working days: the following Monday 12:05.
    expect(formatLocal(cal, sim.finishedAt)).toBe('2025-07-14 12:05 WIB');
    const refused = simulate(def, { start: T0, calendar: cal, choices: { '3': ['tolak'] } });
    expect(refused.steps.map((s) => s.stepId)).toEqual(['1', '2', '3', '4-tolak']);
    expect(refused.end?.outcome).toBe('ditolak');
    const pksRefused = simulate(def, { start: T0, calendar: cal, choices: { gerbang_persetujuan: ['tolak'] } });
    expect(pksRefused.steps.at(-1)?.stepId).toBe('gerbang_persetujuan');
    expect(pksRefused.end?.outcome).toBe('ditolak');
  });

  it('uses choices visit by visit, then the first branch', () => {
    const def = loadShipped('sibolga');
    const sim = simulate(def, { start: T0, calendar: cal, choices: { '2': ['Tidak sesuai', 'Tidak sesuai'] } });
    expect(sim.steps.filter((s) => s.stepId === '2').map((s) => s.decision)).toEqual([
      'Tidak sesuai',
      'Tidak sesuai',
      'Sesuai',
    ]);
  });

  it('stops a loop chosen forever and refuses choices it cannot use', () => {
    const def = loadShipped('bengkulu');
    const sim = simulate(def, {
      start: T0,
      calendar: cal,
      choices: { '5': Array<string>(400).fill('Tidak lengkap') },
      maxSteps: 50,
    });
    expect(sim.truncated).toBe(true);
    expect(codeOf(() => simulate(def, { start: T0, calendar: cal, choices: { '4': ['Ya'] } }))).toBe(
      'sop.not_a_decision',
    );
    expect(codeOf(() => simulate(def, { start: T0, calendar: cal, choices: { '5': ['Mungkin'] } }))).toBe(
      'sop.unknown_branch',
    );
  });
});

describe('a decision branch that opens parallel steps', () => {
  const file = (join: boolean) => `${sopHead({ code: 'uji.cabang-paralel', region: '33.05', name: 'Uji' })}pelaksana:
  - { code: kabid, name: Kabid, kind: office, role: kabid }
  - { code: kasi, name: Kasi, kind: office, role: kasi }
steps:
  - id: '1'
    kegiatan: Menelaah
    pelaksana: kabid
    waktu: 1 jam
    decision:
      question: Perlu rapat dan uji?
      branches:
        - { label: Ya, to: ['2a', '2b'] }
        - { label: Tidak, to: ditolak }
  - { id: '2a', kegiatan: Rapat, pelaksana: kabid, waktu: 1 jam, next: ${join ? "'3'" : 'selesai'} }
  - { id: '2b', kegiatan: Uji, pelaksana: kasi, waktu: 1 jam, next: ${join ? "'3'" : 'selesai'} }
${join ? "  - { id: '3', kegiatan: Simpulan, pelaksana: kabid, join: ['2a', '2b'], waktu: 1 jam, next: selesai }\n" : ''}ends:
  - { id: selesai, label: Selesai, outcome: selesai }
  - { id: ditolak, label: Ditolak, outcome: ditolak }
`;

  it('opens both steps, and the join waits for both', () => {
    const r = parseSop(file(true), 'paralel.yaml');
    expect(r.errors).toEqual([]);
    const def = r.definition as SopDefinition;
    const at = new Date('2026-03-02T02:00:00Z');
    let t = start(def, at);
    t = complete(def, t.state, '1', { decision: 'Ya', at });
    expect(t.opened.map((o) => o.stepId)).toEqual(['2a', '2b']);
    t = complete(def, t.state, '2a', { at });
    expect(t.opened).toEqual([]);
    t = complete(def, t.state, '2b', { at });
    expect(t.opened.map((o) => o.stepId)).toEqual(['3']);
    expect(complete(def, t.state, '3', { at }).ended?.outcome).toBe('selesai');
  });

  it('warns when the parallel branches run into an end without meeting', () => {
    const r = parseSop(file(false), 'tanpa-join.yaml');
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('fork_ends_without_join');
  });
});
