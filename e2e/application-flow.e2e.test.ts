import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { qrCodesInPdf } from '../test/pdf-qr';
import { login, useBrowser } from './browser';
import { attach, completeAndWait, confirmAll, logout, openFromInbox } from './steps';
import { minimalPdf } from './pdf';

/** Opens the agreement from the Perjanjian list. */
async function openAgreement(page: Page, agreementId: string): Promise<void> {
  await page.getByTestId('nav-agreements').click();
  const row = page.locator(`[data-testid="agreement-row"][data-id="${agreementId}"]`);
  await expect.poll(() => row.count()).toBe(1);
  await row.click();
  await page.waitForURL(`**/agreements/${agreementId}`);
  await expect.poll(() => page.getByTestId('pks-content').isVisible()).toBe(true);
}

/** Clicks a lifecycle button and waits for the agreement to reach the expected state. */
async function pksAction(page: Page, action: string, expected: string): Promise<void> {
  await page.getByTestId(`pks-${action}`).click();
  await expect.poll(() => page.getByTestId('agreement-page').getAttribute('data-status')).toBe(expected);
}

describe('an application from draft to an active PKS whose QR code verifies', () => {
  const browser = useBrowser();

  it('is applied for, worked through the Kebumen SOP, signed, put in force and verified', async () => {
    const page = browser.page();
    const baseUrl = inject('baseUrl');

    // 1. The institution's head starts an application and fills only part of it.
    await login(page, 'dinsos.pimpinan');
    await page.getByTestId('nav-applications').click();
    await page.getByTestId('new-application-button').click();
    await page.waitForURL('**/applications/new');
    for (const letter of ['a', 'b', 'c', 'd', 'e', 'f']) {
      await expect.poll(() => page.getByTestId(`content-${letter}`).isVisible()).toBe(true);
    }
    await page.getByTestId('application-user-name').fill('Dinas Sosial Kabupaten Kebumen');
    await page.getByTestId('application-purpose').fill('Verifikasi data penerima bantuan sosial daerah');

    // Submitting now is refused with exactly what is missing.
    await page.getByTestId('application-submit').click();
    await expect.poll(() => page.getByTestId('submit-missing').isVisible()).toBe(true);
    const missing = await page
      .getByTestId('missing-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    expect(missing).toEqual(expect.arrayContaining(['elements', 'methods', 'dataBalikan', 'durationMonths', 'letter']));
    expect(missing).not.toContain('purpose');

    // Completing the six contents, the volume, the IP ranges and the letter.
    for (const code of ['nik', 'nama_lengkap', 'tanggal_lahir', 'alamat']) {
      await page.getByTestId('application-elements').click();
      await page.getByTestId(`element-option-${code}`).click();
    }
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('protected-warning').count()).toBe(0);
    await page.getByTestId('method-web_service').check();
    await page.getByTestId('application-data-balikan').fill('Status kelayakan penerima bantuan');
    await page.getByTestId('application-duration').fill('24');
    await page.getByTestId('application-volume').fill('500');
    await page.getByTestId('application-ip-ranges').fill('203.0.113.10/32\n198.51.100.0/28');
    await page.getByTestId('application-letter-file').setInputFiles({
      name: 'surat-permohonan.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf('Surat Permohonan'),
    });
    await expect.poll(() => page.getByTestId('application-letter-file-done').isVisible()).toBe(true);
    await page.getByTestId('application-submit').click();

    // The application now shows where it stands: its case, with step 2 open at the office.
    await page.waitForURL(/\/applications\/(?!new)[^/]+$/);
    await expect.poll(() => page.getByTestId('application-case').isVisible()).toBe(true);
    const applicationUrl = page.url();
    const caseNumber = (await page.getByTestId('application-case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(/^33\.05\/\d{4}\/\d{4}$/);
    expect(await page.locator('[data-testid="application-open-task"][data-step="2"]').count()).toBe(1);
    expect(await page.getByTestId('application-status').getAttribute('data-status')).toBe('submitted');
    await logout(page);

    // 2. Disdukcapil Kebumen forwards the letter to the Dirjen.
    await login(page, 'kebumen.kabid');
    await openFromInbox(page, caseNumber, '2');
    await attach(page, 'Surat Permohonan kepada Dirjen Dukcapil Kemendagri RI');
    await completeAndWait(page, '2');
    await logout(page);

    // 3. The Directorate General ticks that the forwarded file is complete and approves the application.
    await login(page, 'pusat.dirjen');
    await openFromInbox(page, caseNumber, '3');
    await confirmAll(page);
    await page.getByTestId('decision-setuju').check();
    await completeAndWait(page, '3');
    await logout(page);

    // 4. and 5. Disdukcapil forwards the approval letter (already on the case) and drafts the PKS.
    await login(page, 'kebumen.kabid');
    await openFromInbox(page, caseNumber, '4');
    expect(
      await page
        .locator('[data-testid="kelengkapan-item"]')
        .filter({ hasText: 'Surat Persetujuan/Penolakan' })
        .textContent(),
    ).toContain('sudah ada');
    await completeAndWait(page, '4');
    await openFromInbox(page, caseNumber, '5');
    await confirmAll(page);
    await completeAndWait(page, '5');

    // The office finds the PKS from the application it received: a draft awaiting the Dirjen.
    await page.goto(applicationUrl);
    await expect.poll(() => page.getByTestId('application-agreement-link').isVisible()).toBe(true);
    await page.getByTestId('application-agreement-link').click();
    await page.waitForURL('**/agreements/*');
    const agreementId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => page.getByTestId('agreement-page').getAttribute('data-status')).toBe('draft');
    expect(await page.getByTestId('pks-content').textContent()).toContain('Tanggal lahir');
    expect(await page.getByTestId('pks-content-hash').first().textContent()).toMatch(/^[0-9a-f]{24}…$/);
    // Kabid may neither sign nor approve.
    expect(await page.getByTestId('pks-sign').count()).toBe(0);
    expect(await page.getByTestId('pks-approve').count()).toBe(0);
    await logout(page);

    // The Director General finds the PKS approval in Kotak Masuk and approves it there.
    await login(page, 'pusat.dirjen');
    await openFromInbox(page, caseNumber, 'gerbang_persetujuan');
    await page.getByTestId('decision-setuju').check();
    await completeAndWait(page, 'gerbang_persetujuan');
    await openAgreement(page, agreementId);
    expect(await page.getByTestId('agreement-page').getAttribute('data-status')).toBe('approved');
    await logout(page);

    // The Kadis signs for the office from Kotak Masuk (a joint step): still waiting for the institution.
    await login(page, 'kebumen.kadis');
    await openFromInbox(page, caseNumber, 'gerbang_tandatangan');
    await expect.poll(() => page.getByTestId('task-joint').isVisible()).toBe(true);
    await page.getByTestId('task-complete').click();
    await expect.poll(() => page.getByTestId('task-panel').count()).toBe(0);
    await openAgreement(page, agreementId);
    await expect.poll(() => page.locator('[data-testid="pks-signature"][data-party="office"]').count()).toBe(1);
    expect(await page.getByTestId('agreement-page').getAttribute('data-status')).toBe('approved');
    expect(await page.getByTestId('pks-sign').count()).toBe(0);
    await logout(page);

    // The institution's head has the signing task too, and signs on the PKS page: both parties → signed.
    await login(page, 'dinsos.pimpinan');
    await page.getByTestId('nav-inbox').click();
    const signTask = page.locator(
      `[data-testid="inbox-row"][data-case-number="${caseNumber}"][data-step="gerbang_tandatangan"]`,
    );
    await expect.poll(() => signTask.count()).toBe(1);
    await openAgreement(page, agreementId);
    await pksAction(page, 'sign', 'signed');
    const over = await page
      .getByTestId('pks-signature')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-party')));
    expect(over.sort()).toEqual(['institution', 'office']);
    await page.getByTestId('nav-inbox').click();
    await expect.poll(() => signTask.count()).toBe(0);
    await logout(page);

    // The Kabid, asked in Kotak Masuk, puts it in force and approves the juknis on the PKS page.
    await login(page, 'kebumen.kabid');
    await page.getByTestId('nav-inbox').click();
    await expect
      .poll(() =>
        page
          .locator(`[data-testid="inbox-row"][data-case-number="${caseNumber}"][data-step="gerbang_berlaku"]`)
          .count(),
      )
      .toBe(1);
    await openAgreement(page, agreementId);
    await pksAction(page, 'activate', 'active');
    expect(await page.getByTestId('juknis-status').textContent()).toContain('belum');
    // No stale state (issue 14): without a reload the page says it is done, and the access section no longer says the
    // PKS is not in force — it now waits only for the juknis.
    await expect
      .poll(() => page.getByTestId('success-notice').textContent(), { timeout: 10_000 })
      .toContain('PKS diberlakukan');
    const precondition = page.getByTestId('access-precondition');
    await expect
      .poll(() => precondition.textContent(), { timeout: 10_000 })
      .toBe('Juknis belum disetujui: akses belum dapat dibuka.');
    await page.getByTestId('pks-approve-juknis').click();
    await expect.poll(() => page.getByTestId('juknis-status').textContent()).toBe('Juknis disetujui');
    await expect
      .poll(() => page.getByTestId('success-notice').textContent(), { timeout: 10_000 })
      .toContain('Petunjuk teknis disetujui');
    // Access can be opened at once: the precondition is gone and the grant form is offered.
    await expect.poll(() => precondition.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('grant-create-open').isVisible()).toBe(true);

    // The PKS PDF carries a QR code that leads to its public verification page.
    await expect.poll(() => page.getByTestId('pks-pdf-link').isVisible()).toBe(true);
    const href = (await page.getByTestId('pks-pdf-link').getAttribute('href')) ?? '';
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const pdf = await response.body();
    const codes = await qrCodesInPdf(pdf);
    expect(codes).toHaveLength(1);
    const qr = new URL(codes[0] ?? '');
    expect(qr.pathname).toMatch(/^\/verify\/[0-9A-Za-z_-]+$/);

    // 6. and 7. The office requests the User ID and hands the access over: the case reaches its end.
    await openFromInbox(page, caseNumber, '6');
    await attach(page, 'Surat Permohonan User ID');
    await completeAndWait(page, '6');
    await openFromInbox(page, caseNumber, '7');
    await attach(page, 'User ID dan Hak Akses Pemanfaatan Data Kependudukan');
    await completeAndWait(page, '7');
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Selesai');
    expect(await page.getByTestId('case-outcome').textContent()).toBe('Selesai');
    expect(await page.getByTestId('task-panel').count()).toBe(0);
    await logout(page);

    // Anyone, signed in or not, sees the document is valid…
    await page.goto(new URL(qr.pathname, baseUrl).toString());
    await expect.poll(() => page.getByTestId('verify-status').getAttribute('data-status')).toBe('valid');
    expect(await page.getByTestId('verify-status').textContent()).toContain('Sah');
    expect(await page.getByTestId('verify-number').textContent()).toContain('/PKS/33.05/');
    // …and that the file they hold is exactly that document.
    await page.getByTestId('verify-file').setInputFiles({ name: 'pks.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-match')).toBe('current');
    expect(await page.getByTestId('verify-result').getAttribute('data-status')).toBe('valid');
    // A different file does not match.
    await page
      .getByTestId('verify-file')
      .setInputFiles({ name: 'lain.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Bukan PKS') });
    await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-match')).toBe('none');

    // The public register lists the agreement in force.
    await page.getByTestId('public-nav-register').click();
    await page.waitForURL('**/register');
    await expect.poll(() => page.getByTestId('register-table').isVisible()).toBe(true);
    await page.getByTestId('register-search').fill('Dinas Sosial');
    await expect.poll(() => page.getByTestId('register-row').count()).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('shows a request for completion on the application, answered in the same place', async () => {
    const page = browser.page();
    await login(page, 'dinsos.pimpinan');
    await page.goto('/applications/new');
    await expect.poll(() => page.getByTestId('application-form').isVisible()).toBe(true);
    await page.getByTestId('application-user-name').fill('Dinas Sosial Kabupaten Kebumen');
    await page.getByTestId('application-purpose').fill('Pemutakhiran data penerima program keluarga harapan');
    await page.getByTestId('application-elements').click();
    await page.getByTestId('element-option-nik').click();
    // A protected element asks for a legal basis and warns.
    await page.getByTestId('element-option-sidik_jari').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('protected-warning').isVisible()).toBe(true);
    await page.getByTestId('application-legal-basis').fill('Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data');
    await page.getByTestId('method-web_portal').check();
    await page.getByTestId('application-data-balikan').fill('Status kepesertaan');
    await page.getByTestId('application-duration').fill('12');
    await page.getByTestId('application-volume').fill('50');
    await page
      .getByTestId('application-letter-file')
      .setInputFiles({ name: 'surat.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Surat PKH') });
    await expect.poll(() => page.getByTestId('application-letter-file-done').isVisible()).toBe(true);
    await page.getByTestId('application-save').click();
    await page.waitForURL(/\/applications\/(?!new)[^/]+$/);
    await expect.poll(() => page.getByTestId('application-saved').isVisible()).toBe(true);
    await page.getByTestId('application-submit').click();
    await expect.poll(() => page.getByTestId('application-case').isVisible()).toBe(true);
    const applicationUrl = page.url();
    const caseNumber = (await page.getByTestId('application-case-number').textContent()) ?? '';
    await logout(page);

    // The office sends it back to the institution with a reason.
    await login(page, 'kebumen.kabid');
    await openFromInbox(page, caseNumber, '2');
    await page.getByTestId('mode-return').check();
    await page.getByTestId('return-reason').fill('Surat belum ditandatangani pimpinan, mohon unggah ulang.');
    await page.getByTestId('task-return').click();
    await expect.poll(() => page.getByTestId('task-panel').count()).toBe(0);
    await logout(page);

    // The institution sees the request on its application and answers it there.
    await login(page, 'dinsos.pimpinan');
    await page.goto(applicationUrl);
    await expect.poll(() => page.getByTestId('completion-request').isVisible()).toBe(true);
    expect(await page.getByTestId('completion-reason').textContent()).toContain('belum ditandatangani');
    await expect.poll(() => page.locator('[data-testid="task-panel"][data-step="1"]').isVisible()).toBe(true);
    await page.getByTestId('task-comment').fill('Surat sudah ditandatangani.');
    await page.getByTestId('task-complete').click();
    await expect.poll(() => page.getByTestId('completion-request').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="application-open-task"][data-step="2"]').count()).toBe(1);
  });

  it('lets an institution register itself from the login page, for its office to verify', async () => {
    const page = browser.page();
    await page.goto('/login');
    await page.getByTestId('login-signup').click();
    await page.waitForURL('**/daftar');
    await page.getByTestId('signup-name').fill('Dinas Pendidikan Kabupaten Kebumen');
    await page.getByTestId('signup-office').click();
    await page.getByRole('option', { name: /Kabupaten Kebumen/ }).click();
    await page.getByTestId('signup-address').fill('Jl. Pahlawan No. 10, Kebumen');
    await page.getByTestId('signup-contact-name').fill('Siti Aminah');
    await page.getByTestId('signup-contact-email').fill('siti@disdik.example.go.id');
    await page.getByTestId('signup-username').fill('disdik.admin');
    await page.getByTestId('signup-display-name').fill('Admin Disdik Kebumen');
    await page.getByTestId('signup-password').fill('rahasia-disdik-2026');
    await page.getByTestId('signup-confirm').fill('rahasia-disdik-2026');
    await page.getByTestId('signup-submit').click();
    await expect.poll(() => page.getByTestId('signup-done').isVisible()).toBe(true);

    await login(page, 'kebumen.kabid');
    await page.getByTestId('nav-institutions').click();
    const row = page
      .locator('[data-testid="institution-row"]')
      .filter({ hasText: 'Dinas Pendidikan Kabupaten Kebumen' });
    await expect.poll(() => row.getAttribute('data-status')).toBe('pending');
    await row.getByTestId('institution-verify').click();
    // The verification asks for confirmation first (issue 14).
    await page.getByTestId('institution-verify-confirm').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('verified');
  });
});
