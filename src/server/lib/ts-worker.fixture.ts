// A worker for ts-worker.test.ts: TypeScript-only syntax, its data back doubled, or a throw when asked.
import { parentPort } from 'node:worker_threads';
import { tsWorkerData } from './ts-worker.js';

interface Job {
  n: number;
  fail?: boolean;
}
const job = tsWorkerData<Job>();
if (job.fail) throw new Error(`failed as asked (${job.n})`);
parentPort?.postMessage((job.n * 2) satisfies number);
