import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../../../test/harness.js';
import { FIELD_NAMES } from '../../../../domain/elements/elements.js';
import { generatePopulation, type Resident } from '../../../../domain/population/index.js';
import { inlineBatches, workerBatches, writeBatches } from './generation.js';
import { countResidents, tableOf, type Population } from './population.repository.js';
import { generateInto } from './population.service.js';
import {
  copyFields,
  decodedBatch,
  encodeRows,
  flatBatch,
  flattenResidents,
  ROW_WIDTH,
  RESIDENT_COLUMNS,
  type RowBatch,
} from './resident-rows.js';

/** All values of a batch, in order. */
function valuesOf(batch: RowBatch): (string | number)[] {
  return Array.from({ length: batch.rows * ROW_WIDTH }, (_, k) => batch.value(k));
}

describe('flat rows', () => {
  const batch = [...generatePopulation({ count: 300, seed: 'rows', batchSize: 300 })][0] ?? [];

  it('round-trip through the worker encoding, alive/active as "1"/"0"', () => {
    const flat = flattenResidents(batch);
    expect(flat).toHaveLength(300 * ROW_WIDTH);
    expect(valuesOf(decodedBatch(encodeRows(batch)))).toEqual(flat.map(String));
    expect(decodedBatch(encodeRows(batch)).rows).toBe(300);
    expect(RESIDENT_COLUMNS.slice(-2)).toEqual(['alive', 'active']);
  });

  it('copy the fields in catalogue order', () => {
    const r = batch[0] as Resident;
    const out: string[] = [];
    copyFields(r, out, 0);
    expect(out).toEqual(FIELD_NAMES.map((f) => r[f]));
  });

  it('refuse a batch that does not add up', () => {
    const bad = batch.slice(0, 2).map((r) => ({ ...r }));
    (bad[1] as { NAMA_LGKP: string }).NAMA_LGKP = 'A\x1fB';
    expect(() => decodedBatch(encodeRows(bad))).toThrow(/U\+001F/);
    const short = encodeRows(batch.slice(0, 2));
    expect(() => decodedBatch({ ...short, rows: 3 })).toThrow(/not 132/);
    const stray = encodeRows(batch.slice(0, 2));
    stray.index[5] = stray.wordCount;
    expect(() => decodedBatch(stray)).toThrow(/refers to value/);
    expect(() => flatBatch(['x', 'y'])).toThrow(/not whole rows/);
  });

  it('come in write batches, each in NIK order, all the generated residents', () => {
    const options = { count: 12_500, seed: 'batches', batchSize: 5_000 };
    const batches = [...writeBatches(options)];
    expect(batches.map((b) => b.length)).toEqual([5_000, 5_000, 2_500]);
    for (const b of batches) expect(b.map((r) => r.NIK)).toEqual(b.map((r) => r.NIK).sort());
    const generated = [...generatePopulation(options)].flat().map((r) => r.NIK);
    expect(
      batches
        .flat()
        .map((r) => r.NIK)
        .sort(),
    ).toEqual(generated.sort());
  });
});

describe('generation in a worker thread', () => {
  const options = { count: 25_000, seed: 'worker', batchSize: 2_000 };

  it('yields exactly the inline batches, in order, and ends the worker', async () => {
    let worker: Worker | undefined;
    const inline = inlineBatches(options);
    let batches = 0;
    for await (const values of workerBatches(options, (w) => (worker = w))) {
      const expected = inline.next().value;
      expect(valuesOf(values)).toEqual(expected ? valuesOf(expected).map(String) : []);
      batches++;
    }
    expect(inline.next().done).toBe(true);
    expect(batches).toBe(13); // more batches than it reads ahead: the worker waits to be asked
    expect(worker?.threadId).toBe(-1);
  });

  it('ends the worker when the reader stops early', async () => {
    let worker: Worker | undefined;
    for await (const values of workerBatches(options, (w) => (worker = w))) {
      expect(valuesOf(values)).toHaveLength(2_000 * ROW_WIDTH);
      break;
    }
    expect(worker?.threadId).toBe(-1);
  });

  it('throws the worker’s error and ends it', async () => {
    let worker: Worker | undefined;
    const run = async () => {
      for await (const _ of workerBatches({ ...options, regions: ['99.99'] }, (w) => (worker = w)));
    };
    await expect(run()).rejects.toThrow(/unknown region code/);
    expect(worker?.threadId).toBe(-1);
  });
});

/** SHA-256 over every row, ordered by NIK, and the first NIKs in write order (SQLite's rowid). */
async function fingerprint(fresh: Awaited<ReturnType<typeof freshDatabase>>, population: Population) {
  const table = tableOf(population);
  const rows = await fresh.database.db.selectFrom(table).selectAll().orderBy('nik').execute();
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(RESIDENT_COLUMNS.map((c) => (row as Record<string, unknown>)[c])));
  const first =
    fresh.config.database === 'sqlite'
      ? (
          await sql<{ nik: string }>`SELECT nik FROM ${sql.table(table)} ORDER BY rowid LIMIT 5`.execute(
            fresh.database.db,
          )
        ).rows.map((r) => r.nik)
      : [];
  return { count: rows.length, hash: hash.digest('hex'), first, sample: rows[1_234] };
}

describe.each(DIALECTS)('generateInto on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    fresh = await freshDatabase(kind);
  });
  afterAll(async () => {
    await fresh.drop();
  });

  it('stores the same residents from the worker as inline, for the same seed', async () => {
    // Several write batches, the last one short, on both paths.
    const count = 5_000;
    const batchSize = 2_000;
    const progress: number[] = [];
    const viaWorker = await generateInto(fresh.database.db, fresh.config, {
      count,
      seed: 'paths',
      batchSize,
      workerFrom: 0,
      onProgress: (n) => progress.push(n),
    });
    const inline = await generateInto(fresh.database.db, fresh.config, {
      count,
      seed: 'paths',
      population: 'sandbox',
      batchSize,
      workerFrom: Number.POSITIVE_INFINITY,
    });
    expect(viaWorker).toMatchObject({ generated: count, inserted: count });
    expect(inline).toMatchObject({ generated: count, inserted: count });
    expect(progress).toEqual([2_000, 4_000, 5_000]);
    const a = await fingerprint(fresh, 'production');
    const b = await fingerprint(fresh, 'sandbox');
    expect(a.count).toBe(count);
    expect(a).toEqual(b);
    // '1'/'0' from the worker are stored as integers, like the inline path's 1/0.
    const statuses = await fresh.database.db
      .selectFrom('residents')
      .select(['alive', 'active'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['alive', 'active'])
      .execute();
    for (const s of statuses) {
      expect([0, 1]).toContain(s.alive);
      expect([0, 1]).toContain(s.active);
    }
    if (kind === 'sqlite') {
      const types = await sql<{
        t: string;
      }>`SELECT DISTINCT typeof(alive) || ',' || typeof(active) AS t FROM residents`.execute(fresh.database.db);
      expect(types.rows.map((r) => r.t)).toEqual(['integer,integer']);
    }
  });

  it('rejects when the worker fails, and adds no resident', async () => {
    await expect(
      generateInto(fresh.database.db, fresh.config, {
        count: 5_000,
        regions: ['99.99'],
        batchSize: 2_000,
        workerFrom: 0,
      }),
    ).rejects.toThrow(/unknown region code/);
    expect(await countResidents(fresh.database.db, 'production')).toBe(5_000);
  });
});
