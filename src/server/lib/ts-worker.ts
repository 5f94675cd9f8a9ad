/**
 * Worker threads running TypeScript modules straight from the sources, as the rest of the server runs (tsx, no
 * build step). A worker does not inherit tsx's loader when the parent registered it programmatically
 * (bin/gerbang.js) or runs under vitest, so every worker starts in ts-worker-bootstrap.mjs, which registers tsx
 * and then imports the entry module. Start-up costs about 130 ms (tsx compiles the entry's imports again in the
 * worker): use workers for work that runs for seconds, not per request.
 *
 *   // parent
 *   const worker = startTsWorker(new URL('./job.worker.ts', import.meta.url), { count: 10 });
 *   // job.worker.ts
 *   const { count } = tsWorkerData<{ count: number }>();
 */
import { Worker, workerData, type WorkerOptions } from 'node:worker_threads';

const BOOTSTRAP = new URL('./ts-worker-bootstrap.mjs', import.meta.url);

/** Starts a worker thread running the TypeScript module `entry` (a file: URL); `data` is what tsWorkerData returns. */
export function startTsWorker(entry: URL, data?: unknown, options: Omit<WorkerOptions, 'workerData'> = {}): Worker {
  return new Worker(BOOTSTRAP, { ...options, workerData: { entry: entry.href, data } });
}

/** Inside a worker started by startTsWorker: the `data` it was given. */
export function tsWorkerData<T>(): T {
  return (workerData as { data: T }).data;
}
