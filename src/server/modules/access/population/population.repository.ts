/**
 * The warehouse: residents (production) and residents_sandbox (trial). All SQL of the population lives here.
 *
 * Bulk loads on SQLite go through a better-sqlite3 handle of their own with one prepared multi-row INSERT
 * reused inside a transaction: Kysely compiles every statement and its SQLite driver prepares it again on each
 * call, which costs about five times the insert itself at 100k+ rows a second. PostgreSQL bulk loads pass one
 * array per column to INSERT … SELECT FROM unnest(…) (postgresWriter).
 * Reads on the request path use prepared statements on the runtime's hot-path connection (see sqliteReader).
 */
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { ResidentTable } from '../../../db/schema-access.js';
import type { Config } from '../../../config.js';
import type { FieldName, ResidentFields } from '../../../../domain/elements/elements.js';
import type { Resident } from '../../../../domain/population/generate.js';
import { RESIDENT_COLUMNS, ROW_WIDTH, flatBatch, flattenResidents, type RowBatch } from './resident-rows.js';

/** Which population: production or the trial sandbox. */
export type Population = 'production' | 'sandbox';

/** The table of a population. */
export function tableOf(population: Population): 'residents' | 'residents_sandbox' {
  return population === 'sandbox' ? 'residents_sandbox' : 'residents';
}

/**
 * A resident as read on the request path: the values of the fields asked for, in the order asked, then alive
 * and active. Only those columns are read — a grant of eight fields does not pay for converting forty-four.
 */
export type RawResident = readonly (string | number)[];

/** Whether the row is of a living person / an active record. */
export function rawStatus(row: RawResident): { alive: boolean; active: boolean } {
  return { alive: Number(row[row.length - 2]) === 1, active: Number(row[row.length - 1]) === 1 };
}

/** The values of a raw row by field name (`fields` as passed to ResidentReader.get). */
export function fieldsOfRow(row: RawResident, fields: readonly FieldName[]): Partial<ResidentFields> {
  const out: Partial<ResidentFields> = {};
  for (let i = 0; i < fields.length; i++) out[fields[i] as FieldName] = String(row[i] ?? ''); // i < fields.length
  return out;
}

/** Row `r` of a batch as a table row (alive/active as numbers, whether they came as 1 or '1'). */
function toRow(batch: RowBatch, r: number): ResidentTable {
  const at = r * ROW_WIDTH;
  const row: Record<string, string | number> = {};
  for (let c = 0; c < ROW_WIDTH - 2; c++) row[RESIDENT_COLUMNS[c] as string] = batch.value(at + c);
  row.alive = Number(batch.value(at + ROW_WIDTH - 2));
  row.active = Number(batch.value(at + ROW_WIDTH - 1));
  return row as unknown as ResidentTable; // keys are exactly ResidentTable's, built from the same catalogue
}

/** How duplicates are treated: generation skips NIKs already present, import replaces them. */
export type OnDuplicate = 'ignore' | 'replace';

/**
 * Writes batches of residents; both methods return how many rows were written. `writeBatch` takes a RowBatch
 * (resident-rows.ts: flat or encoded rows) and is the one insert path: `write` flattens and calls it.
 */
export interface ResidentWriter {
  write(residents: readonly Resident[], onDuplicate: OnDuplicate): Promise<number>;
  writeBatch(batch: RowBatch, onDuplicate: OnDuplicate): Promise<number>;
  close(): Promise<void>;
}

/** Rows per INSERT through Kysely (200 × 44 parameters stays under SQLite's 32766 limit). */
const ROWS_PER_STATEMENT = 200;

/**
 * Rows per INSERT on the SQLite bulk path, whose values are passed as arguments (run(...args)), not as one array
 * argument: better-sqlite3 reads an array through V8's generic element lookup, arguments directly. Measured at
 * 300k rows: 9.5 µs a row with an array of 200 rows, 8.2 as arguments, 7.3 with 50 rows per statement.
 */
const SQLITE_ROWS_PER_STATEMENT = 50;

/**
 * A SQLite bulk writer on its own connection (see the file comment for why). Load pragmas on this connection
 * only: no sync per commit (a load interrupted by a power loss is re-run; the server's connections keep
 * synchronous=NORMAL), a large page cache, temporaries in memory.
 */
