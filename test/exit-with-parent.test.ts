/**
 * A server the tests start dies with the test run: a process starts it through test/server-process.ts (as the
 * process-level tests and, with the same environment and stdin pipe, e2e/global-setup.ts do), is then SIGKILLed,
 * and the server must stop listening within a few seconds instead of living on as an orphan.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-orphan-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('a server started by the tests', () => {
  it('stops listening within seconds when the process that started it is killed', async () => {
    const code = `
      const { startServer } = await import(${JSON.stringify(path.join(ROOT, 'test/server-process.ts'))});
      const s = await startServer({ DATA_DIR: ${JSON.stringify(dir)}, GERBANG_DEMO: '0' }, { timeoutMs: 60_000 });
      process.stdout.write('PORT ' + s.port + ' PID ' + s.pid + '\\n');
      setInterval(() => {}, 60_000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    parent.stdout.on('data', (d) => (out += String(d)));
    parent.stderr.on('data', (d) => (out += String(d)));
    const [port, pid] = await new Promise<[number, number]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 80_000);
      parent.stdout.on('data', () => {
        const m = /PORT (\d+) PID (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve([Number(m[1]), Number(m[2])]);
        }
      });
      parent.once('exit', () => reject(new Error(`the starting process exited: ${out}`)));
    });
    expect(await listening(port)).toBe(true);

    parent.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await listening(port))) await new Promise((r) => setTimeout(r, 200));
    const orphaned = await listening(port);
    if (orphaned) process.kill(pid, 'SIGKILL'); // leave nothing behind when this fails
    expect(orphaned).toBe(false);
  }, 90_000);
});
