import { describe, expect, it } from 'vitest';
import { login, useBrowser } from './browser';

const BANK = 'PT Bank Nusantara Sejahtera Tbk';

/** Patient: two cores shared by several test runs. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 200 });

/** Rupiah shown as "Rp1.000.000" → 1000000. */
const rupiahOf = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

describe('PNBP fees in the browser', () => {
  const browser = useBrowser();

  it('the bank sees its prepaid balance prominently, its payment, and downloads its monthly statement', async () => {
    const page = browser.page();
    await login(page, 'bank.admin');
    await page.goto('/billing');
    await poll(() => page.getByTestId('billing-balance-amount').isVisible()).toBe(true);
    const balance = rupiahOf(await page.getByTestId('billing-balance-amount').textContent());
    // The demo's Rp1.000.000.000, less whatever other browser tests' calls have drawn.
    expect(balance).toBeGreaterThan(900_000_000);
    expect(balance).toBeLessThanOrEqual(1_000_000_000);
    await poll(() => page.getByTestId('billing-payments').textContent()).toContain('820261201000001');
    await poll(() => page.getByTestId('billing-charges-chart').isVisible()).toBe(true);
    const href = await page.getByTestId('billing-statement-pdf').getAttribute('href');
    const pdf = await page.request.get(href ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("the office sees its institutions' balances and the form to record a payment", async () => {
    const page = browser.page();
    await login(page, 'kebumen.kasi');
    await page.goto('/billing');
    await poll(() => page.getByTestId('billing-balances').textContent()).toContain(BANK);
    await poll(() => page.getByTestId('billing-payment-form').isVisible()).toBe(true);
  });
});
