/**
 * Revocation across server processes: two real servers on one PostgreSQL. A suspension made through one is
 * refused by the other within a second — PostgreSQL's notification on commit drops the other's grant cache
 * (src/server/modules/access/runtime/access-changes.ts), not the cache's own expiry.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshPgDatabase, startServer, stopServers } from './server-process.js';

const start = async (env: Record<string, string>) => (await startServer(env)).url;

interface Demo {
  users: { username: string; organisation: { id: string } }[];
  access: { customerId: string; userId: string; secret: string; niks: string[] };
}

describe('two server processes on one PostgreSQL', () => {
  let one = '';
  let two = '';
  let demo: Demo;
  let name = '';
  let env: Record<string, string> = {};
  const admin = inject('pgUrl');

  beforeAll(async () => {
    name = `gerbang_two_${process.pid}`;
    const url = await freshPgDatabase(admin, name);
    // One deployment: one database, one DATA_DIR (its keys), two processes.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-two-'));
    env = { DATA_DIR: dir, DATABASE_URL: url };
    one = await start(env); // seeds the demo data
    two = await start(env);
    demo = JSON.parse(fs.readFileSync(path.join(dir, 'demo.json'), 'utf8')) as Demo;
  }, 240_000);
  afterAll(stopServers);

  const lookup = async (base: string) => {
    const a = demo.access;
    const res = await fetch(`${base}/dukcapil/get_json/${a.customerId}/CALL_NIK`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ NIK: a.niks[0], user_id: a.userId, password: a.secret, ip_user: '127.0.0.1' }),
    });
    const body = (await res.json()) as { content: Record<string, string>[] };
    if (!body.content) throw new Error(`${res.status} ${JSON.stringify(body)}`);
    return body.content[0]?.RESPONSE_CODE ?? '01';
  };
  const session = async (base: string, username: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'gerbang-demo' }),
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    return { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
  };
  /** Calls `base` until the call is refused; how long that took after the write's answer. */
  const refusedAfter = async (base: string) => {
    const t0 = Date.now();
    while (Date.now() - t0 < 5000) if ((await lookup(base)) !== '01') return Date.now() - t0;
    return Infinity;
  };

  it("refuses on the other process within a second of the institution's suspension", async () => {
    expect(await lookup(two)).toBe('01'); // `two` holds the credential's grant in its cache
    const headers = await session(one, 'kebumen.kasi');
    const bankId = demo.users.find((u) => u.username === 'bank.admin')?.organisation.id ?? '';
    expect(await lookup(two)).toBe('01');
    const res = await fetch(`${one}/api/institutions/${bankId}/verify`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ approve: false, note: 'Dibekukan' }),
    });
    expect(res.status).toBe(200);
    expect(await refusedAfter(two)).toBeLessThan(1000);
    const back = await fetch(`${one}/api/institutions/${bankId}/verify`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ approve: true }),
    });
    expect(back.status).toBe(200);
  });

  it("refuses on the other process within a second of a grant's suspension", async () => {
    const headers = await session(one, 'kebumen.kasi');
    const bankId = demo.users.find((u) => u.username === 'bank.admin')?.organisation.id ?? '';
    const grants = (await (await fetch(`${one}/api/access/institutions/${bankId}/grants`, { headers })).json()) as {
      id: string;
      userId: string | null;
    }[];
    const grant = grants.find((g) => g.userId === demo.access.userId);
    expect(grant).toBeTruthy();
    const t0 = Date.now();
    while ((await lookup(two)) !== '01' && Date.now() - t0 < 5000); // the reinstatement reached `two`
    expect(await lookup(two)).toBe('01');
    const res = await fetch(`${one}/api/access/grants/${grant?.id}/suspend`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ reason: 'uji dua proses' }),
    });
    expect(res.status).toBe(200);
    expect(await refusedAfter(two)).toBeLessThan(1000);
  });

  it('both processes record on one signed log: neither loses a batch or a decision to the other', async () => {
    // Both processes answer data calls and record decisions at once; a writer that finds its chain head taken
    // by the other catches up and seals after it (audit-log.ts), so every answer is on one unbroken log.
    // (A call the writer could not record would answer 503 without an envelope, and lookup would throw.)
    await Promise.all([one, two, one, two].map((base) => session(base, 'kebumen.kasi'))); // login decisions
    const codes = await Promise.all(Array.from({ length: 60 }, (_, i) => lookup(i % 2 ? one : two)));
    expect(new Set(codes).size, codes.join(' ')).toBe(1); // one answer on both processes (the grant is suspended above)
    const c = new pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    try {
      const pending = await c.query('SELECT count(*)::int AS n FROM audit_pending');
      expect(pending.rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
    const verify = spawnSync(process.execPath, ['bin/gerbang.js', 'audit', 'verify'], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(verify.stdout + verify.stderr).toMatch(/^OK: \d+ batches/m);
    expect(verify.status).toBe(0);
  });
});
