import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login, useBrowser } from './browser';
import { logout } from './steps';

/**
 * The first SOP of Kota Semarang (33.74, under the demo's Jawa Tengah office, which has no office of its own in
 * the demo): an application SOP with a revision loop back to the institution's step, a rejection branch, and
 * parallel steps opened after a decision and joined again. It leaves the Dirjen's approval, the signatures,
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
        - { label: Layak, to: '4' }
        - label: Tolak
          to: ditolak
          actions: [{ produce: rejection_letter, title: Surat Penolakan }]
  - id: '4'
    kegiatan: Kabid mendisposisikan penyiapan draf PKS dan rapat koordinasi.
    pelaksana: kabid
    waktu: 1 jam
    next: ['4a', '4b']
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

    await createUser(page, 'semarang.kadis', 'Kepala Dinas Dukcapil Kota Semarang', ['kadis']);
    await createUser(page, 'semarang.kabid', 'Kabid PIAK Kota Semarang', ['kabid']);
    await createUser(page, 'semarang.kasi', 'Kasi Pemanfaatan Data Kota Semarang', ['kasi_pdip']);
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
});
