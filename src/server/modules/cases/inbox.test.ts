import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, samplePdf, uploadFile, type TestContext } from '../../../../test/harness.js';

describe.each(DIALECTS)('inbox, SLA clock and evaluation on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await demoApp(kind);
    // Monday 23 November 2026, 09:00 WIB.
    t.clock.now = new Date('2026-11-23T02:00:00Z');
  });
  afterAll(async () => t.close());

  /** An institution submits a complete application (with its letter); the submission opens the case and completes step 1. */
  async function submit(username: string) {
    const s = await login(t.app, username);
    const pdf = async (title: string) =>
      (await uploadFile(t.app, s, `${title}.pdf`, await samplePdf(title))).json().id as string;
    const institution = t.users.find((u) => u.username === username)?.organisation;
    const docs = await t.app.inject({
      method: 'GET',
      url: `/api/institutions/${institution?.id}/documents`,
      headers: s.headers,
    });
    for (const docType of (docs.json().missing ?? []) as string[]) {
      const add = await t.app.inject({
        method: 'POST',
        url: `/api/institutions/${institution?.id}/documents`,
        headers: s.headers,
        payload: { docType, fileId: await pdf(docType) },
      });
      expect(add.statusCode).toBe(201);
    }
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/applications',
      headers: s.headers,
      payload: {
        userName: institution?.name,
        purpose: 'Verifikasi data penerima layanan daerah',
        elements: ['nik', 'nama_lengkap', 'alamat'],
        methods: ['web_service'],
        dataBalikan: 'Status kesesuaian data',
        durationMonths: 12,
        expectedDailyVolume: 100,
        ipRanges: ['203.0.113.10/32'],
        legalBasis: '',
        letterFileId: await pdf('Surat Permohonan'),
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/applications/${draft.json().id}/submit`,
      headers: s.headers,
    });
    expect(done.statusCode, done.body).toBe(200);
    return done.json().caseId as string;
  }

  it('shows each role only its own tasks, with due time on working days and SLA states', async () => {
    const a = await submit('dinsos.pimpinan');
    t.clock.now = new Date('2026-11-23T05:00:00Z');
    const b = await submit('bank.pimpinan');
    const kabid = await login(t.app, 'kebumen.kabid');
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/inbox', headers: kabid.headers })).json();
    expect(inbox.map((i: { caseId: string }) => i.caseId)).toEqual([a, b]);
    expect(inbox[0].caseTitle).toContain('Dinas Sosial Kabupaten Kebumen');
    // Step 2 takes 1 hari: due the next working day at the same clock time.
    expect(inbox[0]).toMatchObject({ stepId: '2', sla: 'on_time', deadlineAt: '2026-11-24T02:00:00.000Z' });
    const desc = (
      await t.app.inject({ method: 'GET', url: '/api/inbox?sort=opened&order=desc', headers: kabid.headers })
    ).json();
    expect(desc.map((i: { caseId: string }) => i.caseId)).toEqual([b, a]);
    expect(
      (
        await t.app.inject({ method: 'GET', url: '/api/inbox', headers: (await login(t.app, 'kebumen.staf')).headers })
      ).json(),
    ).toEqual([]);
    expect(
      (
        await t.app.inject({ method: 'GET', url: '/api/inbox', headers: (await login(t.app, 'sibolga.kasi')).headers })
      ).json(),
    ).toEqual([]);

    // Tuesday 08:30 WIB: A is due soon (within the last fifth), Wednesday A and B are overdue.
    // Moving the clock a day ends idle sessions, so log in again after each move.
    t.clock.now = new Date('2026-11-24T01:30:00Z');
    const kabid2 = await login(t.app, 'kebumen.kabid');
    const soonRes = await t.app.inject({ method: 'GET', url: '/api/inbox?sla=due_soon', headers: kabid2.headers });
    expect(soonRes.statusCode, soonRes.body).toBe(200);
    const soon = soonRes.json();
    expect(soon.map((i: { caseId: string }) => i.caseId)).toEqual([a]);
    t.clock.now = new Date('2026-11-25T02:00:00Z');
    const kabid3 = await login(t.app, 'kebumen.kabid');
    const late = (await t.app.inject({ method: 'GET', url: '/api/inbox?sla=overdue', headers: kabid3.headers })).json();
    expect(late).toHaveLength(2);
    const bad = await t.app.inject({ method: 'GET', url: '/api/inbox?sla=sometime', headers: kabid3.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('skips office-added cuti bersama in due times, and shows elapsed against standard per step', async () => {
    const admin = await login(t.app, 'kebumen.admin');
    const officeId = t.users.find((u) => u.username === 'kebumen.admin')?.organisation.id;
    const day = await t.app.inject({
      method: 'POST',
      url: `/api/offices/${officeId}/calendar`,
      headers: admin.headers,
      payload: { date: '2026-12-01', kind: 'cuti_bersama', note: 'Cuti bersama (uji)' },
    });
    expect(day.statusCode).toBe(201);
    const staf = await login(t.app, 'kebumen.staf');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/offices/${officeId}/calendar`,
          headers: staf.headers,
          payload: { date: '2026-12-02', kind: 'holiday', note: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/offices/${officeId}/calendar`,
          headers: admin.headers,
          payload: { date: '1 Desember', kind: 'holiday', note: 'x' },
        })
      ).statusCode,
    ).toBe(400);
    // Monday 30 Nov 10:00 WIB + 1 hari → Tuesday is cuti bersama → Wednesday 2 Dec 10:00 WIB.
    t.clock.now = new Date('2026-11-30T03:00:00Z');
    const caseId = await submit('dinsos.pimpinan');
    const viewer = await login(t.app, 'kebumen.admin');
    const view = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: viewer.headers })).json();
    const step2 = view.tasks.find((x: { stepId: string }) => x.stepId === '2');
    expect(step2.deadlineAt).toBe('2026-12-02T03:00:00.000Z');
    t.clock.now = new Date('2026-12-02T04:00:00Z');
    const viewer2 = await login(t.app, 'kebumen.admin');
    const later = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: viewer2.headers })).json();
    const s2 = later.tasks.find((x: { stepId: string }) => x.stepId === '2');
    expect(s2.standardMinutes).toBe(480);
    expect(s2.elapsedMinutes).toBe(540);
    expect(s2.sla).toBe('overdue');
    expect(later.totals.elapsedMinutes).toBeGreaterThanOrEqual(540);
  });

  it('evaluates an SOP version per step: completions, median and p90 against the standard, on-time rate', async () => {
    const kabid = await login(t.app, 'kebumen.kabid');
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/inbox', headers: kabid.headers })).json();
    for (const item of inbox) {
      const f = await uploadFile(t.app, kabid, 'surat.pdf', await samplePdf('Surat ke Dirjen'));
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/tasks/${item.taskId}/complete`,
        headers: kabid.headers,
        payload: {
          attachments: [{ docType: 'Surat Permohonan kepada Dirjen Dukcapil Kemendagri RI', fileId: f.json().id }],
        },
      });
      expect(r.statusCode).toBe(200);
    }
    const view = (
      await t.app.inject({ method: 'GET', url: `/api/cases/${inbox[0].caseId}`, headers: kabid.headers })
    ).json();
    const ev = (
      await t.app.inject({
        method: 'GET',
        url: `/api/sops/versions/${view.sop.versionId}/evaluation`,
        headers: kabid.headers,
      })
    ).json();
    expect(ev.cases.total).toBe(3);
    const step1 = ev.steps.find((s: { stepId: string }) => s.stepId === '1');
    const step2 = ev.steps.find((s: { stepId: string }) => s.stepId === '2');
    expect(step1.completions).toBe(3);
    expect(step2.completions).toBe(3);
    expect(step2.standardMinutes).toBe(480);
    expect(step2.medianMinutes).toBeGreaterThan(480);
    expect(step2.onTimeRate).toBe(0);
    const step3 = ev.steps.find((s: { stepId: string }) => s.stepId === '3');
    expect(step3.waitingNow).toBe(3);
    const step6 = ev.steps.find((s: { stepId: string }) => s.stepId === '6');
    expect(step6).toMatchObject({ completions: 0, standardMinutes: 120, waktu: '2 jam' });
  });
});
