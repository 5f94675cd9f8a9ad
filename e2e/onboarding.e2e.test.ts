import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { qrCodesInPdf } from '../test/pdf-qr';
import { DEMO_PASSWORD, login, useBrowser } from './browser';
import { completeAndWait, logout, openFromInbox, submitApplication } from './steps';

/**
 * The first SOP of Kota Semarang (33.74, under the demo's Jawa Tengah office, which has no office of its own in
 * the demo): an application SOP with a revision loop back to the institution's step, a rejection branch, and
 * parallel steps opened from a decision branch and joined again. It leaves the Dirjen's approval, the signatures,
 * activation and the juknis out, so Gerbang appends those standard steps (four minimum_appended warnings).
 */
const SOP_YAML = `format: gerbang-sop/1
code: semarang.permohonan-hak-akses
purpose: application
office:
  region: '33.74'
  name: Dinas Kependudukan dan Pencatatan Sipil Kota Semarang
  timeZone: Asia/Jakarta
header:
  nomor: 470/001/2026
  nama: Permohonan Hak Akses Pemanfaatan Data Kependudukan Kota Semarang
  tanggalPembuatan: '2026-01-05'
  tanggalRevisi: null
  tanggalEfektif: null
  tanggalPengesahan: null
  disahkanOleh:
    jabatan: Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Semarang
    nama: Kepala Dinas
    nip: '197001011990031001'
  dasarHukum: [Peraturan Menteri Dalam Negeri Nomor 102 Tahun 2019]
  kualifikasiPelaksana: []
  keterkaitan: []
  peralatanPerlengkapan: [Komputer]
  peringatan: []
  pencatatanPendataan: []
officeRoles:
  - { code: kasi_pdip, name: Kasi Pemanfaatan Data dan Inovasi Pelayanan }
pelaksana:
  - { code: lembaga, name: Lembaga Pengguna, kind: institution, role: pimpinan }
  - { code: kasi, name: Kasi Pemanfaatan Data, kind: office, role: kasi_pdip }
  - { code: kabid, name: Kabid PIAK, kind: office, role: kabid }
  - { code: kadis, name: Kepala Dinas, kind: office, role: kadis }
steps:
  - id: '1'
    kegiatan: Lembaga pengguna mengajukan surat permohonan pemanfaatan data kependudukan.
    pelaksana: lembaga
    kelengkapan: [{ name: Surat Permohonan, from: surat_permohonan }]
    waktu: 5 menit
    actions: [application.submit]
    next: '2'
  - id: '2'
    kegiatan: Kasi memeriksa kelengkapan berkas permohonan.
    pelaksana: kasi
    waktu: 1 hari
    decision:
      question: Berkas permohonan lengkap?
      branches:
        - { label: Lengkap, to: '3' }
        - { label: Perbaikan, to: '1' }
  - id: '3'
    kegiatan: Kabid menelaah kelayakan permohonan.
    pelaksana: kabid
    waktu: 1 hari
    decision:
      question: Permohonan layak diproses?
      branches:
        - { label: Layak, to: ['4a', '4b'] }
        - label: Tolak
          to: ditolak
          actions: [{ produce: rejection_letter, title: Surat Penolakan }]
  - id: '4a'
    kegiatan: Kasi menyiapkan draf PKS.
    pelaksana: kasi
    waktu: 1 hari
    actions: [pks.draft]
    next: '5'
  - id: '4b'
    kegiatan: Kabid menyiapkan rapat koordinasi dengan lembaga pengguna.
    pelaksana: kabid
    waktu: 1 hari
    next: '5'
  - id: '5'
    kegiatan: Kepala Dinas menelaah hasil draf PKS dan rapat koordinasi.
    pelaksana: kadis
    join: ['4a', '4b']
    waktu: 1 jam
    next: selesai
ends:
  - { id: selesai, label: Selesai, outcome: selesai }
  - { id: ditolak, label: Permohonan ditolak, outcome: ditolak }
`;

const NEW_PASSWORD = 'Semarang-Baru-2026!';

/** On an office page, creates a user with the given roles and returns the one-time password shown once. */
async function createUser(page: Page, username: string, displayName: string, roles: string[]): Promise<string> {
  const section = page.getByTestId('office-people-section');
  await section.getByTestId('new-username').fill(username);
  await section.getByTestId('new-display-name').fill(displayName);
  for (const role of roles) await section.getByTestId(`role-option-${role}`).check();
  await section.getByTestId('create-user-submit').click();
  await expect.poll(() => page.getByTestId('otp-notice').isVisible()).toBe(true);
  const otp = (await page.getByTestId('otp-value').textContent()) ?? '';
  expect(otp.length).toBeGreaterThanOrEqual(10);
  await expect
    .poll(() => section.locator(`[data-testid="office-user-row"][data-username="${username}"]`).count())
    .toBe(1);
  await page.getByTestId('otp-done').click();
  expect(await page.getByTestId('otp-notice').count()).toBe(0);
  return otp;
}

