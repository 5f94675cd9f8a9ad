#!/usr/bin/env node
// `npm test`: all three tiers in one vitest run — unit, service/HTTP on SQLite and PostgreSQL, browser in Chromium.
// Makes sure Chromium is there first (installing Debian's package when root), and fails if any tier ran no test,
// so no tier is ever skipped silently.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const chrome = await ensureChromium();
process.stdout.write(`[e2e tier] Chromium: ${chrome}\n`);

fs.mkdirSync('.tmp', { recursive: true });
const report = path.resolve('.tmp/vitest-report.json');
fs.rmSync(report, { force: true });
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } });

if (!fs.existsSync(report)) {
  process.stderr.write('vitest wrote no report\n');
  process.exit(run.status || 1);
}
const results = JSON.parse(fs.readFileSync(report, 'utf8'));
const tiers = { unit: { passed: 0, failed: 0 }, db: { passed: 0, failed: 0 }, e2e: { passed: 0, failed: 0 } };
for (const file of results.testResults) {
  const rel = path.relative(process.cwd(), file.name);
  const tier = rel.startsWith('e2e/')
    ? 'e2e'
    : rel.startsWith('src/server/') || rel.startsWith('test/')
      ? 'db'
      : 'unit';
  for (const t of file.assertionResults) {
    if (t.status === 'passed') tiers[tier].passed++;
    else if (t.status === 'failed') tiers[tier].failed++;
  }
}
let ok = run.status === 0;
const filtered = process.argv.length > 2;
for (const [name, c] of Object.entries(tiers)) {
  process.stdout.write(`tier ${name}: ${c.passed} passed, ${c.failed} failed\n`);
  if (!filtered && c.passed === 0) {
    process.stderr.write(`tier ${name} ran no test — refusing to call this run green\n`);
    ok = false;
  }
}
const passed = tiers.unit.passed + tiers.db.passed + tiers.e2e.passed;
const failed = tiers.unit.failed + tiers.db.failed + tiers.e2e.failed;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(ok && failed === 0 ? 0 : 1);
