// The first module of every worker started by startTsWorker (ts-worker.ts). Worker threads do not inherit
// tsx's loader when the parent registered it programmatically (bin/gerbang.js) or runs under vitest, so each
// worker registers it itself, then imports the TypeScript entry module. Plain JavaScript, so Node runs it as is.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