/** The one-time passwords of the office's staff, created in the first test and replaced at their first sign-in. */
const staffOtp: Record<string, string> = {};

const INSTITUTION = 'Dinas Sosial Kota Semarang';
const INSTITUTION_ADMIN_PASSWORD = 'rahasia-dinsos-semarang-2026';

/** Signs in with a one-time password and replaces it, ending on the home page. */
async function firstLogin(page: Page, username: string, otp: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(otp);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('password-change-form').isVisible()).toBe(true);
  await page.getByTestId('current-password').fill(otp);
  await page.getByTestId('new-password').fill(password);
  await page.getByTestId('confirm-password').fill(password);
  await page.getByTestId('password-change-submit').click();
  await expect.poll(() => page.getByTestId('home').isVisible()).toBe(true);
}

/** As the institution's head (signed in), fills a complete application to Kota Semarang and submits it. */
async function applyToSemarang(page: Page, purpose: string): Promise<{ applicationUrl: string; caseNumber: string }> {
  const submitted = await submitApplication(page, purpose, {
    name: INSTITUTION,
    ipRange: '203.0.113.74/32',
    officeCode: '33.74',
  });
  expect(await page.locator('[data-testid="application-open-task"][data-step="2"]').count()).toBe(1);
  return submitted;
}

/** Signs in; a staff member of the new office still holding a one-time password replaces it first. */
async function signIn(page: Page, username: string, password?: string): Promise<void> {
  const otp = staffOtp[username];
  if (otp) {
    await firstLogin(page, username, otp, NEW_PASSWORD);
    delete staffOtp[username];
  } else await login(page, username, password ?? NEW_PASSWORD);
}

/** Signs in as `username`, opens the case's task at `stepId` from Kotak Masuk, optionally picks a branch, completes it. */
async function doTask(
  page: Page,
  username: string,
  caseNumber: string,
  stepId: string,
  options: { password?: string; decision?: string } = {},
): Promise<void> {
  await signIn(page, username, options.password);
  await openFromInbox(page, caseNumber, stepId);
  const boxes = page.getByTestId('task-confirmation');
  for (const box of await boxes.all()) await box.check();
  if (options.decision) await page.getByTestId(`decision-${options.decision}`).check();
  await completeAndWait(page, stepId);
  await logout(page);
}

