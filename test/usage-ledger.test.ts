/**
 * The usage ledger across a crash, on the real server: a fresh demo start seeds a semester of usage into the
 * signed log (seed/demo-usage.ts) and folds it; under load the server is killed with SIGKILL (a fold may be
 * half-done: its transaction never commits), restarted on the same data, and once its follower has caught up the
 * ledger equals the log (reconcile finds no difference) and the log still verifies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DIALECTS } from './harness.js';
import { freshPgDatabase, startServer, stopServers } from './server-process.js';
import { loadConfig } from '../src/server/config.js';
import { connect, type Database } from '../src/server/db/connect.js';
import { isDataCall } from '../src/domain/audit/actions.js';
import { reconcileLedger } from '../src/server/modules/usage/ledger.js';
import { readCursor, sealedEnd } from '../src/server/modules/usage/ledger.repository.js';
import { verifyDatabaseLog } from '../src/server/modules/access/audit/audit.verify.js';
import { loadAccessKeys } from '../src/server/modules/access/audit/keys.js';
import { localDay } from '../src/domain/audit/oversight.js';

interface Demo {
  access: { customerId: string; userId: string; secret: string; niks: string[] };
}

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe.each(DIALECTS)('the usage ledger across a SIGKILL on %s', (kind) => {
  afterAll(stopServers);

  it('seeds a semester of history, and after a kill and a restart the ledger equals the log', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-usage-'));
    const env: Record<string, string> = { DATA_DIR: dir };
    if (kind === 'postgres') env.DATABASE_URL = await freshPgDatabase(inject('pgUrl'), `gerbang_usage_${process.pid}`);
    const one = await startServer(env);
    const demo = JSON.parse(fs.readFileSync(path.join(dir, 'demo.json'), 'utf8')) as Demo;
    const a = demo.access;
    const call = (nik: string) =>
      fetch(`${one.url}/dukcapil/get_json/${a.customerId}/CALL_NIK`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ NIK: nik, user_id: a.userId, password: a.secret, ip_user: '127.0.0.1' }),
      }).then(
        (r) => r.status,
        () => 0,
      );
    // Load from 8 clients; the kill comes while they are still calling.
    let loading = true;
    let answered = 0;
    const clients = Array.from({ length: 8 }, async (_, i) => {
      while (loading) if ((await call(a.niks[i % a.niks.length] ?? '')) === 200) answered++;
    });
    while (answered < 150) await new Promise((r) => setTimeout(r, 20));
    process.kill(one.pid, 'SIGKILL');
    while (!gone(one.pid)) await new Promise((r) => setTimeout(r, 20));
    loading = false;
    await Promise.all(clients);

    const two = await startServer(env);
    const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
    const database: Database =
      kind === 'sqlite'
        ? connect({ kind: 'sqlite', file: config.sqlitePath })
        : connect({ kind: 'postgres', url: env.DATABASE_URL ?? '' });
    try {
      // The restarted server's follower catches up by itself.
      const deadline = Date.now() + 30_000;
      let behind = true;
      while (
        (behind = (await readCursor(database.db)).lastSeq < (await sealedEnd(database.db))) &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 200));
      expect(behind).toBe(false);
      expect(await two.stop()).toBe(0);
      const r = await reconcileLedger(database.db);
      expect(r.differences).toEqual([]);
      // Whatever was sealed after the follower's last fold (the anomaly detector's decisions on the load above,
      // at shutdown) is no data call: the ledger misses none.
      const tail = await database.db.selectFrom('audit_entries').select('action').where('seq', '>', r.cursor).execute();
      expect(tail.map((t) => t.action).filter(isDataCall)).toEqual([]);
      // The demo's semester: ledger days from about six months back to yesterday, and the load of today.
      const span = await database.db
        .selectFrom('usage_calls')
        .select((eb) => [eb.fn.min('day').as('first'), eb.fn.max('day').as('last'), eb.fn.sum('count').as('calls')])
        .executeTakeFirstOrThrow();
      const today = localDay(new Date(), 420);
      expect(String(span.first) <= localDay(new Date(Date.now() - 170 * 86_400_000), 420)).toBe(true);
      expect(span.last).toBe(today);
      expect(Number(span.calls)).toBeGreaterThan(5000);
      // The history is real entries of the signed log: it verifies against the pinned key and the witness.
      const keys = loadAccessKeys(config);
      const v = await verifyDatabaseLog(database.db, keys.pinned, keys.files.witnessFile);
      expect(v.problems).toEqual([]);
      expect(v.ok).toBe(true);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
