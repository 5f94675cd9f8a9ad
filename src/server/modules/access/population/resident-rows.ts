/**
 * Residents as flat rows for bulk writes: ROW_WIDTH values per row, in RESIDENT_COLUMNS order. Free of database
 * imports, so the generation worker (generation.worker.ts) loads it cheaply.
 *
 * Between the worker and the writer a batch travels dictionary-encoded (EncodedRows): each distinct value once,
 * joined by the unit separator U+001F into one string, and an index per value. A batch of ten thousand residents
 * holds about 12% distinct values (regions, statuses and family members' NIKs repeat), so the writer's thread
 * makes a string for one value in eight and fills the rest by index: about 0.5 µs a row, where splitting one
 * string of all values (~3.8 µs) or receiving arrays or objects by structured clone (~4–5 µs) would cost more
 * than generating on the writer's thread in the first place (~3.2 µs). alive/active travel as '1'/'0'; the
 * columns' INTEGER affinity stores them as integers.
 */
import { FIELD_NAMES, type FieldName } from '../../../../domain/elements/elements.js';
import type { Resident } from '../../../../domain/population/generate.js';

/** Column names in the order rows are written: the catalogue's fields, then alive, active. */
export const RESIDENT_COLUMNS: readonly string[] = [...FIELD_NAMES.map((f) => f.toLowerCase()), 'alive', 'active'];

/** Values per row. */
export const ROW_WIDTH = RESIDENT_COLUMNS.length;

/** A flat run of rows: ROW_WIDTH values per row. */
export type FlatRows = readonly (string | number)[];

const SEPARATOR = '\x1f';

/** A batch of rows, dictionary-encoded (see the file comment); `index` may be transferred between threads. */
export interface EncodedRows {
  rows: number;
  /** The distinct values joined by U+001F. */
  words: string;
  wordCount: number;
  /** ROW_WIDTH entries per row: the position of each value in `words`. */
  index: Uint32Array<ArrayBuffer>;
}

/**
 * The batch sorted by NIK, in place: the order rows are written in. The primary-key index then takes each batch
 * as one ordered run instead of random inserts (at 1M residents, 50k-row batches: about 8.3 µs a row written
 * instead of 10.5). Both generation paths sort, so the same seed gives the same table.
 */
export function inWriteOrder(batch: Resident[]): Resident[] {
  return batch.sort((a, b) => (a.NIK < b.NIK ? -1 : a.NIK > b.NIK ? 1 : 0));
}

/** The residents as one flat array of values (alive/active as 1/0). */
export function flattenResidents(residents: readonly Resident[]): (string | number)[] {
  const out = new Array<string | number>(residents.length * ROW_WIDTH);
  let k = 0;
  for (const r of residents) {
    for (let i = 0; i < FIELD_NAMES.length; i++) out[k++] = r[FIELD_NAMES[i] as FieldName] ?? '';
    out[k++] = r.alive ? 1 : 0;
    out[k++] = r.active ? 1 : 0;
  }
  return out;
}

/** The residents dictionary-encoded (see the file comment). */
export function encodeRows(residents: readonly Resident[]): EncodedRows {
  const ids = new Map<string, number>();
  const words: string[] = [];
  const index = new Uint32Array(residents.length * ROW_WIDTH);
  const idOf = (v: string): number => {
    let id = ids.get(v);
    if (id === undefined) {
      id = words.length;
      words.push(v);
      ids.set(v, id);
    }
    return id;
  };
  let k = 0;
  for (const r of residents) {
    for (let i = 0; i < FIELD_NAMES.length; i++) index[k++] = idOf(r[FIELD_NAMES[i] as FieldName] ?? '');
    index[k++] = idOf(r.alive ? '1' : '0');
    index[k++] = idOf(r.active ? '1' : '0');
  }
  return { rows: residents.length, words: words.join(SEPARATOR), wordCount: words.length, index };
}

/** The flat values of an encoded batch; throws when it does not add up (e.g. a value holding U+001F). */
export function decodeRows(batch: EncodedRows): string[] {
  const { index } = batch;
  if (index.length !== batch.rows * ROW_WIDTH)
    throw new Error(
      `a batch of ${batch.rows} residents arrived with ${index.length} values, not ${batch.rows * ROW_WIDTH}`,
    );
  const words = batch.rows === 0 ? [] : batch.words.split(SEPARATOR);
  if (words.length !== batch.wordCount)
    throw new Error(
      `a batch arrived with ${words.length} distinct values, not ${batch.wordCount} (a value holds U+001F?)`,
    );
  const out = new Array<string>(index.length);
  for (let k = 0; k < index.length; k++) {
    const w = words[index[k] as number];
    if (w === undefined) throw new Error(`a batch refers to value ${index[k]} of ${words.length}`);
    out[k] = w;
  }
  return out;
}
