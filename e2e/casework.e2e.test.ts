import { describe, expect, it } from 'vitest';
import { login, useBrowser } from './browser';
import { minimalPdf } from './pdf';
import { attach, completeAndWait, confirmAll, logout, openFromInbox, submitApplication } from './steps';

describe('case work the clerk can see (issue 14)', () => {
  const browser = useBrowser();

  it('a queried letter is replaced by the institution, and the Dirjen refuses with a reason in his own step', async () => {
    const page = browser.page();
    await login(page, 'dinsos.pimpinan');
    const { applicationUrl, caseNumber } = await submitApplication(page, 'Verifikasi data penerima beasiswa daerah', {
      name: 'Dinas Sosial Kabupaten Kebumen',
      ipRange: '203.0.113.31/32',
      officeCode: '33.05',
    });
    await logout(page);

    // The clerk returns it, querying the application letter.
    await login(page, 'kebumen.kabid');
    await openFromInbox(page, caseNumber, '2');
    await page.getByTestId('mode-return').check();
    await page.getByTestId('return-reason').fill('Surat permohonan belum bertanda tangan pimpinan');
    await page.getByTestId('return-queried').click();
    await page.getByRole('option').first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('task-return').click();
    await expect.poll(() => page.getByTestId('success-notice').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('queried-files').isVisible()).toBe(true);
    await logout(page);

    // The institution sees which file, with the note, and replaces it ("Ganti berkas").
    await login(page, 'dinsos.pimpinan');
    await page.goto(applicationUrl);
    const queried = page.getByTestId('queried-file');
    await expect.poll(() => queried.count()).toBe(1);
    expect(await page.getByTestId('queried-note').textContent()).toContain('belum bertanda tangan');
    await queried
      .locator('input[type="file"]')
      .setInputFiles({ name: 'surat-bertanda-tangan.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Surat') });
    await expect.poll(() => page.getByTestId('success-notice').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('queried-files').count()).toBe(0);
    await expect.poll(() => page.getByTestId('document-version').count()).toBe(1);
    expect(await page.getByTestId('document-version').textContent()).toContain('surat-bertanda-tangan.pdf');
    expect(await page.locator('[data-testid="document-row"][data-superseded="true"]').count()).toBe(1);
    // Its revision task is answered from the same page.
    await page.getByTestId('task-complete').click();
    await expect.poll(() => page.locator('[data-testid="task-panel"]').count()).toBe(0);
    await logout(page);

    await login(page, 'kebumen.kabid');
    await openFromInbox(page, caseNumber, '2');
    await attach(page, 'Surat Permohonan kepada Dirjen Dukcapil Kemendagri RI');
    await completeAndWait(page, '2');
    await logout(page);

    // The Dirjen: the question, Setujui / Tolak, no upload of the letter his step produces, a reason for Tolak.
    await login(page, 'pusat.dirjen');
    await openFromInbox(page, caseNumber, '3');
    expect(await page.getByTestId('decision-question').textContent()).toBe(
      'Setujui permohonan hak akses Dinas Sosial Kabupaten Kebumen?',
    );
    expect(await page.getByTestId('decision-setuju').textContent()).toContain('Setujui');
    expect(await page.getByTestId('decision-tolak').textContent()).toContain('Tolak');
    expect(await page.getByTestId('output-item').count()).toBe(0);
    await confirmAll(page);
    await page.getByTestId('decision-tolak').check();
    await page.getByTestId('task-complete').click();
    await expect.poll(() => page.getByTestId('task-local-error').isVisible()).toBe(true);
    await page.getByTestId('decision-reason').fill('Dasar hukum pemanfaatan data belum disebutkan');
    await completeAndWait(page, '3');
    await expect.poll(() => page.getByTestId('success-notice').isVisible()).toBe(true);
    const letter = page.getByTestId('document-row').filter({ hasText: 'Surat Persetujuan/Penolakan' });
    await expect.poll(() => letter.count()).toBe(1);
    // It opens in a new tab as a PDF.
    expect(await letter.getByTestId('document-open').getAttribute('target')).toBe('_blank');
    const [response] = await Promise.all([
      page.context().waitForEvent('response', (r) => /\/api\/cases\/[^/]+\/documents\/[^/]+$/.test(r.url())),
      letter.getByTestId('document-open').click(),
    ]);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toMatch(/^inline;/);
  });

  it("a clerk opens an institution's legal document from its page in a new tab", async () => {
    const page = browser.page();
    // The bank (a badan hukum) hands in its deed of establishment.
    await login(page, 'bank.pimpinan');
    await page.goto('/applications/new');
    await expect.poll(() => page.getByTestId('institution-documents').isVisible()).toBe(true);
    await page
      .getByTestId('institution-doc-file-akta_pendirian')
      .setInputFiles({ name: 'akta-pendirian.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Akta') });
    const akta = page.locator('[data-testid="institution-doc"][data-doc-type="akta_pendirian"]');
    await expect.poll(() => akta.getAttribute('data-missing')).toBe('false');
    await logout(page);

    await login(page, 'kebumen.kabid');
    await page.getByTestId('nav-institutions').click();
    const row = page.locator('[data-testid="institution-row"]').filter({ hasText: 'Bank' });
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    await row.first().getByTestId('institution-name').click();
    await page.waitForURL('**/institutions/*');
    const link = page
      .locator('[data-testid="institution-doc"][data-doc-type="akta_pendirian"]')
      .getByTestId('institution-doc-open');
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.getAttribute('target')).toBe('_blank');
    const [response] = await Promise.all([
      page.context().waitForEvent('response', (r) => r.url().includes('/documents/') && r.url().endsWith('/file')),
      link.click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toMatch(/^inline;/);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
  });
});
