/**
 * The log is anchored outside its database (ADR 0008). An attacker who can write the database — and read the
 * signing key on disk — shortens the log, appends a forged entry after the tail, re-seals everything with the
 * on-disk key, or puts a key of their own into audit_keys and re-seals with it. `gerbang audit verify` (the real
 * CLI) must exit 1 and name each, from the pinned keys, the witness file and a head saved earlier. Rows found
 * after the last batch at start are sealed only under a visible recovery entry. The executable runs in its own
 * process once per kind of outcome; the other calls run the same command in this process (see run()).
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DIALECTS, demoApp, login, type TestContext } from '../../../../../test/harness.js';
import { loadConfig, type Config } from '../../../config.js';
import { connect, type Database } from '../../../db/connect.js';
import { buildApp } from '../../../app.js';
import { sealBatch, type AuditBatch, type AuditEntry } from '../../../../domain/audit/audit.js';
import { CompactRange, leafHash } from '../../../../domain/audit/merkle.js';
import { signTreeHead } from '../../../../domain/audit/heads.js';
import { batchToRow, entryToRow, headToRow, rowToBatch, rowToEntry } from './audit.repository.js';
import { keyIdOf } from './keys.js';
import { buildCli } from '../../../../cli/program.js';

/** What a test works on: a copy of the logged database and of its DATA_DIR (keys, trust file, witness file). */
interface Logged {
  config: Config;
  database: Database;
  clock: { now: Date };
}

async function adminQuery(query: string) {
  const c = new pg.Client({ connectionString: `${inject('pgUrl')}/postgres` });
  await c.connect();
  await c.query(query);
  await c.end();
}

let copies = 0;

