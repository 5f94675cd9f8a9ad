import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, useBrowser } from './browser';

/** Polls long enough for a busy machine (the shared one runs several builds at once). */
function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 15_000, interval: 200 });
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await poll(() => page.getByTestId('home').isVisible()).toBe(true);
}

/** The number a count badge or dashboard card carries (its data-count), or null when it is not shown. */
async function countOf(page: Page, testId: string): Promise<number | null> {
  const el = page.getByTestId(testId);
  if ((await el.count()) === 0) return null;
  return Number(await el.getAttribute('data-count'));
}

/** A company registers itself with Kebumen through the public API, so the office has one to verify. */
async function registerWithKebumen(page: Page, name: string, username: string): Promise<string> {
  const offices = (await (await page.request.get('/api/offices')).json()) as { id: string; name: string }[];
  const kebumen = offices.find((o) => o.name.includes('Kabupaten Kebumen'));
  expect(kebumen).toBeDefined();
  const res = await page.request.post('/api/institutions/register', {
    data: {
      name,
      type: 'opd',
      profitOriented: false,
      officeId: kebumen?.id,
      address: 'Jl. Pemuda No. 7, Kebumen',
      contact: { name: 'Ratna Sari', position: 'Sekretaris', email: 'ratna@puskesmas.example', phone: '0287-2' },
      admin: { username, displayName: 'Admin Puskesmas', password: 'Puskesmas-Kebumen-2026-aman' },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('work finds people: Kotak Masuk, its counts, the home dashboard', () => {
  const browser = useBrowser();

  it('shows the clerk how much waits, opens the work from the dashboard and the inbox, and counts down after it', async () => {
    const page = browser.page();
    const stamp = Date.now().toString(36);
    const name = `Puskesmas Karanganyar ${stamp}`;
    const id = await registerWithKebumen(page, name, `pkm${stamp}.admin`);

    // The Kasi verifies Kebumen's institutions: the menu counts the inbox and the institutions waiting.
    await signIn(page, 'kebumen.kasi');
    await poll(() => countOf(page, 'nav-count-inbox')).toBeGreaterThanOrEqual(1);
    const inMenu = (await countOf(page, 'nav-count-inbox')) ?? 0;
    expect(await countOf(page, 'nav-count-institutions')).toBeGreaterThanOrEqual(1);
    // The badge reads as words to a screen reader, not a bare number.
    expect(await page.getByTestId('nav-count-inbox').textContent()).toContain('menunggu');

    // The home page is a dashboard with the same numbers; each number is a link to its work.
    await poll(() => countOf(page, 'home-count-total')).toBe(inMenu);
    const toVerify = (await countOf(page, 'home-count-institutionsToVerify')) ?? 0;
    expect(toVerify).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('home-count-institutionsToVerify').textContent()).toContain(
      'Lembaga untuk diverifikasi',
    );
    expect(await page.getByTestId('home-count-institutionsToVerify').getAttribute('href')).toBe(
      '/inbox?work=institution_verify',
    );
    await poll(() => page.getByTestId('home-urgent-item').count()).toBeGreaterThan(0);

    await page.getByTestId('home-count-institutionsToVerify').click();
    await page.waitForURL('**/inbox?work=institution_verify');
    const rows = page.getByTestId('inbox-row');
    await poll(() => rows.count()).toBe(toVerify);
    const actions = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(new Set(actions)).toEqual(new Set(['institution_verify']));
    const row = page.locator('[data-testid="inbox-row"]', { hasText: name });
    expect(await row.textContent()).toContain('Verifikasi lembaga');

    // The row's link is a real link, reachable by keyboard: focused and Enter opens the institution.
    const link = row.getByTestId('inbox-link');
    expect(await link.getAttribute('href')).toBe(`/institutions/${id}`);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/institutions/${id}`);
    await poll(() => page.getByTestId('page-title').textContent()).toContain(name);

    // Verifying it takes it out of the counts at once, without a reload.
    await page.getByTestId('institution-verify').click();
    const confirm = page.locator('[role="dialog"] [data-testid$="confirm"]');
    await poll(async () => {
      if (await confirm.isVisible().catch(() => false)) await confirm.click();
      return page.getByTestId('institution-pending').count();
    }).toBe(0);
    await poll(() => countOf(page, 'nav-count-inbox').then((n) => n ?? 0)).toBe(inMenu - 1);
    await poll(() => countOf(page, 'nav-count-institutions').then((n) => n ?? 0)).toBe(toVerify - 1);
  });

  it('at 390×844 shows the inbox as cards of links, badges whole, and nothing wider than the screen', async () => {
    const page = browser.page();
    await page.setViewportSize({ width: 390, height: 844 });
    const stamp = Date.now().toString(36);
    const name = `Puskesmas Gombong dengan nama yang cukup panjang untuk layar ponsel ${stamp}`;
    const id = await registerWithKebumen(page, name, `pkg${stamp}.admin`);
    await signIn(page, 'kebumen.kasi');
    await page.goto('/inbox');
    const cards = page.getByTestId('inbox-card');
    await poll(() => cards.count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('inbox-table').count()).toBe(0);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(390);

    // Every card is a link; no badge is cut.
    const hrefs = await cards.evaluateAll((els) => els.map((e) => (e.tagName === 'A' ? e.getAttribute('href') : null)));
    expect(hrefs.every((h) => h?.startsWith('/'))).toBe(true);
    expect(hrefs).toContain(`/institutions/${id}`);
    const cut = await page
      .getByTestId('sla-badge')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    expect(cut).toBe(0);

    const card = page.locator('[data-testid="inbox-card"]', { hasText: name });
    expect(await card.textContent()).toContain('Verifikasi lembaga');
    await card.click();
    await page.waitForURL(`**/institutions/${id}`);
    await poll(() => page.getByTestId('page-title').textContent()).toContain(name);
  });
});
