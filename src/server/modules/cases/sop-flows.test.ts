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
  const orgOf = (name: string) => t.users.find((u) => u.organisation.name === name)?.organisation.id ?? '';
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
        payload: { attachments, comment: `langkah ${task.stepId}`, ...(decision ? { decision } : {}) },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    throw new Error('case did not end');
  }

  async function open(username: string, sopCode: string, institution?: string) {
    const s = await as(username);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: s.headers,
      payload: {
        sopCode,
        title: `Uji ${sopCode}`,
        subjectKind: 'application',
        ...(institution ? { institutionId: orgOf(institution) } : {}),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  const stepsDone = (c: CaseView) => c.timeline.filter((e) => e.type === 'task_completed').map((e) => e.stepId);

  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  it('Bengkulu: verification sends the PKS draft back to the team, then on to the Dirjen and signing', async () => {
    const id = await open('rsud.pimpinan', 'bengkulu.permohonan-pemanfaatan-data');
    const c = await drive(id, { choices: { '5': ['Tidak lengkap', 'Lengkap'] }, returnAt: '2b' });
    expect(c.outcome).toBe('selesai');
    expect(stepsDone(c)).toEqual(['1', '2a', '2a', '2b', '3', '4', '5', '4', '5', '6', '7', '8', '9']);
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
    const id = await open('dinsos.pimpinan', 'kebumen.permohonan-hak-akses');
    // Step 2 returns to the institution's step 1: the clock pauses while the applicant revises.
    const first = await getCase(id);
    const kabid = await as('kebumen.kabid');
    const pimpinan = await as('dinsos.pimpinan');
    const step1 = first.tasks[0];
    const done1 = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${step1?.id}/complete`,
      headers: pimpinan.headers,
      payload: { attachments: [await attach(pimpinan, 'Surat Permohonan')] },
    });
    expect(done1.statusCode).toBe(200);
    const step2 = (await getCase(id)).tasks.find((x) => x.stepId === '2' && x.status === 'open');
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
    const approved = await drive(id, { choices: { '4': ['setuju'] } });
    expect(approved.outcome).toBe('selesai');
    expect(stepsDone(approved)).toEqual(['1', '1', '2', '3', '4', '5', '6', '7']);
    expect(approved.documents.some((d) => d.source === 'produced' && d.docType === 'Tanda terima surat masuk')).toBe(
      true,
    );

    const refused = await drive(await open('bank.pimpinan', 'kebumen.permohonan-hak-akses'), {
      choices: { '4': ['tolak'] },
    });
    expect(refused.outcome).toBe('ditolak');
    expect(stepsDone(refused)).toEqual(['1', '2', '3', '4']);
  });

  it('Padang Pariaman: the Bupati decides Ya or Tidak', async () => {
    const yes = await drive(await open('rsudpp.pimpinan', 'padang-pariaman.hak-akses'), { choices: { '2': ['Ya'] } });
    expect(yes.outcome).toBe('selesai');
    expect(yes.tasks.some((x) => x.role === 'kasi_siak' && x.status === 'done')).toBe(true);
    const no = await drive(await open('rsudpp.pimpinan', 'padang-pariaman.hak-akses'), { choices: { '2': ['Tidak'] } });
    expect(no.outcome).toBe('ditolak');
    expect(stepsDone(no)).toEqual(['1', '2']);
  });

  it('Sibolga: a juknis that does not fit the PKS goes back to the institution, then access is opened and monitored', async () => {
    const c = await drive(await open('bpjs.pimpinan', 'sibolga.hak-akses'), {
      choices: { '2': ['Tidak sesuai', 'Sesuai'] },
    });
    expect(c.outcome).toBe('selesai');
    const done = stepsDone(c);
    expect(done.slice(0, 4)).toEqual(['1', '2', '1', '2']);
    expect(done.at(-1)).toBe('11');
  });

  it('refuses a completion without the kelengkapan, a wrong branch, a second completion, and someone else’s task', async () => {
    const id = await open('bank.pimpinan', 'kebumen.permohonan-hak-akses');
    const task = (await getCase(id)).tasks[0];
    const s = await as('bank.pimpinan');
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task?.id}/complete`,
      headers: s.headers,
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(problem(missing).code).toBe('missing_kelengkapan');
    expect(missing.json().missing).toEqual(['Surat Permohonan']);
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
      payload: { attachments: [{ docType: 'Surat Cinta', fileId: (await attach(s, 'Surat Permohonan')).fileId }] },
    });
    expect(problem(wrongType).code).toBe('unknown_doc_type');
    const foreignFile = (await attach(other, 'Surat Permohonan')).fileId;
    const stolen = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task?.id}/complete`,
      headers: s.headers,
      payload: { attachments: [{ docType: 'Surat Permohonan', fileId: foreignFile }] },
    });
    expect(stolen.statusCode).toBe(404);
    const payload = { attachments: [await attach(s, 'Surat Permohonan')] };
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/tasks/${task?.id}/complete`, headers: s.headers, payload }),
      t.app.inject({ method: 'POST', url: `/api/tasks/${task?.id}/complete`, headers: s.headers, payload }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(problem(a.statusCode === 409 ? a : b).code).toBe('task_not_open');
    const after = await getCase(id);
    expect(after.tasks.filter((x) => x.stepId === '2')).toHaveLength(1);
    expect(after.timeline.filter((e) => e.type === 'task_completed')).toHaveLength(1);
    const step4 = await drive(id, {});
    expect(step4.status).toBe('ended');
    const kabid = await as('kebumen.kabid');
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task?.id}/complete`,
      headers: kabid.headers,
      payload: {},
    });
    expect(twice.statusCode).toBe(403);
  });

  it('refuses bad branches and bad input with precise problems', async () => {
    const id = await open('rsudpp.pimpinan', 'padang-pariaman.hak-akses');
    await drive(id, { choices: {} }).catch(() => undefined);
    const fresh = await open('rsudpp.pimpinan', 'padang-pariaman.hak-akses');
    const s = await as('rsudpp.pimpinan');
    const t1 = (await getCase(fresh)).tasks[0];
    await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${t1?.id}/complete`,
      headers: s.headers,
      payload: { attachments: [await attach(s, 'surat permohonan dan tembusan')] },
    });
    const t2 = (await getCase(fresh)).tasks.find((x) => x.status === 'open');
    const bupati = await as('padangpariaman.bupati');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${t2?.id}/complete`,
      headers: bupati.headers,
      payload: { decision: 'Mungkin', attachments: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).code).toMatch(/branch|kelengkapan/);
    const noSop = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: s.headers,
      payload: { sopCode: 'tidak-ada', title: 'Tidak ada', subjectKind: 'application' },
    });
    expect(noSop.statusCode).toBe(404);
    const badBody = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: s.headers,
      payload: { sopCode: 1 },
    });
    expect(badBody.statusCode).toBe(400);
  });
});
