import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { BULAN } from '../src/domain/tanggal';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, useBrowser } from './browser';
import { logout, openAgreementOf } from './steps';

/** Signs in like e2e/browser.ts's login, with room for a busy machine (the home page loads on demand). */
async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('home').isVisible(), { timeout: 20_000 }).toBe(true);
}

/**
 * Takes a portal grant out of the way: its operators first (an operator still listed on a revoked grant would be
 * answered from it), then the grant itself.
 */
async function retire(page: Page, card: Locator): Promise<void> {
  const rows = card.getByTestId('operator-row');
  await expect.poll(() => card.getByTestId('grant-operators').isVisible(), { timeout: 10_000 }).toBe(true);
  while ((await rows.count()) > 0) {
    const before = await rows.count();
    await rows.first().getByTestId('operator-remove').click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(before - 1);
  }
  const id = await card.getAttribute('data-grant-id');
  await card.getByTestId('grant-revoke').click();
  await page.getByTestId('confirm-reason').fill('Diganti hak akses uji e2e');
  await page.getByTestId('confirm-ok').click();
  await expect
    .poll(() => page.locator(`[data-testid="grant-card"][data-grant-id="${id}"]`).getAttribute('data-status'), {
      timeout: 10_000,
    })
    .toBe('revoked');
}

const BANK = 'PT Bank Nusantara Sejahtera Tbk';
const MONTH = BULAN.join('|');

/** What the demo seed writes to DATA_DIR/demo.json about data access. */
interface DemoAccess {
  access: { trial: { niks: string[] } };
}

describe('the NIK lookup in words, checked before it is sent (issue 14)', () => {
  const browser = useBrowser();

  it('refuses a 15-digit NIK without a request, and shows a found person with labels, dates and one address', async () => {
    const page = browser.page();
    const demo = JSON.parse(readFileSync(path.join(inject('dataDir'), 'demo.json'), 'utf8')) as DemoAccess;
    const nik = demo.access.trial.niks[2] ?? demo.access.trial.niks[0] ?? '';
    expect(nik).toMatch(/^\d{16}$/);

    // 1. The office opens the bank's PKS. Any portal grant another test left is revoked, so the operator's one is ours.
    await login(page, 'kebumen.kabid');
    const section = await openAgreementOf(page, BANK);
    const portals = section.locator('[data-testid="grant-card"][data-kind="web_portal"][data-status="active"]');
    // The demo's own grants are listed first (so the count below is not taken before the list is there).
    await expect.poll(() => section.getByTestId('grant-card').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    while ((await portals.count()) > 0) await retire(page, portals.first());

    // 2. The new grant form is prefilled with the PKS's elements, and its date picker speaks Indonesian.
    await page.getByTestId('grant-create-open').click();
    const form = page.getByTestId('grant-form');
    expect(await form.getByTestId('grant-element-alamat').isChecked()).toBe(true);
    expect(await form.getByTestId('grant-element-tanggal_lahir').isChecked()).toBe(true);
    const expiry = form.getByTestId('grant-expiry');
    await expiry.click();
    const calendar = page.locator('.mantine-DateInput-calendarHeaderLevel').first();
    await expect.poll(() => calendar.isVisible()).toBe(true);
    expect((await calendar.textContent()) ?? '').toMatch(new RegExp(`^(${MONTH}) \\d{4}$`));
    await expiry.fill('17-08-2026');
    await page.keyboard.press('Escape');
    await form.getByTestId('grant-label').click();
    await expect.poll(() => expiry.inputValue()).toBe('17 Agustus 2026');

    // 3. A web-portal grant for three elements, without the operator-first hint: the bank has an operator user.
    await form.getByTestId('grant-form-kind').click();
    await page.getByRole('option', { name: 'Web portal' }).click();
    await form.getByTestId('grant-select-none').click();
    for (const code of ['nama_lengkap', 'tanggal_lahir', 'alamat'])
      await form.getByTestId(`grant-element-${code}`).click();
    await form.getByTestId('grant-form-ips').fill('127.0.0.1');
    await form.getByTestId('grant-submit').click();
    await expect.poll(() => portals.count()).toBe(1);
    const operators = portals.first().getByTestId('grant-operators');
    await operators.getByTestId('operator-user').click();
    await operators.getByTestId('operator-user').fill('bank.operator');
    await page.getByRole('option', { name: /bank\.operator/ }).click();
    await operators.getByTestId('operator-add').click();
    await expect.poll(() => operators.getByTestId('operator-row').count()).toBe(1);
    await logout(page);

    // 4. The operator types 15 digits: the form refuses them and nothing reaches the lookup endpoint.
    await login(page, 'bank.operator');
    await page.goto('/data-access');
    const lookup = page.getByTestId('portal-lookup');
    await expect.poll(() => lookup.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('service-usage').count()).toBe(0); // the developer examples are elsewhere
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/portal/lookup')) sent.push(r.method());
    });
    await lookup.getByTestId('portal-nik').fill(nik.slice(0, 15));
    await lookup.getByTestId('portal-submit').click();
    await expect.poll(() => lookup.getByTestId('portal-nik-error').isVisible()).toBe(true);
    expect((await lookup.textContent()) ?? '').toContain('NIK harus 16 angka.');
    expect(await lookup.getByTestId('portal-result').count()).toBe(0);
    // A NIK whose structure is wrong (day 32) is refused the same way.
    await lookup.getByTestId('portal-nik').fill(`${nik.slice(0, 6)}32${nik.slice(8)}`);
    await lookup.getByTestId('portal-submit').click();
    await expect.poll(() => lookup.getByTestId('portal-nik-error').getAttribute('data-problem')).toBe('structure');
    await new Promise((r) => setTimeout(r, 300));
    expect(sent).toEqual([]);

    // 5. The right NIK: Indonesian labels, the birth date in words, the address on one line.
    await lookup.getByTestId('portal-nik').fill(nik);
    await expect.poll(() => lookup.getByTestId('portal-nik-error').count()).toBe(0);
    await lookup.getByTestId('portal-submit').click();
    const result = lookup.getByTestId('portal-result');
    await expect.poll(() => result.getAttribute('data-code')).toBe('01');
    expect(sent).toEqual(['POST']);
    const rows = await result.getByTestId('portal-field').evaluateAll((els) =>
      els.map((e) => ({
        element: e.getAttribute('data-element'),
        label: e.querySelector('th')?.textContent ?? '',
        value: e.querySelector('td')?.textContent ?? '',
      })),
    );
    expect(rows.map((r) => r.label)).toEqual(['Nama lengkap', 'Tanggal lahir', 'Alamat sekarang']);
    expect(rows.find((r) => r.element === 'tanggal_lahir')?.value).toMatch(new RegExp(`^\\d{1,2} (${MONTH}) \\d{4}$`));
    const address = rows.find((r) => r.element === 'alamat')?.value ?? '';
    expect(address).toMatch(/, RT \d+\/RW \d+, /);
    // Street, RT/RW, kelurahan, kecamatan, kabupaten/kota and provinsi, on one line.
    expect(address).toMatch(/^[^,]+, RT \d+\/RW \d+, Kel\. [^,]+, Kec\. [^,]+, [^,]+, [^,]+$/);
    expect(address).not.toMatch(/\b(ALAMAT|NO_RT|KAB_NAME)\b/);
    await logout(page);

    // 6. The grant is revoked again, so the PKS is left as this test found it (portal.e2e adds its own).
    await login(page, 'kebumen.kabid');
    const again = await openAgreementOf(page, BANK);
    const mine = again.locator('[data-testid="grant-card"][data-kind="web_portal"][data-status="active"]');
    await expect.poll(() => mine.count(), { timeout: 10_000 }).toBe(1);
    await retire(page, mine.first());
    await expect.poll(() => mine.count(), { timeout: 10_000 }).toBe(0);
  });
});

