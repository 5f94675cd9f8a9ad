import { describe, expect, it } from 'vitest';
import { login, useBrowser } from './browser';

describe('an institution admin', () => {
  const browser = useBrowser();

  it('sees only its own institution and creates an operator, seeing the one-time password once', async () => {
    const page = browser.page();
    await login(page, 'bank.admin');

    await page.getByTestId('nav-institutions').click();
    await expect.poll(() => page.getByTestId('institution-row').count()).toBe(1);
    expect(await page.getByTestId('institution-name').textContent()).toBe('PT Bank Nusantara Sejahtera Tbk');

    await page.getByTestId('nav-users').click();
    await expect.poll(() => page.getByTestId('user-row').count()).toBeGreaterThan(0);
    const before = await page.getByTestId('user-row').count();

    await page.getByTestId('new-username').fill('bank.operator2');
    await page.getByTestId('new-display-name').fill('Operator Kedua Bank');
    await page.getByTestId('role-option-operator').check();
    await page.getByTestId('create-user-submit').click();

    await expect.poll(() => page.getByTestId('otp-notice').isVisible()).toBe(true);
    const otp = (await page.getByTestId('otp-value').textContent()) ?? '';
    expect(otp.length).toBeGreaterThanOrEqual(10);
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(before + 1);
    expect(await page.getByTestId('users-table').textContent()).toContain('bank.operator2');

    await page.getByTestId('otp-done').click();
    expect(await page.getByTestId('otp-notice').count()).toBe(0);
    expect(await page.content()).not.toContain(otp);
    await page.reload();
    await expect.poll(() => page.getByTestId('users-table').isVisible()).toBe(true);
    expect(await page.content()).not.toContain(otp);

    // The new operator must replace the one-time password at first sign-in.
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await page.getByTestId('login-username').fill('bank.operator2');
    await page.getByTestId('login-password').fill(otp);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('password-change-form').isVisible()).toBe(true);
    await page.getByTestId('current-password').fill(otp);
    await page.getByTestId('new-password').fill('Kata-Sandi-Baru-2026!');
    await page.getByTestId('confirm-password').fill('Kata-Sandi-Baru-2026!');
    await page.getByTestId('password-change-submit').click();
    await expect.poll(() => page.getByTestId('home').isVisible()).toBe(true);
    expect(await page.getByTestId('home-roles').textContent()).toContain('Operator');
    // Operators are not admins: no Users entry in the menu.
    expect(await page.getByTestId('nav-users').count()).toBe(0);
  });
});
