import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseFile, loadShipped, sopHead, SOP_FILES } from './fixtures.test-helpers.js';
import { parseSop } from './load.js';
import { checkSop, formatIssue } from './validate.js';
import { formatDuration, parseWaktu } from './waktu.js';

function codes(raw: unknown): string[] {
  return checkSop(raw, 'uji.yaml').errors.map((e) => e.code);
}

describe('parseWaktu', () => {
  it('reads the units printed in the seeds', () => {
    const read = (t: string) => {
      const r = parseWaktu(t);
      if (!r.ok) throw new Error(r.problem.code);
      return r.waktu;
    };
    expect(read('5 Menit').target).toEqual({ calendarDays: 0, workingDays: 0, minutes: 5 });
    expect(read('180 Menit').target.minutes).toBe(180);
    expect(read('1 jam').target.minutes).toBe(60);
    expect(read('3 Hari').target.workingDays).toBe(3);
    expect(read('14 hari kerja').target.workingDays).toBe(14);
    expect(read('3 hari 3 jam').target).toEqual({ calendarDays: 0, workingDays: 3, minutes: 180 });
    const range = read('3-5 hari');
    expect([range.target.workingDays, range.deadline.workingDays, range.range]).toEqual([3, 5, true]);
    expect(read('1 – 4 hari').deadline.workingDays).toBe(4);
  });

  it('counts plain hari as calendar days only when the SOP says so', () => {
    const r = parseWaktu('2 hari', 'kalender');
    expect(r.ok && r.waktu.target).toEqual({ calendarDays: 2, workingDays: 0, minutes: 0 });
    const k = parseWaktu('2 hari kerja', 'kalender');
    expect(k.ok && k.waktu.target.workingDays).toBe(2);
  });

  it('refuses what it would have to guess', () => {
    const problem = (t: string) => {
      const r = parseWaktu(t);
      return r.ok ? 'ok' : r.problem.code;
    };
    expect(problem('5')).toBe('waktu_no_unit');
    expect(problem('1 4 hari')).toBe('waktu_ambiguous');
    expect(problem('5-3 hari')).toBe('waktu_range_reversed');
    expect(problem('0,5 hari')).toBe('waktu_fraction_of_day');
    expect(problem('segera')).toBe('waktu_unreadable');
    expect(problem('1,5 jam')).toBe('ok');
  });

  it('formats durations for people', () => {
    expect(formatDuration({ calendarDays: 0, workingDays: 3, minutes: 185 })).toBe('3 hari kerja 3 jam 5 menit');
  });
});

describe('the five shipped SOPs', () => {
  it.each(SOP_FILES)('%s checks without errors', (name) => {
    expect(() => loadShipped(name)).not.toThrow();
  });

  it('keep printed numbers that repeat (Bengkulu has two steps "2") with unique ids', () => {
    const def = loadShipped('bengkulu');
    expect(def.steps.filter((s) => s.no === '2').map((s) => s.id)).toEqual(['2a', '2b']);
  });

  it('warn that Kebumen\'s declared "3 hari 3 jam" differs from the sum of its own steps, 3 hari 4 jam 5 menit', () => {
    const file = 'sops/kebumen.yaml';
    const r = parseSop(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'), file);
    const mismatch = r.warnings.filter((w) => w.code === 'total_mismatch');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]?.message.en).toBe(
      'declared total "3 hari 3 jam" differs from the sum of the steps\' standard times: 3 hari kerja 4 jam 5 menit',
    );
    const def = loadShipped('kebumen');
    expect(def.declaredTotal?.text).toBe('3 hari 3 jam');
    // The definition's sum also counts the appended steps: 1 hari (signing) + 1 jam (activation) + 1 hari (juknis).
    expect(formatDuration(def.sumOfStandardTimes.target)).toBe('5 hari kerja 5 jam 5 menit');
  });

  it('append the missing minimum steps where the lifecycle puts them', () => {
    const ids = (n: (typeof SOP_FILES)[number]) => loadShipped(n).steps.map((s) => s.id);
    expect(ids('kebumen')).toEqual([
      '1',
      '2',
      '3',
      '4',
      '4-tolak',
      '5',
      'gerbang_persetujuan',
      'gerbang_tandatangan',
      'gerbang_berlaku',
      'gerbang_juknis',
      '6',
      '7',
    ]);
    expect(ids('bengkulu').slice(-3)).toEqual(['9', 'gerbang_berlaku', 'gerbang_juknis']);
    expect(ids('sibolga').slice(0, 7)).toEqual([
      '1',
      '2',
      'gerbang_naskah',
      'gerbang_persetujuan',
      'gerbang_tandatangan',
      'gerbang_berlaku',
      '3',
    ]);
    // A control SOP has no PKS: nothing is appended.
    expect(loadShipped('sumatera-barat').steps.some((s) => s.standard)).toBe(false);
  });

  it('give each office its region and each organisation pelaksana a receiving role', () => {
    expect(
      ['bengkulu', 'sumatera-barat', 'kebumen', 'padang-pariaman', 'sibolga'].map(
        (n) => loadShipped(n as 'kebumen').office.region,
      ),
    ).toEqual(['17', '13', '33.05', '13.05', '12.73']);
    const kebumen = loadShipped('kebumen');
    expect(kebumen.pelaksana.find((p) => p.code === 'disdukcapil')?.assignee).toEqual({ org: 'office', role: 'kabid' });
  });

  it('read Padang Pariaman\'s "1 4 hari" as 1-4 hari and keep the printed text', () => {
    const s = loadShipped('padang-pariaman').steps.find((x) => x.id === '5');
    expect(s?.waktuTertulis).toBe('1 4 hari');
    expect(s?.waktu.kind === 'standard' && [s.waktu.target.workingDays, s.waktu.deadline.workingDays]).toEqual([1, 4]);
  });
});

