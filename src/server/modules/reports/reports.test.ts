/**
 * A semester passes for an institution of Kebumen (issue 12, "Done when"): its report for January–June is due, reminded
 * before and on the deadline, late and warned by a numbered letter with its QR code, and more than three months
 * overdue its access is suspended — the next web-service call is refused. Its pimpinan then submits the report,
 * the office returns it with notes through the review case, the pimpinan resubmits and the office accepts, which
 * reactivates access at once: the next call answers. Every step is on the record and visible to pusat; a
 * tick run twice changes nothing the second time; only the pimpinan signs; another institution sees nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type Session, type TestContext } from '../../../../test/harness.js';
import { qrCodesInPdf } from '../../../../test/pdf-qr.js';
import { runDue } from '../../scheduler/scheduler.js';
import { generateInto } from '../access/population/population.service.js';
import { sampleNiks } from '../access/population/population.repository.js';
import { BANK_ELEMENTS, insertActivePks } from '../access/fixtures.js';
import { pdfText } from '../../../../test/pdf-text.js';

const CONTENT = {
  purposes: 'Verifikasi identitas nasabah pada pembukaan rekening dan pengajuan kredit.',
  services: '1.250 rekening dibuka dan 310 kredit diproses.',
  dataBalikan: 'Data nasabah terverifikasi dikirim setiap bulan.',
  incidents: 'Tidak ada',
  changes: 'Dua operator baru di kantor cabang Kebumen.',
};

describe.each(DIALECTS)('semester reports and the obligations ladder on %s', (kind) => {
  let t: TestContext;
  let sessions: Record<string, Session> = {};
  let instId = '';
  let pksId = '';
  let nik = '';
  let cred = { customerId: '', userId: '', secret: '' };
  const as = async (u: string) => (sessions[u] ??= await login(t.app, u));
  const call = async (u: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: (await as(u)).headers, ...(payload ? { payload } : {}) });
  /** Moves the clock to 10:00 WIB of a date; sessions are signed in again. */
  const at = (date: string) => {
    t.clock.now = new Date(`${date}T03:00:00Z`);
    sessions = {};
  };
  const tick = async () => {
    const runs = await runDue({ db: t.database.db, config: t.config, now: () => t.clock.now }, t.clock.now, {
      holder: 'test',
    });
    const run = runs.find((r) => r.job === 'obligations');
    expect(run?.error).toBeUndefined();
    return run?.changed ?? 0;
  };
  const webService = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${cred.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: cred.userId, password: cred.secret, ip_user: '10.0.0.9' },
      remoteAddress: '127.0.0.1',
    });
    const body = res.json() as { content: Record<string, string>[] };
    return body.content[0]?.RESPONSE_CODE ?? '01';
  };
  const notices = async (u: string) =>
    (await call(u, 'GET', '/api/notices')).json() as {
      kind: string;
      body: { id: string };
      documentId: string | null;
    }[];
  const entry = async (u: string) =>
    (await call(u, 'GET', `/api/reports/${pksId}/2026-1`)).json() as {
      status: string;
      late: boolean;
      warned: boolean;
      caseId: string | null;
      notes: string | null;
      figuresFrozen: boolean;
      canSubmit: boolean;
    };
  /** The actions of the institution's decisions on the record (sealed or still pending). */
  const decisions = async () => {
    const sealed = await t.database.db
      .selectFrom('audit_entries')
      .select(['action', 'actor_kind'])
      .where('institution_id', '=', instId)
      .execute();
    const pending = (await t.database.db.selectFrom('audit_pending').select('entry').execute())
      .map((p) => JSON.parse(p.entry) as { action: string; actor: { kind: string }; institutionId: string | null })
      .filter((e) => e.institutionId === instId)
      .map((e) => ({ action: e.action, actor_kind: e.actor.kind }));
    return [...sealed, ...pending];
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 200, seed: 'reports-test' });
    nik = (await sampleNiks(t.database.db, 'production', 1))[0] ?? '';
    // A non-profit institution of Kebumen: its calls are never charged, so only the ladder decides them.
    instId = (
      await t.database.db
        .selectFrom('institutions')
        .select('id')
        .where('name', '=', 'Dinas Sosial Kabupaten Kebumen')
        .executeTakeFirstOrThrow()
    ).id;
    at('2026-06-20');
    pksId = (
      await insertActivePks(t.database.db, {
        institutionId: instId,
        startDate: '2026-03-01',
        endDate: '2027-12-31',
        now: t.clock.now,
      })
    ).id;
    const grant = async (input: object) => {
      const res = await call('kebumen.kasi', 'POST', `/api/access/agreements/${pksId}/grants`, {
        kind: 'web_service',
        elements: BANK_ELEMENTS,
        ipAllow: ['127.0.0.0/8', '::1'],
        ...input,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    };
    const trial = await grant({ environment: 'trial' });
    const passed = await call('kebumen.kasi', 'POST', `/api/access/grants/${trial.grant.id}/trial`, {
      passed: true,
      note: 'ok',
    });
    expect(passed.statusCode).toBe(200);
    const prod = await grant({ environment: 'production', dailyQuota: 1000 });
    cred = { customerId: prod.grant.customerId, userId: prod.grant.userId, secret: prod.secret };
  }, 120_000);
  afterAll(async () => t?.close());

  it('climbs the ladder: due, reminded, late, warned, sanctioned; then submitted, returned, resubmitted, accepted, reactivated', async () => {
    expect(await webService()).toBe('01');
    // The semester runs: owed only once it is over, not late before its deadline (30 days after, an office setting).
    expect((await entry('dinsos.pimpinan')).status).toBe('current');
    const office = await call('kebumen.admin', 'GET', '/api/offices');
    const kebumen = (office.json() as { id: string; code: string; reportDeadlineDays: number }[]).find(
      (o) => o.code === '33.05',
    );
    expect(kebumen?.reportDeadlineDays).toBe(30);

    at('2026-07-10');
    expect(await tick()).toBe(0);
    expect((await entry('dinsos.pimpinan')).status).toBe('owed');

    // 14 days before the deadline: a reminder in the institution's inbox; a second tick does nothing.
    at('2026-07-16');
    expect(await tick()).toBe(1);
    expect(await tick()).toBe(0);
    expect((await notices('dinsos.admin')).map((n) => n.kind)).toEqual(['obligation_reminder_before']);
    expect((await notices('dinsos.admin'))[0]?.body.id).toContain('30 Juli 2026');

    at('2026-07-30');
    expect(await tick()).toBe(1);
    expect((await notices('dinsos.pimpinan'))[0]?.kind).toBe('obligation_reminder_due');

    // The day after: late, and a numbered warning letter with its QR code, sent to the institution and the office.
    at('2026-07-31');
    expect(await tick()).toBe(1);
    expect(await tick()).toBe(0);
    const warning = (await notices('dinsos.pimpinan'))[0];
    expect(warning?.kind).toBe('obligation_warning');
    const doc = await call('dinsos.pimpinan', 'GET', `/api/documents/${warning?.documentId ?? ''}`);
    expect(doc.statusCode).toBe(200);
    const { number } = doc.json() as { number: string };
    expect(number).toMatch(/SPr/);
    const pdf = await call('dinsos.pimpinan', 'GET', `/api/documents/${warning?.documentId ?? ''}/versions/1/file`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(number.replace(/\s+/g, ''));
    // A letter (issue 14): the subject in its Perihal, addressed to the institution's pimpinan.
    expect(text).toContain('Perihal:Peringatanataskewajibanyangterlambat');
    expect(text).toContain('Yth.PimpinanDinasSosialKabupatenKebumen');
    expect(await qrCodesInPdf(pdf.rawPayload)).toEqual([`${t.config.publicUrl}/verify/${warning?.documentId ?? ''}`]);
    expect((await notices('kebumen.kabid')).some((n) => n.kind === 'obligation_warning')).toBe(true);
    const late = (await call('kebumen.kasi', 'GET', '/api/reports?status=late')).json() as {
      institution: { id: string };
      warned: boolean;
    }[];
    expect(late.find((e) => e.institution.id === instId)?.warned).toBe(true);

    // Three months overdue is not yet more than three months; the day after it is: access suspended.
    at('2026-10-30');
    expect(await tick()).toBe(0);
    expect(await webService()).toBe('01');
    at('2026-10-31');
    expect(await tick()).toBe(1);
    expect(await webService()).toBe('16');
    expect(await tick()).toBe(0);
    const national = (await call('pusat.staf', 'GET', '/api/reports/overview')).json() as {
      totals: { sanctioned: number };
      institutions: { id: string; state: string; sanctionLetterId: string | null }[];
    };
    expect(national.totals.sanctioned).toBe(1);
    const instState = national.institutions.find((i) => i.id === instId);
    expect(instState?.state).toBe('sanctioned');
    const letter = await call(
      'pusat.staf',
      'GET',
      `/api/documents/${instState?.sanctionLetterId ?? ''}/versions/1/file`,
    );
    expect(pdfText(letter.rawPayload)).toContain('DIHENTIKANSEMENTARA');

    // The suspended institution still reports: its pimpinan signs and submits.
    const incomplete = await call('dinsos.pimpinan', 'POST', `/api/reports/${pksId}/2026-1/submit`, {
      ...CONTENT,
      incidents: '',
    });
    expect(incomplete.statusCode).toBe(400);
    expect(problem(incomplete).code).toBe('report_incomplete');
    expect(problem(incomplete).issues?.map((i) => i.field)).toEqual(['incidents']);
    const submitted = await call('dinsos.pimpinan', 'POST', `/api/reports/${pksId}/2026-1/submit`, CONTENT);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const first = submitted.json() as { status: string; caseId: string; figuresFrozen: boolean };
    expect(first.status).toBe('submitted');
    expect(first.figuresFrozen).toBe(true);
    const report = await call('kebumen.kabid', 'GET', `/api/reports/${pksId}/2026-1/pdf`);
    expect(report.statusCode).toBe(200);
    expect(pdfText(report.rawPayload)).toContain('LAPORANPENGGUNAANDATASEMESTERAN');
    expect((await qrCodesInPdf(report.rawPayload))[0]).toMatch(/\/verify\//);
    // The review case sits in the office's inbox.
    const inbox = (await call('kebumen.kabid', 'GET', '/api/inbox')).json() as { caseId: string }[];
    expect(inbox.some((x) => x.caseId === first.caseId)).toBe(true);

    // Returned with notes (notes required), corrected and resubmitted on the same case.
    const noNotes = await call('kebumen.kabid', 'POST', `/api/reports/${pksId}/2026-1/review`, { decision: 'return' });
    expect(noNotes.statusCode).toBe(400);
    const returned = await call('kebumen.kabid', 'POST', `/api/reports/${pksId}/2026-1/review`, {
      decision: 'return',
      notes: 'Lengkapi jumlah layanan per kantor cabang.',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const seen = await entry('dinsos.pimpinan');
    expect(seen.status).toBe('returned');
    expect(seen.notes).toBe('Lengkapi jumlah layanan per kantor cabang.');
    expect((await notices('dinsos.pimpinan'))[0]?.kind).toBe('report_returned');
    const again = await call('dinsos.pimpinan', 'POST', `/api/reports/${pksId}/2026-1/submit`, {
      ...CONTENT,
      services: 'Kebumen: 900 rekening; Gombong: 350 rekening; 310 kredit diproses.',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as { status: string; caseId: string }).status).toBe('resubmitted');
    expect((again.json() as { caseId: string }).caseId).toBe(first.caseId);
    // Still suspended until accepted.
    expect(await tick()).toBe(0);
    expect(await webService()).toBe('16');

    const accepted = await call('kebumen.kabid', 'POST', `/api/reports/${pksId}/2026-1/review`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((accepted.json() as { status: string }).status).toBe('accepted');
    const kase = await call('kebumen.kabid', 'GET', `/api/cases/${first.caseId}`);
    expect((kase.json() as { status: string }).status).toBe('ended');

    // Acceptance lifts the ladder's suspension at once, with its letter: the very next call answers, and the
    // next tick has nothing left to do.
    expect(await webService()).toBe('01');
    at('2026-11-01');
    expect(await tick()).toBe(0);
    expect((await notices('dinsos.pimpinan'))[0]?.kind).toBe('obligation_reactivation');
    const after = (await call('pusat.staf', 'GET', '/api/reports/overview')).json() as {
      totals: { reactivated: number; sanctioned: number };
      institutions: { id: string; state: string; reactivationLetterId: string | null }[];
    };
    expect(after.totals).toMatchObject({ reactivated: 1, sanctioned: 0 });
    expect(after.institutions.find((i) => i.id === instId)?.reactivationLetterId).toBeTruthy();

    // Every step on the record, the ladder's by the system.
    const record = await decisions();
    const actions = record.map((d) => d.action);
    for (const a of [
      'obligation.reminder',
      'obligation.warning',
      'obligation.sanction',
      'report.submitted',
      'report.returned',
      'report.resubmitted',
      'report.accepted',
      'obligation.reactivation',
    ])
      expect(actions, a).toContain(a);
    expect(actions.filter((a) => a === 'obligation.reminder')).toHaveLength(2);
    expect(record.filter((d) => d.action.startsWith('obligation.')).every((d) => d.actor_kind === 'system')).toBe(true);
    // Pusat sees the report nationally, accepted.
    const all = (await call('pusat.staf', 'GET', `/api/reports?institutionId=${instId}`)).json() as {
      semester: string;
      status: string;
    }[];
    expect(all.find((e) => e.semester === '2026-1')?.status).toBe('accepted');
  }, 120_000);

  it('lets only the institution see and write its report, only its pimpinan sign, and refuses bad input', async () => {
    at('2026-11-02');
    // Another institution: not its report (404, never a hint that it exists).
    expect((await call('rsudpp.pimpinan', 'GET', `/api/reports/${pksId}/2026-1`)).statusCode).toBe(404);
    expect((await call('rsudpp.pimpinan', 'PUT', `/api/reports/${pksId}/2026-2`, CONTENT)).statusCode).toBe(404);
    expect((await call('rsudpp.pimpinan', 'POST', `/api/reports/${pksId}/2026-2/submit`, CONTENT)).statusCode).toBe(
      404,
    );
    const theirs = (await call('rsudpp.pimpinan', 'GET', '/api/reports')).json() as unknown[];
    expect(theirs).toEqual([]);
    // An office outside Kebumen's chain sees nothing of it either.
    expect((await call('sibolga.kasi', 'GET', `/api/reports/${pksId}/2026-1`)).statusCode).toBe(404);
    // The institution's admin drafts, but only its pimpinan signs and submits.
    const draft = await call('dinsos.admin', 'PUT', `/api/reports/${pksId}/2026-2`, CONTENT);
    expect(draft.statusCode, draft.body).toBe(200);
    expect((draft.json() as { status: string }).status).toBe('draft');
    expect((await call('dinsos.admin', 'POST', `/api/reports/${pksId}/2026-1/submit`, CONTENT)).statusCode).toBe(403);
    // The running semester cannot be submitted yet; an accepted one cannot be changed.
    const early = await call('dinsos.pimpinan', 'POST', `/api/reports/${pksId}/2026-2/submit`, CONTENT);
    expect(problem(early).code).toBe('semester_not_over');
    const closed = await call('dinsos.pimpinan', 'PUT', `/api/reports/${pksId}/2026-1`, CONTENT);
    expect(closed.statusCode).toBe(409);
    // The office cannot submit for the institution, nor an institution review.
    expect((await call('kebumen.kabid', 'PUT', `/api/reports/${pksId}/2026-2`, CONTENT)).statusCode).toBe(403);
    expect(
      (await call('dinsos.pimpinan', 'POST', `/api/reports/${pksId}/2026-1/review`, { decision: 'accept' })).statusCode,
    ).toBe(403);
    // Bad input: a 400 problem naming the field.
    const extra = await call('dinsos.admin', 'PUT', `/api/reports/${pksId}/2026-2`, { ...CONTENT, calls: 5 });
    expect(extra.statusCode).toBe(400);
    expect(extra.headers['content-type']).toContain('application/problem+json');
    const wrong = await call('dinsos.admin', 'PUT', `/api/reports/${pksId}/2026-2`, { ...CONTENT, incidents: 3 });
    expect(wrong.statusCode).toBe(400);
    const badDecision = await call('kebumen.kabid', 'POST', `/api/reports/${pksId}/2026-1/review`, {
      decision: 'maybe',
    });
    expect(badDecision.statusCode).toBe(400);
    expect((await call('dinsos.admin', 'GET', `/api/reports/${pksId}/2026-9`)).statusCode).toBe(404);
  });
});
