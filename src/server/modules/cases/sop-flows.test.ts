import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  samplePdf,
  uploadFile,
  type Session,
  type TestContext,
} from '../../../../test/harness.js';

interface TaskView {
  id: string;
  stepId: string;
  role: string;
  assigneeOrgId: string;
  status: string;
  via: string;
  sla: string;
  branches: string[];
  kelengkapan: { docType: string; present: boolean }[];
  confirmations: { name: string; type: string }[];
}
interface CaseView {
  id: string;
  status: string;
  outcome: string | null;
  paused: boolean;
  tasks: TaskView[];
  timeline: { type: string; stepId: string | null }[];
  documents: { docType: string; source: string }[];
  totals: { elapsedMinutes: number; standardMinutes: number };
}

/** A plan for driving a case: branch labels per step (used visit by visit) and returns to make. */
interface Plan {
  choices?: Record<string, string[]>;
  /** At the first visit of `at`, return it for revision (to the step that opened it). */
  returnAt?: string;
}

const CONTENT = {
  purpose: 'Verifikasi data kependudukan untuk pelayanan',
  elements: ['nik', 'nama_lengkap', 'tanggal_lahir', 'alamat'],
  methods: ['web_service'],
  dataBalikan: 'Status kesesuaian data',
  durationMonths: 24,
  expectedDailyVolume: 500,
  ipRanges: ['203.0.113.10/32'],
  legalBasis: '',
};

/** The minimum steps Gerbang appends to the Kebumen SOP after its step 5. */
const APPENDED = [
  'gerbang_persetujuan',
  'gerbang_tandatangan',
  'gerbang_tandatangan',
  'gerbang_berlaku',
  'gerbang_juknis',
];

