import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, useBrowser } from './browser';
import { logout } from './steps';

/** A phone-sized viewport (an iPhone 12–15). */
const PHONE = { width: 390, height: 844 };

const BANK = 'PT Bank Nusantara Sejahtera Tbk';

/**
 * The users of this file: the bank's head only here (no other file signs in as them); the bank's operator is
 * deactivated and reactivated here, and the portal file registers them as a portal operator within its own test,
 * so whichever file runs first, the other finds them active with the demo password.
 */
const HEAD = { username: 'bank.pimpinan', displayName: `Pimpinan ${BANK}` };
const OPERATOR = { username: 'bank.operator', displayName: `Operator ${BANK}` };

describe('Akun saya and deactivating a user', () => {
  const browser = useBrowser();
  const extra: BrowserContext[] = [];

  /** A second browser (own cookies) beside the test's page; closed at the end of the test. */
  async function otherBrowser(viewport?: { width: number; height: number }): Promise<Page> {
    const chromium = browser.page().context().browser();
    if (!chromium) throw new Error('no browser');
    const context = await chromium.newContext({ baseURL: browser.baseUrl, locale: 'id-ID', viewport });
    context.setDefaultTimeout(15_000);
    extra.push(context);
    return context.newPage();
  }

  async function closeOthers(): Promise<void> {
    for (const context of extra.splice(0)) await context.close();
  }

  /** The element lies inside the viewport and inside every box of its that clips (no horizontal scrolling needed). */
  async function expectWithinWidth(page: Page, target: Locator): Promise<void> {
    await expect.poll(() => target.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const outside = await target.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const out: string[] = [];
      if (box.left < 0 || box.right > window.innerWidth + 0.5) out.push(`viewport ${box.left}–${box.right}`);
      for (let n = el.parentElement; n; n = n.parentElement) {
        if (getComputedStyle(n).overflowX === 'visible') continue;
        const clip = n.getBoundingClientRect();
        if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5)
          out.push(`${n.className || n.tagName} ${clip.left}–${clip.right} vs ${box.left}–${box.right}`);
      }
      return out;
    });
    expect(outside).toEqual([]);
  }

  it('lists the sessions with this one marked, and ending the other one signs that browser out', async () => {
    try {
      const laptop = await otherBrowser();
      await login(laptop, HEAD.username);
      const page = browser.page();
      await login(page, HEAD.username);

      // The name in the header opens Akun saya.
      await page.getByRole('link', { name: HEAD.displayName, exact: true }).click();
      await page.waitForURL('**/akun');
      await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Akun saya');
      expect(await page.getByTestId('account-totp').textContent()).toContain('Belum aktif');
      expect(await page.getByRole('button', { name: 'Simpan kata sandi' }).count()).toBe(1);

      const sessions = page.getByTestId('account-session');
      await expect.poll(() => sessions.count()).toBe(2);
      const current = sessions.filter({ hasText: 'Sesi ini' });
      const other = sessions.filter({ hasNotText: 'Sesi ini' });
      expect(await current.count()).toBe(1);
      expect(await other.count()).toBe(1);
      // This session cannot be ended from the list (that is Keluar); the other one can.
      expect(await current.getByRole('button', { name: 'Akhiri', exact: true }).count()).toBe(0);
      expect(await other.textContent()).toContain('Chrome');
      const endOthers = page.getByRole('button', { name: 'Akhiri semua sesi lain' });
      expect(await endOthers.isEnabled()).toBe(true);

      await other.getByRole('button', { name: 'Akhiri', exact: true }).click();
      await expect.poll(() => sessions.count()).toBe(1);
      expect(await current.count()).toBe(1);
      await expect.poll(() => page.getByText('Tidak ada sesi lain.').isVisible()).toBe(true);
      expect(await endOthers.isDisabled()).toBe(true);

      // The other browser's next navigation lands on the login page; this one stays signed in.
      await laptop.getByTestId('nav-inbox').click();
      await laptop.waitForURL('**/login');
      await expect.poll(() => laptop.getByTestId('login-form').isVisible()).toBe(true);
      await page.reload();
      await expect.poll(() => sessions.count()).toBe(1);
      expect(page.url()).toMatch(/\/akun$/);
      // Closing a browser keeps its session on the server: sign out, so the next test finds none of this one.
      await logout(page);
    } finally {
      await closeOthers();
    }
  });

  it('on a phone, reaches Akun saya from the menu, shows the sessions without sideways scrolling, ends all others', async () => {
    try {
      const laptop = await otherBrowser();
      await login(laptop, HEAD.username);
      const phone = await otherBrowser(PHONE);
      await login(phone, HEAD.username);

      // The header has no room for the name on a phone: Akun saya is in the menu.
      expect(await phone.getByTestId('header-user').isVisible()).toBe(false);
      await phone.getByRole('button', { name: 'Menu' }).click();
      await phone.getByRole('link', { name: 'Akun saya' }).click();
      await phone.waitForURL('**/akun');
      await expect.poll(() => phone.getByTestId('page-title').textContent()).toBe('Akun saya');

      const sessions = phone.getByTestId('account-session');
      await expect.poll(() => sessions.count()).toBe(2);
      for (const row of await sessions.all()) await expectWithinWidth(phone, row);
      await expectWithinWidth(phone, phone.getByRole('button', { name: 'Akhiri', exact: true }));
      const endOthers = phone.getByRole('button', { name: 'Akhiri semua sesi lain' });
      await expectWithinWidth(phone, endOthers);
      await expectWithinWidth(phone, phone.getByRole('button', { name: 'Simpan kata sandi' }));

      await endOthers.click();
      await expect.poll(() => phone.getByText('1 sesi lain diakhiri.').isVisible()).toBe(true);
      await expect.poll(() => sessions.count()).toBe(1);
      expect(await sessions.filter({ hasText: 'Sesi ini' }).count()).toBe(1);

      await laptop.getByTestId('nav-inbox').click();
      await laptop.waitForURL('**/login');
      await logout(phone);
    } finally {
      await closeOthers();
    }
  });

  it("the bank's admin deactivates its operator, who is signed out and cannot sign in, then reactivates them", async () => {
    const page = browser.page();
    const row = page.locator(`[data-testid="user-row"][data-username="${OPERATOR.username}"]`);
    let deactivated = false;
    try {
      const operator = await otherBrowser();
      await login(operator, OPERATOR.username);

      await login(page, 'bank.admin');
      await page.getByTestId('nav-users').click();
      await page.waitForURL('**/users');
      await expect.poll(() => row.getAttribute('data-status')).toBe('active');
      expect(await row.getByTestId('user-status').textContent()).toBe('Aktif');

      // Cancelling the confirmation changes nothing.
      await row.getByRole('button', { name: 'Nonaktifkan' }).click();
      const confirmDeactivate = page.getByRole('dialog', { name: 'Nonaktifkan pengguna?' });
      await expect.poll(() => confirmDeactivate.isVisible()).toBe(true);
      expect(await confirmDeactivate.textContent()).toContain(`${OPERATOR.displayName} (${OPERATOR.username})`);
      await confirmDeactivate.getByRole('button', { name: 'Batal' }).click();
      await expect.poll(() => confirmDeactivate.isVisible()).toBe(false);
      expect(await row.getAttribute('data-status')).toBe('active');

      await row.getByRole('button', { name: 'Nonaktifkan' }).click();
      await expect.poll(() => confirmDeactivate.isVisible()).toBe(true);
      await confirmDeactivate.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
      deactivated = true;
      await expect.poll(() => row.getAttribute('data-status')).toBe('disabled');
      await expect.poll(() => confirmDeactivate.isVisible()).toBe(false);
      expect(await row.getByTestId('user-status').textContent()).toBe('Nonaktif');
      expect(await row.getByRole('button', { name: 'Aktifkan kembali' }).count()).toBe(1);

      // The operator's session ended: the next navigation lands on the login page, and signing in is refused.
      await operator.getByTestId('nav-inbox').click();
      await operator.waitForURL('**/login');
      await operator.getByTestId('login-username').fill(OPERATOR.username);
      await operator.getByTestId('login-password').fill(DEMO_PASSWORD);
      await operator.getByRole('button', { name: 'Masuk', exact: true }).click();
      await expect
        .poll(() => operator.getByTestId('error-message').textContent())
        .toBe('Nama pengguna atau kata sandi salah.');
      expect(operator.url()).toMatch(/\/login$/);

      // Reactivated, they sign in again with their password.
      await row.getByRole('button', { name: 'Aktifkan kembali' }).click();
      const confirmReactivate = page.getByRole('dialog', { name: 'Aktifkan kembali pengguna?' });
      await expect.poll(() => confirmReactivate.isVisible()).toBe(true);
      await confirmReactivate.getByRole('button', { name: 'Ya, aktifkan kembali' }).click();
      await expect.poll(() => row.getAttribute('data-status')).toBe('active');
      deactivated = false;
      expect(await row.getByTestId('user-status').textContent()).toBe('Aktif');
      // Signed in again, they are taken back to where they were going when they were sent to sign in.
      await operator.getByTestId('login-username').fill(OPERATOR.username);
      await operator.getByTestId('login-password').fill(DEMO_PASSWORD);
      await operator.getByRole('button', { name: 'Masuk', exact: true }).click();
      await operator.waitForURL('**/inbox');
      await expect.poll(() => operator.getByTestId('header-user').textContent()).toBe(OPERATOR.displayName);
      await logout(operator);
    } finally {
      // Whatever failed above, leave the operator active for the other files of the run.
      if (deactivated && (await row.getAttribute('data-status').catch(() => null)) === 'disabled') {
        await row.getByTestId('user-reactivate').click();
        await page.getByTestId('user-status-confirm').click();
        await expect.poll(() => row.getAttribute('data-status')).toBe('active');
      }
      await closeOthers();
    }
  });

  it('on a phone, the users page shows the deactivate button and its confirmation without sideways scrolling', async () => {
    try {
      const phone = await otherBrowser(PHONE);
      await login(phone, 'bank.admin');
      await phone.getByRole('button', { name: 'Menu' }).click();
      await phone.getByTestId('nav-users').click();
      await phone.waitForURL('**/users');
      const row = phone.locator(`[data-testid="user-row"][data-username="${OPERATOR.username}"]`);
      await expect.poll(() => row.getAttribute('data-status')).toBe('active');
      await expectWithinWidth(phone, row);
      const deactivate = row.getByRole('button', { name: 'Nonaktifkan' });
      await expectWithinWidth(phone, deactivate);
      // The admin is not offered to deactivate themselves.
      const self = phone.locator('[data-testid="user-row"][data-username="bank.admin"]');
      expect(await self.getByRole('button').count()).toBe(0);

      await deactivate.click();
      const dialog = phone.getByRole('dialog', { name: 'Nonaktifkan pengguna?' });
      await expectWithinWidth(phone, dialog.getByRole('button', { name: 'Ya, nonaktifkan' }));
      await dialog.getByRole('button', { name: 'Batal' }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      expect(await row.getAttribute('data-status')).toBe('active');
    } finally {
      await closeOthers();
    }
  });
});
