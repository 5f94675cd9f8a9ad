import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freshPgDatabase, startServer, stopServers } from './server-process.js';

afterEach(stopServers);
const start = (env: Record<string, string>) => startServer(env, { timeoutMs: 60_000 });

describe('starting the server', () => {
  it('runs on SQLite in DATA_DIR with demo data and writes demo.json', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-start-'));
    const s = await start({ DATA_DIR: dir });
    expect(s.health).toMatchObject({ status: 'ok', database: 'sqlite' });
    expect(fs.existsSync(path.join(dir, 'gerbang.sqlite'))).toBe(true);
    const demo = JSON.parse(fs.readFileSync(path.join(dir, 'demo.json'), 'utf8'));
    expect(demo.users.map((u: { username: string }) => u.username)).toContain('kebumen.kadis');
    expect(s.output()).toMatch(/kebumen\.kadis/);
    // The audit signing key's fingerprint, pinned outside the database (ADR 0008).
    expect(s.output()).toMatch(/Audit log signed by key SHA256:[0-9a-f]{4} .* pinned in .*audit-trust\.json/);
  });

  it('runs on PostgreSQL when DATABASE_URL is set', async () => {
    const admin = inject('pgUrl');
    const name = `gerbang_start_${process.pid}`;
    const url = await freshPgDatabase(admin, name);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-start-'));
    const s = await start({ DATA_DIR: dir, DATABASE_URL: url });
    expect(s.health).toMatchObject({ status: 'ok', database: 'postgres' });
    expect(fs.existsSync(path.join(dir, 'gerbang.sqlite'))).toBe(false);
  });

  it('with GERBANG_DEMO=0 seeds nothing, prints a one-time administrator password once, and warns of a localhost PUBLIC_URL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-start-'));
    const s = await start({ DATA_DIR: dir, GERBANG_DEMO: '0', HOST: '127.0.0.1' });
    // Start-up warnings (issue 15): in the banner and the log; demo mode is off and HOST is loopback, so no demo warning.
    const deadline = Date.now() + 5_000;
    while (!/WARNING: PUBLIC_URL/.test(s.output()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(s.output()).toMatch(/WARNING: PUBLIC_URL is http:\/\/localhost:\d+: the QR codes/);
    expect(s.output()).toMatch(/"level":40.*"warning":"public_url_localhost"/);
    expect(s.output()).not.toMatch(/demo_beyond_loopback|WARNING: Demo mode/);
    const match = /password: (\S+)/.exec(s.output());
    expect(match?.[1]).toHaveLength(16);
    expect(fs.existsSync(path.join(dir, 'demo.json'))).toBe(false);
    const res = await fetch(`http://127.0.0.1:${s.port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: match?.[1] }),
    });
    expect(await res.json()).toEqual({ stage: 'password_change' });
  });
});
