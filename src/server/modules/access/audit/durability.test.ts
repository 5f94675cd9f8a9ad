/**
 * Group commit under a crash: the real server is killed with SIGKILL while 20 clients load CALL_NIK; after a
 * restart on the same data, every answer a client received has its audit entry (by the x-audit-id it carried)
 * and `gerbang audit verify` reports the chain intact. This is what "no personal data leaves before its audit
 * entry is durable" means for a process crash (SQLite WAL with synchronous=NORMAL, PostgreSQL commit).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DIALECTS } from '../../../../../test/harness.js';
import { freePort } from '../../../../../test/postgres.js';
import { connect } from '../../../db/connect.js';
import { entriesByIds } from './audit.repository.js';
import { verifyDatabaseLog } from './audit.verify.js';

const CONCURRENCY = 20;
const LOAD_MS = 3000;
const MAX_REQUESTS = 20_000;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts `gerbang serve` and waits for /api/health. */
async function start(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/gerbang.js', 'serve', '--no-build'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return { child, port, exited, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output}`);
}

interface Demo {
  access: { customerId: string; userId: string; secret: string; niks: string[]; endpoint: string };
}

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = inject('pgUrl');
  const name = `gerbang_crash_${process.pid}_${Date.now()}`;
  const c = new pg.Client({ connectionString: `${admin}/postgres` });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return {
    url: `${admin}/${name}`,
    drop: async () => {
      const d = new pg.Client({ connectionString: `${admin}/postgres` });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

describe.each(DIALECTS)('audit durability on %s', (kind) => {
  it('every answer received before a SIGKILL has its entry after restart, and the chain verifies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-crash-'));
    const pgDb = kind === 'postgres' ? await freshPostgres() : null;
    const env: Record<string, string> = { DATA_DIR: dir, GERBANG_DEMO: '1' };
    if (pgDb) env.DATABASE_URL = pgDb.url;
    try {
      const first = await start(env);
      const demo = JSON.parse(fs.readFileSync(path.join(dir, 'demo.json'), 'utf8')) as Demo;
      const url = `http://127.0.0.1:${first.port}${demo.access.endpoint}`;
      const bodies = demo.access.niks.map((nik) =>
        JSON.stringify({ NIK: nik, user_id: demo.access.userId, password: demo.access.secret, ip_user: '10.0.0.1' }),
      );

      // Clients: loop until the server is gone; keep every answer that fully arrived.
      const received: { auditId: string; disclosed: boolean }[] = [];
      let sent = 0;
      let stop = false;
      const client = async () => {
        while (!stop && sent < MAX_REQUESTS) {
          const body = bodies[sent++ % bodies.length];
          try {
            const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
            const text = await res.text();
            const auditId = res.headers.get('x-audit-id');
            expect(res.status).toBe(200);
            expect(auditId).toBeTruthy();
            received.push({ auditId: auditId ?? '', disclosed: text.includes('"NAMA_LGKP"') });
          } catch (e) {
            if (e instanceof TypeError) return; // connection refused or reset: the server was killed
            throw e;
          }
        }
      };
      const clients = Array.from({ length: CONCURRENCY }, client);
      // Kill mid-load: after a share of the load window, once answers are flowing.
      const killAt = Date.now() + LOAD_MS / 2;
      while (Date.now() < killAt && sent < MAX_REQUESTS / 2) await new Promise((r) => setTimeout(r, 20));
      const inFlightAtKill = sent - received.length;
      first.child.kill('SIGKILL');
      await first.exited;
      stop = true;
      await Promise.all(clients);
      expect(first.child.signalCode).toBe('SIGKILL');
      expect(received.length).toBeGreaterThan(50);
      expect(received.some((r) => r.disclosed)).toBe(true);
      expect(inFlightAtKill).toBeGreaterThan(0); // the kill happened under load, not between requests

      // Restart on the same data: the server comes up, the chain head loads, new calls append to it.
      const second = await start(env);
      const after = await fetch(`http://127.0.0.1:${second.port}${demo.access.endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodies[0],
      });
      expect(after.headers.get('x-audit-id')).toBeTruthy();

      const database =
        kind === 'postgres' && pgDb
          ? connect({ kind: 'postgres', url: pgDb.url })
          : connect({ kind: 'sqlite', file: path.join(dir, 'gerbang.sqlite') });
      try {
        const ids = [...new Set(received.map((r) => r.auditId))];
        const rows = await entriesByIds(database.db, ids);
        const found = new Set(rows.map((r) => r.id));
        const missing = ids.filter((id) => !found.has(id));
        expect(missing).toEqual([]);
        const report = await verifyDatabaseLog(database.db);
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
      } finally {
        await database.close();
      }
      second.child.kill('SIGTERM');
      await second.exited;

      // The command an auditor runs.
      const verify = spawnSync(process.execPath, ['bin/gerbang.js', 'audit', 'verify'], {
        env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
      expect(verify.stdout).toMatch(/^OK: \d+ batches/);
      expect(verify.status).toBe(0);
    } finally {
      await pgDb?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
