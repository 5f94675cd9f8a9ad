/**
 * Group commit under a crash, on every data channel. The real server is loaded on the compatible CALL_NIK, v1,
 * the card reader and the web portal; the test then holds the audit tables' write lock, so no audit commit can
 * complete, keeps loading, and kills the server with SIGKILL while it holds it. After a restart on the same data,
 * every answer a client received has its entry (by the audit id it carried), the usage counters count exactly the
 * data calls on the log, and the chain verifies (`gerbang audit verify` too). Because no commit can complete during
 * the hold, a build that answers before its commit fails this deterministically: the second test starts such a
 * build (durability.mutant.ts, a test-only preload) and asserts that the check catches it. See
 * durability.harness.ts.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DIALECTS } from '../../../../../test/harness.js';
import { crashRun, MIN_ANSWERS, MUTANT, setUpChannels, startServer, type Channels } from './durability.harness.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-crash-'));
  // No demo usage history (seed/demo-usage.ts): its refusals and uncounted past calls are not this test's load.
  const env: Record<string, string> = { DATA_DIR: dir, GERBANG_DEMO: '1', GERBANG_DEMO_USAGE: '0' };
  let pgDb: { url: string; drop: () => Promise<void> } | null = null;
  let channels: Channels;
  const run = async (preload?: string) => {
    const server = await startServer(env, children, preload);
    channels ??= await setUpChannels(server, dir);
    return crashRun({ kind, env, dataDir: dir, databaseUrl: pgDb?.url, channels, server, children, restart: !preload });
  };
  beforeAll(async () => {
    if (kind === 'postgres') {
      pgDb = await freshPostgres();
      env.DATABASE_URL = pgDb.url;
    }
  });
  afterAll(async () => {
    await pgDb?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every answer received on any channel before a SIGKILL is on the log after restart, and counted', async () => {
    const r = await run();
    const channelsSeen = new Set(r.received.map((x) => x.channel));
    expect([...channelsSeen].sort()).toEqual(['CALL_NIK', 'PORTAL_LOOKUP', 'reader.read', 'v1.lookup']);
    expect(r.received.length).toBeGreaterThanOrEqual(MIN_ANSWERS);
    expect(r.received.every((x) => x.disclosed)).toBe(true);
    expect(r.inFlightAtKill).toBeGreaterThan(0); // the kill happened under load, with commits held
    expect(r.missing).toEqual([]);
    // Every call the clients made was admissible and found: the log has no refusal, and the usage counters
    // count exactly the data calls it holds (one restart call included): each call's quota increment is committed
    // in the batch of its entry, so a crash can neither leave a served call uncounted nor count an unrecorded one.
    expect(r.refusedEntries).toBe(0);
    expect(r.counted).toBe(r.dataCallEntries);
    // The demo bank is profit-oriented: each production answer drew its prepaid balance, charged in the batch of
    // its entry (the reader and portal run on trial grants, never charged).
    expect(r.charged).toBeGreaterThan(0);
    expect(r.charged).toBe(r.chargedEntries);
    expect(r.verify.problems).toEqual([]);
    expect(r.verify.ok).toBe(true);
    // The command an auditor runs.
    const verify = spawnSync(process.execPath, ['bin/gerbang.js', 'audit', 'verify'], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(verify.stdout).toMatch(/^OK: \d+ batches/m);
    expect(verify.status).toBe(0);
  }, 90_000);

  it('fails a build that answers before its audit commit (the test of the test)', async () => {
    const r = await run(MUTANT);
    expect(r.output).toContain('durability mutant loaded');
    // The mutant answered while no commit could complete: those answers have no entry after the restart.
    const answeredInHold = r.received.filter((x) => x.duringHold);
    expect(answeredInHold.length).toBeGreaterThan(0);
    expect(r.missing.length).toBeGreaterThan(0);
  }, 90_000);
});