describe('checkSop refuses a broken definition', () => {
  it('accepts the base fixture', () => {
    expect(checkSop(baseFile(), 'uji.yaml').errors).toEqual([]);
  });

  it('names the file, the step and the problem for an unknown pelaksana', () => {
    const f = baseFile();
    f.steps[1] = { ...f.steps[1], pelaksana: 'kasi_hantu' };
    const r = checkSop(f, 'uji.yaml');
    const e = r.errors.find((x) => x.code === 'unknown_actor');
    expect(e).toMatchObject({ file: 'uji.yaml', stepId: 'b' });
    expect(formatIssue(e ?? r.errors[0]!)).toBe('uji.yaml: error: step b: unknown pelaksana "kasi_hantu"');
  });

  it('refuses an unknown role, unless the SOP declares it as an office role', () => {
    const f = baseFile();
    f.pelaksana.push({ code: 'monev', name: 'Kasi Monev', kind: 'office', role: 'kasi_monev' });
    f.steps[2] = { ...f.steps[2], pelaksana: ['kadis', 'monev'] };
    expect(codes(f)).toContain('unknown_role');
    f.officeRoles = [{ code: 'kasi_monev', name: 'Kasi Monev' }];
    expect(codes(f)).toEqual([]);
    // Checked for one office that lacks the role, it is refused again.
    expect(checkSop(f, 'uji.yaml', { officeRoles: ['kadis', 'staf'] }).errors.map((e) => e.code)).toContain(
      'office_lacks_role',
    );
    f.pelaksana.push({ code: 'x', name: 'X', kind: 'institution', role: 'kadis' });
    expect(codes(f)).toContain('unknown_role');
  });

  it('requires assignTo for a whole organisation', () => {
    const f = baseFile();
    f.pelaksana.push({ code: 'dinas', name: 'Disdukcapil', kind: 'organisation' });
    expect(codes(f)).toContain('organisation_without_assign_to');
  });

  it('finds a branch to nowhere, a next to nowhere and a step that leads nowhere', () => {
    const f = baseFile();
    f.steps[1] = {
      ...f.steps[1],
      decision: {
        question: '?',
        branches: [
          { label: 'Ya', to: 'c' },
          { label: 'Tidak', to: 'zz' },
        ],
      },
    };
    f.steps[2] = { id: 'c', kegiatan: 'x', pelaksana: 'kadis', waktu: '1 jam' };
    const r = checkSop(f, 'uji.yaml');
    expect(r.errors.map((e) => [e.code, e.stepId])).toEqual(
      expect.arrayContaining([
        ['unknown_target', 'b'],
        ['no_next', 'c'],
      ]),
    );
    expect(r.errors.find((e) => e.code === 'unknown_target')?.message.en).toBe(
      'step b: branch "Tidak" goes to "zz", which does not exist',
    );
  });

  it('finds an unreachable step', () => {
    const f = baseFile();
    f.steps.push({ id: 'd', kegiatan: 'Yatim', pelaksana: 'staf', waktu: '1 jam', next: 'selesai' });
    expect(checkSop(f, 'uji.yaml').errors.map((e) => [e.code, e.stepId])).toEqual([['unreachable_step', 'd']]);
  });

  it('finds a duration without a unit and an ambiguous one', () => {
    const f = baseFile();
    f.steps[0] = { ...f.steps[0], waktu: 5 };
    f.steps[2] = { ...f.steps[2], waktu: '1 4 hari' };
    const r = checkSop(f, 'uji.yaml');
    expect(r.errors.map((e) => [e.code, e.stepId])).toEqual([
      ['waktu_no_unit', 'a'],
      ['waktu_ambiguous', 'c'],
    ]);
  });

  it('refuses duplicate ids even though printed numbers may repeat', () => {
    const f = baseFile();
    f.steps[2] = { ...f.steps[2], id: 'b', no: '2' };
    expect(codes(f)).toContain('duplicate_id');
    const g = baseFile();
    g.steps[2] = { ...g.steps[2], no: 'b' };
    expect(codes(g)).toEqual([]);
  });

  it('refuses a definition with no end, or a loop with no way out', () => {
    const f = baseFile();
    f.ends = [];
    expect(codes(f)).toContain('no_end');
    const g = baseFile();
    g.steps[2] = { ...g.steps[2], next: 'a' };
    g.ends = [{ id: 'selesai', label: 'Selesai', outcome: 'selesai' }];
    expect(codes(g)).toEqual(expect.arrayContaining(['no_end']));
  });

  it('requires a join where parallel branches meet', () => {
    const f = baseFile();
    f.steps = [
      { id: 'a', kegiatan: 'Mulai', pelaksana: 'kadis', waktu: '1 jam', next: ['b', 'c'] },
      { id: 'b', kegiatan: 'B', pelaksana: 'staf', waktu: '1 jam', next: 'd' },
      { id: 'c', kegiatan: 'C', pelaksana: 'lembaga', waktu: '1 jam', next: 'd' },
      { id: 'd', kegiatan: 'D', pelaksana: 'kadis', waktu: '1 jam', next: 'selesai' },
    ];
    expect(codes(f)).toEqual(['fork_without_join']);
    f.steps[3] = { ...f.steps[3], join: ['b', 'c'] };
    expect(codes(f)).toEqual([]);
    f.steps[3] = { ...f.steps[3], join: ['b', 'a'] };
    expect(codes(f)).toContain('join_not_predecessor');
  });

  it('reports schema problems with the step they are in', () => {
    const f = baseFile();
    f.steps[1] = { ...f.steps[1], kegiatan: 42 };
    const r = checkSop(f, 'uji.yaml');
    expect(r.errors[0]).toMatchObject({ code: 'schema', stepId: 'b', path: '/steps/1/kegiatan' });
  });

  it('reports YAML syntax errors with the file name', () => {
    const r = parseSop('steps: [\n  - a', 'rusak.yaml');
    expect(r.errors[0]).toMatchObject({ code: 'yaml', file: 'rusak.yaml' });
  });

  it('warns about a pelaksana with no step', () => {
    const f = baseFile();
    f.pelaksana.push({ code: 'adb', name: 'ADB', kind: 'office', role: 'adb' });
    const r = checkSop(f, 'uji.yaml');
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['actor_without_step']);
  });
});

