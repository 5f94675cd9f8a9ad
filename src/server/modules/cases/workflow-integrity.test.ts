/**
 * Workflow integrity, tried as the attackers and offices of issue 10 did: forged case subjects, reading others'
 * applications through a case, an office SOP that drops the Dirjen's approval of an addendum, a joint signing
 * closed by one party, effects guessed from output names, and decisions missing from the signed log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  seededAgreement,
  seededApplication,
  type Session,
  type TestContext,
} from '../../../../test/harness.js';
import { newId } from '../../lib/ids.js';
import { sopHead } from '../../../domain/sop/fixtures.test-helpers.js';
import { verifyDatabaseLog } from '../access/audit/audit.verify.js';

/** A one-step SOP an attacking office admin publishes: its only output is named like a PKS. */
function oneStepSop(region: string, name: string, purpose?: string) {
  return `${sopHead({ code: 'serangan', region, name, ...(purpose ? { purpose } : {}) })}pelaksana:
  - { code: kabid, name: Kabid, kind: office, role: kabid }
steps:
  - id: '1'
    kegiatan: Menerbitkan naskah
    pelaksana: kabid
    waktu: 1 jam
    output: [Naskah Perjanjian Kerja Sama, Surat pengantar PKS kepada Dirjen, Hak akses]
    next: selesai
ends:
  - { id: selesai, label: Selesai, outcome: selesai }
`;
}

/** A PKS-change SOP without the Dirjen's step: one kabid click, then done. */
function changeSopWithoutDirjen(region: string, name: string) {
  return oneStepSop(region, name, 'pks_change').replace('code: serangan', 'code: pks-perubahan');
}

