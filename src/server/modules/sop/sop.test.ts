import fs from 'node:fs';
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

const KEBUMEN = 'kebumen.permohonan-hak-akses';

describe.each(DIALECTS)('SOP versions on %s', (kind) => {
  let t: TestContext;
  let kebumenId: string;
  beforeAll(async () => {
    t = await demoApp(kind);
    kebumenId = t.users.find((u) => u.username === 'kebumen.admin')?.organisation.id ?? '';
  });
  afterAll(async () => t.close());

  it('ships the five source SOPs, each with its sheet, totals and warnings', async () => {
    const s = await login(t.app, 'pusat.dirjen');
    const codes: string[] = [];
    for (const u of ['bengkulu.admin', 'sumbar.admin', 'kebumen.admin', 'padangpariaman.admin', 'sibolga.admin']) {
      const officeId = t.users.find((x) => x.username === u)?.organisation.id;
      const list = (
        await t.app.inject({ method: 'GET', url: `/api/sops?officeId=${officeId}`, headers: s.headers })
      ).json();
      codes.push(...list.map((x: { code: string }) => x.code));
    }
    expect(codes.sort()).toEqual([
      'bengkulu.permohonan-pemanfaatan-data',
      KEBUMEN,
      'padang-pariaman.hak-akses',
      'sibolga.hak-akses',
      'sumbar.pengendalian-pengamanan-data',
    ]);
    const kebumen = await login(t.app, 'kebumen.staf');
    const [sop] = (await t.app.inject({ method: 'GET', url: '/api/sops', headers: kebumen.headers })).json();
    const v = (
      await t.app.inject({ method: 'GET', url: `/api/sops/versions/${sop.versions[0].id}`, headers: kebumen.headers })
    ).json();
    // The sum counts every step, the refusal row 4-tolak and the minimum steps Gerbang appends (signing 1 hari,
    // in force 1 jam, juknis 1 hari; the Dirjen's approval has no standard time): more than the printed total.
    expect(v.totals).toEqual({
      sumTarget: '5 hari kerja 5 jam 5 menit',
      sumDeadline: '5 hari kerja 5 jam 5 menit',
      declared: '3 hari 3 jam',
      declaredDiffers: true,
    });
    expect(v.warnings.map((w: { code: string }) => w.code)).toEqual(
      expect.arrayContaining(['total_mismatch', 'minimum_appended']),
    );
    // The appended joint signing is the office's Kepala Dinas with the institution: a column the sheet lacked.
    expect(v.sheet.columns.map((c: { name: string }) => c.name)).toEqual([
      'Lembaga Pengguna',
      'Disdukcapil Kabupaten Kebumen',
      'Dirjen Dukcapil Kemendagri RI',
      'Kepala Dinas',
    ]);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/sops/versions/${sop.versions[0].id}/sheet.pdf`,
      headers: kebumen.headers,
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses an invalid definition naming the file, the step and the problem', async () => {
    const admin = await login(t.app, 'kebumen.admin');
    const source = fs
      .readFileSync('sops/kebumen.yaml', 'utf8')
      .replace('waktu: 2 jam', "waktu: '2'")
      .replace("next: '7'", "next: '99'");
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/offices/${kebumenId}/sops`,
      headers: admin.headers,
      payload: { source },
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res).code).toBe('sop_invalid');
    const errs = res.json().errors as { code: string; stepId?: string; file: string }[];
    expect(errs.find((e) => e.stepId === '6' && /waktu/.test(e.code))).toBeTruthy();
    expect(errs.some((e) => e.stepId === '6' && /target|nowhere|unknown/.test(e.code))).toBe(true);
    expect(errs.every((e) => e.file === 'upload')).toBe(true);
    const check = await t.app.inject({
      method: 'POST',
      url: '/api/sops/check',
      headers: admin.headers,
      payload: { source, officeId: kebumenId },
    });
    expect(check.json().valid).toBe(false);
    const wrongOffice = await t.app.inject({
      method: 'POST',
      url: `/api/offices/${kebumenId}/sops`,
      headers: admin.headers,
      payload: { source: fs.readFileSync('sops/kebumen.yaml', 'utf8').replace("region: '33.05'", "region: '12.73'") },
    });
    expect(wrongOffice.statusCode).toBe(400);
    expect((wrongOffice.json().errors as { code: string }[]).map((e) => e.code)).toContain('sop_wrong_office');
    const staf = await login(t.app, 'kebumen.staf');
    const forbidden = await t.app.inject({
      method: 'POST',
      url: `/api/offices/${kebumenId}/sops`,
      headers: staf.headers,
      payload: { source: fs.readFileSync('sops/kebumen.yaml', 'utf8') },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  /** The institution submits a complete application with its letter; the submission opens the case. */
  async function submitApplication(inst: Session) {
    const letter = await uploadFile(t.app, inst, 'surat.pdf', await samplePdf('Surat Permohonan'));
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/applications',
      headers: inst.headers,
      payload: {
        userName: 'Dinas Sosial Kabupaten Kebumen',
        purpose: 'Verifikasi data penerima bantuan sosial daerah',
        elements: ['nik', 'nama_lengkap', 'alamat'],
        methods: ['web_service'],
        dataBalikan: 'Status kelayakan penerima bantuan',
        durationMonths: 12,
        expectedDailyVolume: 100,
        ipRanges: ['203.0.113.10/32'],
        legalBasis: '',
        letterFileId: letter.json().id,
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/applications/${draft.json().id}/submit`,
      headers: inst.headers,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return submitted.json().caseId as string;
  }

  it('keeps running cases on the version they started on when a new version is published', async () => {
    const inst = await login(t.app, 'dinsos.pimpinan');
    const caseId = await submitApplication(inst);
    const before = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: inst.headers })).json();
    expect(before.sop.version).toBe(1);

    const admin = await login(t.app, 'kebumen.admin');
    // Version 2: step 2 takes 2 hari instead of 1, effective now.
    const edited = fs
      .readFileSync('sops/kebumen.yaml', 'utf8')
      .replace('    waktu: 1 hari\n    output: [Bukti pengiriman', '    waktu: 2 hari\n    output: [Bukti pengiriman');
    const pub = await t.app.inject({
      method: 'POST',
      url: `/api/offices/${kebumenId}/sops`,
      headers: admin.headers,
      payload: { source: edited, note: 'Langkah 2 menjadi 2 hari' },
    });
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json().version).toBe(2);
    // A future version does not take over yet.
    const future = await t.app.inject({
      method: 'POST',
      url: `/api/offices/${kebumenId}/sops`,
      headers: admin.headers,
      payload: { source: edited, effectiveFrom: '2099-01-01T00:00:00Z' },
    });
    expect(future.json().version).toBe(3);

    const list = (await t.app.inject({ method: 'GET', url: '/api/sops', headers: admin.headers })).json();
    const versions = list.find((x: { code: string }) => x.code === KEBUMEN).versions as {
      version: number;
      current: boolean;
    }[];
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [3, false],
      [2, true],
      [1, false],
    ]);

    const still = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: inst.headers })).json();
    expect(still.sop.version).toBe(1);
    // Step 2 (opened by the submission, on version 1) keeps its 1 hari.
    const step2Old = still.tasks.find((x: { stepId: string }) => x.stepId === '2');
    expect(step2Old.waktu).toBe('1 hari');

    const fresh = await submitApplication(inst);
    const newCase = (await t.app.inject({ method: 'GET', url: `/api/cases/${fresh}`, headers: inst.headers })).json();
    expect(newCase.sop.version).toBe(2);
    expect(newCase.tasks.find((x: { stepId: string }) => x.stepId === '2').waktu).toBe('2 hari');
    const v1 = versions.find((v) => v.version === 1) as unknown as { id: string };
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/sops/versions/${v1.id}`, headers: inst.headers })).statusCode,
    ).toBe(200);
  });
});
