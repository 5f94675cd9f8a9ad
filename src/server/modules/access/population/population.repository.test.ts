import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../../../test/harness.js';
import type { FieldName } from '../../../../domain/elements/elements.js';
import { generateInto } from './population.service.js';
import {
  fieldsOfRow,
  kyselyReader,
  rawStatus,
  sampleNiks,
  sqliteReader,
  type ResidentReader,
} from './population.repository.js';

describe.each(DIALECTS)('the request-path resident reader on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let reader: ResidentReader;
  let hot: BetterSqlite3.Database | null = null;
  let nik = '';
  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    await generateInto(fresh.database.db, fresh.config, { count: 50, seed: 'reader' });
    nik = (await sampleNiks(fresh.database.db, 'production', 1))[0] ?? '';
    if (kind === 'sqlite') {
      hot = new BetterSqlite3(fresh.config.sqlitePath, { fileMustExist: true });
      reader = sqliteReader(hot);
    } else reader = kyselyReader(fresh.database.db);
  });
  afterAll(async () => {
    hot?.close();
    await fresh.drop();
  });

  it('reads exactly the fields asked for, in that order, then the status', async () => {
    const fields: FieldName[] = ['NAMA_LGKP', 'NIK', 'TGL_LHR'];
    const row = await reader.get('production', nik, fields);
    expect(row).toHaveLength(fields.length + 2);
    const values = fieldsOfRow(row ?? [], fields);
    expect(Object.keys(values)).toEqual(fields);
    expect(values.NIK).toBe(nik);
    expect(values.TGL_LHR).toMatch(/^\d{2}-\d{2}-\d{4}$|^\d{4}-\d{2}-\d{2}$/);
    expect(rawStatus(row ?? [])).toEqual({ alive: true, active: true });
  });

  it('answers different field lists from one connection and misses cleanly', async () => {
    const a = await reader.get('production', nik, ['ALAMAT']);
    const b = await reader.get('production', nik, ['NIK', 'NO_KK', 'AGAMA']);
    expect(a).toHaveLength(3);
    expect(b?.[0]).toBe(nik);
    expect(await reader.get('production', '3305010101900009', ['NIK'])).toBeUndefined();
    expect(await reader.get('sandbox', nik, ['NIK'])).toBeUndefined();
  });
});
