import { describe, expect, it } from 'vitest';
import { login, useBrowser } from './browser';

/** Patient: two cores shared by several test runs. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 200 });

describe('the review of an anomaly finding in the browser', () => {
  const browser = useBrowser();

  it("the bank sees what was suspended and why; the Kabid decides it as a false positive and the rule's count grows", async () => {
    const page = browser.page();
    // The demo's enumeration finding (the bank's bns-analitik credential, suspended), seen by the bank.
    await login(page, 'bank.admin');
    await page.goto('/anomalies');
    await poll(() => page.getByTestId('anomaly-list-open').textContent()).toContain('Enumerasi NIK');
    await page.getByRole('link', { name: 'Enumerasi NIK' }).first().click();
    await poll(() => page.getByTestId('anomaly-evidence').isVisible()).toBe(true);
    expect(await page.getByText('Akses ditangguhkan sementara').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Catat keputusan' }).count()).toBe(0);
    expect(await page.textContent('body')).not.toMatch(/\d{16}/);

    // The office's Kabid decides it.
    await page.context().clearCookies();
    await login(page, 'kebumen.kabid');
    await page.goto('/anomalies');
    await page.getByRole('link', { name: 'Enumerasi NIK' }).first().click();
    await page.getByLabel('Keliru: akses ini wajar').check();
    await page.getByLabel('Pulihkan').check();
    await page.getByLabel('Catatan').fill('Migrasi data nasabah yang sah, sudah dikonfirmasi dengan bank.');
    await page.getByRole('button', { name: 'Catat keputusan' }).click();
    await poll(() => page.getByTestId('anomaly-decision').textContent()).toContain('Keliru');

    // The rule's false positives are counted on the tuning tab, with its rationale.
    await page.goto('/anomalies?tab=rules');
    await poll(() => page.getByTestId('anomaly-rule-enumeration').textContent()).toContain('1 kali keliru');
    expect(await page.getByTestId('anomaly-rule-enumeration').textContent()).toContain('Layanan yang sah');
  });
});
