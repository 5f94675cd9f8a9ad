/**
 * `npm run bench`: figures measured in one run on one machine.
 *
 * 1. Bulk load: residents/s of the generator alone, and of `gerbang population generate` into SQLite (generate +
 *    insert, the CLI in a child process).
 * 2. The gateway against a bare node:http server: seeds 1M residents (BENCH_RESIDENTS to change) into a
 *    temporary SQLite database, starts the real app with one production credential, loads CALL_NIK at 50
 *    connections for BENCH_SECONDS (default 10) with every check and the durable audit (group commit), then
 *    does the same against a node:http server answering the same JSON after reading and parsing the body,
 *    and against the floor (floor.ts: node:http doing only the least the audit-before-answer rule costs).
 *    The load generator (autocannon) runs in a child process for all three, so it never steals the server's
 *    event loop; the servers run in this process. Prints throughputs, ratios, p50/p99, and each server's CPU
 *    time per call (this process's CPU over the load / calls answered) with the floor-CPU / gateway-CPU ratio.
 *    The demo bank is profit-oriented, so its calls draw its prepaid PNBP balance (issue 12: reserved in the
 *    request path, charged with the audit batch); the same load is run for a non-profit institution (never
 *    charged) and the ratio printed, with the charges checked against the answered calls.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/server/config.js';
import { connect, migrate } from '../src/server/db/connect.js';
import { buildApp } from '../src/server/app.js';
import { ensureReferenceData } from '../src/server/seed/reference.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { AccessRuntime } from '../src/server/modules/access/runtime.js';
import { BANK_ELEMENTS, dayOffset, insertActivePks, demoBankId } from '../src/server/modules/access/fixtures.js';
import { generateInto } from '../src/server/modules/access/population/population.service.js';
import { createGrant, recordTrial } from '../src/server/modules/access/provisioning/provisioning.service.js';
import { generatePopulation } from '../src/domain/population/index.js';
import type { LoadJob, LoadResult } from './loadgen.js';
import { startFloor } from './floor.js';
import { auditVerifyBench } from './audit-verify.js';
import { sql } from 'kysely';
import { RESIDENT_COLUMNS } from '../src/server/modules/access/population/resident-rows.js';
import { fieldsOf } from '../src/domain/elements/elements.js';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Which sections to run: "load", "gateway", "audit" (audit-verify.ts) or all (default). */
const ONLY = process.env.BENCH_ONLY ?? '';
const CONNECTIONS = 50;
const say = (s: string) => process.stdout.write(`${s}\n`);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Runs autocannon in a child process (see loadgen.ts) and returns its figures, with the server's CPU time per
 * answered call: the servers run in this process (and its worker threads), which does nothing else meanwhile, so
 * process.cpuUsage over the load is the server's own CPU — steadier on a shared machine than throughput.
 */
async function load(url: string, bodies: string[], seconds = SECONDS): Promise<LoadResult & { cpuUs: number }> {
  const cpu = process.cpuUsage();
  const r = await loadChild(url, bodies, seconds);
  const used = process.cpuUsage(cpu);
  return { ...r, cpuUs: (used.user + used.system) / Math.max(1, r.total) };
}