describe.each(DIALECTS)('workflow integrity on %s', (kind) => {
  let t: TestContext;
  const s: Record<string, Session> = {};
  const as = async (u: string) => (s[u] ??= await login(t.app, u));
  const call = async (u: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: (await as(u)).headers, ...(payload ? { payload } : {}) });
  const orgOf = (u: string) => t.users.find((x) => x.username === u)?.organisation.id ?? '';
  let agreementId: string;
  let victimApplicationId: string;

  beforeAll(async () => {
    t = await demoApp(kind);
    t.clock.now = new Date('2026-03-02T02:00:00Z');
    // RSUD Padang Pariaman: a submitted application (the victim) and an active PKS to amend.
    victimApplicationId = (
      await seededApplication(t, {
        institutionId: orgOf('rsudpp.admin'),
        officeId: orgOf('padangpariaman.admin'),
        status: 'submitted',
      })
    ).id;
    agreementId = (
      await seededAgreement(t, {
        institutionId: orgOf('rsudpp.admin'),
        officeId: orgOf('padangpariaman.admin'),
        startDate: '2026-03-02',
        endDate: '2027-03-01',
      })
    ).agreementId;
  });
  afterAll(async () => t.close());

  it('refuses a client-named case subject and changes nothing', async () => {
    const before = await t.database.db.selectFrom('agreements').select('id').execute();
    const res = await call('kebumen.admin', 'POST', '/api/cases', {
      sopCode: 'kebumen.permohonan-hak-akses',
      title: 'Kasus palsu',
      subjectKind: 'application',
      subjectId: victimApplicationId,
      institutionId: orgOf('dinsos.admin'),
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res).code).toBe('validation_failed');
    const app = await t.database.db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', victimApplicationId)
      .executeTakeFirstOrThrow();
    expect(app.status).toBe('submitted');
    expect(app.agreement_id).toBeNull();
    expect(await t.database.db.selectFrom('agreements').select('id').execute()).toHaveLength(before.length);
  });

  it('produces nothing from output names: a one-step SOP named like a PKS makes no PKS and no letter', async () => {
    const kebumen = orgOf('kebumen.admin');
    const pub = await call('kebumen.admin', 'POST', `/api/offices/${kebumen}/sops`, {
      source: oneStepSop('33.05', 'Disdukcapil Kabupaten Kebumen'),
    });
    expect(pub.statusCode, pub.body).toBe(201);
    const opened = await call('kebumen.kabid', 'POST', '/api/cases', { sopCode: 'serangan', title: 'Uji' });
    expect(opened.statusCode, opened.body).toBe(201);
    const view = (await call('kebumen.kabid', 'GET', `/api/cases/${opened.json().id}`)).json();
    const task = view.tasks.find((x: { canAct: boolean }) => x.canAct);
    const done = await call('kebumen.kabid', 'POST', `/api/tasks/${task.id}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);
    const after = (await call('kebumen.kabid', 'GET', `/api/cases/${opened.json().id}`)).json();
    expect(after.outcome).toBe('selesai');
    expect(after.documents).toEqual([]);
    const docs = await t.database.db.selectFrom('documents').select('kind').where('case_id', '=', after.id).execute();
    expect(docs).toEqual([]);
  });

  it('refuses PKS actions in an SOP that has no PKS to act on, and direct cases on an application SOP', async () => {
    const kebumen = orgOf('kebumen.admin');
    const sneaky = oneStepSop('33.05', 'Disdukcapil Kabupaten Kebumen').replace(
      'next: selesai',
      'actions: [pks.draft, pks.activat]\n    next: selesai',
    );
    const pub = await call('kebumen.admin', 'POST', `/api/offices/${kebumen}/sops`, { source: sneaky });
    expect(pub.statusCode).toBe(400);
    const issues = JSON.stringify(pub.json());
    expect(issues).toContain('pks.activate'); // the unknown word is explained with the nearest known one
    expect(issues).toMatch(/purpose/);
    const direct = await call('kebumen.kabid', 'POST', '/api/cases', {
      sopCode: 'kebumen.permohonan-hak-akses',
      title: 'Langsung',
      institutionId: orgOf('dinsos.admin'),
    });
    expect(direct.statusCode).toBe(409);
    expect(problem(direct).code).toBe('sop_opened_by_its_service');
  });

  it('lets neither an unverified institution nor an operator open a case', async () => {
    const offices = (await t.app.inject({ method: 'GET', url: '/api/offices' })).json() as {
      id: string;
      code: string;
    }[];
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/institutions/register',
      payload: {
        name: 'PT Penyusup Data',
        type: 'badan_hukum',
        profitOriented: true,
        officeId: offices.find((o) => o.code === '13.05')?.id,
        address: 'Jl. Gelap No. 13, Pariaman',
        contact: { name: 'Xavier', position: 'Direktur', email: 'x@penyusup.example', phone: '0' },
        admin: { username: 'penyusup.admin', displayName: 'Penyusup', password: 'penyusup-data-2026' },
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    s['penyusup.admin'] = await login(t.app, 'penyusup.admin', 'penyusup-data-2026');
    for (const who of ['penyusup.admin', 'rsudpp.operator']) {
      const res = await call(who, 'POST', '/api/cases', { sopCode: 'padang-pariaman.hak-akses', title: 'Intip' });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(403);
      expect(problem(res).code).toBe(who === 'penyusup.admin' ? 'institution_not_verified' : 'forbidden');
    }
  });

  it("keeps the Dirjen's approval and both signatures in an office SOP that drops them", async () => {
    const office = orgOf('padangpariaman.admin');
    const pub = await call('padangpariaman.admin', 'POST', `/api/offices/${office}/sops`, {
      source: changeSopWithoutDirjen('13.05', 'Disdukcapil Kabupaten Padang Pariaman'),
    });
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json().warnings.map((w: { code: string }) => w.code)).toContain('minimum_appended');
    const req = await call('padangpariaman.kabid', 'POST', `/api/agreements/${agreementId}/addendum`, {
      reason: 'Tambah sidik jari',
      elements: ['nik', 'nama_lengkap', 'sidik_jari'],
      legalBasis: 'Peraturan Daerah tentang layanan kesehatan terpadu berbasis sidik jari',
    });
    expect(req.statusCode, req.body).toBe(201);
    const caseId = req.json().caseId;
    const openTasks = async () =>
      (
        (await call('padangpariaman.kabid', 'GET', `/api/cases/${caseId}`)).json().tasks as {
          id: string;
          status: string;
          role: string;
          assigneeOrgKind: string;
        }[]
      ).filter((x) => x.status === 'open');
    const versionState = async () =>
      (
        await t.database.db
          .selectFrom('agreement_versions')
          .select('state')
          .where('agreement_id', '=', agreementId)
          .orderBy('version', 'desc')
          .executeTakeFirstOrThrow()
      ).state;

    // The office's kabid clicks (its own step, then the standard drafting step) do not put the addendum in force:
    // the Dirjen's step comes next.
    for (let i = 0; i < 2; i++) {
      const [next] = await openTasks();
      expect(next?.role).toBe('kabid');
      const res = await call('padangpariaman.kabid', 'POST', `/api/tasks/${next?.id}/complete`, {});
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().ended).toBeNull();
    }
    expect(await versionState()).toBe('pending');
    let open = await openTasks();
    expect(open.map((x) => x.role)).toEqual(['dirjen']);
    // The kadis cannot jump ahead by the PKS page's button either.
    const early = await call('padangpariaman.kadis', 'POST', `/api/agreements/${agreementId}/sign`, {});
    expect(early.statusCode).toBe(409);
    const approve = await call('pusat.dirjen', 'POST', `/api/tasks/${open[0]?.id}/complete`, { decision: 'setuju' });
    expect(approve.statusCode, approve.body).toBe(200);

    // A joint signing: one task per party; the kadis alone does not end it.
    open = await openTasks();
    expect(open.map((x) => x.assigneeOrgKind).sort()).toEqual(['institution', 'office']);
    const kadisTask = open.find((x) => x.assigneeOrgKind === 'office');
    const byKadis = await call('padangpariaman.kadis', 'POST', `/api/tasks/${kadisTask?.id}/complete`, {});
    expect(byKadis.statusCode, byKadis.body).toBe(200);
    expect(await versionState()).toBe('pending');
    open = await openTasks();
    expect(open.map((x) => x.role)).toEqual(['pimpinan']);
    const inbox = (await call('rsudpp.pimpinan', 'GET', '/api/inbox')).json() as { caseId: string }[];
    expect(inbox.some((i) => i.caseId === caseId)).toBe(true);
    const last = await call('rsudpp.pimpinan', 'POST', `/api/tasks/${open[0]?.id}/complete`, {});
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().ended).toBe('selesai');
    expect(await versionState()).toBe('in_force');

    // Every decision of that journey is a signed entry, and the log verifies.
    const actions = (
      await t.database.db.selectFrom('audit_entries').select('action').where('pks_id', '=', agreementId).execute()
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'pks.addendum_requested',
        'pks.change_drafted',
        'pks.change_approved',
        'pks.change_signed',
        'pks.change_in_force',
      ]),
    );
    expect(actions.filter((a) => a === 'pks.change_signed')).toHaveLength(2);
    expect(await t.database.db.selectFrom('audit_pending').select('id').execute()).toEqual([]);
    const report = await verifyDatabaseLog(t.database.db);
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
  });

  it('binds a change case to its own subject: a forged change case cannot touch it', async () => {
    // A case of Padang Pariaman whose subject row points at a PKS change that is not its own is refused on action.
    const kase = await t.database.db
      .selectFrom('cases')
      .selectAll()
      .where('subject_kind', '=', 'pks_change')
      .executeTakeFirstOrThrow();
    const other = await t.database.db
      .selectFrom('agreement_versions')
      .select('id')
      .where('agreement_id', '=', agreementId)
      .where('state', '=', 'in_force')
      .orderBy('version')
      .executeTakeFirstOrThrow();
    const office = orgOf('padangpariaman.admin');
    const pub = await call('padangpariaman.admin', 'POST', `/api/offices/${office}/sops`, {
      source: changeSopWithoutDirjen('13.05', 'Disdukcapil Kabupaten Padang Pariaman'),
    });
    expect(pub.statusCode).toBe(201);
    // Even if a row were forged in the database, the action re-checks the link from the subject to this case.
    await t.database.db
      .updateTable('cases')
      .set({ subject_id: other.id, status: 'open' })
      .where('id', '=', kase.id)
      .execute();
    const task = await t.database.db
      .insertInto('tasks')
      .values({
        id: newId(),
        case_id: kase.id,
        step_id: '1',
        assignee_org_kind: 'office',
        assignee_org_id: office,
        role_code: 'kabid',
        status: 'open',
        via: 'flow',
        reason: null,
        pauses_clock: 0,
        opened_at: t.clock.now.toISOString(),
        target_at: null,
        deadline_at: null,
        completed_by: null,
        completed_at: null,
        decision: null,
        comment: null,
        joint: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await call('padangpariaman.kabid', 'POST', `/api/tasks/${task.id}/complete`, {});
    expect(res.statusCode).toBe(403);
  });
});
