/**
 * The floor of `npm run bench`: a bare node:http server doing only what the rule "no personal data leaves before
 * its audit entry is durable" costs at the least — read the body, one prepared lookup of the person's granted
 * columns, an HMAC of the NIK and a SHA-256 of the entry, one audit row per answer written by group commit (one
 * transaction per event-loop turn, one Ed25519 signature per batch, WAL checkpoints on a worker thread), then
 * the answer. No framework, no checks, no grant, no chain. It writes into a scratch table of its own, never into the real audit log.
 *
 * Its throughput is what any implementation of that rule reaches on this machine with this database; the
 * gateway's ratio to it is the share the gateway keeps of what is possible.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import { startWalCheckpointer } from '../src/server/db/wal-checkpointer.js';

/** Starts the floor server on 127.0.0.1; resolves with its URL and how to stop it. */
export async function startFloor(file: string, columns: readonly string[]) {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -131072');
  const checkpointer = startWalCheckpointer(file, sqlite); // as the gateway's connection: never mid-commit
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS bench_floor_audit (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, time TEXT NOT NULL, ' +
      'nik_hash TEXT NOT NULL, entry_hash TEXT NOT NULL, body TEXT NOT NULL)',
  );
  const lookup = sqlite.prepare(`SELECT ${columns.join(',')} FROM residents WHERE nik = ?`).raw(true);
  const insert = sqlite.prepare(
    'INSERT INTO bench_floor_audit (id, time, nik_hash, entry_hash, body) VALUES (?, ?, ?, ?, ?)',
  );
  const nikKey = crypto.randomBytes(32);
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  type Row = [string, string, string, string, string];
  let rows: Row[] = [];
  let waiting: (() => void)[] = [];
  let scheduled = false;
  let counter = 0;
  const write = sqlite.transaction((batch: Row[]) => {
    for (const r of batch) insert.run(r);
  });
  const flush = () => {
    scheduled = false;
    const batch = rows;
    const done = waiting;
    rows = [];
    waiting = [];
    const root = crypto.createHash('sha256');
    for (const r of batch) root.update(r[3]);
    crypto.sign(null, root.digest(), privateKey);
    write(batch);
    for (const d of done) d();
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      const nik = String((JSON.parse(body) as { NIK?: unknown }).NIK);
      const found = lookup.get(nik) as unknown[] | undefined;
      const json = JSON.stringify({ content: [found ? Object.fromEntries(columns.map((c, i) => [c, found[i]])) : {}] });
      const id = `${Date.now()}-${counter++}`;
      const time = new Date().toISOString();
      const nikHash = crypto.createHmac('sha256', nikKey).update(nik).digest('hex');
      const entry = JSON.stringify({ id, time, nikHash, action: 'CALL_NIK', resultCode: '01' });
      rows.push([id, time, nikHash, crypto.createHash('sha256').update(entry).digest('hex'), entry]);
      waiting.push(() => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-audit-id': id });
        res.end(json);
      });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await checkpointer.stop();
      sqlite.close();
    },
  };
}
