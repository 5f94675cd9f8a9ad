import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

// Evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src 'self') blocks a script tag.
const AXE = readFileSync(path.resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js'), 'utf8');

/** What one page failed: axe's serious and critical violations, the heading and landmark checks. */
export interface PageProblems {
  url: string;
  problems: string[];
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Waits until the page has drawn its content: no spinner left, a heading present, the network quiet. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const ready = await page.evaluate(
      () => document.querySelectorAll('[data-testid="loading"]').length === 0 && !!document.querySelector('h1'),
    );
    if (ready) break;
    await page.waitForTimeout(150);
  }
  // Mantine's transitions (fade-ins, collapses) are short: let them end before colours are measured.
  await page.waitForTimeout(400);
}

/**
 * Runs axe-core on the current page and checks its structure. Returns one line per problem: each serious or
 * critical axe violation (rule id, impact, the first nodes' targets), a page without exactly one h1, a page
 * without exactly one main landmark.
 */
export async function auditPage(page: Page): Promise<PageProblems> {
  await settle(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as { violations: unknown[] };
    return result.violations;
  });
  const problems: string[] = [];
  for (const v of violations as AxeViolation[]) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const targets = v.nodes
      .slice(0, 5)
      .map(
        (n) =>
          `${JSON.stringify(n.target)}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1, 2).join('').trim()})` : ''}`,
      )
      .join('; ');
    problems.push(`axe ${v.id} [${v.impact}] ×${v.nodes.length}: ${v.help} — ${targets}`);
  }
  const structure = await page.evaluate(() => ({
    h1: Array.from(document.querySelectorAll('h1')).map((h) => (h.textContent ?? '').trim()),
    main: document.querySelectorAll('main, [role="main"]').length,
  }));
  if (structure.h1.length !== 1) problems.push(`${structure.h1.length} h1 headings: ${JSON.stringify(structure.h1)}`);
  if (structure.main !== 1) problems.push(`${structure.main} main landmarks`);
  return { url: new URL(page.url()).pathname, problems };
}

/** On a phone-size viewport: whether the page scrolls sideways (its content wider than the window). */
export async function horizontalOverflow(page: Page): Promise<string | null> {
  const size = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    widest: Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`),
  }));
  return size.scroll <= size.inner
    ? null
    : `scrollWidth ${size.scroll} > innerWidth ${size.inner} (wider: ${size.widest.join(', ')})`;
}
