import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, useBrowser } from './browser';
import { logout } from './steps';

/** What the demo seed writes to DATA_DIR/demo.json about the bank's production credential. */
interface DemoAccess {
  access: { endpoint: string; userId: string; secret: string; niks: string[] };
}

/** One CALL_NIK from the test process (client IP 127.0.0.1, allowed by the demo credential). */
async function callNik(baseUrl: string, d: DemoAccess['access'], nik: string, secret = d.secret): Promise<void> {
  const res = await fetch(`${baseUrl}${d.endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ NIK: nik, USER_ID: d.userId, PASSWORD: secret, IP_USER: '10.0.0.15' }),
  });
  expect(res.status).toBe(200);
}

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 200 });

/** Signs in through the login form and waits for the home page (patiently: two cores shared by several runs). */
async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await poll(() => page.getByTestId('home').isVisible()).toBe(true);
}

describe('the operations dashboard', () => {
  const browser = useBrowser();

  it('shows the bank office the calls just made, refusals in words, latency and scheduled jobs', async () => {
    const page = browser.page();
    const baseUrl = inject('baseUrl');
    const demo = JSON.parse(readFileSync(path.join(inject('dataDir'), 'demo.json'), 'utf8')) as DemoAccess;
    const d = demo.access;
    for (const nik of d.niks.slice(0, 3)) await callNik(baseUrl, d, nik);
    await callNik(baseUrl, d, d.niks[0] ?? '', 'not-the-secret');

    await login(page, 'kebumen.kasi');
    await page.getByTestId('nav-operations').click();
    await page.waitForURL('**/operations');
    await poll(() => page.getByTestId('operations-page').isVisible()).toBe(true);
    // The page refreshes itself: the calls show up without a reload.
    const windowCalls = page.getByTestId('operations-window-calls');
    await poll(async () => Number(await windowCalls.getAttribute('data-value'))).toBeGreaterThanOrEqual(4);
    expect(
      Number(await page.getByTestId('operations-window-refused').getAttribute('data-value')),
    ).toBeGreaterThanOrEqual(1);
    // Refusals by reason in words, never the code alone; the rate is drawn as a line.
    await poll(() => page.getByTestId('operations-refusals-table').textContent()).toContain('Login Gagal');
    await poll(() => page.getByTestId('operations-rate-chart').locator('.recharts-line').count()).toBeGreaterThan(0);
    await poll(() => page.getByTestId('operations-latency-table').textContent()).toMatch(/Web service/);
    expect(await page.getByTestId('operations-process-note').textContent()).toMatch(/proses ini/);
    // The server's first scheduler tick at start is listed, each job in words.
    await poll(() => page.getByTestId('operations-run').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('operations-scheduler').textContent()).toMatch(
      /Buku pemakaian data|Masa berlaku PKS/,
    );
    // Nothing on screen in ISO dates.
    expect(await page.getByTestId('operations-page').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // Phone-friendly: nothing to scroll sideways at a phone's width.
    await page.setViewportSize({ width: 390, height: 844 });
    await poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await logout(page);

    // The bank's own users have no such menu entry.
    await login(page, 'bank.admin');
    expect(await page.getByTestId('nav-operations').count()).toBe(0);
  }, 60_000);
});
