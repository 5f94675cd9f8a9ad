import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { login, useBrowser } from './browser';
import { logout, openAgreementOf } from './steps';

const BANK = 'PT Bank Nusantara Sejahtera Tbk';

/** What the demo seed writes to DATA_DIR/demo.json about data access. */
interface DemoAccess {
  access: { trial: { niks: string[] } };
}

describe('the web portal: an office grants it, registers an operator, the operator looks a resident up', () => {
  const browser = useBrowser();

  it('answers the registered operator with the granted fields only, and a malformed NIK with its code', async () => {
    const page = browser.page();
    const demo = JSON.parse(readFileSync(path.join(inject('dataDir'), 'demo.json'), 'utf8')) as DemoAccess;
    const nik = demo.access.trial.niks[1] ?? '';
    expect(nik).toMatch(/^\d{16}$/);

    // 1. Beside the bank's PKS, the Kebumen division head creates a trial web-portal grant for two elements.
    await login(page, 'kebumen.kabid');
    const section = await openAgreementOf(page, BANK);
    await page.getByTestId('grant-create-open').click();
    const form = page.getByTestId('grant-form');
    await form.getByTestId('grant-form-kind').click();
    await page.getByRole('option', { name: 'Web portal' }).click();
    // The form starts with every element of the PKS; this grant gives two.
    await form.getByTestId('grant-select-none').click();
    await form.getByTestId('grant-element-nama_lengkap').click();
    await form.getByTestId('grant-element-jenis_kelamin').click();
    await form.getByTestId('grant-form-ips').fill('127.0.0.1');
    await form.getByTestId('grant-submit').click();
    const card = section.locator('[data-testid="grant-card"][data-kind="web_portal"][data-status="active"]');
    await expect.poll(() => card.count()).toBe(1);

    // 2. The bank's operator becomes one of the grant's portal operators.
    const operators = card.getByTestId('grant-operators');
    await operators.getByTestId('operator-user').click();
    await operators.getByTestId('operator-user').fill('bank.operator');
    await page.getByRole('option', { name: /bank\.operator/ }).click();
    await operators.getByTestId('operator-add').click();
    await expect.poll(() => operators.getByTestId('operator-row').count()).toBe(1);
    await logout(page);

    // 3. The operator signs in, finds the lookup on Akses Data, and reads exactly the two elements' fields.
    await login(page, 'bank.operator');
    await page.getByTestId('nav-dataAccess').click();
    await page.waitForURL('**/data-access');
    const lookup = page.getByTestId('portal-lookup');
    await expect.poll(() => lookup.isVisible()).toBe(true);
    await lookup.getByTestId('portal-nik').fill(nik);
    await lookup.getByTestId('portal-submit').click();
    const result = lookup.getByTestId('portal-result');
    await expect.poll(() => result.getAttribute('data-code')).toBe('01');
    const fields = await result
      .getByTestId('portal-field')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    expect(fields.sort()).toEqual(['JENIS_KLMIN', 'NAMA_LGKP']);
    expect(await result.textContent()).toMatch(/\b[0-9A-HJKMNP-TV-Z]{26}\b/); // the audit entry's id

    // 4. A malformed NIK is refused in the form and never sent (so never logged or billed).
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/portal/lookup')) sent.push(r.url());
    });
    await lookup.getByTestId('portal-nik').fill('12345');
    await lookup.getByTestId('portal-submit').click();
    await expect.poll(() => lookup.getByTestId('portal-nik-error').isVisible()).toBe(true);
    expect(await result.count()).toBe(0);
    expect(sent).toEqual([]);
  });
});
