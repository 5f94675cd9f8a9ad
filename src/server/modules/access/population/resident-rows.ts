/**
 * Residents as flat rows for bulk writes: ROW_WIDTH values per row, in RESIDENT_COLUMNS order. Free of database
 * imports, so the generation worker (generation.worker.ts) loads it cheaply.
 *
 * Between the worker and the writer a batch travels dictionary-encoded (EncodedRows): each distinct value once,
 * joined by the unit separator U+001F into one string, and an index per value. Only about 15% of a generated
 * batch's values are distinct (regions, statuses and family members' NIKs repeat), so the writer's thread makes
 * a string for one value in seven and fills the rest by index: about 0.5 µs a row, where splitting one string of
 * all values (~3.8 µs) or receiving arrays or objects by structured clone (~4–5 µs) would cost more than
 * generating on the writer's thread in the first place (~3.2 µs). alive/active travel as '1'/'0'; the columns'
 * INTEGER affinity stores them as integers.
 */
import { FIELD_NAMES, type FieldName } from '../../../../domain/elements/elements.js';
import type { Resident } from '../../../../domain/population/generate.js';

/** Column names in the order rows are written: the catalogue's fields, then alive, active. */
export const RESIDENT_COLUMNS: readonly string[] = [...FIELD_NAMES.map((f) => f.toLowerCase()), 'alive', 'active'];

/** Values per row. */
export const ROW_WIDTH = RESIDENT_COLUMNS.length;
const FIELD_COUNT = FIELD_NAMES.length;

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
 * Copies the resident's field values into `out` from `at`, in FIELD_NAMES order. Written out field by field:
 * reading r[FIELD_NAMES[i]] goes through V8's megamorphic property lookup, which cost as much as the rest of
 * flattening a row. A test checks this order against FIELD_NAMES.
 */
export function copyFields(r: Resident, out: (string | number)[], at: number): void {
  out[at] = r.NO_KK;
  out[at + 1] = r.NIK;
  out[at + 2] = r.NAMA_LGKP;
  out[at + 3] = r.JENIS_KLMIN;
  out[at + 4] = r.TMPT_LHR;
  out[at + 5] = r.TGL_LHR;
  out[at + 6] = r.GOL_DARAH;
  out[at + 7] = r.AGAMA;
  out[at + 8] = r.STATUS_KAWIN;
  out[at + 9] = r.STAT_HBKEL;
  out[at + 10] = r.PNYDNG_CCT;
  out[at + 11] = r.PDDK_AKH;
  out[at + 12] = r.JENIS_PKRJN;
  out[at + 13] = r.NIK_IBU;
  out[at + 14] = r.NAMA_LGKP_IBU;
  out[at + 15] = r.NIK_AYAH;
  out[at + 16] = r.NAMA_LGKP_AYAH;
  out[at + 17] = r.ALAMAT_SBLM;
  out[at + 18] = r.ALAMAT;
  out[at + 19] = r.NO_RT;
  out[at + 20] = r.NO_RW;
  out[at + 21] = r.DUSUN;
  out[at + 22] = r.NO_PROP;
  out[at + 23] = r.PROP_NAME;
  out[at + 24] = r.NO_KAB;
  out[at + 25] = r.KAB_NAME;
  out[at + 26] = r.NO_KEC;
  out[at + 27] = r.KEC_NAME;
  out[at + 28] = r.NO_KEL;
  out[at + 29] = r.KEL_NAME;
  out[at + 30] = r.AKTA_LHR;
  out[at + 31] = r.NO_AKTA_LHR;
  out[at + 32] = r.AKTA_KWN;
  out[at + 33] = r.NO_AKTA_KWN;
  out[at + 34] = r.TGL_KWN;
  out[at + 35] = r.AKTA_CRAI;
  out[at + 36] = r.NO_AKTA_CRAI;
  out[at + 37] = r.TGL_CRAI;
  out[at + 38] = r.SIDIK_JARI;
  out[at + 39] = r.IRIS_MATA;
  out[at + 40] = r.TTD;
  out[at + 41] = r.AIB;
}

