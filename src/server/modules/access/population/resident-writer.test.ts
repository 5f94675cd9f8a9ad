import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../../../test/harness.js';
import { generatePopulation } from '../../../../domain/population/index.js';
import { countResidents, residentWriter } from './population.repository.js';

describe.each(DIALECTS)('the resident writer on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  const residents = [...generatePopulation({ count: 130, seed: 'writer', batchSize: 130 })][0] ?? [];
  beforeAll(async () => {
    fresh = await freshDatabase(kind);
  });
  afterAll(async () => {
    await fresh.drop();
  });

  it('writes whole batches, skips or replaces known NIKs, and refuses partial rows', async () => {
    const writer = residentWriter(fresh.database.db, fresh.config, 'sandbox');
    try {
      expect(await writer.write(residents, 'ignore')).toBe(130); // more rows than one statement holds
      const changed = residents.slice(0, 2).map((r) => ({ ...r, NAMA_LGKP: 'NAMA BARU', alive: false }));
      expect(await writer.write(changed, 'ignore')).toBe(0);
      let row = await fresh.database.db
        .selectFrom('residents_sandbox')
        .select(['nama_lgkp', 'alive'])
        .where('nik', '=', changed[0]?.NIK ?? '')
        .executeTakeFirstOrThrow();
      expect(row.nama_lgkp).toBe(residents[0]?.NAMA_LGKP);
      expect(await writer.write(changed, 'replace')).toBe(2);
      row = await fresh.database.db
        .selectFrom('residents_sandbox')
        .select(['nama_lgkp', 'alive'])
        .where('nik', '=', changed[0]?.NIK ?? '')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ nama_lgkp: 'NAMA BARU', alive: 0 });
    } finally {
      await writer.close();
    }
    expect(await countResidents(fresh.database.db, 'sandbox')).toBe(130);
  });
});
