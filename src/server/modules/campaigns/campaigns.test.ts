/**
 * A control campaign of Kebumen over the demo bank and the Dinas Sosial (issue 13, "Done when"): the Kabid opens
 * it on the office's control SOP (the shipped template, published on first use); Gerbang's data dukung carries the
 * bank's real figures from the usage ledger, its late report and its PKS ending soon; the team fills the visit
 * checklist with evidence and records findings; the bank answers a follow-up, the office returns it and then
 * accepts it; the case routes the numbered report (read back: its number, QR and the findings' text) up to the
 * Dirjen; an overdue follow-up becomes an obligation the ladder warns about. Another office and another
 * institution get 404; a client cannot name an institution outside the office's scope, nor fill a checklist of
 * another campaign.
 */
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
import { qrCodesInPdf } from '../../../../test/pdf-qr.js';
import { pdfText, squeeze } from '../../../../test/pdf-text.js';
import { runDue } from '../../scheduler/scheduler.js';
import { dayOffset, demoBankId, insertActivePks } from '../access/fixtures.js';
import { CHECKLIST_ITEMS } from '../../../domain/campaigns/checklist.js';

interface Detail {
  id: string;
  status: string;
  caseId: string;
  reportDocumentId: string | null;
  canEdit: boolean;
  institutions: {
    id: string;
    name: string;
    checklistComplete: boolean;
    evidence: { id: string }[];
    findings: { id: string; status: string; overdue: boolean }[];
    dataDukung: {
      usage: { calls: number; refused: number; answered: number; byChannel: Record<string, number> };
      lateReports: { label: string }[];
      pksExpiring: { number: string }[];
    } | null;
  }[];
}

const FULL = Object.fromEntries(
  CHECKLIST_ITEMS.map((i) => [i, { answer: i === 'operators' ? 'partial' : 'yes', note: `catatan ${i}` }]),
);
const FINDING_1 = 'Dua operator memakai satu akun portal bersama di kantor cabang.';
const FINDING_2 = 'Pernyataan jaringan tertutup belum ditandatangani pimpinan.';

