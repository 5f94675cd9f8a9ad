import { describe, expect, it } from 'vitest';
import { login, useBrowser } from './browser';
import { attach, completeAndWait, confirmAll, logout, openFromInbox, submitApplication } from './steps';

const KEBUMEN_SOP = 'Permohonan Hak Akses Pemanfaatan Data Kependudukan';

describe('one Kebumen application through several roles', () => {
  const browser = useBrowser();

  it('is opened by an application the institution submits, worked by Disdukcapil and the Dirjen, each through their inbox', async () => {
    const page = browser.page();

    // 1. The institution's head submits an application to Kebumen: that opens its case on Kebumen's SOP, with
    // step 1 (the application letter) done by the submission itself.
    await login(page, 'dinsos.pimpinan');
    const { caseNumber } = await submitApplication(page, 'Pemanfaatan data untuk verifikasi penerima bantuan sosial');
    await page.getByTestId('application-case-number').click();
    await page.waitForURL('**/cases/*');
    await expect.poll(() => page.getByTestId('case-number').textContent()).toBe(caseNumber);
    const caseUrl = page.url();
    expect(await page.getByTestId('case-sop').textContent()).toContain(KEBUMEN_SOP);
    await expect
      .poll(() => page.locator('[data-testid="step-row"][data-step="1"]').first().getAttribute('data-status'))
      .toBe('done');
    expect(await page.getByTestId('task-panel').count()).toBe(0);
    await logout(page);

    // 2. Disdukcapil Kebumen (its Kabid) forwards the letter to the Dirjen.
    await login(page, 'kebumen.kabid');
    await openFromInbox(page, caseNumber, '2');
    await attach(page, 'Surat Permohonan kepada Dirjen Dukcapil Kemendagri RI');
    await completeAndWait(page, '2');
    await logout(page);

    // 3. The Directorate General decides (no standard time: under Kemendagri's control). The forwarded file is a
    // check to tick, and the decision must be chosen.
    await login(page, 'pusat.dirjen');
    await openFromInbox(page, caseNumber, '3');
    expect(await page.getByTestId('task-confirmations').textContent()).toContain('Berkas Permohonan dari Pengguna');
    await page.getByTestId('task-complete').click();
    await expect.poll(() => page.getByTestId('task-local-error').isVisible()).toBe(true);
    await confirmAll(page);
    await page.getByTestId('decision-setuju').check();
    await page.getByTestId('task-comment').fill('Disetujui, silakan lanjutkan dengan PKS.');
    await completeAndWait(page, '3');
    await logout(page);

    // 4. Disdukcapil forwards the Dirjen's letter to the user.
    await login(page, 'kebumen.kabid');
    await openFromInbox(page, caseNumber, '4');
    // The Dirjen's letter was produced at step 3, so it is already present.
    expect(
      await page
        .locator('[data-testid="kelengkapan-item"]')
        .filter({ hasText: 'Surat Persetujuan/Penolakan' })
        .textContent(),
    ).toContain('sudah ada');
    expect(await page.locator('[data-testid^="decision-"]').count()).toBe(0);
    await page.getByTestId('task-comment').fill('Persetujuan Dirjen diteruskan ke pengguna.');
    await completeAndWait(page, '4');

    // The timeline shows the four completions, by four hands, and step 5 now open.
    await page.goto(caseUrl);
    const completed = page.locator('[data-testid="timeline-item"][data-type="task_completed"]');
    await expect.poll(() => completed.count()).toBe(4);
    const steps = await completed.evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    expect(steps).toEqual(['1', '2', '3', '4']);
    const timeline = (await page.getByTestId('case-timeline').textContent()) ?? '';
    expect(timeline).toContain('Langkah 4 diselesaikan');
    expect(timeline).toContain('Keputusan: Setuju');
    expect(timeline).toContain('Direktur Jenderal Dukcapil');
    expect(await page.locator('[data-testid="step-row"][data-step="5"]').getAttribute('data-status')).toBe('open');
    expect(await page.getByTestId('document-row').count()).toBeGreaterThanOrEqual(3);
  });

  it('shows the Kebumen SOP sheet and warns that the declared total differs from the sum', async () => {
    const page = browser.page();
    await login(page, 'kebumen.kadis');
    await page.getByTestId('nav-sop').click();
    const card = page.locator('[data-testid="sop-card"][data-code="kebumen.permohonan-hak-akses"]');
    await expect.poll(() => card.count()).toBe(1);
    await card.getByTestId('sop-link').click();
    await page.waitForURL('**/sop/versions/*');

    await expect.poll(() => page.getByTestId('sop-sheet').isVisible()).toBe(true);
    const sheet = (await page.getByTestId('sop-sheet').textContent()) ?? '';
    expect(sheet).toContain('067/13374.1');
    expect(sheet).toContain('Dirjen Dukcapil Kemendagri RI');
    expect(await page.getByTestId('total-warning').textContent()).toContain('3 hari 3 jam');
    expect(await page.getByTestId('sheet-pdf').getAttribute('href')).toMatch(/\/sheet\.pdf$/);

    await page.getByTestId('tab-evaluation').click();
    await expect.poll(() => page.getByTestId('evaluation-table').isVisible()).toBe(true);

    // The Kadis may publish: checking the current source shows the same total warning.
    await page.getByTestId('tab-publish').click();
    await page.getByTestId('publish-check').click();
    await expect.poll(() => page.getByTestId('check-result').textContent()).toContain('3 hari 3 jam');
  });
});
