/**
 * `gerbang traffic simulate --scenario normal|enumeration|probing|stuffing|offhours|outofarea [--minutes N]`:
 * plays a scenario (domain/traffic/scenarios.ts) against a RUNNING instance over real HTTP, for demos and tests.
 * Bounded in time (`--minutes`, default 1, at most 30) and to loopback addresses only. The credential comes from
 * DATA_DIR/demo.json (its `traffic` credential, else the bank's `access` one) or from flags; the NIK pools are
 * read from the instance's database (found NIKs of the credential's service area and of elsewhere). Ends with a
 * summary: calls, answer codes, and whether the caller got suspended (the anomaly detector's doing).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { SCENARIOS, scenarioCalls, type ScenarioName, type TrafficCall } from '../domain/traffic/scenarios.js';
import { loadConfig } from '../server/config.js';

/** The longest a simulation may run (minutes). */
export const MAX_MINUTES = 30;
const IN_FLIGHT = 8;

/** Whether a URL names this machine (127.0.0.0/8, ::1, localhost): the simulator refuses anything else. */
export function isLoopbackUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const h = u.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

interface Credential {
  userId: string;
  secret: string;
  customerId: string;
}

interface Options {
  scenario: string;
  minutes: string;
  url?: string;
  userId?: string;
  secret?: string;
  customerId?: string;
  operator: string;
  password: string;
  seed: string;
  quiet: boolean;
}

function readDemo(dataDir: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function credentialOf(o: Options, demo: Record<string, unknown>): Credential | null {
  const from = (demo.traffic ?? demo.access) as Partial<Credential> | undefined;
  const userId = o.userId ?? from?.userId;
  const secret = o.secret ?? from?.secret;
  const customerId = o.customerId ?? from?.customerId;
  return userId && secret && customerId ? { userId, secret, customerId } : null;
}

/** A portal session (cookie and CSRF token) of a user, or null. */
async function portalSession(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const sid = /gerbang_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!res.ok || !sid) return null;
  const cookie = `gerbang_sid=${sid}`;
  const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken?: string };
  return { cookie, 'x-csrf-token': me.csrfToken ?? '' };
}