describe.each(DIALECTS)('control campaigns on %s', (kind) => {
  let t: TestContext;
  let sessions: Record<string, Session> = {};
  let bankId = '';
  let dinsosId = '';
  let bpjsId = '';
  let campaignId = '';
  let caseId = '';
  let f1 = '';
  let f2 = '';
  const as = async (u: string) => (sessions[u] ??= await login(t.app, u));
  const call = async (u: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: (await as(u)).headers, ...(payload ? { payload } : {}) });
  const instId = async (name: string) =>
    (await t.database.db.selectFrom('institutions').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const openTask = async (u: string) => {
    const res = await call(u, 'GET', `/api/cases/${caseId}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as { tasks: { id: string; stepId: string; canAct: boolean }[] };
    const task = c.tasks.find((x) => x.canAct);
    if (!task) throw new Error(`${u} has no open task on the campaign`);
    return task;
  };
  const complete = async (u: string, body: object = {}) => {
    const task = await openTask(u);
    return call(u, 'POST', `/api/tasks/${task.id}/complete`, body);
  };
  const decisions = async () => {
    const pending = await t.database.db.selectFrom('audit_pending').select('entry').execute();
    const sealed = await t.database.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', 'like', 'campaign.%')
      .execute();
    return [
      ...sealed.map((s) => s.action),
      ...pending
        .map((p) => (JSON.parse(p.entry) as { action: string }).action)
        .filter((a) => a.startsWith('campaign.')),
    ];
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    const db = t.database.db;
    const now = t.clock.now;
    bankId = (await demoBankId(db)) ?? '';
    dinsosId = await instId('Dinas Sosial Kabupaten Kebumen');
    bpjsId = await instId('BPJS Kesehatan Kantor Cabang Sibolga');
    // The bank's PKS started 200 days ago and ends in 60: it owes its first semester report and is expiring.
    const bankPks = await insertActivePks(db, {
      institutionId: bankId,
      startDate: dayOffset(now, -200),
      endDate: dayOffset(now, 60),
      now,
    });
    await insertActivePks(db, {
      institutionId: dinsosId,
      startDate: dayOffset(now, -20),
      endDate: dayOffset(now, 700),
      now,
    });
    // The ledger's figures over the period: 120 answered and 7 refused web-service calls, 15 portal lookups, and
    // 50 calls before the period that must not count.
    const row = (day: string, channel: string, code: string, count: number) => ({
      day,
      institution_id: bankId,
      agreement_id: bankPks.id,
      grant_id: 'g-test',
      channel,
      result_code: code,
      actor_kind: 'credential',
      actor_id: 'g-test',
      count,
    });
    await db
      .insertInto('usage_calls')
      .values([
        row(dayOffset(now, -10), 'web_service', '01', 70),
        row(dayOffset(now, -3), 'web_service', '01', 50),
        row(dayOffset(now, -3), 'web_service', 'ip_not_allowed', 7),
        row(dayOffset(now, -2), 'web_portal', '01', 15),
        row(dayOffset(now, -90), 'web_service', '01', 50),
      ])
      .execute();
  });
  afterAll(async () => t?.close());

  it('the Kabid sees the institutions of the office and opens a campaign; others cannot', async () => {
    const cand = await call('kebumen.kabid', 'GET', '/api/campaigns/candidates');
    expect(cand.statusCode, cand.body).toBe(200);
    const c = cand.json() as { canOpen: boolean; institutions: { id: string }[] };
    expect(c.canOpen).toBe(true);
    expect(c.institutions.map((i) => i.id)).toEqual(expect.arrayContaining([bankId, dinsosId]));
    expect(c.institutions.map((i) => i.id)).not.toContain(bpjsId);

    const body = {
      title: 'Pengendalian semester II',
      periodStart: dayOffset(t.clock.now, -30),
      periodEnd: dayOffset(t.clock.now, -1),
      institutionIds: [bankId, dinsosId],
    };
    // Attack: an institution of another office is not in scope — unknown here.
    const outside = await call('kebumen.kabid', 'POST', '/api/campaigns', {
      ...body,
      institutionIds: [bankId, bpjsId],
    });
    expect(outside.statusCode).toBe(404);
    // The SOP's first step is the Kabid's: the Kasi may not open one; nor may an institution.
    expect((await call('kebumen.kasi', 'POST', '/api/campaigns', body)).statusCode).toBe(403);
    expect((await call('bank.pimpinan', 'POST', '/api/campaigns', body)).statusCode).toBe(403);
    // Strict body: a number is not a date, an unknown field is refused.
    expect((await call('kebumen.kabid', 'POST', '/api/campaigns', { ...body, extra: 1 })).statusCode).toBe(400);

    const res = await call('kebumen.kabid', 'POST', '/api/campaigns', body);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Detail;
    campaignId = d.id;
    caseId = d.caseId;
    expect(d.status).toBe('open');
    const sop = await t.database.db
      .selectFrom('sop_versions')
      .select('code')
      .where(
        'id',
        '=',
        (
          await t.database.db
            .selectFrom('cases')
            .select('sop_version_id')
            .where('id', '=', caseId)
            .executeTakeFirstOrThrow()
        ).sop_version_id,
      )
      .executeTakeFirstOrThrow();
    expect(sop.code).toBe('pengendalian');
  });

  it("prepares the data dukung from the ledger's figures, the obligations and the PKS", async () => {
    const d = (await call('kebumen.kabid', 'GET', `/api/campaigns/${campaignId}`)).json() as Detail;
    const bank = d.institutions.find((i) => i.id === bankId);
    expect(bank?.dataDukung?.usage).toMatchObject({
      calls: 142,
      answered: 135,
      refused: 7,
      byChannel: { web_service: 127, web_portal: 15 },
    });
    expect(bank?.dataDukung?.lateReports.length).toBeGreaterThan(0);
    expect(bank?.dataDukung?.pksExpiring).toHaveLength(1);
    const dinsos = d.institutions.find((i) => i.id === dinsosId);
    expect(dinsos?.dataDukung?.usage.calls).toBe(0);
    const annex = await call('kebumen.kabid', 'GET', `/api/campaigns/${campaignId}/annex`);
    expect(annex.statusCode).toBe(200);
    expect(pdfText(annex.rawPayload)).toContain(squeeze('PT Bank Nusantara Sejahtera Tbk'));
  });

  it('runs the SOP: direction, data dukung, and the visit only once every checklist is filled', async () => {
    expect((await complete('kebumen.kabid', { comment: 'Laksanakan pengendalian.' })).statusCode).toBe(200);
    const prep = await complete('kebumen.staf');
    expect(prep.statusCode, prep.body).toBe(200);
    // The visit step (Kasi and Staf together) cannot be done with the checklists empty.
    const early = await complete('kebumen.kasi');
    expect(early.statusCode).toBe(409);
    expect(problem(early).code).toBe('checklist_incomplete');
  });

  it('fills checklists with evidence; the checklist of another campaign or institution cannot be reached', async () => {
    const url = (inst: string) => `/api/campaigns/${campaignId}/institutions/${inst}/checklist`;
    // Attack: an institution that is not in this campaign; another office's user.
    expect((await call('kebumen.kasi', 'PUT', url(bpjsId), FULL)).statusCode).toBe(404);
    expect((await call('sibolga.kasi', 'PUT', url(bankId), FULL)).statusCode).toBe(404);
    expect((await call('kebumen.kadis', 'PUT', url(bankId), FULL)).statusCode).toBe(403);
    expect(
      (await call('kebumen.kasi', 'PUT', url(bankId), { network: { answer: 'maybe', note: '' } })).statusCode,
    ).toBe(400);
    for (const inst of [bankId, dinsosId]) {
      const res = await call('kebumen.kasi', 'PUT', url(inst), FULL);
      expect(res.statusCode, res.body).toBe(200);
    }
    const up = await uploadFile(t.app, await as('kebumen.kasi'), 'foto-ruang-server.pdf', await samplePdf('Bukti'));
    expect(up.statusCode, up.body).toBe(201);
    const fileId = (up.json() as { id: string }).id;
    const ev = await call('kebumen.kasi', 'POST', `/api/campaigns/${campaignId}/institutions/${bankId}/evidence`, {
      fileId,
      item: 'network',
    });
    expect(ev.statusCode, ev.body).toBe(200);
    // Someone else's file cannot be attached as evidence.
    const foreign = await uploadFile(t.app, await as('bank.admin'), 'x.pdf', await samplePdf('Lain'));
    const bad = await call('kebumen.kasi', 'POST', `/api/campaigns/${campaignId}/institutions/${bankId}/evidence`, {
      fileId: (foreign.json() as { id: string }).id,
    });
    expect(bad.statusCode).toBe(404);
    const d = ev.json() as Detail;
    expect(d.institutions.every((i) => i.checklistComplete)).toBe(true);
    expect(d.institutions.find((i) => i.id === bankId)?.evidence).toHaveLength(1);
  });

  it('records findings whose follow-ups only their institution sees and answers', async () => {
    const add = (finding: string, dueIn: number) =>
      call('kebumen.kasi', 'POST', `/api/campaigns/${campaignId}/findings`, {
        institutionId: bankId,
        severity: 'medium',
        finding,
        recommendation: 'Tetapkan operator dengan nama dan akun masing-masing.',
        dueDate: dayOffset(t.clock.now, dueIn),
      });
    const r1 = await add(FINDING_1, 14);
    expect(r1.statusCode, r1.body).toBe(200);
    const r2 = await add(FINDING_2, 7);
    const findings = (r2.json() as Detail).institutions.find((i) => i.id === bankId)?.findings ?? [];
    expect(findings).toHaveLength(2);
    f1 = findings[0]?.id ?? '';
    f2 = findings[1]?.id ?? '';

    const own = (await call('bank.pimpinan', 'GET', '/api/campaigns/follow-ups')).json() as { id: string }[];
    expect(own.map((f) => f.id).sort()).toEqual([f1, f2].sort());
    expect((await call('dinsos.pimpinan', 'GET', '/api/campaigns/follow-ups')).json()).toEqual([]);
    // Another institution: 404 on the follow-up; and institutions do not read campaigns at all.
    expect(
      (await call('dinsos.pimpinan', 'POST', `/api/campaigns/follow-ups/${f1}/respond`, { response: 'Sudah.' }))
        .statusCode,
    ).toBe(404);
    expect((await call('bank.pimpinan', 'GET', `/api/campaigns/${campaignId}`)).statusCode).toBe(404);
    expect((await call('sibolga.kabid', 'GET', `/api/campaigns/${campaignId}`)).statusCode).toBe(404);
    expect((await call('sibolga.kabid', 'GET', '/api/campaigns/follow-ups')).json()).toEqual([]);

    const up = await uploadFile(t.app, await as('bank.pimpinan'), 'sk-operator.pdf', await samplePdf('SK Operator'));
    const fileId = (up.json() as { id: string }).id;
    const resp = await call('bank.pimpinan', 'POST', `/api/campaigns/follow-ups/${f1}/respond`, {
      response: 'Akun bersama dinonaktifkan.',
      fileId,
    });
    expect(resp.statusCode, resp.body).toBe(200);
    expect((resp.json() as { status: string }).status).toBe('responded');
    expect((await call('kebumen.kabid', 'GET', `/api/campaigns/follow-ups/${f1}/file`)).statusCode).toBe(200);
    // The office returns it with a note; the bank answers again; the office accepts: closed.
    const ret = await call('kebumen.kabid', 'POST', `/api/campaigns/follow-ups/${f1}/judge`, {
      decision: 'return',
      note: 'Lampirkan SK penunjukan operator.',
    });
    expect((ret.json() as { status: string; returnNote: string }).status).toBe('owed');
    await call('bank.pimpinan', 'POST', `/api/campaigns/follow-ups/${f1}/respond`, {
      response: 'SK terlampir.',
      fileId,
    });
    const ok = await call('kebumen.kabid', 'POST', `/api/campaigns/follow-ups/${f1}/judge`, { decision: 'accept' });
    expect((ok.json() as { status: string }).status).toBe('closed');
    const again = await call('kebumen.kabid', 'POST', `/api/campaigns/follow-ups/${f1}/judge`, { decision: 'accept' });
    expect(again.statusCode).toBe(409);
    const notices = (await call('bank.pimpinan', 'GET', '/api/notices')).json() as { kind: string }[];
    expect(notices.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['campaign_follow_up', 'campaign_follow_up_accepted']),
    );
  });

  it('produces the numbered report and routes it up to the Dirjen', async () => {
    // The visit (the Kasi's, the Staf taking part), then the report.
    expect((await complete('kebumen.kasi')).statusCode).toBe(200);
    const rep = await complete('kebumen.kasi');
    expect(rep.statusCode, rep.body).toBe(200);
    // After the report, the checklists and findings are frozen.
    const late = await call(
      'kebumen.kasi',
      'PUT',
      `/api/campaigns/${campaignId}/institutions/${bankId}/checklist`,
      FULL,
    );
    expect(late.statusCode).toBe(409);
    for (const u of ['kebumen.kabid', 'kebumen.kadis', 'kebumen.bupati', 'pusat.dirjen']) {
      const r = await complete(u);
      expect(r.statusCode, `${u}: ${r.body}`).toBe(200);
    }
    const d = (await call('kebumen.kabid', 'GET', `/api/campaigns/${campaignId}`)).json() as Detail & {
      case: { status: string; outcome: string };
    };
    expect(d.case).toMatchObject({ status: 'ended', outcome: 'selesai' });
    expect(d.status).toBe('closed');
    const doc = await t.database.db
      .selectFrom('documents')
      .select(['id', 'number', 'kind'])
      .where('id', '=', d.reportDocumentId ?? '')
      .executeTakeFirstOrThrow();
    expect(doc.kind).toBe('campaign_report');
    const pdf = await call('kebumen.kabid', 'GET', `/api/campaigns/${campaignId}/report`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(squeeze(doc.number));
    expect(text).toContain(squeeze(FINDING_1));
    expect(text).toContain(squeeze(FINDING_2));
    expect(text).toContain(squeeze('Tindak lanjut diterima (selesai)'));
    expect(await qrCodesInPdf(pdf.rawPayload)).toEqual([`${t.config.publicUrl}/verify/${doc.id}`]);
    // Pusat sees the campaign too.
    expect((await call('pusat.dirjen', 'GET', `/api/campaigns/${campaignId}`)).statusCode).toBe(200);
    expect(await decisions()).toEqual(
      expect.arrayContaining([
        'campaign.opened',
        'campaign.checklist_filled',
        'campaign.finding_recorded',
        'campaign.follow_up_returned',
        'campaign.follow_up_accepted',
        'campaign.report_produced',
      ]),
    );
  });

  it("runs on Sumatera Barat's own SOP over a kabupaten's institution, up through the Gubernur to the Dirjen", async () => {
    const rsud = await instId('RSUD Padang Pariaman');
    const disposisi = await uploadFile(t.app, await as('sumbar.kabid'), 'disposisi.pdf', await samplePdf('Disposisi'));
    const res = await call('sumbar.kabid', 'POST', '/api/campaigns', {
      title: 'Pengendalian OPD',
      periodStart: dayOffset(t.clock.now, -30),
      periodEnd: dayOffset(t.clock.now, -1),
      institutionIds: [rsud],
      disposisiFileId: (disposisi.json() as { id: string }).id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Detail;
    caseId = d.caseId;
    const sop = await t.database.db
      .selectFrom('cases')
      .innerJoin('sop_versions', 'sop_versions.id', 'cases.sop_version_id')
      .select('sop_versions.code')
      .where('cases.id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(sop.code).toBe('sumbar.pengendalian-pengamanan-data');
    const draft = await uploadFile(t.app, await as('sumbar.staf'), 'nd.pdf', await samplePdf('Draft Nota Dinas'));
    const steps: [string, object?][] = [
      ['sumbar.kabid'],
      ['sumbar.kasi_monev'],
      [
        'sumbar.staf',
        { attachments: [{ docType: 'Draft Nota Dinas Pengantar', fileId: (draft.json() as { id: string }).id }] },
      ],
      ['sumbar.kasi_monev'],
      ['sumbar.kabid'],
      ['sumbar.kadis'],
      ['sumbar.kabid'],
    ];
    for (const [u, body] of steps) {
      const r = await complete(u, body);
      expect(r.statusCode, `${u}: ${r.body}`).toBe(200);
    }
    const put = await call('sumbar.kasi_monev', 'PUT', `/api/campaigns/${d.id}/institutions/${rsud}/checklist`, FULL);
    expect(put.statusCode, put.body).toBe(200);
    for (const u of [
      'sumbar.kasi_monev',
      'sumbar.kasi_monev',
      'sumbar.staf',
      'sumbar.kabid',
      'sumbar.kadis',
      'sumbar.gubernur',
    ]) {
      const r = await complete(u);
      expect(r.statusCode, `${u}: ${r.body}`).toBe(200);
    }
    const end = await complete('pusat.dirjen');
    expect(end.statusCode, end.body).toBe(200);
    const after = (await call('sumbar.kabid', 'GET', `/api/campaigns/${d.id}`)).json() as Detail & {
      case: { outcome: string };
    };
    expect(after.case.outcome).toBe('selesai');
    // Two versions: the Kasi's and the Gubernur's.
    const versions = await t.database.db
      .selectFrom('document_versions')
      .select('version')
      .where('document_id', '=', after.reportDocumentId ?? '')
      .execute();
    expect(versions).toHaveLength(2);
  });

  it('an overdue follow-up is an obligation the ladder warns about, shown in the overview', async () => {
    t.clock.now = new Date(t.clock.now.getTime() + 9 * 86_400_000);
    sessions = {};
    const runs = await runDue({ db: t.database.db, config: t.config, now: () => t.clock.now }, t.clock.now, {
      holder: 'test',
    });
    expect(runs.find((r) => r.job === 'obligations')?.error).toBeUndefined();
    const steps = await t.database.db
      .selectFrom('obligation_steps')
      .select(['step', 'kind'])
      .where('obligation_key', '=', `campaign:${f2}`)
      .execute();
    expect(steps).toContainEqual({ step: 'warning', kind: 'campaign_follow_up' });
    // The accepted one is not warned about.
    const closed = await t.database.db
      .selectFrom('obligation_steps')
      .select('step')
      .where('obligation_key', '=', `campaign:${f1}`)
      .where('step', '=', 'warning')
      .execute();
    expect(closed).toEqual([]);
    const ov = (await call('kebumen.kabid', 'GET', '/api/reports/overview')).json() as {
      institutions: { id: string; overdue: { label: string }[] }[];
    };
    const bank = ov.institutions.find((i) => i.id === bankId);
    expect(bank?.overdue.map((o) => o.label)).toContainEqual(
      expect.stringContaining('Tindak lanjut temuan pengendalian'),
    );
    const mine = (await call('bank.pimpinan', 'GET', '/api/campaigns/follow-ups')).json() as {
      id: string;
      overdue: boolean;
    }[];
    expect(mine.find((f) => f.id === f2)?.overdue).toBe(true);
    expect(mine.find((f) => f.id === f1)?.overdue).toBe(false);
  });
});