/** A copy of the base: its DATA_DIR copied, its database copied (a file, or a PostgreSQL database from it as template). */
async function copyOf(base: Logged): Promise<Logged & { drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-anchor-'));
  fs.cpSync(base.config.dataDir, dataDir, { recursive: true });
  let url: string | undefined;
  let name: string | undefined;
  if (base.config.databaseUrl) {
    const template = new URL(base.config.databaseUrl).pathname.slice(1);
    name = `${template}_c${copies++}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    url = `${inject('pgUrl')}/${name}`;
  }
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : {}) });
  const database = url ? connect({ kind: 'postgres', url }) : connect({ kind: 'sqlite', file: config.sqlitePath });
  return {
    config,
    database,
    clock: { now: base.clock.now },
    drop: async () => {
      await database.close();
      if (name) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The environment `gerbang audit` runs with for a test's copy: its DATA_DIR and, on PostgreSQL, its database. */
function cliEnv(t: Logged, extraEnv: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { DATA_DIR: t.config.dataDir, ...extraEnv };
  if (t.config.databaseUrl && !('DATABASE_URL' in extraEnv)) env.DATABASE_URL = t.config.databaseUrl;
  else if (!('DATABASE_URL' in extraEnv)) env.DATABASE_URL = undefined;
  return env;
}

/**
 * The real command in its own process (`node bin/gerbang.js audit …`): one run per kind of outcome (a clean
 * verify, a failed verify, an offline proof check), so the executable, its exit code and its output stay tested.
 */
function cli(t: Logged, args: string[], extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const [k, v] of Object.entries(cliEnv(t, extraEnv))) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const r = spawnSync('node', ['bin/gerbang.js', 'audit', ...args], { env, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/**
 * The same command in this process: src/cli/main.ts is only `buildCli().parseAsync(process.argv)`, so this runs
 * exactly what the executable runs — the environment it reads, what it writes to stdout and stderr, and the exit
 * code it leaves in process.exitCode — without paying tsx's start-up for every call.
 */
async function run(t: Logged, args: string[], extraEnv: Record<string, string> = {}) {
  const env = cliEnv(t, extraEnv);
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]] as const));
  const savedExitCode = process.exitCode;
  const writes = { out: process.stdout.write, err: process.stderr.write };
  let out = '';
  const capture = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.exitCode = undefined;
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    await buildCli().parseAsync(['node', 'gerbang', 'audit', ...args]);
    return { status: Number(process.exitCode ?? 0), out };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    process.exitCode = savedExitCode;
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function someEntries(t: TestContext) {
  // Each login is a decision sealed before its response: one batch per request.
  for (const u of ['kebumen.kadis', 'kebumen.kabid', 'pusat.dirjen', 'kebumen.kadis']) await login(t.app, u);
}

/** Rebuilds every batch and head over the entries as they now are, signed with the given key. */
async function reseal(t: Logged, signer: { privateKey: ReturnType<typeof createPrivateKey>; keyId: string }) {
  const db = t.database.db;
  const entries = (await db.selectFrom('audit_entries').selectAll().orderBy('seq').execute()).map(rowToEntry);
  const old = (await db.selectFrom('audit_batches').selectAll().orderBy('batch_seq').execute()).map(rowToBatch);
  let prev: AuditBatch | null = null;
  const tree = new CompactRange();
  await db.deleteFrom('audit_heads').execute();
  await db.deleteFrom('audit_batches').execute();
  for (const b of old) {
    const slice = entries.filter((e) => e.seq >= b.firstSeq && e.seq <= b.lastSeq);
    if (!slice.length) continue;
    const batch = sealBatch(slice, prev, signer, b.sealedAt);
    for (const h of batch.entryHashes) tree.append(leafHash(Buffer.from(h, 'hex')));
    const head = signTreeHead(
      { treeSize: batch.lastSeq, rootHash: tree.root().toString('hex'), timestamp: batch.sealedAt },
      signer,
    );
    await db.insertInto('audit_batches').values(batchToRow(batch)).execute();
    await db
      .insertInto('audit_heads')
      .values(headToRow({ ...head, batchSeq: batch.batchSeq, frontier: tree.nodes().map((x) => x.toString('hex')) }))
      .execute();
    prev = batch;
  }
}

function onDiskKey(t: Logged) {
  const pem = fs.readFileSync(path.join(t.config.dataDir, 'audit-signing-key.pem'), 'utf8');
  const privateKey = createPrivateKey(pem);
  const pub = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, keyId: keyIdOf(pub) };
}

describe.each(DIALECTS)('the audit log anchored outside its database (%s)', { timeout: 120_000 }, (kind) => {
  // The logged demo database is built once; every test tampers with its own copy (file or template database).
  let base: TestContext;
  let t: Awaited<ReturnType<typeof copyOf>>;
  beforeAll(async () => {
    base = await demoApp(kind);
    await someEntries(base);
    await base.app.close(); // the writer is drained; the attacker has the database to themselves
    await base.database.close(); // closed, so it can be copied (SQLite: checkpointed; PostgreSQL: a template)
  });
  afterAll(async () => {
    if (base.config.databaseUrl)
      await adminQuery(`DROP DATABASE IF EXISTS ${new URL(base.config.databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    fs.rmSync(base.config.dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    t = await copyOf(base);
  });
  afterEach(async () => t.drop());

  it('verifies an untouched log against the pinned key and the witness file, and publishes its heads', async () => {
    const witness = fs.readFileSync(path.join(t.config.dataDir, 'audit-witness.jsonl'), 'utf8').trim().split('\n');
    const batches = await t.database.db.selectFrom('audit_batches').select('batch_seq').execute();
    expect(witness.length).toBe(batches.length);
    const trust = JSON.parse(fs.readFileSync(path.join(t.config.dataDir, 'audit-trust.json'), 'utf8'));
    expect(trust.keys).toHaveLength(1);
    const r = cli(t, ['verify']);
    expect(r.out).toMatch(/^OK: .*witness heads match/m);
    expect(r.status).toBe(0);
  });

  it('names a truncation: the newest batches deleted with their entries and heads', async () => {
    const db = t.database.db;
    const last = await db.selectFrom('audit_batches').selectAll().orderBy('batch_seq', 'desc').limit(2).execute();
    const cut = Math.min(...last.map((b) => Number(b.first_seq)));
    await db.deleteFrom('audit_entries').where('seq', '>=', cut).execute();
    await db.deleteFrom('audit_batches').where('first_seq', '>=', cut).execute();
    await db.deleteFrom('audit_heads').where('tree_size', '>=', cut).execute();
    const r = cli(t, ['verify']);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/FAIL truncated: .*the newest entries .* were removed/);
  });

  it('names a forged entry appended after the tail', async () => {
    const db = t.database.db;
    const tail = await db
      .selectFrom('audit_entries')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const forged: AuditEntry = {
      ...rowToEntry(tail),
      seq: Number(tail.seq) + 1,
      id: '01JFORGED0000000000000000A',
      resultCode: 'ok',
    };
    await db.insertInto('audit_entries').values(entryToRow(forged)).execute();
    const r = await run(t, ['verify']);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/FAIL appended: 1 entries after the last sealed batch/);
  });

  it('names a rewrite re-sealed with the on-disk key, from the witness file and from a saved head', async () => {
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-head-')), 'head.json');
    expect((await run(t, ['head', '--out', saved])).status).toBe(0);
    const db = t.database.db;
    await db.updateTable('audit_entries').set({ result_code: 'refused' }).where('seq', '=', 2).execute();
    await reseal(t, onDiskKey(t));
    // The database alone is self-consistent again: what gives it away is outside it.
    const alone = await run(t, ['verify', '--no-witness']);
    expect(alone.out).toMatch(/^OK/m);
    // On worker threads, as a large log is verified.
    const r = await run(t, ['verify', '--workers', '2']);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/FAIL rewritten: The tree head on line \d+ of the witness file .* re-sealed/);
    const s = await run(t, ['verify', '--no-witness', '--since', saved]);
    expect(s.status).toBe(1);
    expect(s.out).toMatch(/FAIL rewritten: The saved tree head .* no longer matches the log/);
  });

  it('names a foreign key inserted into audit_keys and used to re-seal', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const keyId = keyIdOf(pem);
    await t.database.db
      .insertInto('audit_keys')
      .values({ key_id: keyId, public_key: pem, created_at: new Date().toISOString() })
      .execute();
    await reseal(t, { privateKey, keyId });
    const r = await run(t, ['verify', '--no-witness']);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(
      new RegExp(`FAIL foreign_key: \\d+ batches .* signed by key ${keyId}, which is not pinned .*audit_keys`),
    );
  });

  it('seals rows found after the tail at start only under a visible recovery entry', async () => {
    const db = t.database.db;
    const tail = await db
      .selectFrom('audit_entries')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const n = Number(tail.seq);
    for (const i of [1, 2])
      await db
        .insertInto('audit_entries')
        .values(entryToRow({ ...rowToEntry(tail), seq: n + i, id: `01JLEFTOVER00000000000000${i}` }))
        .execute();
    expect((await run(t, ['verify'])).out).toMatch(
      /FAIL appended: 2 entries after the last sealed batch \(seq \d+–\d+\)/,
    );
    // A restart on the same data.
    const app = await buildApp({ config: t.config, database: t.database, logger: false, now: () => t.clock.now });
    await app.ready();
    await app.close();
    const recovery = await db.selectFrom('audit_entries').selectAll().where('action', '=', 'audit.recovered').execute();
    expect(recovery).toHaveLength(1);
    expect(Number(recovery[0]?.seq)).toBe(n + 3);
    expect(JSON.parse(recovery[0]?.detail ?? '{}')).toMatchObject({ entries: 2, fromSeq: n + 1, toSeq: n + 2 });
    const r = await run(t, ['verify']);
    expect(r.status).toBe(0);
  });

  it('publishes heads and keys, verifies from a saved head with a consistency proof, and proves an entry offline', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-proof-'));
    const saved = path.join(dir, 'head.json');
    expect((await run(t, ['head', '--out', saved])).status).toBe(0);
    const m = (JSON.parse(fs.readFileSync(saved, 'utf8')) as { treeSize: number }).treeSize;
    // The server goes on: more entries after the saved head, and its heads and key on the public API.
    const app = await buildApp({ config: t.config, database: t.database, logger: false, now: () => t.clock.now });
    await app.ready();
    for (const u of ['kebumen.kabid', 'pusat.dirjen']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u, password: 'gerbang-demo' },
      });
      expect(res.statusCode).toBe(200);
    }
    const latest = await app.inject({ method: 'GET', url: '/api/audit/heads/latest' });
    expect(latest.statusCode).toBe(200);
    const head = latest.json() as { treeSize: number; rootHash: string };
    expect(head.treeSize).toBeGreaterThan(m);
    const heads = (await app.inject({ method: 'GET', url: '/api/audit/heads?limit=2' })).json() as {
      heads: { treeSize: number }[];
    };
    expect(heads.heads.map((h) => h.treeSize)).toEqual([head.treeSize, expect.any(Number)]);
    const keys = (await app.inject({ method: 'GET', url: '/api/audit/keys' })).json() as {
      signingKeyId: string;
      keys: { keyId: string; display: string }[];
    };
    expect(keys.keys.map((k) => k.keyId)).toEqual([keys.signingKeyId]);
    expect(keys.keys[0]?.display).toMatch(/^SHA256:[0-9a-f]{4} /);
    await app.close();

    const inc = await run(t, ['verify', '--since', saved, '--workers', '2']);
    expect(inc.out).toMatch(new RegExp(`^OK: .*consistent with the saved head \\(size ${m} → ${head.treeSize}`, 'm'));
    expect(inc.status).toBe(0);

    const newest = await t.database.db
      .selectFrom('audit_entries')
      .select('id')
      .where('seq', '=', Math.ceil(m / 2))
      .executeTakeFirstOrThrow();
    const proofFile = path.join(dir, 'proof.json');
    expect((await run(t, ['prove', '--entry', newest.id, '--out', proofFile])).status).toBe(0);
    // Offline: no database (an empty DATA_DIR), only the pinned keys.
    const offline = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-empty-')), DATABASE_URL: '' };
    const trust = ['--trust', path.join(t.config.dataDir, 'audit-trust.json')];
    const ok = cli(t, ['verify-proof', proofFile, ...trust], offline);
    expect(ok.out).toMatch(
      new RegExp(`^OK: entry ${newest.id} is entry ${Math.ceil(m / 2)} of the log of ${head.treeSize}`, 'm'),
    );
    expect(fs.readdirSync(offline.DATA_DIR)).toEqual([]);
    const proof = JSON.parse(fs.readFileSync(proofFile, 'utf8')) as { entry: { resultCode: string } };
    proof.entry.resultCode = 'refused';
    fs.writeFileSync(proofFile, JSON.stringify(proof));
    const bad = await run(t, ['verify-proof', proofFile, ...trust], offline);
    expect(bad.status).toBe(1);
    expect(bad.out).toMatch(/FAIL: The entry is not in the tree of this head/);
  });
});
