import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';

/** The password of every demo user. */
export const DEMO_PASSWORD = 'gerbang-demo';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One browser per test file and a fresh context (cookies, localStorage) per test. */
export function useBrowser(): { page: () => Page; baseUrl: string } {
  const baseUrl = inject('baseUrl');
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let current: Page | undefined;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: inject('chromiumPath'), args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('browser not started');
    context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID' });
    context.setDefaultTimeout(15_000);
    current = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  return {
    baseUrl,
    page: () => {
      if (!current) throw new Error('page used outside a test');
      return current;
    },
  };
}

/** Signs in through the login form and waits for the home page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // Pages are loaded on demand (src/web/App.tsx): on a busy machine the shell's chunks may take a few seconds.
  await expect.poll(() => page.getByTestId('home').isVisible(), { timeout: 15_000 }).toBe(true);
}
