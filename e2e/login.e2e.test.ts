import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, useBrowser } from './browser';

describe('signing in', () => {
  const browser = useBrowser();

  it('shows the office and role, switches to English for good, and logs out', async () => {
    const page = browser.page();
    await login(page, 'kebumen.kadis');

    await expect
      .poll(() => page.getByTestId('home-org-name').textContent())
      .toBe('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen');
    expect(await page.getByTestId('home-roles').textContent()).toContain('Kepala Dinas');
    expect(await page.getByTestId('nav-inbox').textContent()).toContain('Kotak Masuk');
    expect(await page.getByTestId('logout').textContent()).toBe('Keluar');

    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('nav-inbox').textContent()).toContain('Inbox');
    expect(await page.getByTestId('home-roles').textContent()).toContain('Head of office');

    await page.reload();
    await expect.poll(() => page.getByTestId('nav-home').textContent()).toContain('Home');
    expect(await page.getByTestId('logout').textContent()).toBe('Log out');
    expect(await page.getByTestId('home-roles').textContent()).toContain('Head of office');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // The oversight page speaks the chosen language too.
    await page.getByTestId('nav-oversight').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Oversight');

    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await expect.poll(() => page.getByTestId('login-form').isVisible()).toBe(true);
    // The session is really gone: the app sends us back to the login page.
    await page.goto('/');
    await page.waitForURL('**/login');
  });

  it('shows the Indonesian error message for a wrong password', async () => {
    const page = browser.page();
    await page.goto('/login');
    await page.getByTestId('login-username').fill('kebumen.kadis');
    await page.getByTestId('login-password').fill(`${DEMO_PASSWORD}-wrong`);
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('error-message').textContent())
      .toBe('Nama pengguna atau kata sandi salah.');
    expect(page.url()).toMatch(/\/login$/);
  });
});
