import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../../../test/harness.js';
import {
  generatePopulation,
  RESIDENT_CSV_HEADER,
  residentToCsvRow,
  type Resident,
} from '../../../../domain/population/index.js';
import { importCsv } from './population.service.js';
import { residentWriter } from './population.repository.js';

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const line = (cells: readonly string[]) => cells.map(cell).join(',');

describe.each(DIALECTS)('population import (CSV) on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let dir = '';
  let people: Resident[] = [];
  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-import-'));
    people = [...generatePopulation({ count: 6, seed: 'import' })].flat();
  });
  afterAll(async () => {
    await fresh.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const nameOf = async (nik: string) =>
    (await fresh.database.db
      .selectFrom('residents')
      .select(['nama_lgkp', 'alive'])
      .where('nik', '=', nik)
      .executeTakeFirst()) ?? null;

  it('stores the good rows, reports each bad one with its line and field, and replaces a NIK already present', async () => {
    const [a, b, c, d] = people as [Resident, Resident, Resident, Resident];
    // d is already in the warehouse under another name: the import replaces it.
    const writer = residentWriter(fresh.database.db, fresh.config, 'production');
    await writer.write([{ ...d, NAMA_LGKP: 'NAMA LAMA' }], 'ignore');
    await writer.close();

    const badNik = residentToCsvRow({ ...b, NIK: '12345' });
    const short = residentToCsvRow(c).slice(0, 5);
    const csv = [
      line(RESIDENT_CSV_HEADER),
      line(residentToCsvRow(a)), // line 2: good
      line(badNik), // line 3: malformed NIK
      line(short), // line 4: too few cells
      line(residentToCsvRow({ ...d, alive: false })), // line 5: good, replaces the stored d
      line(residentToCsvRow(a)), // line 6: a again
    ].join('\n');
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(file, csv);

    const report = await importCsv(fresh.database.db, fresh.config, file, 'production');
    expect(report.headerIssues).toEqual([]);
    expect(report.rows).toBe(5);
    expect(report.imported).toBe(2);
    expect(report.bad.map((x) => [x.line, x.issues.map((i) => i.field)])).toEqual([
      [3, ['NIK']],
      [4, ['row']],
      [6, ['NIK']],
    ]);
    for (const x of report.bad) for (const i of x.issues) expect(i.message.id && i.message.en).toBeTruthy();

    expect((await nameOf(a.NIK))?.nama_lgkp).toBe(a.NAMA_LGKP);
    expect(await nameOf(d.NIK)).toEqual({ nama_lgkp: d.NAMA_LGKP, alive: 0 });
    expect(await nameOf(c.NIK)).toBeNull();
  });

  it('refuses a file whose header lacks required columns before reading any row, storing nothing', async () => {
    const e = people[4] as Resident;
    const header = RESIDENT_CSV_HEADER.filter((h) => h !== 'NAMA_LGKP' && h !== 'TGL_LHR');
    const row = residentToCsvRow(e).filter((_, i) => header.includes(RESIDENT_CSV_HEADER[i] ?? ''));
    const file = path.join(dir, 'header.csv');
    fs.writeFileSync(file, [line(header), line(row)].join('\n'));

    const report = await importCsv(fresh.database.db, fresh.config, file, 'production');
    expect(report.imported).toBe(0);
    expect(report.headerIssues.map((i) => i.field)).toEqual(['NAMA_LGKP', 'TGL_LHR']);
    expect(report.rows).toBe(0);
    expect(await nameOf(e.NIK)).toBeNull();
  });

  it('imports into the sandbox without touching production', async () => {
    const f = people[5] as Resident;
    const file = path.join(dir, 'sandbox.csv');
    fs.writeFileSync(file, [line(RESIDENT_CSV_HEADER), line(residentToCsvRow(f))].join('\r\n'));
    const report = await importCsv(fresh.database.db, fresh.config, file, 'sandbox');
    expect(report).toMatchObject({ rows: 1, imported: 1, bad: [] });
    expect(await nameOf(f.NIK)).toBeNull();
    const inSandbox = await fresh.database.db
      .selectFrom('residents_sandbox')
      .select('nik')
      .where('nik', '=', f.NIK)
      .executeTakeFirst();
    expect(inSandbox?.nik).toBe(f.NIK);
  });
});
