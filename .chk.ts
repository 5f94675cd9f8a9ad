import { readFileSync } from 'node:fs';
import { parseSop, formatIssue } from './src/domain/sop/index.js';
for (const f of process.argv.slice(2)) {
  const r = parseSop(readFileSync(f, 'utf8'), f);
  for (const i of [...r.errors, ...r.warnings]) console.log(formatIssue(i));
  console.log(f, r.definition ? 'OK' : 'FAIL');
}