describe('actions and purposes', () => {
  it('refuses an unknown action word and suggests the nearest one', () => {
    const f = baseFile();
    f.purpose = 'application';
    f.steps[2] = { ...f.steps[2], actions: ['pks.aprove'] };
    const r = checkSop(f, 'uji.yaml');
    expect(r.definition).toBeUndefined();
    const e = r.errors.find((x) => x.code === 'unknown_action');
    expect(e).toMatchObject({ stepId: 'c', path: '/steps/2/actions/0' });
    expect(e?.message.en).toContain('unknown action "pks.aprove"; did you mean "pks.approve"?');
    expect(e?.message.id).toContain('maksudnya "pks.approve"?');
    f.steps[2] = { ...f.steps[2], actions: [{ produce: 'sk_tm' }] };
    expect(checkSop(f, 'uji.yaml').errors.find((x) => x.code === 'unknown_action')?.message.en).toContain(
      'did you mean "sk_tim"?',
    );
  });

  it('refuses pks.approve held by anyone but the Dirjen', () => {
    const f = baseFile();
    f.purpose = 'application';
    f.steps[1] = {
      ...f.steps[1],
      decision: {
        question: 'Disetujui?',
        branches: [
          { label: 'setuju', to: 'c', actions: ['pks.approve'] },
          { label: 'Tidak', to: 'a' },
        ],
      },
    };
    const r = checkSop(f, 'uji.yaml');
    expect(r.errors.map((e) => [e.code, e.stepId])).toEqual([['action_holder', 'b']]);
    expect(r.errors[0]?.message.en).toContain('pks.approve can only be done by the Director General');
    // The same decision held by a Dirjen pelaksana is accepted.
    f.pelaksana.push({ code: 'dirjen', name: 'Dirjen Dukcapil', kind: 'dirjen' });
    f.steps[1] = { ...f.steps[1], pelaksana: 'dirjen' };
    expect(codes(f)).toEqual([]);
    // And it stays a decision: pks.approve on a plain step is refused even for the Dirjen.
    f.steps[2] = { ...f.steps[2], pelaksana: 'dirjen', actions: ['pks.approve'] };
    expect(codes(f)).toContain('approve_needs_decision');
  });

  it('appends the standard steps to an application SOP without any PKS step, in lifecycle order before selesai', () => {
    const f = baseFile();
    f.purpose = 'application';
    const r = checkSop(f, 'uji.yaml');
    expect(r.errors).toEqual([]);
    const appended = [
      'gerbang_naskah',
      'gerbang_persetujuan',
      'gerbang_tandatangan',
      'gerbang_berlaku',
      'gerbang_juknis',
    ];
    expect(r.warnings.map((w) => [w.code, w.stepId])).toEqual(appended.map((id) => ['minimum_appended', id]));
    expect(r.warnings[1]?.message.en).toContain(
      'this SOP lacks the required step "pks.approve"; Gerbang appends the standard step "gerbang_persetujuan"',
    );
    const def = r.definition;
    if (!def) throw new Error('no definition');
    expect(def.steps.map((s) => [s.id, s.no])).toEqual([
      ['a', 'a'],
      ['b', 'b'],
      ['c', 'c'],
      ['gerbang_naskah', 'W1'],
      ['gerbang_persetujuan', 'W2'],
      ['gerbang_tandatangan', 'W3'],
      ['gerbang_berlaku', 'W4'],
      ['gerbang_juknis', 'W5'],
    ]);
    const step = (id: string) => def.steps.find((s) => s.id === id);
    // Each step leads to the next, the last to the selesai end; c no longer ends the case.
    expect(step('c')?.flow).toEqual({ type: 'next', to: ['gerbang_naskah'] });
    expect(step('gerbang_naskah')?.flow).toEqual({ type: 'next', to: ['gerbang_persetujuan'] });
    expect(step('gerbang_tandatangan')?.flow).toEqual({ type: 'next', to: ['gerbang_berlaku'] });
    expect(step('gerbang_berlaku')?.flow).toEqual({ type: 'next', to: ['gerbang_juknis'] });
    expect(step('gerbang_juknis')?.flow).toEqual({ type: 'next', to: ['selesai'] });
    // The approval is the Dirjen's decision; a refusal ends at an added ditolak end.
    const approval = step('gerbang_persetujuan');
    expect(approval?.pelaksana).toEqual(['gerbang_dirjen']);
    expect(approval?.flow.type === 'decision' && approval.flow.branches.map((b) => [b.label, b.to])).toEqual([
      ['setuju', ['gerbang_tandatangan']],
      ['tolak', ['gerbang_ditolak']],
    ]);
    expect(def.ends.find((e) => e.id === 'gerbang_ditolak')?.outcome).toBe('ditolak');
    // Both parties sign jointly: the SOP's own Kepala Dinas and the institution.
    expect(step('gerbang_tandatangan')).toMatchObject({ pelaksana: ['kadis', 'lembaga'], joint: true });
    expect(step('gerbang_berlaku')?.pelaksana).toEqual(['gerbang_kabid']);
    expect(def.steps.map((s) => s.actions.map((a) => a.type))).toEqual([
      [],
      [],
      [],
      ['pks.draft'],
      [],
      ['pks.sign'],
      ['pks.activate'],
      ['juknis.approve'],
    ]);
    // Their times count in the sum: 1 hari 2 jam 30 menit of its own, + 1 hari + 1 hari + 1 jam + 1 hari.
    expect(formatDuration(def.sumOfStandardTimes.target)).toBe('4 hari kerja 3 jam 30 menit');
  });

  it('appends only approval and signing to a pks_change SOP, and nothing to a control SOP', () => {
    const f = baseFile();
    f.purpose = 'pks_change';
    // The change text is drafted in step c (the docs and minimum.ts differ on whether pks_change requires pks.draft).
    f.steps[2] = { ...f.steps[2], actions: ['pks.draft'] };
    const change = checkSop(f, 'uji.yaml');
    expect(change.errors).toEqual([]);
    expect(change.warnings.map((w) => [w.code, w.stepId])).toEqual([
      ['minimum_appended', 'gerbang_persetujuan'],
      ['minimum_appended', 'gerbang_tandatangan'],
    ]);
    expect(change.definition?.steps.map((s) => s.id)).toEqual([
      'a',
      'b',
      'c',
      'gerbang_persetujuan',
      'gerbang_tandatangan',
    ]);
    const g = baseFile();
    g.purpose = 'control';
    const control = checkSop(g, 'uji.yaml');
    expect(control.warnings).toEqual([]);
    expect(control.definition?.steps.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a PKS action in an SOP whose purpose has no PKS', () => {
    const f = baseFile();
    f.steps[2] = { ...f.steps[2], actions: ['pks.activate'] };
    expect(checkSop(f, 'uji.yaml').errors.map((e) => [e.code, e.stepId])).toEqual([['action_needs_purpose', 'c']]);
    f.purpose = 'control';
    expect(codes(f)).toEqual(['action_needs_purpose']);
    f.purpose = 'evaluation';
    expect(codes(f)).toEqual(['action_needs_purpose']);
    f.purpose = 'application';
    expect(codes(f)).toEqual([]);
    // application.submit is not a PKS action: allowed whatever the purpose.
    const g = baseFile();
    g.steps[0] = { ...g.steps[0], actions: ['application.submit'] };
    expect(codes(g)).toEqual([]);
  });
});

describe('no path to a good end goes around the law’s minimum', () => {
  const sop = (
    dirjenBranches: string,
  ) => `${sopHead({ code: 'uji.jalan-pintas', purpose: 'pks_change', region: '33.05', name: 'Uji' })}pelaksana:
  - { code: kabid, name: Kabid, kind: office, role: kabid }
  - { code: dirjen, name: Dirjen, kind: dirjen }
  - { code: kadis, name: Kadis, kind: office, role: kadis }
  - { code: lembaga, name: Lembaga, kind: institution }
steps:
  - { id: '1', kegiatan: Naskah, pelaksana: kabid, waktu: 1 hari, actions: [pks.draft], next: '2' }
  - id: '2'
    kegiatan: Dirjen memutuskan
    pelaksana: dirjen
    waktu: 3 hari
    decision:
      question: Setuju?
      branches:
${dirjenBranches}
  - { id: '3', kegiatan: Tanda tangan, pelaksana: [kadis, lembaga], waktu: 1 hari, actions: [pks.sign], next: selesai }
ends:
  - { id: selesai, label: Selesai, outcome: selesai }
  - { id: ditolak, label: Ditolak, outcome: ditolak }
`;

  it('refuses a refusal branch that still leads to signing and selesai', () => {
    const r = parseSop(
      sop(`        - { label: setuju, to: '3', actions: [pks.approve] }
        - { label: tolak, to: '3' }`),
      'jalan-pintas.yaml',
    );
    expect(r.errors.map((e) => e.code)).toContain('minimum_bypassable');
  });

  it('accepts it when the refusal ends the case as refused', () => {
    const r = parseSop(
      sop(`        - { label: setuju, to: '3', actions: [pks.approve] }
        - { label: tolak, to: ditolak }`),
      'lurus.yaml',
    );
    expect(r.errors).toEqual([]);
  });

  it('refuses pks.approve on the step itself, and pks.sign on a branch', () => {
    const onStep = parseSop(
      sop(`        - { label: setuju, to: '3' }
        - { label: tolak, to: ditolak }`).replace('waktu: 3 hari\n', 'waktu: 3 hari\n    actions: [pks.approve]\n'),
      'langkah.yaml',
    );
    expect(onStep.errors.map((e) => e.code)).toContain('approve_needs_decision');
    const signOnBranch = parseSop(
      sop(`        - { label: setuju, to: '3', actions: [pks.approve, pks.sign] }
        - { label: tolak, to: ditolak }`),
      'cabang.yaml',
    );
    expect(signOnBranch.errors.map((e) => e.code)).toContain('action_not_on_branch');
  });
});
