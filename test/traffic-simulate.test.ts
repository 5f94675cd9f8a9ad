/**
 * `gerbang traffic simulate` against a real `gerbang serve` (demo data, SQLite): an enumeration over HTTP from
 * the simulator's demo credential is suspended by the server's own detector — the simulator sees itself refused
 * as not active, and the finding's recorded instants are within 60 s of the first call. A non-loopback target is
 * refused before anything is sent.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, stopServers } from './server-process.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/bootstrap.js';

const run = promisify(execFile);

describe('gerbang traffic simulate', () => {
  afterAll(stopServers);

  it('an enumeration against a running server is suspended within 60 s; a non-loopback URL is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-traffic-'));
    const env = { ...process.env, DATA_DIR: dir, GERBANG_DEMO_USAGE: '0' };
    const server = await startServer({ DATA_DIR: dir, GERBANG_DEMO_USAGE: '0' });
    const demo = JSON.parse(fs.readFileSync(path.join(dir, 'demo.json'), 'utf8')) as { traffic: { userId: string } };
    const cli = (...args: string[]) =>
      run('node', ['bin/gerbang.js', 'traffic', 'simulate', ...args], { env, encoding: 'utf8', timeout: 120_000 });

    await expect(cli('--scenario', 'enumeration', '--url', 'http://10.1.2.3:3000', '--quiet')).rejects.toMatchObject({
      stderr: expect.stringMatching(/not a loopback/),
    });

    const out = await cli('--scenario', 'enumeration', '--minutes', '1', '--url', server.url, '--quiet');
    expect(out.stdout).toMatch(/suspended: yes/);
    expect(out.stdout).toMatch(/17 ×/);

    const database = openDatabase(loadConfig({ ...env }));
    try {
      const grant = await database.db
        .selectFrom('access_grants')
        .select(['id', 'status'])
        .where('user_id', '=', demo.traffic.userId)
        .executeTakeFirstOrThrow();
      expect(grant.status).toBe('suspended');
      const f = await database.db
        .selectFrom('anomaly_findings')
        .selectAll()
        .where('subject_id', '=', grant.id)
        .executeTakeFirstOrThrow();
      expect(f.rule).toBe('enumeration');
      expect(Date.parse(f.suspended_at ?? '') - Date.parse(f.window_start)).toBeLessThan(60_000);
    } finally {
      await database.close();
    }
    expect(await server.stop()).toBe(0);
  }, 180_000);
});
