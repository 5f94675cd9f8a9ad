/** Filling the warehouse: synthetic generation and CSV import (validated row by row). */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Config } from '../../../config.js';
import type { FieldIssue } from '../../../../domain/errors.js';
import { validateResidentHeader, validateResidentRow, type Resident } from '../../../../domain/population/index.js';
import { residentWriter, type Population } from './population.repository.js';
import { readCsv } from './csv-reader.js';
import { inlineBatches, workerBatches } from './generation.js';

/** Options of a generation run. */
export interface GenerateOptions {
  count: number;
  seed?: number | string;
  regions?: readonly string[];
  population?: Population;
  /** Called after every written batch with the running total. */
  onProgress?: (done: number) => void;
  /** From how many residents generation runs in a worker thread (default WORKER_FROM); tests force either path. */
  workerFrom?: number;
  /** Residents per write batch (default WRITE_BATCH); tests span several batches with few residents. */
  batchSize?: number;
}

/**
 * Residents per transaction of a generation run, each batch written in NIK order (see writeBatches): larger
 * sorted runs keep the primary key's inserts local. At 1M residents, 50k-row batches write about a fifth faster
 * than 10k-row ones; memory holds a few batches at most.
 */
const WRITE_BATCH = 50_000;

/**
 * From how many residents a generation run generates in a worker thread while this thread writes. The worker's
 * first batch comes about half a second after it starts (tsx, faker and the generator load again in the worker)
 * and, on two cores, worker and writer share the CPU with the garbage collector and the kernel. Measured on two
 * cores (inline / worker, residents/s): 100k 80k / 58k, 200k 79k / 75k, 400k 84k / 86k, 1M 78k / 87k. Smaller
 * runs (tests, the demo seed) stay inline; more cores would move the crossover down.
 */
export const WORKER_FROM = 300_000;

/**
 * Generates and stores synthetic residents; returns how many were generated and how many rows were new. The
 * same seed gives the same residents on either path (inline or worker).
 */
export async function generateInto(
  db: Kysely<DB>,
  config: Pick<Config, 'database' | 'sqlitePath'>,
  options: GenerateOptions,
): Promise<{ generated: number; inserted: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const writer = residentWriter(db, config, options.population ?? 'production');
  // Both sources stream batches, so memory stays flat.
  const generation = {
    count: options.count,
    seed: options.seed ?? 1,
    regions: options.regions?.length ? options.regions : undefined,
    batchSize: options.batchSize ?? WRITE_BATCH,
  };
  let generated = 0;
  let inserted = 0;
  try {
    const batches =
      options.count >= (options.workerFrom ?? WORKER_FROM) ? workerBatches(generation) : inlineBatches(generation);
    for await (const batch of batches) {
      inserted += await writer.writeBatch(batch, 'ignore');
      generated += batch.rows;
      options.onProgress?.(generated);
    }
  } finally {
    await writer.close();
  }
  return { generated, inserted, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** One bad row of an import. */
export interface BadRow {
  line: number;
  issues: FieldIssue[];
}

/** The outcome of an import. */
export interface ImportReport {
  rows: number;
  imported: number;
  bad: BadRow[];
  /** Header problems stop the import before any row. */
  headerIssues: FieldIssue[];
}

/**
 * Imports a resident CSV (header RESIDENT_CSV_HEADER, any column order): every row is validated, good rows are
 * stored (a NIK already present is replaced), bad rows are reported with their line and fields. A NIK twice in
 * the file is a bad row the second time. The file is read whole; split files beyond a few hundred megabytes.
 */
export async function importCsv(
  db: Kysely<DB>,
  config: Pick<Config, 'database' | 'sqlitePath'>,
  file: string,
  population: Population,
  onProgress?: (rows: number) => void,
): Promise<ImportReport> {
  const text = fs.readFileSync(file, 'utf8');
  const records = readCsv(text);
  const first = records.next();
  if (first.done)
    return {
      rows: 0,
      imported: 0,
      bad: [],
      headerIssues: [{ field: 'header', message: { id: 'Berkas kosong.', en: 'The file is empty.' } }],
    };
  const header = first.value.cells.map((h) => h.trim().toUpperCase());
  const headerCheck = validateResidentHeader(header);
  if (!headerCheck.ok) return { rows: 0, imported: 0, bad: [], headerIssues: headerCheck.errors };
  const writer = residentWriter(db, config, population);
  const bad: BadRow[] = [];
  const seen = new Set<string>();
  let rows = 0;
  let imported = 0;
  let pending: Resident[] = [];
  try {
    for (const rec of records) {
      rows++;
      if (rec.cells.length !== header.length) {
        bad.push({
          line: rec.line,
          issues: [
            {
              field: 'row',
              message: {
                id: `Baris berisi ${rec.cells.length} kolom, header ${header.length}.`,
                en: `The row has ${rec.cells.length} cells, the header ${header.length}.`,
              },
            },
          ],
        });
        continue;
      }
      const record: Record<string, string> = {};
      header.forEach((h, i) => (record[h] = rec.cells[i] ?? ''));
      const result = validateResidentRow(record);
      if (!result.ok) {
        bad.push({ line: rec.line, issues: result.errors });
        continue;
      }
      if (seen.has(result.resident.NIK)) {
        bad.push({
          line: rec.line,
          issues: [
            { field: 'NIK', message: { id: 'NIK ganda dalam berkas.', en: 'The NIK appears twice in the file.' } },
          ],
        });
        continue;
      }
      seen.add(result.resident.NIK);
      pending.push(result.resident);
      if (pending.length >= 5000) {
        imported += await writer.write(pending, 'replace');
        pending = [];
        onProgress?.(rows);
      }
    }
    if (pending.length) imported += await writer.write(pending, 'replace');
    onProgress?.(rows);
  } finally {
    await writer.close();
  }
  return { rows, imported, bad, headerIssues: [] };
}
