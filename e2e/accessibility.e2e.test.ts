import BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { auditPage, horizontalOverflow, type PageProblems } from './axe';
import { login, useBrowser } from './browser';

/** What the demo seed writes to DATA_DIR/demo.json: the logins and the bank's PKS. */
interface Demo {
  users: { username: string; organisation: { id: string } }[];
  access: { agreementId: string };
}

/** The ids of demo records the pages show, read from the server's SQLite file (read-only). */
function demoIds() {
  const dataDir = inject('dataDir');
  const demo = JSON.parse(readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as Demo;
  const orgOf = (username: string) => demo.users.find((u) => u.username === username)?.organisation.id ?? '';
  const office = orgOf('kebumen.kabid');
  const db = new BetterSqlite3(path.join(dataDir, 'gerbang.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string, ...params: string[]) =>
      (db.prepare(sql).get(...params) as { id: string } | undefined)?.id ?? '';
    return {
      agreement: demo.access.agreementId,
      institution: orgOf('bank.admin'),
      document: one("SELECT id FROM documents WHERE status = 'valid' ORDER BY rowid LIMIT 1"),
      case: one('SELECT id FROM cases WHERE office_id = ? ORDER BY rowid LIMIT 1', office),
      sopVersion: one('SELECT id FROM sop_versions WHERE office_id = ? ORDER BY published_at LIMIT 1', office),
    };
  } finally {
    db.close();
  }
}

/**
 * Makes sure the bank's PKS lists a revoked grant, whatever other tests left: a revoked or superseded thing is drawn
 * differently, and that drawing must keep its contrast too (a faded card once failed only when another test had revoked
 * a grant first). Uses the API the page itself uses, with the signed-in clerk's session and CSRF token.
 */
async function withRevokedGrant(page: Page, agreementId: string): Promise<void> {
  const status = await page.evaluate(async (id) => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
    const created = await fetch(`/api/access/agreements/${id}/grants`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        kind: 'web_service',
        environment: 'trial',
        label: 'Uji aksesibilitas',
        elements: ['nik'],
      }),
    });
    if (created.status !== 201) return `create ${created.status}: ${await created.text()}`;
    const { grant } = (await created.json()) as { grant: { id: string } };
    const revoked = await fetch(`/api/access/grants/${grant.id}/revoke`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ reason: 'Uji aksesibilitas' }),
    });
    return revoked.status === 200 ? 'ok' : `revoke ${revoked.status}: ${await revoked.text()}`;
  }, agreementId);
  expect(status).toBe('ok');
}

/** Opens each path and audits it; returns the pages that failed, each with its problems. */
async function auditAll(page: Page, paths: string[]): Promise<PageProblems[]> {
  const failed: PageProblems[] = [];
  for (const p of paths) {
    await page.goto(p);
    const result = await auditPage(page);
    if (result.problems.length) failed.push({ url: p, problems: result.problems });
  }
  return failed;
}

/** A readable failure message: each page, then its problems. */
function report(failed: PageProblems[]): string {
  return failed.map((f) => `${f.url}\n  ${f.problems.join('\n  ')}`).join('\n');
}

describe('accessibility: axe-core finds no serious or critical violation, every page has one h1 and a main', () => {
  const browser = useBrowser();

  it('on the public pages', async () => {
    const ids = demoIds();
    expect(ids.document).not.toBe('');
    const failed = await auditAll(browser.page(), [
      '/login',
      '/register',
      '/daftar',
      `/verify/${ids.document}`,
      '/warga',
    ]);
    expect(failed, report(failed)).toEqual([]);
  });

  it('signed in as an office clerk', async () => {
    const ids = demoIds();
    expect(ids.case).not.toBe('');
    expect(ids.sopVersion).not.toBe('');
    const page = browser.page();
    await login(page, 'kebumen.kabid');
    await withRevokedGrant(page, ids.agreement);
    const failed = await auditAll(page, [
      '/',
      '/inbox',
      `/cases/${ids.case}`,
      '/applications',
      '/agreements',
      `/agreements/${ids.agreement}`,
      '/institutions',
      `/institutions/${ids.institution}`,
      '/oversight',
      '/usage',
      '/reports',
      '/sop',
      `/sop/versions/${ids.sopVersion}`,
      '/data-access',
    ]);
    expect(failed, report(failed)).toEqual([]);
  }, 240_000); // 14 pages, each settled and scanned: well over the 60 s default on a busy machine

  it.each(['bank.admin', 'bank.operator'])('signed in as the institution user %s', async (user) => {
    const page = browser.page();
    await login(page, user);
    const failed = await auditAll(page, ['/', '/data-access', '/agreements']);
    expect(failed, report(failed)).toEqual([]);
  });

  it('on a phone (390×844): the inbox and a case pass and do not scroll sideways', async () => {
    const ids = demoIds();
    const page = browser.page();
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'kebumen.kabid');
    const failed: PageProblems[] = [];
    for (const p of ['/inbox', `/cases/${ids.case}`]) {
      await page.goto(p);
      const result = await auditPage(page);
      const overflow = await horizontalOverflow(page);
      const problems = overflow ? [...result.problems, overflow] : result.problems;
      if (problems.length) failed.push({ url: `${p} (390×844)`, problems });
    }
    expect(failed, report(failed)).toEqual([]);
  });
});
