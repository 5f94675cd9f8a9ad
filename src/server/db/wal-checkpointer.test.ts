import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startWalCheckpointer } from './wal-checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A WAL database file with one table, and a connection to it. */
function walDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-wal-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return { file, db };
}

/**
 * Frames in the WAL now: one more commit, then SQLite's own count (a checkpoint reports the WAL's length before it
 * copies). When every earlier frame had been copied back, that commit started the WAL over and only its frames
 * are there.
 */
function framesAfterOneMoreCommit(db: BetterSqlite3.Database): number {
  db.prepare('INSERT INTO t (body) VALUES (?)').run('last');
  const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
  return result?.log ?? -1;
}

/** 200 commits of ~16 KB each (4–5 pages), a few milliseconds apart, like a group commit under load. */
async function commitMany(db: BetterSqlite3.Database) {
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  const body = 'x'.repeat(16_000);
  for (let i = 0; i < 200; i++) {
    insert.run(body);
    await sleep(2);
  }
}

describe('WAL checkpoints on a worker thread', () => {
  it('keep the WAL small while the connection itself never checkpoints', async () => {
    const { file, db } = walDatabase();
    const checkpointer = startWalCheckpointer(file, db, { intervalMs: 20 });
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await checkpointer.ready;
      await commitMany(db);
      await sleep(200); // several of the worker's turns
      // The worker had copied all 200 commits back, so the next one started the WAL over.
      expect(framesAfterOneMoreCommit(db)).toBeLessThan(10);
      expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(201);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });

  it('without the worker, the same commits pile up in the WAL (the control)', async () => {
    const { db } = walDatabase();
    db.pragma('wal_autocheckpoint = 0');
    try {
      await commitMany(db);
      await sleep(200);
      expect(framesAfterOneMoreCommit(db)).toBeGreaterThan(800);
    } finally {
      db.close();
    }
  });

  it('stop ends the worker and gives the connection its automatic checkpoint back', async () => {
    const { file, db } = walDatabase();
    const checkpointer = startWalCheckpointer(file, db, { intervalMs: 20 });
    await checkpointer.stop();
    expect(checkpointer.worker.threadId).toBe(-1);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  it('falls back to automatic checkpoints and says why when the worker fails', async () => {
    const { db } = walDatabase();
    const errors: Error[] = [];
    const failed = new Promise<void>((resolve) => {
      const checkpointer = startWalCheckpointer('/nonexistent/gerbang.sqlite', db, {
        onError: (e) => {
          errors.push(e);
          resolve();
        },
      });
      void checkpointer; // the worker fails on its own: the file does not exist
    });
    await failed;
    expect(errors[0]?.message).toMatch(/unable to open|directory does not exist|no such file/i);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