function loadChild(url: string, bodies: string[], seconds: number): Promise<LoadResult> {
  const job: LoadJob = { url, connections: CONNECTIONS, seconds, bodies };
  // The job goes through a file: a thousand bodies exceed the size of one command-line argument.
  const jobFile = path.join(os.tmpdir(), `gerbang-bench-job-${process.pid}.json`);
  fs.writeFileSync(jobFile, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'loadgen.ts'), jobFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => {
      fs.rmSync(jobFile, { force: true });
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line) reject(new Error(`load generator exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}

/** With BENCH_PROFILE=DIR, writes a CPU profile of this process (the server) while `run` loads it. */
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return run();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

const verdict = (met: boolean) => (met ? 'met' : 'not met');
const rate = (n: number, seconds: number) => `${Math.round(n / seconds).toLocaleString('en-US')}/s`;

/**
 * `gerbang population generate` into a fresh SQLite file, run as users run it: the CLI in a process of its own
 * (in this process, after the generator-only pass above, the heap it leaves costs the load about a tenth).
 * Returns the CLI's own figure (generation and insert, without the process start) and the wall time.
 */
function generateCommand(count: number): Promise<{ rate: number; seconds: number; wall: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-bench-load-'));
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const bin = path.join(here, '..', 'bin', 'gerbang.js');
    const args = [bin, 'population', 'generate', '--count', String(count), '--seed', 'bench'];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      const m = /in ([\d.]+) s \((\d+) residents\/s\)/.exec(out);
      if (code !== 0 || !m) reject(new Error(`population generate exited ${code}: ${out.slice(-500)}`));
      else
        resolve({ rate: Number(m[2]), seconds: Number(m[1]), wall: Number(process.hrtime.bigint() - started) / 1e9 });
    });
  });
}

/** Bulk load: the generator alone, then `population generate` (generate + insert into SQLite). */
async function bulkLoad(count: number) {
  say(`bulk load: ${count} residents`);
  const t = process.hrtime.bigint();
  let n = 0;
  for (const batch of generatePopulation({ count, seed: 'bench', batchSize: 10_000 })) n += batch.length;
  const genSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  say(`  generate only             ${rate(n, genSeconds)}  (${n} in ${genSeconds.toFixed(2)} s)`);
  const r = await generateCommand(count);
  say(
    `  generate + insert SQLite  ${rate(r.rate, 1)}  (${count} in ${r.seconds.toFixed(2)} s; ` +
      `${r.wall.toFixed(2)} s with the CLI's start; target > 100,000/s: ${verdict(r.rate > 100_000)})`,
  );
}

async function gateway() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  // BENCH_SEED_CACHE=DIR: the seeded data directory is kept there and copied for later runs (iteration speed).
  const cache = process.env.BENCH_SEED_CACHE ? path.join(process.env.BENCH_SEED_CACHE, String(RESIDENTS)) : '';
  const now = new Date();
  let database: ReturnType<typeof connect>;
  if (cache && fs.existsSync(path.join(cache, 'done'))) {
    say(`copying the seeded database from ${cache} …`);
    fs.cpSync(cache, dataDir, { recursive: true });
    database = connect({ kind: 'sqlite', file: config.sqlitePath });
    await migrate(database.db);
  } else {
    database = connect({ kind: 'sqlite', file: config.sqlitePath });
    await migrate(database.db);
    await ensureReferenceData(database.db, now);
    await seedDemo(database.db, now);
    say(`seeding ${RESIDENTS} residents into ${config.sqlitePath} …`);
    const seeded = await generateInto(database.db, config, { count: RESIDENTS, seed: 'bench' });
    say(
      `  ${seeded.generated} residents in ${seeded.seconds.toFixed(1)} s (${rate(seeded.generated, seeded.seconds)})`,
    );
    if (cache) {
      await database.close();
      fs.rmSync(cache, { recursive: true, force: true });
      fs.cpSync(dataDir, cache, { recursive: true });
      fs.writeFileSync(path.join(cache, 'done'), '');
      database = connect({ kind: 'sqlite', file: config.sqlitePath });
    }
  }
  const bankId = (await demoBankId(database.db)) ?? '';
  const pks = await insertActivePks(database.db, {
    institutionId: bankId,
    startDate: dayOffset(now, -1),
    endDate: dayOffset(now, 365),
    now,
  });
  const rt = new AccessRuntime({ db: database.db, config, now: () => new Date() });
  await rt.init();
  const d = { rt, now: () => new Date() };
  const trial = await createGrant(d, 'system', { clientIp: null }, pks.id, {
    kind: 'web_service',
    environment: 'trial',
    elements: BANK_ELEMENTS,
    ipAllow: ['127.0.0.1'],
  });
  await recordTrial(d, 'system', { clientIp: null }, trial.grant.id, true, null);
  const cred = await createGrant(d, 'system', { clientIp: null }, pks.id, {
    kind: 'web_service',
    environment: 'production',
    elements: BANK_ELEMENTS,
    ipAllow: ['127.0.0.1', '::1'],
    dailyQuota: 100_000_000,
  });
  // A non-profit institution's credential (the Dinas Sosial): its calls are never charged.
  const freeInst = await database.db
    .selectFrom('institutions')
    .select('id')
    .where('profit_oriented', '=', 0)
    .orderBy('name')
    .executeTakeFirstOrThrow();
  const freePks = await insertActivePks(database.db, {
    institutionId: freeInst.id,
    startDate: dayOffset(now, -1),
    endDate: dayOffset(now, 365),
    now,
  });
  const freeTrial = await createGrant(d, 'system', { clientIp: null }, freePks.id, {
    kind: 'web_service',
    environment: 'trial',
    elements: BANK_ELEMENTS,
    ipAllow: ['127.0.0.1'],
  });
  await recordTrial(d, 'system', { clientIp: null }, freeTrial.grant.id, true, null);
  const freeCred = await createGrant(d, 'system', { clientIp: null }, freePks.id, {
    kind: 'web_service',
    environment: 'production',
    elements: BANK_ELEMENTS,
    ipAllow: ['127.0.0.1', '::1'],
    dailyQuota: 100_000_000,
  });
  await rt.close();
  // NIKs spread over the whole population (every 997th row), so lookups do not all hit one hot page.
  const niks = (
    await sql<{ nik: string }>`SELECT nik FROM residents WHERE rowid % 997 = 0 LIMIT 1000`.execute(database.db)
  ).rows.map((r) => r.nik);
  const bodies = niks.map((nik) =>
    JSON.stringify({ NIK: nik, user_id: cred.grant.userId, password: cred.secret, ip_user: '10.0.0.1' }),
  );
  const freeBodies = niks.map((nik) =>
    JSON.stringify({ NIK: nik, user_id: freeCred.grant.userId, password: freeCred.secret, ip_user: '10.0.0.1' }),
  );

  const app = await buildApp({ config, database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/dukcapil/get_json/${cred.grant.customerId}/CALL_NIK`;
  const sample = await (
    await fetch(appUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[0] })
  ).text();
  if (!sample.includes('"NIK"')) throw new Error(`unexpected answer: ${sample}`);
  const count = async (table: 'audit_entries' | 'audit_batches') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const beforeEntries = await count('audit_entries');
  const beforeBatches = await count('audit_batches');
  say(`gateway: CALL_NIK, ${CONNECTIONS} connections, ${SECONDS} s (load generator in a child process) …`);
  await load(appUrl, bodies.slice(0, 50), 2); // warm-up: JIT, page cache
  const warmEntries = await count('audit_entries');
  const warmBatches = await count('audit_batches');
  const gw = await profiled('gateway', () => load(appUrl, bodies));
  const entries = (await count('audit_entries')) - warmEntries;
  const batches = (await count('audit_batches')) - warmBatches;
  const charges = async () => {
    const r = await database.db
      .selectFrom('billing_charges')
      .select((eb) => [eb.fn.sum<number>('count').as('n'), eb.fn.sum<number>('amount_rupiah').as('rp')])
      .where('institution_id', '=', bankId)
      .executeTakeFirst();
    return { n: Number(r?.n ?? 0), rp: Number(r?.rp ?? 0) };
  };
  const answered = async () =>
    Number(
      (
        await database.db
          .selectFrom('audit_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('institution_id', '=', bankId)
          .where('result_code', '=', '01')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const charged = await charges();
  const answeredBank = await answered();
  const freeUrl = appUrl.replace(cred.grant.customerId ?? '', freeCred.grant.customerId ?? '');
  say(`gateway, non-profit institution (never charged): CALL_NIK, ${CONNECTIONS} connections, ${SECONDS} s …`);
  await load(freeUrl, freeBodies.slice(0, 50), 2);
  const free = await profiled('gateway-nonprofit', () => load(freeUrl, freeBodies));
  const freeCharges = Number(
    (
      await database.db
        .selectFrom('billing_charges')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('institution_id', '=', freeInst.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  await app.close();
  await database.close();

  const fixed = sample;
  const bare = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      JSON.parse(body);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(fixed);
    });
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  say(`bare node:http, ${CONNECTIONS} connections, ${SECONDS} s (load generator in a child process) …`);
  await load(bareUrl, bodies.slice(0, 50), 2);
  const base = await profiled('bare', () => load(bareUrl, bodies));
  bare.close();

  // The floor reads the same columns the grant covers (plus the status), from the same file.
  const columns = [...fieldsOf(BANK_ELEMENTS).map((f) => f.toLowerCase()), 'alive', 'active'];
  if (!columns.every((c) => RESIDENT_COLUMNS.includes(c))) throw new Error('unknown column');
  const floor = await startFloor(config.sqlitePath, columns);
  say(`floor: node:http + one lookup + one durable audit row, ${CONNECTIONS} connections, ${SECONDS} s …`);
  await load(floor.url, bodies.slice(0, 50), 2);
  const least = await profiled('floor', () => load(floor.url, bodies));
  await floor.close();

  say('');
  say(`residents                 ${RESIDENTS}`);
  say(
    `gateway  CALL_NIK         ${Math.round(gw.rps)} req/s   p50 ${gw.p50} ms   p99 ${gw.p99} ms   errors ${gw.errors} non-2xx ${gw.non2xx}`,
  );
  say(
    `gateway  non-profit       ${Math.round(free.rps)} req/s   p50 ${free.p50} ms   p99 ${free.p99} ms   errors ${free.errors} non-2xx ${free.non2xx}`,
  );
  say(
    `ratio billed / non-profit ${(gw.rps / free.rps).toFixed(2)}   (PNBP balance drawn in the request path; ` +
      `CPU per call ${gw.cpuUs.toFixed(1)} µs vs ${free.cpuUs.toFixed(1)} µs)`,
  );
  say(
    `PNBP                      ${charged.n} charged answers, ${charged.rp} rupiah, for ${answeredBank} answered ` +
      `(01) entries of the bank: ${verdict(charged.n === answeredBank)}; non-profit charge rows ${freeCharges}: ` +
      `${verdict(freeCharges === 0)}`,
  );
  say(`bare node:http            ${Math.round(base.rps)} req/s   p50 ${base.p50} ms   p99 ${base.p99} ms`);
  say(
    `floor                     ${Math.round(least.rps)} req/s   p50 ${least.p50} ms   p99 ${least.p99} ms   ` +
      '(node:http + one lookup + one durable audit row)',
  );
  say(
    `ratio gateway / bare      ${(gw.rps / base.rps).toFixed(2)}   (target ≥ 0.60: ${verdict(gw.rps / base.rps >= 0.6)}; ` +
      `p99 ${gw.p99} ms < 10 ms: ${verdict(gw.p99 < 10)})`,
  );
  say(
    `ratio floor / bare        ${(least.rps / base.rps).toFixed(2)}   (the most any audit-before-answer server reaches here)`,
  );
  say(`ratio gateway / floor     ${(gw.rps / least.rps).toFixed(2)}   (the share of the possible the gateway keeps)`);
  const cpu = (r: { cpuUs: number }) => `${r.cpuUs.toFixed(1)} µs`;
  say(`server CPU per call       gateway ${cpu(gw)}   floor ${cpu(least)}   bare ${cpu(base)}   (process.cpuUsage)`);
  say(
    `ratio floor / gateway CPU ${(least.cpuUs / gw.cpuUs).toFixed(2)}   (target ≥ 0.70: ${verdict(least.cpuUs / gw.cpuUs >= 0.7)}; ` +
      `gateway / floor throughput ${(gw.rps / least.rps).toFixed(2)}, target ≥ 0.70: ${verdict(gw.rps / least.rps >= 0.7)})`,
  );
  say(
    `audit                     ${entries} entries in ${batches} sealed batches during the run ` +
      `(${(entries / Math.max(1, batches)).toFixed(1)} per batch; ${beforeEntries} / ${beforeBatches} before the warm-up)`,
  );
  if (gw.total && entries < gw.total)
    throw new Error(`fewer audit entries (${entries}) than answered requests (${gw.total})`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (!ONLY || ONLY === 'load') await bulkLoad(Math.min(RESIDENTS, 1_000_000));
if (!ONLY || ONLY === 'gateway') await gateway();
if (!ONLY || ONLY === 'audit') await auditVerifyBench(); // BENCH_AUDIT_ENTRIES (default 10M); bench/audit-verify.ts
