/**
 * The durability check behind durability.test.ts: the real server (`gerbang serve`) under load on every data
 * channel — the compatible CALL_NIK, v1, the card reader and the web portal — is killed with SIGKILL while the
 * test itself holds the audit tables' write lock, so no audit commit can complete: every answer a client
 * receives in that window was sent before its entry was durable, whatever the timing. After a restart on the same
 * data the check compares every answer a client received with the log (its entry by id), the usage counters
 * with the data-call entries (calls counted = entries), and verifies the chain.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { freePort } from '../../../../../test/postgres.js';
import { connect } from '../../../db/connect.js';
import { ALL_DATA_CALL_ACTIONS } from '../../../../domain/audit/actions.js';
import { signRead } from '../reader/signing.js';
import { entriesByIds } from './audit.repository.js';
import { verifyDatabaseLog } from './audit.verify.js';

/** The test-only preload that makes the server answer before the audit commit. */
export const MUTANT = path.join(import.meta.dirname, 'durability.mutant.ts');

const CONCURRENCY = 16;
/** Load before the lock is taken, and while it is held (the kill comes at the end of the hold). */
const LOAD_MS = 800;
const HOLD_MS = 500;
/** Answers received before the hold, at the least. */
export const MIN_ANSWERS = 60;

/** A running `gerbang serve`. */
export interface Server {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
  output: () => string;
}