describe('forms answer in the UI language, not the browser’s (issue 14)', () => {
  const browser = useBrowser();

  it('refuses an empty application with its own messages in Indonesian and English, and saves nothing', async () => {
    const page = browser.page();
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/applications') && r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`);
    });
    await login(page, 'dinsos.pimpinan');
    await page.goto('/applications/new');
    await expect.poll(() => page.getByTestId('application-form').isVisible(), { timeout: 20_000 }).toBe(true);

    await page.getByTestId('application-submit').click();
    const missing = page.getByTestId('submit-missing');
    await expect.poll(() => missing.isVisible()).toBe(true);
    const form = page.getByTestId('application-form');
    const text = (await form.textContent()) ?? '';
    expect(text).toContain('(a) Nama pengguna belum diisi.');
    expect(text).not.toMatch(/Please fill|Harap isi bidang ini/i);
    // The message sits on the field itself too.
    const userName = page.getByTestId('application-user-name');
    expect(await userName.getAttribute('aria-invalid')).toBe('true');
    // Nothing was saved: a failed submit is never a silent draft.
    expect(writes).toEqual([]);
    expect(page.url()).toMatch(/\/applications\/new$/);

    // Fixing a field removes its error at once.
    await userName.fill('Dinas Sosial Kabupaten Kebumen');
    await expect.poll(() => missing.locator('[data-field="userName"]').count()).toBe(0);
    expect(await userName.getAttribute('aria-invalid')).not.toBe('true');

    // In English the same form answers in English.
    await page.getByTestId('lang-en').click();
    await expect.poll(async () => (await missing.textContent()) ?? '').toContain('(b) The purpose is missing');
    expect((await form.textContent()) ?? '').not.toMatch(/Please fill/i);
    await page.getByTestId('lang-id').click();
    expect(writes).toEqual([]);
  });
});
