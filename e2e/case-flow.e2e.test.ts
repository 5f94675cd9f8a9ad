import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login, useBrowser } from './browser';
import { attach, logout, openFromInbox } from './steps';

const KEBUMEN_SOP = 'Permohonan Hak Akses Pemanfaatan Data Kependudukan';

async function completeAndWait(page: Page, stepId: string): Promise<void> {
  await page.getByTestId('task-complete').click();
  await expect
    .poll(() => page.locator(`[data-testid="step-row"][data-step="${stepId}"]`).first().getAttribute('data-status'))
    .toBe('done');
}

describe('one Kebumen application through several roles', () => {
  const browser = useBrowser();

  it('is opened by the institution, worked by Disdukcapil and the Dirjen, each through their inbox', async () => {
    const page = browser.page();

    // 1. The institution's head opens a new application on Kebumen's SOP.
    await login(page, 'dinsos.pimpinan');
    await page.getByTestId('nav-applications').click();
    await page.getByTestId('new-case-button').click();
    await page.getByTestId('new-case-sop').click();
    await page.getByRole('option', { name: KEBUMEN_SOP }).click();
    await page.getByTestId('new-case-title').fill('Pemanfaatan data untuk verifikasi penerima bantuan sosial');
    await page.getByTestId('new-case-submit').click();
    await page.waitForURL('**/cases/*');
    await expect.poll(() => page.getByTestId('case-number').textContent()).toMatch(/^33\.05\/\d{4}\/\d{4}$/);
    const caseNumber = (await page.getByTestId('case-number').textContent()) ?? '';
    const caseUrl = page.url();

    // Step 1 from the inbox: completing without the letter is refused and names what is missing.
    await openFromInbox(page, caseNumber, '1');
    await page.getByTestId('task-complete').click();
    await expect.poll(() => page.getByTestId('missing-kelengkapan').textContent()).toContain('Surat Permohonan');
    await attach(page, 'Surat Permohonan');
    await completeAndWait(page, '1');
    expect(await page.getByTestId('task-panel').count()).toBe(0);
    await logout(page);

    // 2. Disdukcapil Kebumen (its Kabid) forwards the letter to the Dirjen.
    await login(page, 'kebumen.kabid');
    await openFromInbox(page, caseNumber, '2');
    await attach(page, 'Surat Permohonan kepada Dirjen Dukcapil Kemendagri RI');
    await completeAndWait(page, '2');
    await logout(page);

    // 3. The Directorate General answers (no standard time: under Kemendagri's control).
    await login(page, 'pusat.dirjen');
    await openFromInbox(page, caseNumber, '3');
    await attach(page, 'Berkas Permohonan dari Pengguna yang dikirimkan oleh Disdukcapil Kebumen');
    await completeAndWait(page, '3');
    await logout(page);

    // 4. Disdukcapil forwards the Dirjen's letter and records that it approves.
    await login(page, 'kebumen.kabid');
    await openFromInbox(page, caseNumber, '4');
    // The Dirjen's letter was produced at step 3, so it is already present.
    expect(
      await page
        .locator('[data-testid="kelengkapan-item"]')
        .filter({ hasText: 'Surat Persetujuan/Penolakan' })
        .textContent(),
    ).toContain('sudah ada');
    await page.getByTestId('task-complete').click();
    await expect.poll(() => page.getByTestId('task-local-error').isVisible()).toBe(true);
    await page.getByTestId('decision-setuju').check();
    await page.getByTestId('task-comment').fill('Disetujui Dirjen, diteruskan ke pengguna.');
    await completeAndWait(page, '4');

    // The timeline shows the four completions, by four hands, and step 5 now open.
    await page.goto(caseUrl);
    const completed = page.locator('[data-testid="timeline-item"][data-type="task_completed"]');
    await expect.poll(() => completed.count()).toBe(4);
    const steps = await completed.evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    expect(steps).toEqual(['1', '2', '3', '4']);
    const timeline = (await page.getByTestId('case-timeline').textContent()) ?? '';
    expect(timeline).toContain('Langkah 4 diselesaikan');
    expect(timeline).toContain('Keputusan: setuju');
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