/** Starts `gerbang serve` (optionally with a preload module) and waits for /api/health. */
export async function startServer(
  env: Record<string, string>,
  children: ChildProcess[],
  preload?: string,
): Promise<Server> {
  const port = await freePort();
  const args = preload
    ? ['--import', 'tsx', '--import', pathToFileURL(preload).href, 'bin/gerbang.js', 'serve', '--no-build']
    : ['bin/gerbang.js', 'serve', '--no-build'];
  const child = spawn(process.execPath, args, {
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
  access: {
    agreementId: string;
    customerId: string;
    userId: string;
    secret: string;
    niks: string[];
    endpoint: string;
    trial: { niks: string[] };
  };
}

/** What the clients need to call each channel; set up once per data directory. */
export interface Channels {
  demo: Demo['access'];
  device: { id: string; privateKey: crypto.KeyObject };
  portal: { cookie: string; csrf: string };
}

type Channel = 'CALL_NIK' | 'v1.lookup' | 'reader.read' | 'PORTAL_LOOKUP';

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'gerbang-demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const sid = /gerbang_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const cookie = `gerbang_sid=${sid ?? ''}`;
  const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as {
    id: string;
    csrfToken: string;
  };
  return { cookie, csrf: me.csrfToken, userId: me.id };
}

async function post(base: string, s: { cookie: string; csrf: string }, url: string, body: unknown) {
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 201 && res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Provisions a card-reader device and a portal operator on the demo bank's PKS (trial grants, sandbox data). */
export async function setUpChannels(server: Server, dataDir: string): Promise<Channels> {
  const base = `http://127.0.0.1:${server.port}`;
  const demo = (JSON.parse(fs.readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as Demo).access;
  const kasi = await login(base, 'kebumen.kasi');
  const grant = (kind: string) =>
    post(base, kasi, `/api/access/agreements/${demo.agreementId}/grants`, {
      kind,
      environment: 'trial',
      elements: ['nik', 'nama_lengkap'],
      ipAllow: ['127.0.0.0/8', '::1/128'],
      dailyQuota: 100_000,
    }).then((r) => (r.grant as { id: string }).id);
  const readerGrant = await grant('card_reader');
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const device = await post(base, kasi, `/api/access/grants/${readerGrant}/devices`, {
    serial: 'SN-DURABLE',
    pcid: 'PCIDDURA',
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  const portalGrant = await grant('web_portal');
  const operator = await login(base, 'bank.operator');
  await post(base, kasi, `/api/access/grants/${portalGrant}/operators`, { userId: operator.userId });
  return { demo, device: { id: String(device.id), privateKey }, portal: operator };
}

/** One call on a channel: the audit id the answer carried and whether it disclosed a person's data. */
async function callOnce(base: string, ch: Channels, channel: Channel, i: number) {
  const d = ch.demo;
  const nik = d.niks[i % d.niks.length] ?? '';
  const sandboxNik = d.trial.niks[i % d.trial.niks.length] ?? '';
  let res: Response;
  if (channel === 'CALL_NIK')
    res = await fetch(`${base}${d.endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ NIK: nik, user_id: d.userId, password: d.secret, ip_user: '10.0.0.1' }),
    });
  else if (channel === 'v1.lookup')
    res = await fetch(`${base}/api/v1/residents/${nik}`, {
      headers: { authorization: `Bearer ${d.userId}:${d.secret}` },
    });
  else if (channel === 'reader.read') {
    const read = signRead(
      {
        deviceId: ch.device.id,
        nik: sandboxNik,
        fingerprintMatch: true,
        timestamp: new Date().toISOString(),
        nonce: crypto.randomBytes(12).toString('hex'),
      },
      ch.device.privateKey,
    );
    res = await fetch(`${base}/api/reader/read`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(read),
    });
  } else
    res = await fetch(`${base}/api/portal/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: ch.portal.cookie, 'x-csrf-token': ch.portal.csrf },
      body: JSON.stringify({ nik: sandboxNik }),
    });
  const text = await res.text();
  const auditId =
    res.headers.get('x-audit-id') ??
    (channel === 'PORTAL_LOOKUP' ? (JSON.parse(text) as { auditId?: string }).auditId : null);
  return { status: res.status, auditId: auditId ?? '', disclosed: text.includes('"NAMA_LGKP"'), text };
}

/** An answer a client received. */
export interface Received {
  channel: Channel;
  status: number;
  auditId: string;
  disclosed: boolean;
  /** Fully received while the test held the audit tables' lock. */
  duringHold: boolean;
}

/** Holds the write lock of the audit log's tables from outside the server; release() lets commits through. */
async function holdAuditLock(kind: 'sqlite' | 'postgres', where: string): Promise<{ release: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const db = new BetterSqlite3(where, { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    db.exec('BEGIN IMMEDIATE');
    return {
      release: async () => {
        db.exec('ROLLBACK');
        db.close();
      },
    };
  }
  const c = new pg.Client({ connectionString: where });
  await c.connect();
  await c.query('BEGIN');
  await c.query('LOCK TABLE audit_entries IN SHARE MODE');
  return {
    release: async () => {
      await c.query('ROLLBACK');
      await c.end();
    },
  };
}

/** What one run under load and a SIGKILL left. */
export interface CrashRun {
  received: Received[];
  /** Requests sent but not answered when the server died. */
  inFlightAtKill: number;
  /** Answers whose entry is not in the log after the restart. */
  missing: Received[];
  /** Data-call entries in the whole log and the calls the usage counters say were served. */
  dataCallEntries: number;
  refusedEntries: number;
  counted: number;
  /** Answers the PNBP charges say were billed (issue 12: committed with their entries, like the counters). */
  charged: number;
  /** Entries of the log that carry a PNBP charge (the production web-service calls of the demo bank). */
  chargedEntries: number;
  verify: { ok: boolean; problems: unknown[] };
  output: string;
}

/**
 * Loads every channel, takes the audit lock, keeps loading, SIGKILLs the server with the lock held, releases
 * it, restarts the correct build on the same data, makes one call, stops it, and compares what clients
 * received with the database.
 */
export async function crashRun(opts: {
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  dataDir: string;
  databaseUrl?: string;
  channels: Channels;
  server: Server;
  children: ChildProcess[];
  /** Restart the correct build on the data and make a call before checking (default true). */
  restart?: boolean;
}): Promise<CrashRun> {
  const { server, channels } = opts;
  const base = `http://127.0.0.1:${server.port}`;
  // On SQLite the reader's nonce is written before the audit entry, through a connection that would wait in
  // SQLite's busy handler on the main thread while the lock is held: it loads only before the hold, and the
  // lock is taken once no reader call is in flight (one reaching the server in the hold would freeze it there,
  // and a build answering before its commit would then show few or no answers in the hold).
  const holdChannels: Channel[] =
    opts.kind === 'sqlite'
      ? ['CALL_NIK', 'v1.lookup', 'PORTAL_LOOKUP']
      : ['CALL_NIK', 'v1.lookup', 'reader.read', 'PORTAL_LOOKUP'];
  const allChannels: Channel[] = ['CALL_NIK', 'v1.lookup', 'reader.read', 'PORTAL_LOOKUP'];
  const received: Received[] = [];
  const failures: string[] = [];
  let sent = 0;
  let holding = false;
  /** Before the hold: only the hold's channels are called from here on. */
  let closing = false;
  const calling = new Map<Channel, number>();
  let stop = false;
  const client = async (n: number) => {
    for (let i = n; !stop; i += CONCURRENCY) {
      const list = closing ? holdChannels : allChannels;
      const channel = list[i % list.length] ?? 'CALL_NIK';
      sent++;
      calling.set(channel, (calling.get(channel) ?? 0) + 1);
      try {
        const r = await callOnce(base, channels, channel, i);
        received.push({ channel, status: r.status, auditId: r.auditId, disclosed: r.disclosed, duringHold: holding });
        if (r.status !== 200 || !r.auditId) failures.push(`${channel} ${r.status} ${r.text.slice(0, 200)}`);
      } catch (e) {
        if (e instanceof TypeError) return; // connection refused or reset: the server was killed
        throw e;
      } finally {
        calling.set(channel, (calling.get(channel) ?? 0) - 1);
      }
    }
  };
  const clients = Array.from({ length: CONCURRENCY }, (_, n) => client(n));
  // Load for LOAD_MS and until every channel has answered a few times (a busy machine answers slowly).
  const loadUntil = Date.now() + 20_000;
  const started = Date.now();
  const enough = () =>
    Date.now() - started >= LOAD_MS &&
    received.length >= MIN_ANSWERS &&
    allChannels.every((c) => received.filter((r) => r.channel === c).length >= 5);
  while (!enough() && Date.now() < loadUntil && !failures.length) await new Promise((r) => setTimeout(r, 20));
  closing = true;
  const idle = (c: Channel) => holdChannels.includes(c) || !calling.get(c);
  const drainUntil = Date.now() + 10_000;
  while (!allChannels.every(idle) && Date.now() < drainUntil && !failures.length)
    await new Promise((r) => setTimeout(r, 1));
  const lock = await holdAuditLock(opts.kind, opts.databaseUrl ?? path.join(opts.dataDir, 'gerbang.sqlite'));
  holding = true;
  const inFlightAtKill = await (async () => {
    try {
      await new Promise((r) => setTimeout(r, HOLD_MS));
      const inFlight = sent - received.length;
      server.child.kill('SIGKILL');
      await server.exited;
      return inFlight;
    } finally {
      await lock.release();
    }
  })();
  stop = true;
  await Promise.all(clients);
  if (failures.length) throw new Error(`unexpected answers: ${failures.slice(0, 3).join(' | ')}`);

  if (opts.restart ?? true) {
    // Restart the correct build on the same data: the chain head loads, new calls append to it.
    const second = await startServer(opts.env, opts.children);
    const after = await callOnce(`http://127.0.0.1:${second.port}`, channels, 'CALL_NIK', 0);
    if (!after.auditId) throw new Error('no audit id after the restart');
    second.child.kill('SIGTERM');
    await second.exited;
  }

  const database = opts.databaseUrl
    ? connect({ kind: 'postgres', url: opts.databaseUrl })
    : connect({ kind: 'sqlite', file: path.join(opts.dataDir, 'gerbang.sqlite') });
  try {
    const rows = await entriesByIds(database.db, [...new Set(received.map((r) => r.auditId))]);
    const found = new Set(rows.map((r) => r.id));
    const calls = await database.db
      .selectFrom('audit_entries')
      .select(['result_code', 'detail'])
      .where('action', 'in', [...ALL_DATA_CALL_ACTIONS])
      .execute();
    const usage = await database.db.selectFrom('access_usage').select('count').execute();
    const charges = await database.db.selectFrom('billing_charges').select('count').execute();
    const report = await verifyDatabaseLog(database.db);
    return {
      received,
      inFlightAtKill,
      missing: received.filter((r) => !found.has(r.auditId)),
      dataCallEntries: calls.length,
      refusedEntries: calls.filter((c) => c.result_code !== '01').length,
      counted: usage.reduce((s, u) => s + Number(u.count), 0),
      charged: charges.reduce((s, c) => s + Number(c.count), 0),
      chargedEntries: calls.filter((c) => (c.detail ?? '').includes('"pnbpRupiah"')).length,
      verify: { ok: report.ok, problems: report.problems },
      output: server.output(),
    };
  } finally {
    await database.close();
  }
}
