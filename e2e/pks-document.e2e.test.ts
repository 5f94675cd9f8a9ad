import { describe, expect, it } from 'vitest';
import { login, useBrowser } from './browser';
import { openAgreementOf } from './steps';

const BANK = 'PT Bank Nusantara Sejahtera Tbk';

/**
 * The PKS as a document (issue 14), as the office's clerk sees it: the agreement's number is the one its PDF
 * prints, with the institution's own number beside it and the day the signing completed. Reads only.
 */
describe('the PKS numbers and signing on the PKS page', () => {
  const browser = useBrowser();

  it('shows the office’s number (the page title), the bank’s own number and the signing date', async () => {
    const page = browser.page();
    await login(page, 'kebumen.kabid');
    await openAgreementOf(page, BANK);
    const title = (await page.getByTestId('page-title').textContent())?.trim() ?? '';
    expect(title).toMatch(/^\d{3}\/PKS\/33\.05\/\d{4}$/);
    const card = page.getByTestId('pks-signing');
    await expect.poll(() => card.isVisible()).toBe(true);
    expect((await page.getByTestId('pks-office-number').textContent())?.trim()).toBe(title);
    expect(await page.getByTestId('pks-institution-number').textContent()).toMatch(/^017\/DIR-BNS\/PKS\/\d{4}$/);
    // A date in words, never an ISO date.
    const signed = (await page.getByTestId('pks-signed-on').textContent()) ?? '';
    expect(signed).toMatch(/^Ditandatangani kedua pihak pada \d{1,2} [A-Z][a-z]+ \d{4}$/);
    // The office's clerk neither signs nor numbers for the bank: no dialog to open.
    expect(await page.getByTestId('pks-signing-open').count()).toBe(0);
  });
});
