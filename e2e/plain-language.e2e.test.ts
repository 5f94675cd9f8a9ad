import BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { OFFICE_ROLES, PUSAT_ROLES } from '../src/domain/authz';
import { DEMO_PASSWORD, useBrowser } from './browser';

/** What the demo seed writes to DATA_DIR/demo.json: the logins and the bank's PKS. */
interface Demo {
  users: { username: string; organisation: { id: string } }[];
  access: { agreementId: string };
}

/** The ids of demo records the pages show, read from the server's SQLite file (read-only). */
function demoIds() {
  const dataDir = inject('dataDir');
  const demo = JSON.parse(readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as Demo;
  const office = demo.users.find((u) => u.username === 'kebumen.kabid')?.organisation.id ?? '';
  const db = new BetterSqlite3(path.join(dataDir, 'gerbang.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string, ...params: string[]) =>
      (db.prepare(sql).get(...params) as { id: string } | undefined)?.id ?? '';
    return {
      agreement: demo.access.agreementId,
      case: one('SELECT id FROM cases WHERE office_id = ? ORDER BY rowid LIMIT 1', office),
      sopVersion: one('SELECT id FROM sop_versions WHERE office_id = ? ORDER BY published_at LIMIT 1', office),
    };
  } finally {
    db.close();
  }
}

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
/** An internal code in capitals with underscores, as the audit trail stores a web-service call (CALL_NIK). */
const SCREAMING_SNAKE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;
/** Role codes that are not also words of a name ("staf", "tim", "admin" are): kabid, kasi, kepala_daerah… */
const ROLE_CODES = [...OFFICE_ROLES, ...PUSAT_ROLES].filter((c) => !['staf', 'tim', 'admin', 'sekretaris'].includes(c));
const ROLE_CODE = new RegExp(`(^|[^\\p{L}_])(${ROLE_CODES.join('|')})(?![\\p{L}_])`, 'u');

/** Signs in through the login form; waits for the home page as long as a busy machine needs. */
async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('home').isVisible(), { timeout: 20_000 }).toBe(true);
}

/** The text a person sees on the page, once its data has loaded. */
async function visibleText(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('main').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  // Loading placeholders gone: the page's title or content is there.
  await expect
    .poll(() => page.locator('[data-loading="true"], .mantine-Loader-root').count(), { timeout: 15_000 })
    .toBe(0);
  return page.evaluate(() => document.body.innerText);
}

/** What of the text is an internal detail, quoted with some context. */
function internals(text: string): string[] {
  const found: string[] = [];
  for (const [name, re] of [
    ['ISO date', ISO_DATE],
    ['code', SCREAMING_SNAKE],
    ['role code', ROLE_CODE],
  ] as const) {
    const m = re.exec(text);
    if (m) found.push(`${name}: …${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}…`);
  }
  return found;
}

describe('plain Indonesian: no ISO dates, codes or role codes on screen', () => {
  const browser = useBrowser();

  it('shows a clerk words, dates in words and times with the zone', async () => {
    const ids = demoIds();
    expect(ids.case).not.toBe('');
    const page = browser.page();
    await login(page, 'kebumen.kabid');
    const paths = [
      '/inbox',
      `/cases/${ids.case}`,
      '/oversight',
      '/sop',
      `/sop/versions/${ids.sopVersion}`,
      `/agreements/${ids.agreement}`,
      '/applications',
    ];
    const problems: string[] = [];
    for (const p of paths) {
      const text = await visibleText(page, p);
      for (const found of internals(text)) problems.push(`${p} — ${found}`);
    }
    expect(problems).toEqual([]);

    // The audit view names actions in words, with times on the office's clock.
    const oversight = await visibleText(page, '/oversight');
    expect(oversight).toMatch(/\d{1,2}\.\d{2} WIB/);
    expect(oversight).toMatch(
      /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/,
    );
    const actions = await page.getByTestId('audit-action-label').allInnerTexts();
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(a).not.toMatch(/[._]|^[A-Z_]+$/);

    // A case names the roles of its steps ("Kepala Bidang"), not their codes.
    const kase = await visibleText(page, `/cases/${ids.case}`);
    expect(kase).toMatch(/Kepala Bidang|Kepala Dinas|Direktur Jenderal/);
  }, 180_000);

  it('speaks English durations and decisions in the English UI', async () => {
    const ids = demoIds();
    const page = browser.page();
    await login(page, 'kebumen.kabid');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const text = await visibleText(page, `/cases/${ids.case}`);
    expect(text).toMatch(/\d+(–\d+)? working days?/);
    expect(text).not.toMatch(/\d+ hari\b/);
    expect(internals(text)).toEqual([]);
    expect(text).toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
  });
});
