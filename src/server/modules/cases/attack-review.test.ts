/**
 * Independent attack review of the workflow-integrity rebuild: each test reproduces one way around the trust
 * chain (or a crash) that the current code allows. They fail today and pass once the finding is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  seededAgreement,
  type Session,
  type TestContext,
} from '../../../../test/harness.js';
import { sopHead } from '../../../domain/sop/fixtures.test-helpers.js';

/** A PKS-change SOP for Padang Pariaman with the given steps (and optional `start:` line). */
function changeSop(steps: string) {
  return `${sopHead({ code: 'pks-perubahan', purpose: 'pks_change', region: '13.05', name: 'Disdukcapil Kabupaten Padang Pariaman' })}pelaksana:
  - { code: kabid, name: Kabid, kind: office, role: kabid }
  - { code: dirjen, name: Dirjen, kind: dirjen }
  - { code: kadis, name: Kadis, kind: office, role: kadis }
  - { code: lembaga, name: Lembaga, kind: institution, role: pimpinan }
${steps}
ends:
  - { id: selesai, label: Selesai, outcome: selesai }
  - { id: ditolak, label: Ditolak, outcome: ditolak }
`;
}

const DRAFT_STEP = `  - id: '1'
    kegiatan: Menyiapkan naskah
    pelaksana: kabid
    waktu: 1 jam
    actions: [pks.draft]
    next: '2'
`;

const JOINT_SIGN = (id: string) => `  - id: '${id}'
    kegiatan: Menandatangani
    pelaksana: [kadis, lembaga]
    bersama: true
    waktu: 1 jam
    actions: [pks.sign]
    next: selesai
`;

