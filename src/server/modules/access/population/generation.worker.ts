/**
 * The generation worker (see generation.ts): runs writeBatches with the options it was started with and
 * answers every 'next' message with the next batch dictionary-encoded (resident-rows.ts; the index's buffer is
 * transferred, not copied), then with { done: true }. It generates only when asked, so the parent bounds how far
 * it reads ahead.
 */
import { parentPort } from 'node:worker_threads';
import type { PopulationOptions } from '../../../../domain/population/index.js';
import { tsWorkerData } from '../../../lib/ts-worker.js';
import { encodeRows } from './resident-rows.js';
import { writeBatches, type WorkerBatch } from './generation.js';

const port = parentPort;
if (!port) throw new Error('generation.worker.ts runs in a worker thread (see generation.ts)');
const batches = writeBatches(tsWorkerData<PopulationOptions>());
port.on('message', () => {
  // A throw here (e.g. an unknown region code) ends the worker with an 'error' event the parent rethrows.
  const next = batches.next();
  if (next.done) return port.postMessage({ done: true } satisfies WorkerBatch);
  const batch: WorkerBatch = encodeRows(next.value);
  port.postMessage(batch, [batch.index.buffer]);
});
