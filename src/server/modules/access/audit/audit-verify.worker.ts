/** A worker thread of `gerbang audit verify`: verifies the chunks it is sent (audit.verify-chunk.ts) on its own connection. */
import { parentPort } from 'node:worker_threads';
import { tsWorkerData } from '../../../lib/ts-worker.js';
import { connect, type ConnectOptions } from '../../../db/connect.js';
import type { PinnedKey } from '../../../../domain/audit/heads.js';
import BetterSqlite3 from 'better-sqlite3';
import { verifyChunk, type ChunkTask } from './audit.verify-chunk.js';
import { sqliteEntryTexts } from './audit.repository.js';

const { connection, pins } = tsWorkerData<{ connection: ConnectOptions; pins: PinnedKey[] }>();
const database = connect(connection);
// SQLite: entry rows through a read-only connection of the worker's own, with one prepared statement.
const reader =
  connection.kind === 'sqlite' ? sqliteEntryTexts(new BetterSqlite3(connection.file, { readonly: true })) : undefined;
const port = parentPort;
if (!port) throw new Error('audit-verify.worker.ts runs only as a worker thread');

port.on('message', (m: { task?: ChunkTask; stop?: true }) => {
  if (m.stop) {
    void database.close().then(() => port.close());
    return;
  }
  const task = m.task as ChunkTask;
  verifyChunk(database.db, task, pins, reader).then(
    (result) => port.postMessage({ result }),
    (e: unknown) => port.postMessage({ error: e instanceof Error ? e.message : String(e), id: task.id }),
  );
});
port.postMessage({ ready: true });
