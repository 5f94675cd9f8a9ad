import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the real server under test listens, e.g. http://127.0.0.1:43210 */
    baseUrl: string;
    /** The Chromium executable for playwright-core. */
    chromiumPath: string;
    /** The server's DATA_DIR (demo.json lists the demo credentials and sandbox NIKs). */
    dataDir: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs scripts/ensure-chromium.mjs (which may install Debian's package) and returns the path it prints. */
function ensureChromium(): string {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/ensure-chromium.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim();
}

/** Newest modification time of the files under a folder. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildWebIfNeeded(): void {
  const index = path.join(ROOT, 'dist/web/index.html');
  // Also rebuild a stale bundle, so the tests never click through yesterday's UI.
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(path.join(ROOT, 'src/web'))) return;
  process.stderr.write('e2e: building the web app (dist/web is missing or older than src/web)…\n');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`e2e: the server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`e2e: the server did not answer /api/health within 120 s:\n${output()}`);
}

/** Starts the real server on a fresh demo database and hands its URL and Chromium to the tests. */
export default async function setup(project: TestProject) {
  const chromiumPath = ensureChromium();
  buildWebIfNeeded();

  const dataDir = mkdtempSync(path.join(tmpdir(), 'gerbang-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _ignored, ...env } = process.env; // always the embedded SQLite: a fresh, isolated database
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/gerbang.js'), 'serve', '--no-build'], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      GERBANG_DEMO: '1',
      LOG_LEVEL: 'warn',
      // Tied to the test run: the server stops when this process dies (its stdin pipe closes).
      GERBANG_EXIT_WITH_PARENT: '1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  project.provide('chromiumPath', chromiumPath);
  project.provide('dataDir', dataDir);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