export function sqliteWriter(file: string, population: Population): ResidentWriter {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');
  const table = tableOf(population);
  const one = `(${RESIDENT_COLUMNS.map(() => '?').join(',')})`;
  const statements = new Map<string, BetterSqlite3.Statement>();
  const stmt = (verb: string, rows: number) => {
    const key = `${verb}:${rows}`;
    let s = statements.get(key);
    if (!s) {
      s = sqlite.prepare(
        `${verb} INTO ${table} (${RESIDENT_COLUMNS.join(',')}) VALUES ${Array.from({ length: rows }, () => one).join(',')}`,
      );
      statements.set(key, s);
    }
    return s;
  };
  // One arguments array per statement size, refilled for every statement: no array per statement to collect.
  const args = new Map<number, (string | number)[]>();
  const load = sqlite.transaction((batch: RowBatch, verb: string) => {
    let written = 0;
    for (let i = 0; i < batch.rows; i += SQLITE_ROWS_PER_STATEMENT) {
      const n = Math.min(SQLITE_ROWS_PER_STATEMENT, batch.rows - i);
      let a = args.get(n);
      if (!a) args.set(n, (a = new Array<string | number>(n * ROW_WIDTH)));
      const from = i * ROW_WIDTH;
      for (let k = 0; k < a.length; k++) a[k] = batch.value(from + k);
      written += stmt(verb, n).run(...a).changes;
    }
    return written;
  });
  const writeBatch = async (batch: RowBatch, onDuplicate: OnDuplicate) =>
    load(batch, onDuplicate === 'replace' ? 'INSERT OR REPLACE' : 'INSERT OR IGNORE');
  return {
    writeBatch,
    write: (residents, onDuplicate) => writeBatch(flatBatch(flattenResidents(residents)), onDuplicate),
    close: async () => {
      sqlite.close();
    },
  };
}

/** A writer through Kysely (PostgreSQL, or SQLite when no file is at hand). */
export function kyselyWriter(db: Kysely<DB>, population: Population): ResidentWriter {
  const table = tableOf(population);
  const writeBatch = async (batch: RowBatch, onDuplicate: OnDuplicate) => {
    const count = batch.rows;
    let written = 0;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i += ROWS_PER_STATEMENT) {
        const rows: ResidentTable[] = [];
        for (let r = i; r < Math.min(count, i + ROWS_PER_STATEMENT); r++) rows.push(toRow(batch, r));
        const res = await trx
          .insertInto(table)
          .values(rows)
          .onConflict((oc) => {
            const c = oc.column('nik');
            if (onDuplicate === 'ignore') return c.doNothing();
            const set: Record<string, unknown> = {};
            for (const col of RESIDENT_COLUMNS)
              if (col !== 'nik') set[col] = (eb: { ref: (r: string) => unknown }) => eb.ref(`excluded.${col}`);
            return c.doUpdateSet(set as never); // every column but the key, each from the excluded row
          })
          .executeTakeFirst();
        written += Number(res.numInsertedOrUpdatedRows ?? 0);
      }
    });
    return written;
  };
  return {
    writeBatch,
    write: (residents, onDuplicate) => writeBatch(flatBatch(flattenResidents(residents)), onDuplicate),
    close: async () => {},
  };
}

/**
 * Rows per INSERT on the PostgreSQL bulk path when known NIKs are skipped. One statement of many rows costs far
 * less than many of 200: Kysely compiles each statement's 8,800 placeholders and PostgreSQL parses and plans
 * each; here every column travels as one array parameter. Replacing keeps ROWS_PER_STATEMENT rows per
 * statement, so a NIK twice in a batch is written as before (ON CONFLICT DO UPDATE may not touch a row twice
 * within one statement).
 */
const POSTGRES_ROWS_PER_STATEMENT = 10_000;

/**
 * The PostgreSQL bulk writer: the same rows, in the same order and with the same ON CONFLICT handling as
 * kyselyWriter, one transaction per batch, but each statement an INSERT … SELECT FROM unnest($1::text[], …)
 * with one array per column instead of a VALUES list of single parameters.
 */