/** The residents as one flat array of values (alive/active as 1/0). */
export function flattenResidents(residents: readonly Resident[]): (string | number)[] {
  const out = new Array<string | number>(residents.length * ROW_WIDTH);
  let k = 0;
  for (const r of residents) {
    copyFields(r, out, k);
    k += FIELD_COUNT;
    out[k++] = r.alive ? 1 : 0;
    out[k++] = r.active ? 1 : 0;
  }
  return out;
}

/** Columns nearly unique within a generated batch: sent as they are, a dictionary look-up would not pay. */
const UNIQUE_COLUMNS: ReadonlySet<FieldName> = new Set<FieldName>(['NIK', 'NAMA_LGKP', 'NO_AKTA_LHR']);

/** Rows per dictionary: small dictionaries stay in the CPU's cache (measured 4.6 → 3.5 µs a row with the above). */
const DICTIONARY_ROWS = 10_000;

/** The residents dictionary-encoded (see the file comment): one dictionary per column, per DICTIONARY_ROWS rows. */
export function encodeRows(residents: readonly Resident[]): EncodedRows {
  const unique = FIELD_NAMES.map((f) => UNIQUE_COLUMNS.has(f));
  const words: string[] = ['0', '1'];
  const index = new Uint32Array(residents.length * ROW_WIDTH);
  const values: string[] = new Array<string>(FIELD_COUNT);
  let ids: Map<string, number>[] = [];
  let k = 0;
  for (let row = 0; row < residents.length; row++) {
    if (row % DICTIONARY_ROWS === 0) ids = FIELD_NAMES.map(() => new Map<string, number>());
    const r = residents[row] as Resident; // row < residents.length
    copyFields(r, values, 0);
    for (let i = 0; i < FIELD_COUNT; i++) {
      const v = values[i] as string; // copyFields filled all FIELD_COUNT
      let id: number | undefined;
      if (unique[i]) {
        id = words.length;
        words.push(v);
      } else {
        const column = ids[i] as Map<string, number>; // one map per field
        id = column.get(v);
        if (id === undefined) {
          id = words.length;
          words.push(v);
          column.set(v, id);
        }
      }
      index[k++] = id;
    }
    index[k++] = r.alive ? 1 : 0; // words[0] is '0', words[1] is '1'
    index[k++] = r.active ? 1 : 0;
  }
  return { rows: residents.length, words: words.join(SEPARATOR), wordCount: words.length, index };
}

/**
 * A batch of rows as a writer reads it: `value(k)` is the k-th of rows × ROW_WIDTH values, row by row in
 * RESIDENT_COLUMNS order. Writers copy values straight into their statements' arguments, so an encoded batch is
 * never expanded into an array of its own (at 50k rows, 2.2M entries of garbage a batch).
 */
export interface RowBatch {
  readonly rows: number;
  value(k: number): string | number;
}

/** Flat values (ROW_WIDTH per row) as a RowBatch; throws when they are not whole rows. */
export function flatBatch(values: FlatRows): RowBatch {
  if (values.length % ROW_WIDTH !== 0) throw new Error(`${values.length} values are not whole rows of ${ROW_WIDTH}`);
  return { rows: values.length / ROW_WIDTH, value: (k) => values[k] as string | number };
}

/** An encoded batch as a RowBatch; throws when it does not add up (e.g. a value holding U+001F). */
export function decodedBatch(batch: EncodedRows): RowBatch {
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
  for (let k = 0; k < index.length; k++)
    if ((index[k] as number) >= words.length) throw new Error(`a batch refers to value ${index[k]} of ${words.length}`);
  return { rows: batch.rows, value: (k) => words[index[k] as number] as string }; // every index checked above
}
