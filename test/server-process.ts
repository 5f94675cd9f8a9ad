/**
 * The real server as a child process, for process-level tests: `bin/gerbang.js serve` with the given environment,
 * ready once it printed its banner (the scheduler's first tick has run) and /api/health answers. It is tied to this
 * process's life (GERBANG_EXIT_WITH_PARENT, with a pipe on its stdin): if the test run dies, the server stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { freePort } from './postgres.js';

/** A running server process. */
export interface ServerProcess {
  port: number;
  url: string;
  /** Its process id. */
  pid: number;
  /** GET /api/health's answer once it was up. */
  health: unknown;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** SIGTERM, then its exit code (0 for a clean shutdown) or signal. */
  stop: () => Promise<number | string | null>;
}

const running = new Set<ChildProcess>();

/** Starts the server; rejects with its output when it exits or is not up within `timeoutMs`. */
export async function startServer(
  env: Record<string, string>,
  options: { args?: string[]; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn('node', ['bin/gerbang.js', 'serve', '--no-build', ...(options.args ?? [])], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', GERBANG_EXIT_WITH_PARENT: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  let exit: number | string | null | undefined;
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      exit = code ?? signal;
      resolve(exit);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`server exited (${exit}): ${output}`);
    if (/Gerbang is running/.test(output)) {
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) {
          const health: unknown = await res.json();
          return {
            port,
            url,
            pid: child.pid ?? 0,
            health,
            output: () => output,
            stop: () => {
              child.kill('SIGTERM');
              return exited;
            },
          };
        }
      } catch {
        // not answering yet
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${output}`);
}

/** Stops every server still running (an afterEach / afterAll). */
export function stopServers(): void {
  for (const c of running) c.kill('SIGTERM');
  running.clear();
}

/** A fresh, empty PostgreSQL database on the tests' embedded server; returns its URL. */
export async function freshPgDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: `${adminUrl}/postgres` });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return `${adminUrl}/${name}`;
}