export function postgresWriter(db: Kysely<DB>, population: Population): ResidentWriter {
  const table = tableOf(population);
  const columns = sql.join(RESIDENT_COLUMNS.map((c) => sql.ref(c)));
  const integer = new Set(['alive', 'active']);
  const conflict = (onDuplicate: OnDuplicate) =>
    onDuplicate === 'ignore'
      ? sql`DO NOTHING`
      : sql`DO UPDATE SET ${sql.join(
          RESIDENT_COLUMNS.filter((c) => c !== 'nik').map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`),
        )}`;
  const writeBatch = async (batch: RowBatch, onDuplicate: OnDuplicate) => {
    const count = batch.rows;
    const step = onDuplicate === 'ignore' ? POSTGRES_ROWS_PER_STATEMENT : ROWS_PER_STATEMENT;
    let written = 0;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i += step) {
        const n = Math.min(step, count - i);
        const arrays = RESIDENT_COLUMNS.map((column, c) => {
          const values = new Array<string | number>(n);
          for (let r = 0; r < n; r++) {
            const v = batch.value((i + r) * ROW_WIDTH + c);
            values[r] = integer.has(column) ? Number(v) : String(v);
          }
          return integer.has(column) ? sql`${values}::integer[]` : sql`${values}::text[]`;
        });
        const res =
          await sql`INSERT INTO ${sql.table(table)} (${columns}) SELECT * FROM unnest(${sql.join(arrays)}) ON CONFLICT (nik) ${conflict(onDuplicate)}`.execute(
            trx,
          );
        written += Number(res.numAffectedRows ?? 0);
      }
    });
    return written;
  };
  return {
    writeBatch,
    write: (residents, onDuplicate) => writeBatch(flatBatch(flattenResidents(residents)), onDuplicate),
    close: async () => {},
  };
}

/** The writer suited to the configured database. */
export function residentWriter(
  db: Kysely<DB>,
  config: Pick<Config, 'database' | 'sqlitePath'>,
  population: Population,
) {
  return config.database === 'sqlite' ? sqliteWriter(config.sqlitePath, population) : postgresWriter(db, population);
}

/** Looks residents up by NIK on the request path; SQLite answers synchronously. */
export interface ResidentReader {
  /** The person's values of `fields` (see RawResident), or undefined when the NIK is not in the population. */
  get(
    population: Population,
    nik: string,
    fields: readonly FieldName[],
  ): RawResident | undefined | Promise<RawResident | undefined>;
  close(): void;
}

/** The columns a request-path read selects: the fields asked for, then alive and active (see RawResident). */
function selectColumns(fields: readonly FieldName[]): string[] {
  return [...fields.map((f) => f.toLowerCase()), 'alive', 'active'];
}

/** Most distinct field lists kept prepared (grants have a handful; verification requests choose their own). */
const MAX_PREPARED = 256;

/**
 * Prepared lookups on SQLite, on the hot-path connection that also writes the audit (runtime.ts): a commit by
 * another connection empties a connection's page cache, a commit of its own does not, so sharing it keeps the
 * warehouse's B-tree pages cached while the group commit writes every millisecond. One statement per field
 * list, found by the list's identity first (a compiled grant keeps one array), by its text otherwise.
 */
export function sqliteReader(sqlite: BetterSqlite3.Database): ResidentReader {
  type Pair = { production: BetterSqlite3.Statement; sandbox: BetterSqlite3.Statement };
  let byText = new Map<string, Pair>();
  let byList = new WeakMap<readonly FieldName[], Pair>();
  const pair = (fields: readonly FieldName[]): Pair => {
    let p = byList.get(fields);
    if (p) return p;
    const cols = selectColumns(fields).join(',');
    p = byText.get(cols);
    if (!p) {
      if (byText.size >= MAX_PREPARED) {
        byText = new Map();
        byList = new WeakMap();
      }
      p = {
        production: sqlite.prepare(`SELECT ${cols} FROM residents WHERE nik = ?`).raw(true),
        sandbox: sqlite.prepare(`SELECT ${cols} FROM residents_sandbox WHERE nik = ?`).raw(true),
      };
      byText.set(cols, p);
    }
    byList.set(fields, p);
    return p;
  };
  return {
    get: (population, nik, fields) => pair(fields)[population].get(nik) as RawResident | undefined,
    close: () => {},
  };
}

/** Lookups through Kysely (PostgreSQL). */
export function kyselyReader(db: Kysely<DB>): ResidentReader {
  return {
    get: async (population, nik, fields) => {
      const cols = selectColumns(fields);
      const row = await db
        .selectFrom(tableOf(population))
        .select(cols as never) // column names from the catalogue (FIELD_NAMES), the table's own columns
        .where('nik', '=', nik)
        .executeTakeFirst();
      if (!row) return undefined;
      const r = row as unknown as Record<string, string | number>; // a resident row is a flat record of columns
      return cols.map((c) => r[c] ?? '');
    },
    close: () => {},
  };
}

/** How many residents a population holds. */
export async function countResidents(db: Kysely<DB>, population: Population): Promise<number> {
  const row = await db
    .selectFrom(tableOf(population))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A few NIKs of living, active residents (for demo.json and tests). */
export async function sampleNiks(db: Kysely<DB>, population: Population, n: number): Promise<string[]> {
  const rows = await db
    .selectFrom(tableOf(population))
    .select('nik')
    .where('alive', '=', 1)
    .where('active', '=', 1)
    .orderBy('nik')
    .limit(n)
    .execute();
  return rows.map((r) => r.nik);
}

/** The NIK of one resident with the given status, if any. */
export async function nikWithStatus(db: Kysely<DB>, population: Population, alive: 0 | 1, active: 0 | 1) {
  const row = await db
    .selectFrom(tableOf(population))
    .select('nik')
    .where('alive', '=', alive)
    .where('active', '=', active)
    .limit(1)
    .executeTakeFirst();
  return row?.nik;
}
