/**
 * The WAL checkpoint worker (see wal-checkpointer.ts): a connection of its own that runs a PASSIVE checkpoint
 * every `intervalMs`, and says 'ready' once open. A failure (the file gone, a corrupt database) ends the worker with an 'error' event, and
 * the parent's connection checkpoints by itself again.
 */
import { parentPort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { tsWorkerData } from '../lib/ts-worker.js';
import type { CheckpointJob } from './wal-checkpointer.js';

const { file, intervalMs } = tsWorkerData<CheckpointJob>();
const db = new BetterSqlite3(file, { fileMustExist: true });
db.pragma('busy_timeout = 1000'); // waiting here blocks no request
setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), intervalMs);
parentPort?.postMessage('ready');