/** One call over HTTP; its answer code (Dukcapil code, or the HTTP status for the portal). */
async function play(base: string, c: TrafficCall, cred: Credential, portal: Record<string, string> | null) {
  if (c.channel === 'portal') {
    if (!portal) return 'no-session';
    const res = await fetch(`${base}/api/portal/lookup`, {
      method: 'POST',
      headers: { ...portal, 'content-type': 'application/json' },
      body: JSON.stringify({ nik: c.nik }),
    });
    const body = (await res.json().catch(() => ({}))) as { code?: string };
    return body.code ?? `http ${res.status}`;
  }
  const verify = c.op === 'verify';
  const body = verify
    ? {
        USER_ID: cred.userId,
        PASSWORD: c.wrongSecret ? 'salah-' + cred.secret.slice(0, 4) : cred.secret,
        IP_USER: '10.0.0.9',
        TRESHOLD: 90,
        NIK: c.nik,
        NAMA_LGKP: c.claimedName || 'NAMA NASABAH',
      }
    : {
        NIK: c.nik,
        user_id: cred.userId,
        password: c.wrongSecret ? 'salah-' + cred.secret.slice(0, 4) : cred.secret,
        ip_user: '10.0.0.9',
      };
  const res = await fetch(
    `${base}/dukcapil/get_json/${encodeURIComponent(cred.customerId)}/${verify ? 'CALL_VERIFY_BY_ELEMEN' : 'CALL_NIK'}`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const r = (await res.json().catch(() => ({}))) as { content?: Record<string, string>[] };
  return r.content?.[0]?.RESPONSE_CODE ?? (res.ok ? '01' : `http ${res.status}`);
}

/** Runs a simulation; returns the summary's figures. */
export async function simulate(
  o: Options,
): Promise<{ calls: number; codes: Record<string, number>; suspended: boolean }> {
  const scenario = o.scenario as ScenarioName;
  if (!SCENARIOS.includes(scenario))
    throw new Error(`unknown scenario "${o.scenario}" (one of ${SCENARIOS.join(', ')})`);
  const minutes = Number(o.minutes);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_MINUTES)
    throw new Error(`--minutes must be more than 0 and at most ${MAX_MINUTES}`);
  const config = loadConfig();
  const base = (o.url ?? `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
  if (!isLoopbackUrl(base)) throw new Error(`refused: ${base} is not a loopback address (127.0.0.0/8, ::1, localhost)`);
  const demo = readDemo(config.dataDir);
  const cred = credentialOf(o, demo);
  if (!cred)
    throw new Error(
      'no credential: pass --user-id, --secret and --customer-id, or run a demo instance (DATA_DIR/demo.json)',
    );

  const { openDatabase } = await import('../server/bootstrap.js');
  const { credentialPlacement, nikPools } =
    await import('../server/modules/anomalies/detector.simulation.repository.js');
  const database = openDatabase(config);
  let pools: { inArea: string[]; outside: string[] };
  let offsetMinutes: number;
  try {
    const place = await credentialPlacement(database.db, cred.userId);
    pools = await nikPools(database.db, place?.population ?? 'production', place?.areaPrefix ?? null, 2000);
    offsetMinutes = place?.offsetMinutes ?? 420;
  } finally {
    await database.close();
  }
  const demoNiks = ((demo.access as { niks?: string[] } | undefined)?.niks ?? []).filter((n) => /^\d{16}$/.test(n));
  if (!pools.inArea.length && !pools.outside.length) pools = { inArea: demoNiks, outside: demoNiks };
  if (!pools.inArea.length && !pools.outside.length)
    throw new Error('no NIKs to ask for: the instance holds no residents');

  const usesPortal = scenario === 'offhours' || scenario === 'normal';
  const portal = usesPortal ? await portalSession(base, o.operator, o.password) : null;
  const start = Date.now();
  const calls = scenarioCalls(scenario, {
    minutes,
    start,
    offsetMinutes,
    inArea: pools.inArea,
    outside: pools.outside,
    operators: portal ? 1 : 0,
    seed: Number(o.seed) || 13,
    peakRate: 2,
  });

  const bar = o.quiet
    ? null
    : new cliProgress.SingleBar(
        { format: `${scenario} |{bar}| {value}/{total} calls | {codes}`, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
  bar?.start(calls.length, 0, { codes: '' });
  const codes: Record<string, number> = {};
  let done = 0;
  let suspendedAfter: number | null = null;
  // Once the caller has been refused as suspended ten times, there is nothing more to show: the run ends early.
  let refusedSuspended = 0;
  let portalAnswered = false;
  const inFlight = new Set<Promise<void>>();
  const deadline = start + minutes * 60_000 + 5_000;
  for (const c of calls) {
    const wait = start + c.at - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (Date.now() > deadline || refusedSuspended >= 10) break;
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    const p: Promise<void> = play(base, c, cred, portal)
      .catch((e: unknown) => `error ${e instanceof Error ? e.message.slice(0, 40) : 'unknown'}`)
      .then((code) => {
        codes[code] = (codes[code] ?? 0) + 1;
        done++;
        // 17: the credential is not active any more; 403 on the portal after answers: the operator lost access.
        if (c.channel === 'portal' && code === '01') portalAnswered = true;
        const refusedAsSuspended = code === '17' || (c.channel === 'portal' && portalAnswered && code === 'http 403');
        if (refusedAsSuspended) refusedSuspended++;
        if (suspendedAfter === null && refusedAsSuspended) suspendedAfter = Date.now() - start;
        bar?.update(done, {
          codes: Object.entries(codes)
            .map(([k, v]) => `${k}: ${v}`)
            .join(' '),
        });
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  bar?.stop();
  const suspended = suspendedAfter !== null;
  const lines = [
    `scenario ${scenario}: ${done} calls in ${((Date.now() - start) / 1000).toFixed(1)} s against ${base}`,
    `answer codes: ${
      Object.entries(codes)
        .map(([k, v]) => `${k} × ${v}`)
        .join(', ') || 'none'
    }`,
    suspended
      ? `suspended: yes — refused as not active ${(((suspendedAfter ?? 0) as number) / 1000).toFixed(1)} s after the first call`
      : 'suspended: no',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return { calls: done, codes, suspended };
}

/** The traffic commands. */
export function registerTrafficCommands(program: Command) {
  const traffic = program.command('traffic').description('simulated traffic for demos and tests');
  traffic
    .command('simulate')
    .description('play a traffic scenario against a running instance on this machine (loopback only)')
    .requiredOption('--scenario <name>', SCENARIOS.join('|'))
    .option('--minutes <n>', `how long to play (at most ${MAX_MINUTES})`, '1')
    .option('--url <url>', 'the instance (default http://127.0.0.1:PORT)')
    .option('--user-id <id>', 'web-service user id (default: DATA_DIR/demo.json)')
    .option('--secret <secret>', 'web-service secret (default: DATA_DIR/demo.json)')
    .option('--customer-id <id>', 'web-service customer id (default: DATA_DIR/demo.json)')
    .option('--operator <username>', 'portal operator for normal and offhours', 'bank.operator')
    .option('--password <password>', "the operator's password", 'gerbang-demo')
    .option('--seed <n>', 'the scenario seed', '13')
    .option('--quiet', 'no progress bar', false)
    .action(async (o: Options) => {
      try {
        await simulate(o);
      } catch (e) {
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      }
    });
}
