import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, useBrowser } from './browser';

const BANK = 'PT Bank Nusantara Sejahtera Tbk';
const DINSOS = 'Dinas Sosial Kabupaten Kebumen';
const FINDING = 'Operator portal belum ditetapkan dengan nama di kantor cabang.';

/** Each step waits patiently: the machine may be busy. */
function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 10_000, interval: 200 });
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await poll(() => page.getByTestId('home').isVisible()).toBe(true);
}

/** Calls the API as the signed-in page (its session cookie and CSRF token). */
async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    { method, url, body },
  );
}

/** Completes the signed-in user's open task on the case (the SOP step that is theirs). */
async function completeMyStep(page: Page, caseId: string): Promise<void> {
  const c = await api<{ tasks: { id: string; canAct: boolean }[] }>(page, 'GET', `/api/cases/${caseId}`);
  const task = c.body.tasks.find((x) => x.canAct);
  expect(task, 'an open task of the signed-in user').toBeDefined();
  const r = await api(page, 'POST', `/api/tasks/${task?.id ?? ''}/complete`, {});
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** Signs in through the API (for the SOP steps taken without looking at a screen); replaces the session cookie. */
async function apiAs(page: Page, username: string): Promise<void> {
  const status = await page.evaluate(
    async ({ username, password }) =>
      (
        await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        })
      ).status,
    { username, password: DEMO_PASSWORD },
  );
  expect(status).toBe(200);
}

describe('a control campaign from direction to report', () => {
  const browser = useBrowser();

  it('the Kabid opens it, Gerbang shows the data dukung, the Kasi fills the checklist and a finding, the bank answers, the report is produced', async () => {
    const page = browser.page();
    await page.setViewportSize({ width: 390, height: 844 });
    // 1. Direction: the Kabid opens a campaign over the bank and the Dinas Sosial (default period).
    await signIn(page, 'kebumen.kabid');
    await page.goto('/campaigns');
    await poll(() => page.getByTestId('campaign-new').isVisible()).toBe(true);
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-title').fill('Pengendalian uji peramban');
    await page.getByLabel(new RegExp(BANK)).check();
    await page.getByLabel(new RegExp(DINSOS)).check();
    await page.getByTestId('campaign-open').click();
    await page.waitForURL(/\/campaigns\/[0-9A-Z]{26}$/, { timeout: 10_000 });
    const campaignId = page.url().split('/').pop() ?? '';
    // 2. The data dukung: the bank's calls from the demo's usage history, in figures and a table.
    await page.getByRole('tab', { name: BANK }).click();
    await poll(() => page.getByTestId('dd-calls').first().isVisible()).toBe(true);
    const calls = Number(((await page.getByTestId('dd-calls').first().textContent()) ?? '').replace(/\D/g, ''));
    expect(calls).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    const detail = await api<{ caseId: string; institutions: { id: string; name: string }[] }>(
      page,
      'GET',
      `/api/campaigns/${campaignId}`,
    );
    const caseId = detail.body.caseId;
    const dinsos = detail.body.institutions.find((i) => i.name === DINSOS)?.id ?? '';
    const bank = detail.body.institutions.find((i) => i.name === BANK)?.id ?? '';
    await completeMyStep(page, caseId);
    await apiAs(page, 'kebumen.staf');
    await completeMyStep(page, caseId);

    // 3. The visit: the Kasi fills the bank's checklist in the web and records a finding with its follow-up.
    await apiAs(page, 'kebumen.kasi');
    await page.goto(`/campaigns/${campaignId}`);
    await page.getByRole('tab', { name: BANK }).click();
    for (const item of ['network', 'card_reader', 'operators', 'data_balikan', 'no_disclosure', 'purpose']) {
      await page
        .getByTestId(`check-${item}`)
        .getByRole('radio', { name: item === 'operators' ? 'Sebagian' : 'Ya', exact: true })
        .check();
    }
    await page.getByTestId('checklist-save').click();
    await poll(() => page.getByTestId('checklist-complete').isVisible()).toBe(true);
    await page.getByTestId('finding-text').fill(FINDING);
    await page.getByTestId('finding-recommendation').fill('Tetapkan operator dengan nama dan akun masing-masing.');
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('finding-due').fill(due);
    await page.getByTestId('finding-save').click();
    await poll(() => page.getByTestId('finding').filter({ hasText: FINDING }).isVisible()).toBe(true);
    const yes = { answer: 'yes', note: '' };
    const other = await api(page, 'PUT', `/api/campaigns/${campaignId}/institutions/${dinsos}/checklist`, {
      network: yes,
      card_reader: yes,
      operators: yes,
      data_balikan: yes,
      no_disclosure: yes,
      purpose: yes,
    });
    expect(other.status).toBe(200);
    expect(bank).not.toBe('');
    await completeMyStep(page, caseId); // the visit
    await completeMyStep(page, caseId); // the report
    await page.reload();
    await poll(() => page.getByTestId('report-link').isVisible()).toBe(true);
    const pdf = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { type: res.headers.get('content-type'), head: (await res.text()).slice(0, 5) };
    }, `/api/campaigns/${campaignId}/report`);
    expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-' });

    // 4. The bank's admin (its head belongs to account.e2e.test.ts) sees what it owes and answers it.
    await apiAs(page, 'bank.admin');
    await page.goto('/campaigns');
    const card = page.getByTestId('follow-up').filter({ hasText: FINDING });
    await poll(() => card.isVisible()).toBe(true);
    await card.getByTestId('follow-up-response').fill('Operator ditetapkan dengan SK Direksi.');
    await card.getByTestId('follow-up-send').click();
    await poll(() => card.getByText('Menunggu penilaian kantor').isVisible()).toBe(true);

    // 5. The report goes up: Kabid, Kadis, Bupati, Dirjen; the case ends.
    for (const u of ['kebumen.kabid', 'kebumen.kadis', 'kebumen.bupati', 'pusat.dirjen']) {
      await apiAs(page, u);
      await completeMyStep(page, caseId);
    }
    await apiAs(page, 'kebumen.kabid');
    await page.goto(`/campaigns/${campaignId}`);
    await poll(() => page.getByText('Selesai').first().isVisible()).toBe(true);
  }, 120_000);
});