describe('a new office onboards from the web', () => {
  const browser = useBrowser();

  it('pusat creates Kota Semarang and its first admin; the admin staffs it and publishes its first SOP', async () => {
    const page = browser.page();
    await login(page, 'pusat.admin');

    // Kantor: every office, and the form to create one for a region without an office.
    await page.getByTestId('nav-offices').click();
    await expect.poll(() => page.getByTestId('office-row').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-testid="office-row"][data-code="33.74"]').count()).toBe(0);
    await page.getByTestId('office-region').click();
    await page.getByTestId('office-region').fill('Semarang');
    await page.getByRole('option', { name: /Kota Semarang/ }).click();
    await expect
      .poll(() => page.getByTestId('office-name').inputValue())
      .toBe('Dinas Kependudukan dan Pencatatan Sipil Kota Semarang');
    expect(await page.getByTestId('office-level').inputValue()).toBe('Kota');
    // A kota's parent is its province office, picked from the existing ones.
    expect(await page.getByTestId('office-parent').inputValue()).toBe(
      'Dinas Kependudukan dan Pencatatan Sipil Provinsi Jawa Tengah',
    );
    expect(await page.getByTestId('office-timezone').inputValue()).toBe('WIB (Waktu Indonesia Barat)');
    expect(await page.getByTestId('office-head-title').inputValue()).toBe('Walikota Semarang');
    await page.getByTestId('create-office-submit').click();
    await page.waitForURL(/\/offices\/[^/]+$/);
    await expect.poll(() => page.getByTestId('office-page').isVisible()).toBe(true);
    const officeUrl = new URL(page.url()).pathname;
    expect(await page.getByTestId('page-title').textContent()).toBe(
      'Dinas Kependudukan dan Pencatatan Sipil Kota Semarang',
    );

    // The office's own role, then its first admin (no users yet).
    await page.getByTestId('role-name-id').fill('Kasi Pemanfaatan Data dan Inovasi Pelayanan');
    await page.getByTestId('role-name-en').fill('Data use and service innovation section head');
    await page.getByTestId('role-code').fill('kasi_pdip');
    await page.getByTestId('add-role-submit').click();
    await expect.poll(() => page.locator('[data-testid="office-role-row"][data-role="kasi_pdip"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('office-first-admin').isVisible()).toBe(true);
    const adminOtp = await createUser(page, 'semarang.admin', 'Admin Disdukcapil Kota Semarang', ['admin']);
    await logout(page);

    // The first admin signs in with the one-time password and must replace it.
    await page.getByTestId('login-username').fill('semarang.admin');
    await page.getByTestId('login-password').fill(adminOtp);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('password-change-form').isVisible()).toBe(true);
    await page.getByTestId('current-password').fill(adminOtp);
    await page.getByTestId('new-password').fill(NEW_PASSWORD);
    await page.getByTestId('confirm-password').fill(NEW_PASSWORD);
    await page.getByTestId('password-change-submit').click();
    await expect.poll(() => page.getByTestId('home').isVisible()).toBe(true);

    // Its Kantor page lists only its own office.
    await page.getByTestId('nav-offices').click();
    await expect.poll(() => page.getByTestId('office-row').count()).toBe(1);
    expect(await page.getByTestId('create-office-form').count()).toBe(0);
    await page.getByTestId('office-link').click();
    await page.waitForURL(`**${officeUrl}`);
    await expect.poll(() => page.getByTestId('office-users').isVisible()).toBe(true);

    staffOtp['semarang.kadis'] = await createUser(page, 'semarang.kadis', 'Kepala Dinas Dukcapil Kota Semarang', [
      'kadis',
    ]);
    staffOtp['semarang.kabid'] = await createUser(page, 'semarang.kabid', 'Kabid PIAK Kota Semarang', ['kabid']);
    staffOtp['semarang.kasi'] = await createUser(page, 'semarang.kasi', 'Kasi Pemanfaatan Data Kota Semarang', [
      'kasi_pdip',
    ]);
    expect(await page.getByTestId('office-user-row').count()).toBe(4);

    // Permissions: the office's own section head also verifies institutions (one capability saved at a time).
    const verifyRow = page.locator('[data-testid="permission-row"][data-capability="institution.verify"]');
    expect(await verifyRow.textContent()).toContain('Memverifikasi lembaga');
    expect(await page.getByTestId('permission-matrix').textContent()).not.toContain('institution.verify');
    const box = page.getByTestId('permission-institution.verify-kasi_pdip');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByTestId('permission-save-institution.verify').click();
    await expect.poll(() => page.getByTestId('permission-saved-institution.verify').isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('permission-institution.verify-kasi_pdip').isChecked()).toBe(true);

    // No SOP serves an application yet.
    const application = page.locator('[data-testid="purpose-row"][data-purpose="application"]');
    expect(await application.getByTestId('purpose-serving').textContent()).toBe('belum ada');

    // SOP: no SOP yet, so the page offers the editor for the first one; it is checked live as it is typed.
    await page.getByTestId('nav-sop').click();
    await expect.poll(() => page.getByTestId('sop-publish-new').isVisible()).toBe(true);
    expect(await page.getByTestId('sop-empty').count()).toBe(0);
    await page.getByTestId('publish-source').fill(SOP_YAML);
    const result = page.getByTestId('check-result');
    await expect.poll(() => result.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('check-pending').count()).toBe(0);
    expect(await result.textContent()).toContain('Definisi valid');
    const warnings = page.locator('[data-testid="check-warning"][data-code="minimum_appended"]');
    expect(await warnings.count()).toBe(4);
    const warningText = (await result.textContent()) ?? '';
    for (const step of ['pks.approve', 'pks.sign', 'pks.activate', 'juknis.approve'])
      expect(warningText).toContain(step);
    expect(await page.getByTestId('check-error').count()).toBe(0);

    // A broken edit is refused live, beside the source; restoring the text makes it valid again.
    await page.getByTestId('publish-source').fill(SOP_YAML.replace("to: '3' }", "to: '9' }"));
    await expect.poll(() => page.getByTestId('check-error').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('publish-submit').isDisabled()).toBe(true);
    await page.getByTestId('publish-source').fill(SOP_YAML);
    await expect.poll(() => page.getByTestId('check-error').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => warnings.count()).toBe(4);

    await page.getByTestId('publish-note').fill('SOP pertama Kota Semarang');
    await page.getByTestId('publish-submit').click();
    await page.waitForURL('**/sop/versions/*');
    await expect.poll(() => page.getByTestId('version-warning').count()).toBe(4);

    // The SOP list shows it serving applications ("Permohonan"), and so does the office page.
    await page.getByTestId('nav-sop').click();
    const card = page.locator('[data-testid="sop-card"][data-code="semarang.permohonan-hak-akses"]');
    await expect.poll(() => card.count()).toBe(1);
    await expect
      .poll(() => card.locator('[data-testid="sop-serving"][data-purpose="application"]').textContent())
      .toBe('Melayani: Permohonan');
    await page.goto(officeUrl);
    await expect
      .poll(() => application.getByTestId('purpose-serving').textContent())
      .toContain('Permohonan Hak Akses Pemanfaatan Data Kependudukan Kota Semarang');

    // Retiring asks first; cancelling leaves the purpose served.
    await page.getByTestId('purpose-retire-application').click();
    await expect.poll(() => page.getByTestId('retire-confirm').isVisible()).toBe(true);
    await page.getByTestId('retire-cancel').click();
    expect(await application.getByTestId('purpose-serving').textContent()).toContain('Kota Semarang');

    // On a phone the office page fits the screen (wide tables scroll inside their own box).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect.poll(() => page.getByTestId('permission-matrix').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('an institution registers with Kota Semarang; its applications run the new SOP to the end and to a refusal', async () => {
    const page = browser.page();

    // The institution registers itself from the login page, choosing the new office.
    await page.goto('/login');
    await page.getByTestId('login-signup').click();
    await page.waitForURL('**/daftar');
    await page.getByTestId('signup-name').fill(INSTITUTION);
    await page.getByTestId('signup-office').click();
    await page.getByRole('option', { name: /Kota Semarang/ }).click();
    await page.getByTestId('signup-address').fill('Jl. Pemuda No. 148, Semarang');
    await page.getByTestId('signup-contact-name').fill('Rina Wulandari');
    await page.getByTestId('signup-contact-email').fill('rina@dinsos.semarangkota.example.go.id');
    await page.getByTestId('signup-username').fill('dinsos.smg.admin');
    await page.getByTestId('signup-display-name').fill('Admin Dinsos Kota Semarang');
    await page.getByTestId('signup-password').fill(INSTITUTION_ADMIN_PASSWORD);
    await page.getByTestId('signup-confirm').fill(INSTITUTION_ADMIN_PASSWORD);
    await page.getByTestId('signup-submit').click();
    await expect.poll(() => page.getByTestId('signup-done').isVisible()).toBe(true);

    // The office's section head, whose role may verify institutions, verifies it.
    await signIn(page, 'semarang.kasi');
    await page.getByTestId('nav-institutions').click();
    const row = page.locator('[data-testid="institution-row"]').filter({ hasText: INSTITUTION });
    await expect.poll(() => row.getAttribute('data-status')).toBe('pending');
    await row.getByTestId('institution-verify').click();
    // The verification asks for confirmation first (issue 14).
    await page.getByTestId('institution-verify-confirm').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('verified');
    await logout(page);

    // The registering user is the institution's admin and its head (pimpinan): they apply and sign.
    await login(page, 'dinsos.smg.admin', INSTITUTION_ADMIN_PASSWORD);
    expect(await page.getByTestId('home-roles').textContent()).toContain('Pimpinan');
    // 1. The head applies, with the letter; the case opens at the office.
    const first = await applyToSemarang(page, 'Verifikasi data penerima bantuan sosial Kota Semarang');
    await logout(page);

    // 2. and 3. The kasi finds the file complete; the kabid finds it worth processing, which opens 4a and 4b.
    await doTask(page, 'semarang.kasi', first.caseNumber, '2', { decision: 'Lengkap' });
    await doTask(page, 'semarang.kabid', first.caseNumber, '3', { decision: 'Layak' });
    // 4a and 4b run side by side; 5 (the Kadis) opens only once both are done.
    await doTask(page, 'semarang.kasi', first.caseNumber, '4a');
    await doTask(page, 'semarang.kabid', first.caseNumber, '4b');
    await doTask(page, 'semarang.kadis', first.caseNumber, '5');

    // The appended standard steps: the Dirjen approves the PKS…
    await doTask(page, 'pusat.dirjen', first.caseNumber, 'gerbang_persetujuan', {
      password: DEMO_PASSWORD,
      decision: 'setuju',
    });

    // …the Kadis and the institution's head sign it jointly, each from Kotak Masuk…
    await signIn(page, 'semarang.kadis');
    await openFromInbox(page, first.caseNumber, 'gerbang_tandatangan');
    await expect.poll(() => page.getByTestId('task-joint').isVisible()).toBe(true);
    await page.getByTestId('task-complete').click();
    await expect.poll(() => page.getByTestId('task-panel').count()).toBe(0);
    await logout(page);
    await doTask(page, 'dinsos.smg.admin', first.caseNumber, 'gerbang_tandatangan', {
      password: INSTITUTION_ADMIN_PASSWORD,
    });

    // …and the Kabid puts it in force and approves the juknis: the case reaches its end.
    await doTask(page, 'semarang.kabid', first.caseNumber, 'gerbang_berlaku');
    await signIn(page, 'semarang.kabid');
    await openFromInbox(page, first.caseNumber, 'gerbang_juknis');
    await completeAndWait(page, 'gerbang_juknis');
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Selesai');
    expect(await page.getByTestId('case-outcome').textContent()).toBe('Selesai');
    expect(await page.getByTestId('task-panel').count()).toBe(0);
    // The PKS reached from the application is in force, its juknis approved.
    await page.goto(first.applicationUrl);
    await expect.poll(() => page.getByTestId('application-agreement-link').isVisible()).toBe(true);
    await page.getByTestId('application-agreement-link').click();
    await page.waitForURL('**/agreements/*');
    await expect.poll(() => page.getByTestId('agreement-page').getAttribute('data-status')).toBe('active');
    expect(await page.getByTestId('juknis-status').textContent()).toBe('Juknis disetujui');
    await logout(page);

    // A second application from the same institution, after the first has ended, is refused by the Kabid.
    await login(page, 'dinsos.smg.admin', INSTITUTION_ADMIN_PASSWORD);
    const second = await applyToSemarang(page, 'Pemutakhiran data penerima program keluarga harapan');
    expect(second.caseNumber).not.toBe(first.caseNumber);
    await logout(page);
    await doTask(page, 'semarang.kasi', second.caseNumber, '2', { decision: 'Lengkap' });
    await signIn(page, 'semarang.kabid');
    await openFromInbox(page, second.caseNumber, '3');
    await page.getByTestId('decision-Tolak').check();
    // A refusal needs its reason, which the refusal letter carries (issue 14).
    await page.getByTestId('decision-reason').fill('Permohonan serupa sudah pernah diselesaikan');
    await completeAndWait(page, '3');
    // The case ends refused, with the refusal letter produced on the Tolak branch among its documents.
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Selesai');
    expect(await page.getByTestId('case-outcome').textContent()).toBe('Ditolak');
    expect(await page.locator('[data-testid="task-panel"]').count()).toBe(0);
    const letter = page.getByTestId('document-row').filter({ hasText: 'Surat Penolakan' });
    await expect.poll(() => letter.count()).toBe(1);
    expect(await page.locator('[data-testid="step-row"][data-step="4a"]').count()).toBe(0);
    // The letter carries a QR code whose public page shows it valid.
    const letterHref = (await letter.getByRole('link').getAttribute('href')) ?? '';
    const letterPdf = await page.request.get(letterHref);
    expect(letterPdf.status()).toBe(200);
    const letterCodes = await qrCodesInPdf(await letterPdf.body());
    expect(letterCodes).toHaveLength(1);
    await logout(page);
    await page.goto(new URL(letterCodes[0] ?? '').pathname);
    await expect.poll(() => page.getByTestId('verify-status').getAttribute('data-status')).toBe('valid');
    expect(await page.getByTestId('verify-status').textContent()).toContain('Sah');

    // Pengawasan: the Kadis reads the journey's decisions in plain words, and the audit chain verifies.
    await signIn(page, 'semarang.kadis');
    await page.getByTestId('nav-oversight').click();
    await page.waitForURL('**/oversight');
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);
    const labels = page.getByTestId('audit-action-label');
    const decisions: [string, string][] = [
      ['application.submitted', 'Permohonan diajukan'],
      ['pks.approve', 'PKS disetujui Dirjen'],
      ['case.ended', 'Perkara selesai'],
    ];
    for (const [action, label] of decisions) {
      await page.getByTestId('audit-filter-search').fill(action);
      await expect.poll(() => labels.allTextContents()).toContain(label);
    }
    await page.getByTestId('audit-filter-search').fill('');
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-ok').isVisible()).toBe(true);
  }, 300_000);
});