describe.each(DIALECTS)('the five source SOPs end to end through the HTTP API on %s', (kind) => {
  let t: TestContext;
  const sessions = new Map<string, Session>();
  const as = async (username: string) => {
    let s = sessions.get(username);
    if (!s) {
      s = await login(t.app, username);
      sessions.set(username, s);
    }
    return s;
  };
  const orgName = (username: string) => t.users.find((u) => u.username === username)?.organisation.name ?? '';
  const holder = (orgId: string, role: string) => {
    const u = t.users.find((x) => x.organisation.id === orgId && x.roles.includes(role));
    if (!u) throw new Error(`no demo user holds ${role} in ${orgId}`);
    return u.username;
  };
  const viewer = () => as('pusat.dirjen');
  const getCase = async (id: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: (await viewer()).headers })
    ).json() as CaseView;

  async function attach(s: Session, docType: string) {
    const res = await uploadFile(t.app, s, `${docType}.pdf`, await samplePdf(docType));
    expect(res.statusCode).toBe(201);
    return { docType, fileId: res.json().id as string };
  }

  /** Drives a case to its end: each open task is done by a demo user holding its role, attaching what is missing. */
  async function drive(caseId: string, plan: Plan): Promise<CaseView> {
    const choices = Object.fromEntries(Object.entries(plan.choices ?? {}).map(([k, v]) => [k, [...v]]));
    let returned = false;
    for (let i = 0; i < 60; i++) {
      const c = await getCase(caseId);
      if (c.status === 'ended') return c;
      const task = c.tasks.find((x) => x.status === 'open');
      if (!task) throw new Error('open case without open task');
      const s = await as(holder(task.assigneeOrgId, task.role));
      if (plan.returnAt === task.stepId && !returned) {
        returned = true;
        const r = await t.app.inject({
          method: 'POST',
          url: `/api/tasks/${task.id}/return`,
          headers: s.headers,
          payload: { reason: 'Berkas belum lengkap, mohon diperbaiki.' },
        });
        expect(r.statusCode, r.body).toBe(200);
        continue;
      }
      const attachments = [];
      for (const k of task.kelengkapan.filter((x) => !x.present)) attachments.push(await attach(s, k.docType));
      const decision = task.branches.length ? (choices[task.stepId]?.shift() ?? task.branches[0]) : undefined;
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/tasks/${task.id}/complete`,
        headers: s.headers,
        payload: {
          attachments,
          confirmations: task.confirmations.map((x) => x.name),
          comment: `langkah ${task.stepId}`,
          ...(decision ? { decision } : {}),
        },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    throw new Error('case did not end');
  }

  /** Opens a case on an SOP without a bound purpose, as a client does: it has no subject. */
  async function open(username: string, sopCode: string) {
    const s = await as(username);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: s.headers,
      payload: { sopCode, title: `Uji ${sopCode}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  /** An institution applies the real way: a complete application with its letter, submitted; returns its case. */
  async function apply(username: string) {
    const s = await as(username);
    const institutionId = t.users.find((u) => u.username === username)?.organisation.id ?? '';
    const docs = await t.app.inject({
      method: 'GET',
      url: `/api/institutions/${institutionId}/documents`,
      headers: s.headers,
    });
    for (const docType of (docs.json().missing ?? []) as string[]) {
      const add = await t.app.inject({
        method: 'POST',
        url: `/api/institutions/${institutionId}/documents`,
        headers: s.headers,
        payload: { docType, fileId: (await attach(s, docType)).fileId },
      });
      expect(add.statusCode, add.body).toBe(201);
    }
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/applications',
      headers: s.headers,
      payload: { ...CONTENT, userName: orgName(username), letterFileId: (await attach(s, 'Surat Permohonan')).fileId },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/applications/${draft.json().id}/submit`,
      headers: s.headers,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return submitted.json().caseId as string;
  }

  const stepsDone = (c: CaseView) => c.timeline.filter((e) => e.type === 'task_completed').map((e) => e.stepId);

  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it('Bengkulu: verification sends the PKS draft back to the team, then on to the Dirjen and signing', async () => {
    const id = await apply('rsud.pimpinan');
    const c = await drive(id, { choices: { '5': ['Tidak lengkap', 'Lengkap'] }, returnAt: '2b' });
    expect(c.outcome).toBe('selesai');
    // Step 1 is the submission; the joint signing (9) is one task per party; Gerbang appends putting the PKS in
    // force and approving the juknis, which the sheet does not print.
    expect(stepsDone(c)).toEqual([
      '1',
      '2a',
      '2a',
      '2b',
      '3',
      '4',
      '5',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '9',
      'gerbang_berlaku',
      'gerbang_juknis',
    ]);
    expect(
      c.tasks
        .filter((x) => x.stepId === '9')
        .map((x) => x.role)
        .sort(),
    ).toEqual(['kadis', 'pimpinan']);
    expect(c.timeline.filter((e) => e.type === 'task_returned').map((e) => e.stepId)).toEqual(['2b']);
  });

  it('Sumatera Barat: the control audit runs its thirteen steps across the office, the Governor and the Dirjen', async () => {
    const id = await open('sumbar.kabid', 'sumbar.pengendalian-pengamanan-data');
    const c = await drive(id, { returnAt: '4' });
    expect(c.outcome).toBe('selesai');
    expect(new Set(stepsDone(c)).size).toBe(13);
    expect(c.tasks.some((x) => x.role === 'dirjen' && x.status === 'done')).toBe(true);
    expect(c.tasks.some((x) => x.role === 'kepala_daerah' && x.status === 'done')).toBe(true);
  });

  it('Kebumen: approval runs to the handover; a refusal ends the case; a return to the applicant pauses the clock', async () => {
    // Submitting the application completes step 1; the Dirjen decides at step 3.
    const approved = await drive(await apply('dinsos.pimpinan'), { choices: { '3': ['setuju'] } });
    expect(approved.outcome).toBe('selesai');
    // Between step 5 (the PKS text) and step 6 Gerbang appends the Dirjen's approval, the joint signing (one task
    // per party), putting the PKS in force and approving the juknis.
    expect(stepsDone(approved)).toEqual(['1', '2', '3', '4', '5', ...APPENDED, '6', '7']);
    expect(approved.documents.some((d) => d.source === 'produced' && d.docType === 'Tanda terima surat masuk')).toBe(
      true,
    );

    const refused = await drive(await apply('bank.pimpinan'), { choices: { '3': ['tolak'] } });
    expect(refused.outcome).toBe('ditolak');
    expect(stepsDone(refused)).toEqual(['1', '2', '3', '4-tolak']);

    // Step 2 returns to the institution's step 1: the clock pauses while the applicant revises.
    const id = await apply('dinsos.pimpinan');
    const first = await getCase(id);
    expect(stepsDone(first)).toEqual(['1']);
    const kabid = await as('kebumen.kabid');
    const step2 = first.tasks.find((x) => x.stepId === '2' && x.status === 'open');
    const back = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${step2?.id}/return`,
      headers: kabid.headers,
      payload: { reason: 'Lampirkan elemen data yang diminta.' },
    });
    expect(back.statusCode).toBe(200);
    const waiting = await getCase(id);
    expect(waiting.paused).toBe(true);
    expect(waiting.tasks.find((x) => x.status === 'open')).toMatchObject({
      stepId: '1',
      via: 'revision',
      sla: 'paused',
    });
    // The applicant hands the revised letter in and the case runs on.
    const revised = await drive(id, { choices: { '3': ['setuju'] } });
    expect(revised.outcome).toBe('selesai');
    expect(stepsDone(revised)).toEqual(['1', '1', '2', '3', '4', '5', ...APPENDED, '6', '7']);
  });

  it('Padang Pariaman: the Bupati decides Ya or Tidak', async () => {
    const yes = await drive(await apply('rsudpp.pimpinan'), { choices: { '2': ['Ya'] } });
    expect(yes.outcome).toBe('selesai');
    expect(yes.tasks.some((x) => x.role === 'kasi_siak' && x.status === 'done')).toBe(true);
    const no = await drive(await apply('rsudpp.pimpinan'), { choices: { '2': ['Tidak'] } });
    expect(no.outcome).toBe('ditolak');
    expect(stepsDone(no)).toEqual(['1', '2']);
  });

  it('Sibolga: a juknis that does not fit the PKS goes back to the institution, then access is opened and monitored', async () => {
    const id = await apply('bpjs.pimpinan');
    // Step 1 does not complete on submission: the institution's task is open.
    const first = await getCase(id);
    expect(stepsDone(first)).toEqual([]);
    expect(first.tasks.filter((x) => x.status === 'open').map((x) => x.stepId)).toEqual(['1']);
    const c = await drive(id, { choices: { '2': ['Tidak sesuai', 'Sesuai'] } });
    expect(c.outcome).toBe('selesai');
    const done = stepsDone(c);
    expect(done.slice(0, 4)).toEqual(['1', '2', '1', '2']);
    expect(done.at(-1)).toBe('11');
  });

  it('refuses a completion without the kelengkapan, a wrong branch, a second completion, and someone else’s task', async () => {
    const id = await apply('bank.pimpinan');
    // Step 2 is the office's: its kabid forwards the application with its own letter to the Dirjen.
    const task = (await getCase(id)).tasks.find((x) => x.stepId === '2' && x.status === 'open');
    const letter = 'Surat Permohonan kepada Dirjen Dukcapil Kemendagri RI';
    const s = await as('kebumen.kabid');
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task?.id}/complete`,
      headers: s.headers,
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(problem(missing).code).toBe('missing_kelengkapan');
    expect(missing.json().missing).toEqual([letter]);
    // Another institution does not see the case; the office's staf sees it but does not hold the task.
    const other = await as('dinsos.pimpinan');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/tasks/${task?.id}/complete`,
          headers: other.headers,
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
    const staf = await as('kebumen.staf');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/tasks/${task?.id}/complete`,
          headers: staf.headers,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    const wrongType = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task?.id}/complete`,
      headers: s.headers,
      payload: { attachments: [{ docType: 'Surat Cinta', fileId: (await attach(s, letter)).fileId }] },
    });
    expect(problem(wrongType).code).toBe('unknown_doc_type');
    const foreignFile = (await attach(other, letter)).fileId;
    const stolen = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task?.id}/complete`,
      headers: s.headers,
      payload: { attachments: [{ docType: letter, fileId: foreignFile }] },
    });
    expect(stolen.statusCode).toBe(404);
    const payload = { attachments: [await attach(s, letter)] };
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/tasks/${task?.id}/complete`, headers: s.headers, payload }),
      t.app.inject({ method: 'POST', url: `/api/tasks/${task?.id}/complete`, headers: s.headers, payload }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(problem(a.statusCode === 409 ? a : b).code).toBe('task_not_open');
    const after = await getCase(id);
    expect(after.tasks.filter((x) => x.stepId === '3')).toHaveLength(1);
    expect(after.timeline.filter((e) => e.type === 'task_completed').map((e) => e.stepId)).toEqual(['1', '2']);
    // The Dirjen's decision at step 3 must be one of its branches.
    const step3 = after.tasks.find((x) => x.stepId === '3' && x.status === 'open');
    const dirjen = await as('pusat.dirjen');
    const wrongBranch = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${step3?.id}/complete`,
      headers: dirjen.headers,
      payload: { decision: 'mungkin', confirmations: step3?.confirmations.map((x) => x.name) },
    });
    expect(wrongBranch.statusCode).toBe(400);
    expect(problem(wrongBranch).code).toMatch(/branch/);
    const ended = await drive(id, { choices: { '3': ['tolak'] } });
    expect(ended.status).toBe('ended');
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task?.id}/complete`,
      headers: s.headers,
      payload: {},
    });
    expect(twice.statusCode).toBe(409);
    expect(problem(twice).code).toBe('task_not_open');
  });

  it('refuses bad branches and bad input with precise problems', async () => {
    const fresh = await apply('rsudpp.pimpinan');
    const s = await as('rsudpp.pimpinan');
    // Submitting completed step 1; the Bupati decides at step 2.
    const t2 = (await getCase(fresh)).tasks.find((x) => x.status === 'open');
    expect(t2?.stepId).toBe('2');
    const bupati = await as('padangpariaman.bupati');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${t2?.id}/complete`,
      headers: bupati.headers,
      payload: { decision: 'Mungkin', attachments: [], confirmations: t2?.confirmations.map((x) => x.name) },
    });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).code).toMatch(/branch/);
    const noSop = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: s.headers,
      payload: { sopCode: 'tidak-ada', title: 'Tidak ada' },
    });
    expect(noSop.statusCode).toBe(404);
    const badBody = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: s.headers,
      payload: { sopCode: 1 },
    });
    expect(badBody.statusCode).toBe(400);
    // A client names no subject: a case about an application is opened by submitting the application.
    const subject = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: s.headers,
      payload: { sopCode: 'padang-pariaman.hak-akses', title: 'Menyamar', subjectKind: 'application' },
    });
    expect(subject.statusCode).toBe(400);
    expect(problem(subject).code).toBe('validation_failed');
    const direct = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: s.headers,
      payload: { sopCode: 'padang-pariaman.hak-akses', title: 'Langsung' },
    });
    expect(direct.statusCode).toBe(409);
    expect(problem(direct).code).toBe('sop_opened_by_its_service');
  });
});
