/**
 * `npm run bench`: the gateway against a bare node:http server, in one run on one machine.
 * Seeds 1M residents into a temporary SQLite database (BENCH_RESIDENTS to change), starts the real app with
 * one production credential, loads CALL_NIK at 50 connections for BENCH_SECONDS (default 10) with every
 * check and the durable audit (group commit), then does the same against a node:http server answering a
 * fixed JSON of the same size after reading and parsing the body. Prints throughputs, ratio, p50/p99.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { loadConfig } from '../src/server/config.js';
import { connect, migrate } from '../src/server/db/connect.js';
import { buildApp } from '../src/server/app.js';
import { ensureReferenceData } from '../src/server/seed/reference.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { AccessRuntime } from '../src/server/modules/access/runtime.js';
import { BANK_ELEMENTS, dayOffset, insertActivePks } from '../src/server/modules/access/fixtures.js';
import { generateInto } from '../src/server/modules/access/population/population.service.js';
import { sampleNiks } from '../src/server/modules/access/population/population.repository.js';
import { createGrant, recordTrial } from '../src/server/modules/access/provisioning/provisioning.service.js';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const say = (s: string) => process.stdout.write(`${s}\n`);

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, bodies: string[]): Promise<Result> {
  let i = 0;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }),
      },
    ],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const database = connect({ kind: 'sqlite', file: config.sqlitePath });
  await migrate(database.db);
  const now = new Date();
  await ensureReferenceData(database.db, now);
  await seedDemo(database.db, now);
  say(`seeding ${RESIDENTS} residents into ${config.sqlitePath} …`);
  const seeded = await generateInto(database.db, config, { count: RESIDENTS, seed: 'bench' });
  say(
    `  ${seeded.generated} residents in ${seeded.seconds.toFixed(1)} s (${Math.round(seeded.generated / seeded.seconds)}/s)`,
  );
  const bank = await database.db
    .selectFrom('institutions')
    .select('id')
    .where('name', '=', 'PT Bank Nusantara Sejahtera Tbk')
    .executeTakeFirstOrThrow();
  const pks = await insertActivePks(database.db, {
    institutionId: bank.id,
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
  await rt.close();
  const niks = await sampleNiks(database.db, 'production', 1000);
  const bodies = niks.map((nik) =>
    JSON.stringify({ NIK: nik, user_id: cred.grant.userId, password: cred.secret, ip_user: '10.0.0.1' }),
  );

  const app = await buildApp({ config, database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/dukcapil/get_json/${cred.grant.customerId}/CALL_NIK`;
  const sample = await (
    await fetch(appUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[0] })
  ).text();
  if (!sample.includes('"NIK"')) throw new Error(`unexpected answer: ${sample}`);
  const before = await database.db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  say(`gateway: CALL_NIK, ${CONNECTIONS} connections, ${SECONDS} s …`);
  await load(appUrl, bodies.slice(0, 50)); // warm-up is short: a second of the same load
  const gw = await load(appUrl, bodies);
  const after = await database.db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const batches = await database.db
    .selectFrom('audit_batches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
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
  say(`bare node:http, ${CONNECTIONS} connections, ${SECONDS} s …`);
  const base = await load(bareUrl, bodies);
  bare.close();

  say('');
  say(`residents                 ${RESIDENTS}`);
  say(
    `gateway  CALL_NIK         ${Math.round(gw.rps)} req/s   p50 ${gw.p50} ms   p99 ${gw.p99} ms   errors ${gw.errors} non-2xx ${gw.non2xx}`,
  );
  say(`bare node:http            ${Math.round(base.rps)} req/s   p50 ${base.p50} ms   p99 ${base.p99} ms`);
  say(`ratio gateway / bare      ${(gw.rps / base.rps).toFixed(2)}   (target ≥ 0.60, p99 < 10 ms)`);
  say(`audit entries written     ${Number(after.n) - Number(before.n)} in ${batches.n} sealed batches in total`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
