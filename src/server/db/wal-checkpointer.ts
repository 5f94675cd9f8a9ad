/**
 * SQLite WAL checkpoints off the event loop. By default the connection whose commit pushes the WAL past 1,000
 * pages copies it back into the database file there and then, fsyncs included. On the request path's connection
 * (runtime.ts: warehouse lookups and the audit group commit) that is a stall of several milliseconds every few
 * hundred milliseconds under load, and every request in flight waits for it: at 50 connections it set the
 * gateway's p99 (11–13 ms, 9 ms without it). So that connection's automatic checkpoint is off and a worker
 * thread with a connection of its own runs a PASSIVE checkpoint every `intervalMs` (passive: it never blocks
 * the writer or the readers, it copies what no reader still needs). When every frame has been copied, the next
 * commit starts the WAL over, so the file stays small.
 *
 * If the worker fails or exits, the connection gets its automatic checkpoint back (`onError` says why): the WAL
 * never grows unbounded.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../lib/ts-worker.js';

/** What the checkpoint worker is started with. */
export interface CheckpointJob {
  file: string;
  intervalMs: number;
}

/** SQLite's default automatic checkpoint threshold, in pages. */
const AUTOCHECKPOINT_PAGES = 1000;

/** How often the worker checkpoints by default (the WAL then holds about a fifth of a second of writes). */
const INTERVAL_MS = 200;

export interface WalCheckpointer {
  /** The worker (tests check that it is gone after stop). */
  readonly worker: Worker;
  /** Resolves once the worker has its connection open (about a quarter of a second after the start). */
  readonly ready: Promise<void>;
  /** Ends the worker and gives the connection its automatic checkpoint back. */
  stop(): Promise<void>;
}

/** Moves `connection`'s checkpoints (a connection to `file`) to a worker thread. */
export function startWalCheckpointer(
  file: string,
  connection: BetterSqlite3.Database,
  options: { intervalMs?: number; onError?: (e: Error) => void } = {},
): WalCheckpointer {
  const job: CheckpointJob = { file, intervalMs: options.intervalMs ?? INTERVAL_MS };
  connection.pragma('wal_autocheckpoint = 0');
  const worker = startTsWorker(new URL('./wal-checkpoint.worker.ts', import.meta.url), job);
  worker.unref(); // never keeps the process alive on its own
  let stopping = false;
  let ended = false;
  const restore = () => {
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  // A failing worker emits 'error' and then 'exit': restore and report once.
  const fallBack = (e: Error) => {
    if (ended) return;
    ended = true;
    restore();
    if (!stopping) options.onError?.(e);
  };
  worker.on('error', fallBack);
  worker.on('exit', (code) => fallBack(new Error(`the WAL checkpoint worker exited (code ${code})`)));
  const ready = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  return {
    worker,
    ready,
    stop: async () => {
      stopping = true;
      await worker.terminate();
      restore();
    },
  };
}