describe.each(DIALECTS)('attack review on %s', (kind) => {
  let t: TestContext;
  const s: Record<string, Session> = {};
  const as = async (u: string) => (s[u] ??= await login(t.app, u));
  const call = async (u: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: (await as(u)).headers, ...(payload ? { payload } : {}) });
  const orgOf = (u: string) => t.users.find((x) => x.username === u)?.organisation.id ?? '';
  type TaskRow = { id: string; status: string; role: string; assigneeOrgKind: string; stepId: string };
  const openTasks = async (caseId: string) =>
    ((await call('padangpariaman.kabid', 'GET', `/api/cases/${caseId}`)).json().tasks as TaskRow[]).filter(
      (x) => x.status === 'open',
    );
  const versionOf = async (agreementId: string) =>
    t.database.db
      .selectFrom('agreement_versions')
      .selectAll()
      .where('agreement_id', '=', agreementId)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();

  /** A fresh active PKS of RSUD Padang Pariaman (each change test needs its own: one pending change per PKS). */
  async function activeAgreement(status: 'active' | 'draft' = 'active'): Promise<string> {
    return (
      await seededAgreement(t, {
        institutionId: orgOf('rsudpp.admin'),
        officeId: orgOf('padangpariaman.admin'),
        status,
        startDate: '2026-03-02',
        endDate: '2027-03-01',
      })
    ).agreementId;
  }

  async function publishChangeSop(steps: string) {
    return call('padangpariaman.admin', 'POST', `/api/offices/${orgOf('padangpariaman.admin')}/sops`, {
      source: changeSop(steps),
    });
  }

  async function requestAddendum(agreementId: string, elements = ['nik', 'nama_lengkap', 'agama']) {
    const req = await call('padangpariaman.kabid', 'POST', `/api/agreements/${agreementId}/addendum`, {
      reason: 'Tambah elemen',
      elements,
    });
    expect(req.statusCode, req.body).toBe(201);
    return req.json().caseId as string;
  }

  beforeAll(async () => {
    t = await demoApp(kind);
    t.clock.now = new Date('2026-03-02T02:00:00Z');
  });
  afterAll(async () => t.close());

  it("F1: the Dirjen's 'tolak' does not approve the change (pks.approve as a step action of a decision)", async () => {
    // The office writes the Dirjen's decision so that pks.approve runs whatever the Dirjen chooses.
    const pub = await publishChangeSop(`steps:
${DRAFT_STEP}  - id: '2'
    kegiatan: Dirjen memutuskan
    pelaksana: dirjen
    waktu: { tanpaStandar: Ditjen }
    actions: [pks.approve]
    decision:
      question: Dirjen menyetujui?
      branches:
        - { label: setuju, to: '3' }
        - { label: tolak, to: '3' }
${JOINT_SIGN('3')}`);
    if (pub.statusCode === 400) return; // fixed by refusing such an SOP
    expect(pub.statusCode, pub.body).toBe(201);
    const agreementId = await activeAgreement();
    const caseId = await requestAddendum(agreementId);
    let [task] = await openTasks(caseId);
    expect(task?.role).toBe('kabid');
    expect((await call('padangpariaman.kabid', 'POST', `/api/tasks/${task?.id}/complete`, {})).statusCode).toBe(200);
    [task] = await openTasks(caseId);
    expect(task?.role).toBe('dirjen');
    const refuse = await call('pusat.dirjen', 'POST', `/api/tasks/${task?.id}/complete`, {
      decision: 'tolak',
      comment: 'Perubahan tidak disetujui',
    });
    // The Director General refused: the change must not count as approved.
    const v = await versionOf(agreementId);
    expect.soft(v.approved_at, `refusal recorded as approval (status ${refuse.statusCode})`).toBeNull();
    // And the parties' signatures cannot put it in force.
    for (const tk of await openTasks(caseId)) {
      const who = tk.assigneeOrgKind === 'office' ? 'padangpariaman.kadis' : 'rsudpp.pimpinan';
      await call(who, 'POST', `/api/tasks/${tk.id}/complete`, {});
    }
    expect((await versionOf(agreementId)).state).not.toBe('in_force');
  });

  it('F2: the appended Dirjen step is reachable when the SOP lists its steps out of order', async () => {
    // No Dirjen step; the signing step is listed first, the drafting step (the start) second.
    const pub = await publishChangeSop(`start: '1'
steps:
${JOINT_SIGN('2')}${DRAFT_STEP}`);
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json().warnings.map((w: { code: string }) => w.code)).toContain('minimum_appended');
    const agreementId = await activeAgreement();
    const caseId = await requestAddendum(agreementId);
    const [draft] = await openTasks(caseId);
    expect(draft?.role).toBe('kabid');
    const done = await call('padangpariaman.kabid', 'POST', `/api/tasks/${draft?.id}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);
    // The law's minimum says the Director General comes next, not the signatories.
    expect((await openTasks(caseId)).map((x) => x.role)).toEqual(['dirjen']);
  });

  it('F3: a pks.sign on a decision branch is still a joint step (one party cannot end it)', async () => {
    const pub = await publishChangeSop(`steps:
${DRAFT_STEP}  - id: '2'
    kegiatan: Dirjen memutuskan
    pelaksana: dirjen
    waktu: { tanpaStandar: Ditjen }
    decision:
      question: Dirjen menyetujui?
      branches:
        - { label: setuju, to: '3', actions: [pks.approve] }
        - { label: tolak, to: ditolak }
  - id: '3'
    kegiatan: Menandatangani
    pelaksana: [kadis, lembaga]
    waktu: 1 jam
    decision:
      question: Ditandatangani?
      branches:
        - { label: ya, to: selesai, actions: [pks.sign] }
        - { label: tidak, to: ditolak }
`);
    if (pub.statusCode === 400) return; // fixed by refusing such an SOP
    expect(pub.statusCode, pub.body).toBe(201);
    const agreementId = await activeAgreement();
    const caseId = await requestAddendum(agreementId);
    let [task] = await openTasks(caseId);
    await call('padangpariaman.kabid', 'POST', `/api/tasks/${task?.id}/complete`, {});
    [task] = await openTasks(caseId);
    const ok = await call('pusat.dirjen', 'POST', `/api/tasks/${task?.id}/complete`, { decision: 'setuju' });
    expect(ok.statusCode, ok.body).toBe(200);
    // Both parties must get a signing task; today only the kadis does, the institution is never asked, and the
    // kadis's "ya" then fails at the end (minimum_not_met): the case can never finish.
    expect((await openTasks(caseId)).map((x) => x.assigneeOrgKind).sort()).toEqual(['institution', 'office']);
  });

  it('F4: a join step whose id is an Object.prototype name does not crash the server (500)', async () => {
    const kebumen = orgOf('kebumen.admin');
    const src = `${sopHead({ code: 'serangan-join', region: '33.05', name: 'Disdukcapil Kabupaten Kebumen' })}pelaksana:
  - { code: kabid, name: Kabid, kind: office, role: kabid }
  - { code: kasi, name: Kasi, kind: office, role: kasi }
  - { code: staf, name: Staf, kind: office, role: staf }
steps:
  - { id: '1', kegiatan: Mulai, pelaksana: kabid, waktu: 1 jam, next: [a, b] }
  - { id: a, kegiatan: Cabang A, pelaksana: kasi, waktu: 1 jam, next: constructor }
  - { id: b, kegiatan: Cabang B, pelaksana: staf, waktu: 1 jam, next: constructor }
  - { id: constructor, kegiatan: Bertemu, pelaksana: kabid, waktu: 1 jam, join: [a, b], next: selesai }
ends:
  - { id: selesai, label: Selesai, outcome: selesai }
`;
    const pub = await call('kebumen.admin', 'POST', `/api/offices/${kebumen}/sops`, { source: src });
    if (pub.statusCode === 400) return; // fixed by refusing such ids
    expect(pub.statusCode, pub.body).toBe(201);
    const opened = await call('kebumen.kabid', 'POST', '/api/cases', { sopCode: 'serangan-join', title: 'Uji join' });
    expect(opened.statusCode, opened.body).toBe(201);
    const tasks = async () =>
      ((await call('kebumen.kabid', 'GET', `/api/cases/${opened.json().id}`)).json().tasks as TaskRow[]).filter(
        (x) => x.status === 'open',
      );
    const [first] = await tasks();
    expect((await call('kebumen.kabid', 'POST', `/api/tasks/${first?.id}/complete`, {})).statusCode).toBe(200);
    const a = (await tasks()).find((x) => x.stepId === 'a');
    const res = await call('kebumen.kasi', 'POST', `/api/tasks/${a?.id}/complete`, {});
    expect(res.statusCode, res.body).toBeLessThan(500);
  });

  it('F5: an addendum names only catalogue elements', async () => {
    const agreementId = await activeAgreement();
    const res = await call('rsudpp.pimpinan', 'POST', `/api/agreements/${agreementId}/addendum`, {
      reason: 'Tambah elemen yang tidak ada',
      elements: ['nik', 'nama_lengkap', 'bukan_elemen', '__proto__'],
    });
    expect(res.statusCode, res.body).toBe(400);
  });

  it('F6: a revision of the PKS text is a decision on the signed record', async () => {
    const agreementId = await activeAgreement('draft');
    // A protected element without a legal basis is refused (the addendum rule holds for drafts too)…
    const bare = await call('padangpariaman.kabid', 'PATCH', `/api/agreements/${agreementId}`, {
      elements: ['nik', 'nama_lengkap', 'sidik_jari'],
      legalBasis: '',
    });
    expect(problem(bare).code).toBe('invalid_elements');
    // …and an accepted revision is on the record.
    const res = await call('padangpariaman.kabid', 'PATCH', `/api/agreements/${agreementId}`, {
      elements: ['nik', 'nama_lengkap', 'sidik_jari'],
      legalBasis: 'Peraturan Daerah tentang pelayanan kesehatan terpadu',
    });
    expect(res.statusCode, res.body).toBe(200);
    const entries = [
      ...(await t.database.db.selectFrom('audit_entries').select('action').where('pks_id', '=', agreementId).execute()),
    ].map((e) => e.action);
    const pending = (await t.database.db.selectFrom('audit_pending').select('entry').execute()).filter((p) =>
      p.entry.includes(agreementId),
    );
    expect(entries.length + pending.length, 'no audit entry for the PKS text revision').toBeGreaterThan(0);
  });

  it('F7: two parties completing a joint signing at the same time do not leave the case stuck', async () => {
    const pub = await publishChangeSop(`steps:
${DRAFT_STEP}  - id: '2'
    kegiatan: Dirjen memutuskan
    pelaksana: dirjen
    waktu: { tanpaStandar: Ditjen }
    decision:
      question: Dirjen menyetujui?
      branches:
        - { label: setuju, to: '3', actions: [pks.approve] }
        - { label: tolak, to: ditolak }
${JOINT_SIGN('3')}`);
    expect(pub.statusCode, pub.body).toBe(201);
    const agreementId = await activeAgreement();
    const caseId = await requestAddendum(agreementId);
    let [task] = await openTasks(caseId);
    await call('padangpariaman.kabid', 'POST', `/api/tasks/${task?.id}/complete`, {});
    [task] = await openTasks(caseId);
    await call('pusat.dirjen', 'POST', `/api/tasks/${task?.id}/complete`, { decision: 'setuju' });
    const joint = await openTasks(caseId);
    expect(joint).toHaveLength(2);
    const office = joint.find((x) => x.assigneeOrgKind === 'office');
    const inst = joint.find((x) => x.assigneeOrgKind === 'institution');
    await as('padangpariaman.kadis');
    await as('rsudpp.pimpinan');
    const [r1, r2] = await Promise.all([
      call('padangpariaman.kadis', 'POST', `/api/tasks/${office?.id}/complete`, {}),
      call('rsudpp.pimpinan', 'POST', `/api/tasks/${inst?.id}/complete`, {}),
    ]);
    expect(
      [r1.statusCode, r2.statusCode].every((c) => c < 500),
      `${r1.body} ${r2.body}`,
    ).toBe(true);
    const kase = await t.database.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    // Either the case moved on (ended) or a task is still open for someone: never open with nothing to do.
    const open = await openTasks(caseId);
    expect(kase.status === 'ended' || open.length > 0, 'case open with no open task').toBe(true);
  });
});
