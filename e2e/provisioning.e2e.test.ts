import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { login, useBrowser } from './browser';
import { openAgreementOf } from './steps';

const BANK = 'PT Bank Nusantara Sejahtera Tbk';

/** What the demo seed writes to DATA_DIR/demo.json about data access. */
interface DemoAccess {
  access: { agreementId: string; customerId: string; trial: { niks: string[] } };
}

/** Calls the Dukcapil-compatible CALL_NIK endpoint from the test process (client IP 127.0.0.1). */
async function callNik(baseUrl: string, customerId: string, userId: string, password: string, nik: string) {
  const res = await fetch(`${baseUrl}/dukcapil/get_json/${customerId}/CALL_NIK`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ NIK: nik, USER_ID: userId, PASSWORD: password, IP_USER: '10.0.0.15' }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { content: Record<string, string>[] };
  return body.content[0] ?? {};
}

describe('provisioning a trial credential beside its PKS, using it, suspending it, and auditing it', () => {
  const browser = useBrowser();

  it('is created by the office, shown once, called, suspended and seen in the verified audit log', async () => {
    const page = browser.page();
    const baseUrl = inject('baseUrl');
    const demo = JSON.parse(readFileSync(path.join(inject('dataDir'), 'demo.json'), 'utf8')) as DemoAccess;
    const nik = demo.access.trial.niks[0] ?? '';
    expect(nik).toMatch(/^\d{16}$/);
    const catalogue = (await (await fetch(`${baseUrl}/api/data-elements`)).json()) as {
      code: string;
      fields: string[];
    }[];
    const fieldsOf = (code: string) => catalogue.find((e) => e.code === code)?.fields ?? [];

    // 1. The Kebumen division head opens the bank's PKS from the Perjanjian list.
    await login(page, 'kebumen.kabid');
    const section = await openAgreementOf(page, BANK);

    // 2. Beside the PKS: the demo production grant, with its elements shown against the PKS's.
    expect(await section.getAttribute('data-can-provision')).toBe('yes');
    const prod = section.locator('[data-testid="grant-card"][data-user-id="bns-produksi"]');
    await expect.poll(() => prod.count()).toBe(1);
    expect(await prod.getAttribute('data-env')).toBe('production');
    expect(await prod.getAttribute('data-status')).toBe('active');
    expect(await prod.locator('[data-testid="grant-element"][data-granted="yes"]').count()).toBeGreaterThan(1);

    // 3. A new trial credential for 127.0.0.1 with two elements; an invalid IP line is flagged first.
    await page.getByTestId('grant-create-open').click();
    const form = page.getByTestId('grant-form');
    // Prefilled with every element of the PKS; this credential gets two.
    await form.getByTestId('grant-select-none').click();
    await form.getByTestId('grant-element-nama_lengkap').click();
    await form.getByTestId('grant-element-jenis_kelamin').click();
    await form.getByTestId('grant-form-ips').fill('127.0.0.1\n300.1.2.3');
    await form.getByTestId('grant-submit').click();
    const ipError = form.locator('[data-testid="grant-ip-error"]');
    await expect.poll(() => ipError.count()).toBe(1);
    expect(await ipError.getAttribute('data-line')).toBe('2');
    await form.getByTestId('grant-form-ips').fill('127.0.0.1');
    await form.getByTestId('grant-label').fill('Uji coba e2e');
    await form.getByTestId('grant-submit').click();

    // 4. The secret, once.
    const modal = page.getByTestId('secret-modal');
    await expect.poll(() => modal.isVisible()).toBe(true);
    const secret = (await modal.getByTestId('secret-value').textContent()) ?? '';
    const userId = (await modal.getByTestId('secret-user-id').textContent()) ?? '';
    const customerId = (await modal.getByTestId('secret-customer-id').textContent()) ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(userId).not.toBe('');
    expect(customerId).toBe(demo.access.customerId);
    expect(await modal.getByTestId('secret-warning').isVisible()).toBe(true);
    // The endpoint to call comes with the secret.
    await expect
      .poll(async () => (await modal.getByTestId('secret-endpoint').textContent()) ?? '')
      .toContain(`/dukcapil/get_json/${customerId}/CALL_NIK`);
    await modal.getByTestId('secret-done').click();
    await expect.poll(() => page.getByTestId('secret-modal').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    const mine = section.locator(`[data-testid="grant-card"][data-user-id="${userId}"]`);
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.getAttribute('data-env')).toBe('trial');
    expect(await mine.getAttribute('data-status')).toBe('active');

    // 5. The institution's software calls the compatible endpoint: code 01, only the two elements' fields.
    const found = await callNik(baseUrl, customerId, userId, secret, nik);
    expect(found.RESPONSE_CODE).toBeUndefined();
    expect(Object.keys(found).sort()).toEqual([...fieldsOf('nama_lengkap'), ...fieldsOf('jenis_kelamin')].sort());

    // 6. Suspended in the UI, the next call is refused with 17.
    await mine.getByTestId('grant-suspend').click();
    await page.getByTestId('confirm-reason').fill('Uji penangguhan e2e');
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => mine.getAttribute('data-status')).toBe('suspended');
    const refused = await callNik(baseUrl, customerId, userId, secret, nik);
    expect(refused.RESPONSE_CODE).toBe('17');
    expect(refused.RESPON).toBe('User Tidak Aktif');
    expect(refused.NAMA_LGKP).toBeUndefined();

    // 7. Pengawasan shows both calls, and the chain verifies.
    await page.getByTestId('nav-oversight').click();
    await page.waitForURL('**/oversight');
    // Decisions are on the record too (grant created, suspended, logins): narrow the list to the data calls.
    await page.getByTestId('audit-filter-search').fill('CALL_NIK');
    const calls = page.locator(`[data-testid="audit-row"][data-actor="${userId}"][data-action="CALL_NIK"]`);
    await expect.poll(() => calls.count()).toBe(2);
    const codes = await calls.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes.sort()).toEqual(['01', '17']);
    await expect.poll(() => page.getByTestId('audit-chart').isVisible()).toBe(true);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-ok').isVisible()).toBe(true);

    // 8. Akses Data lists the institution's grants with the suspended one filterable.
    await page.getByTestId('nav-dataAccess').click();
    await page.waitForURL('**/data-access');
    // The first minutes of a fresh demo server are busy (the scheduler's first tick, the ledger's first fold).
    await expect
      .poll(() => page.locator(`[data-testid="grant-row"][data-user-id="${userId}"]`).count(), { timeout: 10_000 })
      .toBe(1);
    await page.getByTestId('grant-status-filter').getByText('Ditangguhkan', { exact: false }).click();
    // Only suspended grants remain: this one among them (the demo's anomaly suspended another of the bank's).
    const rows = page.locator('[data-testid="grant-row"]');
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-user-id'))), { timeout: 10_000 })
      .toContain(userId);
    const statuses = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.every((st) => st === 'suspended')).toBe(true);
  });

  it('shows the bank its own grants read-only, with how to call the service and never a secret', async () => {
    const page = browser.page();
    await login(page, 'bank.admin');
    await page.getByTestId('nav-dataAccess').click();
    await page.waitForURL('**/data-access');
    const own = page.locator('[data-testid="own-grant"][data-env="production"]');
    await expect.poll(() => own.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('grant-actions').count()).toBe(0);
    // The developer examples are on Cara integrasi, not on the lookup page.
    expect(await page.getByTestId('service-usage').count()).toBe(0);
    await page.getByTestId('nav-integration').click();
    await page.waitForURL('**/cara-integrasi');
    const howTo = page.locator('[data-testid="integration-grant"][data-kind="web_service"][data-env="production"]');
    await expect.poll(() => howTo.count()).toBeGreaterThan(0);
    const usage = (await howTo.first().getByTestId('usage-call-nik').textContent()) ?? '';
    expect(usage).toContain('/dukcapil/get_json/');
    expect(usage).toContain('CALL_NIK');
    expect(usage).toContain('<rahasia Anda>');
  });
});
