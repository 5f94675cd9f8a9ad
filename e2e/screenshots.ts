/**
 * The README's screenshots: signs in to a running demo and saves PNGs of the main screens to docs/screenshots/.
 *
 *   GERBANG_DEMO=1 DATA_DIR=/tmp/gerbang-shots PORT=3100 node bin/gerbang.js serve     (in another terminal)
 *   npx tsx e2e/screenshots.ts --base http://127.0.0.1:3100 --data-dir /tmp/gerbang-shots
 *
 * --data-dir is the server's DATA_DIR: demo.json there names the demo's NIKs, and the SQLite file the records
 * to open (a case, the bank's PKS). Chromium is found by scripts/ensure-chromium.mjs, as for the e2e tests.
 */
import BetterSqlite3 from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { settle } from './axe';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'docs/screenshots');
const PASSWORD = 'gerbang-demo';
const DESKTOP = { width: 1366, height: 860 };
const PHONE = { width: 390, height: 844 };

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: process.env.GERBANG_URL ?? 'http://127.0.0.1:3000' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? path.join(ROOT, 'data') },
  },
});
const base = values.base;
const dataDir = path.resolve(values['data-dir']);

interface Demo {
  access: { agreementId: string; niks: string[]; trial?: { niks: string[] } };
}

function records() {
  const demo = JSON.parse(readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as Demo;
  const db = new BetterSqlite3(path.join(dataDir, 'gerbang.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `SELECT c.id FROM cases c JOIN offices o ON o.id = c.office_id
         WHERE o.code = '33.05' ORDER BY (c.status = 'open') DESC, c.rowid LIMIT 1`,
      )
      .get() as { id: string } | undefined;
    return { demo, caseId: row?.id ?? '' };
  } finally {
    db.close();
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home').waitFor();
}

async function shoot(page: Page, name: string, url?: string) {
  if (url) await page.goto(url);
  await settle(page);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  say(`saved ${path.relative(ROOT, file)}`);
}

async function session(browser: Browser, viewport: { width: number; height: number }, username?: string) {
  const context = await browser.newContext({ baseURL: base, locale: 'id-ID', viewport, deviceScaleFactor: 1 });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  if (username) await signIn(page, username);
  return { page, close: () => context.close() };
}

/** Opens Akses Data and tells whether the NIK lookup is there. */
async function hasLookup(page: Page): Promise<boolean> {
  await page.goto('/data-access');
  await settle(page);
  return page.getByTestId('portal-lookup').isVisible();
}

/** As the office's division head: a trial web-portal grant on the PKS, with bank.operator as its operator. */
async function grantPortal(page: Page, agreementId: string) {
  await page.goto(`/agreements/${agreementId}`);
  const section = page.getByTestId('access-section');
  await section.waitFor();
  await page.getByTestId('grant-create-open').click();
  const form = page.getByTestId('grant-form');
  await form.getByTestId('grant-form-kind').click();
  await page.getByRole('option', { name: 'Web portal' }).click();
  for (const element of ['nama_lengkap', 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir']) {
    await form.getByTestId(`grant-element-${element}`).click();
  }
  await form.getByTestId('grant-form-ips').fill('127.0.0.1');
  await form.getByTestId('grant-submit').click();
  const card = section.locator('[data-testid="grant-card"][data-kind="web_portal"][data-status="active"]').first();
  await card.waitFor();
  const operators = card.getByTestId('grant-operators');
  await operators.getByTestId('operator-user').click();
  await operators.getByTestId('operator-user').fill('bank.operator');
  await page.getByRole('option', { name: /bank\.operator/ }).click();
  await operators.getByTestId('operator-add').click();
  await operators.getByTestId('operator-row').first().waitFor();
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const { demo, caseId } = records();
  const executablePath = execFileSync(process.execPath, [path.join(ROOT, 'scripts/ensure-chromium.mjs')], {
    encoding: 'utf8',
  }).trim();
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    // Public: the register of agreements in force.
    const visitor = await session(browser, DESKTOP);
    await shoot(visitor.page, 'public-register', '/register');
    await visitor.close();

    // The Kebumen division head: the dashboard, the inbox, a case, the bank's PKS, oversight.
    const office = await session(browser, DESKTOP, 'kebumen.kabid');
    await shoot(office.page, 'home', '/');
    await shoot(office.page, 'inbox', '/inbox');
    if (caseId) await shoot(office.page, 'case', `/cases/${caseId}`);
    await shoot(office.page, 'agreement', `/agreements/${demo.access.agreementId}`);
    await shoot(office.page, 'oversight', '/oversight');
    await office.close();

    // The bank's operator: the NIK lookup on Akses Data. It needs a web-portal grant naming the operator: on a
    // fresh demo the Kebumen division head creates one beside the bank's PKS first (as e2e/portal does).
    let operator = await session(browser, DESKTOP, 'bank.operator');
    if (!(await hasLookup(operator.page))) {
      await operator.close();
      const head = await session(browser, DESKTOP, 'kebumen.kabid');
      await grantPortal(head.page, demo.access.agreementId);
      await head.close();
      operator = await session(browser, DESKTOP, 'bank.operator');
    }
    if (await hasLookup(operator.page)) {
      const lookup = operator.page.getByTestId('portal-lookup');
      await lookup.getByTestId('portal-nik').fill(demo.access.trial?.niks[1] ?? demo.access.niks[0] ?? '');
      await lookup.getByTestId('portal-submit').click();
      await lookup
        .getByTestId('portal-result')
        .waitFor()
        .catch(() => say('note: the lookup gave no result'));
      await lookup.scrollIntoViewIfNeeded();
    } else {
      say('note: bank.operator holds no web-portal grant: the screen shows the grants only');
    }
    await shoot(operator.page, 'nik-lookup');
    await operator.close();

    // A phone: the inbox.
    const phone = await session(browser, PHONE, 'kebumen.kabid');
    await shoot(phone.page, 'inbox-phone', '/inbox');
    await phone.close();
  } finally {
    await browser.close();
  }
}

await main();
