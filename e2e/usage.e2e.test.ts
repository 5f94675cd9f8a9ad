import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, useBrowser } from './browser';
import { logout } from './steps';

const BANK = 'PT Bank Nusantara Sejahtera Tbk';
/** The demo's institution with an overdue semester report (seed/demo-obligations.ts). */
const LATE_INSTITUTION = 'RSUD dr. Soedirman Kabupaten Kebumen';

/** What the demo seed writes to DATA_DIR/demo.json about the bank's production credential. */
interface DemoAccess {
  access: { endpoint: string; userId: string; secret: string; niks: string[] };
}

/** One CALL_NIK from the test process (client IP 127.0.0.1, allowed by the demo credential); returns RESPON's code. */
async function callNik(baseUrl: string, d: DemoAccess['access'], nik: string): Promise<void> {
  const res = await fetch(`${baseUrl}${d.endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ NIK: nik, USER_ID: d.userId, PASSWORD: d.secret, IP_USER: '10.0.0.15' }),
  });
  expect(res.status).toBe(200);
}

/** Each test waits patiently (below), so it may take longer than the tier's 60 s on a loaded machine. */
const PATIENT = 120_000;

/** Waits for a condition, patiently: the machine may be busy (two cores shared by several test runs). */
function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 15_000, interval: 200 });
}

/** Signs in through the login form and waits for the home page (as browser.ts's login, with patience). */
async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await poll(() => page.getByTestId('home').isVisible()).toBe(true);
}

/** A number a usage screen shows in its data-value attribute. */
async function valueOf(page: Page, testId: string): Promise<number> {
  const raw = await page.getByTestId(testId).first().getAttribute('data-value');
  return raw === null || raw === '' ? Number.NaN : Number(raw);
}

/**
 * Reloads until the calls the test just made are in the ledger (a follower folds the log every ~2 s, off the
 * request path) and the screen's figure reaches `atLeast`.
 */
async function untilCounted(page: Page, testId: string, atLeast: number): Promise<number> {
  let seen = Number.NaN;
  for (let i = 0; i < 20; i++) {
    await poll(() => page.getByTestId(testId).first().isVisible()).toBe(true);
    seen = await valueOf(page, testId);
    if (seen >= atLeast) return seen;
    await new Promise((r) => setTimeout(r, 1000));
    await page.reload();
  }
  return seen;
}

/** True when the page is no wider than the window (nothing to scroll sideways on a phone). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

describe('usage figures: the bank sees its own, the office sees its institutions side by side', () => {
  const browser = useBrowser();

  it(
    'shows the bank its calls per day against its quota, what is left today, refusals in words, and its balance',
    async () => {
      const page = browser.page();
      const baseUrl = inject('baseUrl');
      const demo = JSON.parse(readFileSync(path.join(inject('dataDir'), 'demo.json'), 'utf8')) as DemoAccess;
      const d = demo.access;
      // Three calls and one malformed NIK (refused) today, on top of the demo's semester of history.
      for (const nik of d.niks.slice(0, 3)) await callNik(baseUrl, d, nik);
      await callNik(baseUrl, d, '12345');

      // 1. The bank's admin follows the link on Akses Data to Pemakaian: calls in the period, and the chart is drawn.
      // bank.admin: the bank's head belongs to account.e2e.test.ts alone.
      await signIn(page, 'bank.admin');
      await page.getByTestId('nav-dataAccess').click();
      await page.waitForURL('**/data-access');
      await page.getByTestId('data-access-usage-link').click();
      await page.waitForURL('**/usage');
      await poll(() => page.getByTestId('institution-usage').isVisible()).toBe(true);
      expect(await untilCounted(page, 'usage-total-calls', 4)).toBeGreaterThanOrEqual(4);
      expect(await valueOf(page, 'usage-total-refused')).toBeGreaterThanOrEqual(1);
      const daily = page.getByTestId('usage-daily-chart');
      await poll(() => daily.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
      expect(await daily.getAttribute('aria-label')).toMatch(/panggilan/);
      // The period is in words ("… 2026"), not ISO dates.
      const period = (await page.getByTestId('usage-period-text').textContent()) ?? '';
      expect(period).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}/);
      expect(period).not.toMatch(/\d{4}-\d{2}-\d{2}/);

      // 2. What is left of today's quota, prominently: the server's figure for today.
      const quota = await page.evaluate(async () => {
        const res = await fetch('/api/access/usage?by=day');
        return ((await res.json()) as { quota: { dailyLimit: number | null; remainingToday: number | null } }).quota;
      });
      const remaining = page.getByTestId('usage-quota-remaining');
      if (quota.remainingToday === null) {
        // Another browser test may have given the bank an unlimited grant: then the quota reads as unlimited.
        expect(quota.dailyLimit).toBeNull();
        expect(await remaining.textContent()).toBe('Tanpa batas');
      } else {
        expect(quota.remainingToday).toBeGreaterThan(0);
        expect(quota.remainingToday).toBeLessThanOrEqual(quota.dailyLimit ?? 0);
        expect(await valueOf(page, 'usage-quota-remaining')).toBe(quota.remainingToday);
        expect(await remaining.textContent()).toBe(quota.remainingToday.toLocaleString('id-ID'));
      }

      // 3. Refusals by reason in plain words (the malformed NIK), no codes; elements by their catalogue names.
      const refusals = page.getByTestId('usage-refusals');
      await poll(() => refusals.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
      await refusals.locator('summary').click();
      const refusalText = (await refusals.getByTestId('usage-refusals-table').textContent()) ?? '';
      expect(refusalText).toContain('NIK tidak sesuai format');
      expect(refusalText).not.toMatch(/\b15\b/);
      const elements = (await page.getByTestId('usage-elements-table').textContent()) ?? '';
      expect(elements).toContain('Nama lengkap');
      expect(elements).not.toContain('nama_lengkap');
      expect(await page.getByTestId('usage-channels-table').textContent()).toContain('Web service');

      // 4. Another period keeps the figures on screen; the CSV of the same view downloads.
      await page.getByTestId('usage-period').getByText('Semester ini').click();
      await page.waitForURL(/period=semester/);
      await poll(() => valueOf(page, 'usage-total-calls')).toBeGreaterThanOrEqual(4);
      await page.getByTestId('usage-csv').click();
      const href = (await page.getByTestId('usage-csv-day').getAttribute('href')) ?? '';
      expect(href).toMatch(/format=csv/);
      const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
      expect(csv.split('\r\n')[0]).toContain('panggilan');
      await page.keyboard.press('Escape');

      // 5. On a phone the page still fits the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await poll(() => daily.isVisible()).toBe(true);
      // Charts re-measure their container after a resize: the page fits once they have.
      await poll(() => fitsWidth(page)).toBe(true);
      await page.setViewportSize({ width: 1280, height: 720 });

      // 6. The bank's prepaid PNBP balance: the demo's deposit (Rp1.000.000.000), drawn by its billable answers.
      await page.getByTestId('nav-billing').click();
      await page.waitForURL('**/billing');
      const balance = page.getByTestId('billing-balance-amount');
      await poll(() => balance.isVisible()).toBe(true);
      const rupiah = (await balance.textContent()) ?? '';
      expect(rupiah).toMatch(/^Rp[\d.]+$/);
      expect(Number(rupiah.replace(/\D/g, ''))).toBeGreaterThan(0);
      expect(Number(rupiah.replace(/\D/g, ''))).toBeLessThan(1_000_000_000);
      await logout(page);
    },
    PATIENT,
  );

  it(
    'shows the office its institutions side by side, opens one of them, and finds a late report',
    async () => {
      const page = browser.page();
      await signIn(page, 'kebumen.kabid');
      await page.getByTestId('nav-usage').click();
      await page.waitForURL('**/usage');
      await poll(() => page.getByTestId('institutions-usage').isVisible()).toBe(true);

      // 1. The bank is a row with its calls, its share of quota and a trend line; the comparison chart is drawn.
      const bank = page.locator('[data-testid="usage-institution-row"]', { hasText: BANK });
      await poll(() => bank.count()).toBe(1);
      expect(Number(await bank.getAttribute('data-calls'))).toBeGreaterThan(0);
      await poll(() => bank.getByTestId('usage-sparkline').count()).toBe(1);
      expect(await bank.getByTestId('usage-quota-share').textContent()).toMatch(/%|Tanpa batas/);
      const chart = page.getByTestId('usage-institutions-chart-chart');
      await poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
      expect(await chart.getAttribute('aria-label')).toContain(BANK);

      // 2. A click opens the bank's own view with the same components, its quota included.
      await bank.getByTestId('usage-institution-link').click();
      await page.waitForURL('**/usage/institutions/*');
      await poll(() => page.getByTestId('page-title').textContent()).toBe(BANK);
      await poll(() => page.getByTestId('usage-daily-chart').isVisible()).toBe(true);
      expect(await valueOf(page, 'usage-total-calls')).toBeGreaterThan(0);
      await poll(() => page.getByTestId('usage-quota').isVisible()).toBe(true);
      expect(await page.getByTestId('usage-quota-remaining').textContent()).toMatch(/^[\d.]+$|^Tanpa batas$/);

      // 3. Back to the overview; the institution's own page links to the same view.
      await page.getByTestId('usage-back').click();
      await page.waitForURL(/\/usage(\?.*)?$/);
      await poll(() => page.getByTestId('institutions-usage').isVisible()).toBe(true);
      const bankId = (await bank.getAttribute('data-institution-id')) ?? '';
      await page.goto(`/institutions/${bankId}`);
      await page.getByTestId('institution-usage-link').click();
      await page.waitForURL(`**/usage/institutions/${bankId}`);
      await poll(() => page.getByTestId('usage-daily-chart').isVisible()).toBe(true);

      // 4. The semester reports: the demo's RSUD has not filed its latest one, and it shows as late.
      await page.getByTestId('nav-reports').click();
      await page.waitForURL('**/reports');
      await poll(() => page.getByTestId('reports-page').isVisible()).toBe(true);
      const late = page
        .locator('[data-testid="report-row"]', { hasText: LATE_INSTITUTION })
        .filter({ has: page.getByTestId('report-late') });
      await poll(() => late.count()).toBeGreaterThan(0);
    },
    PATIENT,
  );
});
