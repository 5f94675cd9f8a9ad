import path from 'node:path';
import { parseCidr } from '../domain/grant/ip.js';

/** Which database engine a configuration points at. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Server configuration, read once at boot, validated and frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Where the SQLite file lives when `database` is sqlite. */
  readonly sqlitePath: string;
  readonly database: DatabaseKind;
  readonly databaseUrl: string | undefined;
  /** Seed demo data into an empty database. */
  readonly demo: boolean;
  /** With the demo data, a semester of usage history in the audit log (GERBANG_DEMO_USAGE, default on). */
  readonly demoUsageHistory: boolean;
  readonly logLevel: string;
  /** Send session cookies with `Secure` even when the request did not arrive over TLS. */
  readonly cookieSecure: boolean;
  /**
   * TRUST_PROXY: the reverse proxies (addresses or CIDRs, normalised) whose X-Forwarded-For/-Proto are believed;
   * empty: none. `1`/`true` means loopback proxies only (127.0.0.0/8, ::1).
   */
  readonly trustProxy: readonly string[];
  /** METRICS_TOKEN: the bearer token /metrics asks for; undefined: /metrics answers localhost only. */
  readonly metricsToken: string | undefined;
  /** Session lifetime in minutes of inactivity. */
  readonly sessionIdleMinutes: number;
  /** SESSION_ABSOLUTE_HOURS: a session ends this long after login, however active. */
  readonly sessionAbsoluteHours: number;
  /**
   * GERBANG_SECRET_KEY (base64 of 32 bytes): encrypts secrets at rest (TOTP secrets). Unset: the key file below,
   * created on first start. Every process sharing a database needs the same key.
   */
  readonly secretKey: string | undefined;
  /** Where the secret key lives when GERBANG_SECRET_KEY is unset (DATA_DIR/secret.key, mode 0600). */
  readonly secretKeyFile: string;
  /** Where the built SPA lives. */
  readonly webDir: string;
  /** The address people reach Gerbang at; printed in QR codes on documents. */
  readonly publicUrl: string;
  /**
   * GERBANG_NOW: the instant (ISO-8601 UTC) the clock of a demo or test instance starts from; it runs on from
   * there (lib/clock.ts). Undefined: the real clock.
   */
  readonly clockStart: string | undefined;
  /** The audit signing keys trusted, pinned outside the database (GERBANG_AUDIT_TRUST; ADR 0008). */
  readonly auditTrustFile: string;
  /** Where every signed tree head is appended, one JSON line each (GERBANG_AUDIT_WITNESS; ADR 0008). */
  readonly auditWitnessFile: string;
}

/** A configuration error names the variable and what is wrong with it. */
export class ConfigError extends Error {}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`expected a boolean (1/0, true/false), got "${value}"`);
}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${value}"`);
  }
  return n;
}

const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** An ISO 8601 instant with its offset (`2027-10-05T09:00:00+07:00`, `…Z`), as ISO-8601 UTC; undefined when unset. */
function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const m = INSTANT_RE.exec(value);
  const ms = m ? Date.parse(value) : NaN;
  const offsetMs = m?.[5] ? (m[5] === '-' ? -1 : 1) * (Number(m[6]) * 60 + Number(m[7])) * 60_000 : 0;
  // Date.parse rolls 30 February over into March; the date as written must be the date meant.
  if (!m || Number.isNaN(ms) || new Date(ms + offsetMs).toISOString().slice(0, 10) !== m[1]) {
    throw new ConfigError(
      `${name} must be an ISO 8601 instant with a time zone offset, e.g. 2027-10-05T09:00:00+07:00, got "${value}"`,
    );
  }
  return new Date(ms).toISOString();
}

/** GERBANG_SECRET_KEY: base64 (or base64url) of exactly 32 bytes; undefined when unset. */
function secretKey(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(value.trim()) || Buffer.from(value.trim(), 'base64').length !== 32) {
    throw new ConfigError('GERBANG_SECRET_KEY must be the base64 of 32 random bytes (openssl rand -base64 32)');
  }
  return value.trim();
}

/** Proxies TRUST_PROXY=1 (or true, yes, on) names: the loopback interface only. */
export const LOOPBACK_PROXIES: readonly string[] = ['127.0.0.0/8', '::1/128'];

/** The widest proxy network TRUST_PROXY may name, by prefix length. */
export const MIN_PROXY_PREFIX = { v4: 8, v6: 32 } as const;

/** TRUST_PROXY: off, loopback (1/true) or a comma-separated list of proxy addresses/CIDRs. */
function proxies(value: string | undefined): readonly string[] {
  const v = (value ?? '').trim();
  if (v === '' || /^(0|false|no|off)$/i.test(v)) return [];
  if (/^(1|true|yes|on)$/i.test(v)) return LOOPBACK_PROXIES;
  const out: string[] = [];
  for (const item of v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const c = parseCidr(item);
    if (!c)
      throw new ConfigError(
        `TRUST_PROXY must be 0, 1 (loopback proxies) or proxy addresses/CIDRs separated by commas; "${item}" is not an address or CIDR`,
      );
    // A proxy network is never wider than a /8 (IPv4) or a /32 (IPv6): wider entries (0.0.0.0/0, or halves like
    // 0.0.0.0/1,128.0.0.0/1 that add up to everyone) would believe any client's X-Forwarded-For.
    const len = Number(c.text.slice(c.text.lastIndexOf('/') + 1));
    if (len < (c.v4 ? MIN_PROXY_PREFIX.v4 : MIN_PROXY_PREFIX.v6))
      throw new ConfigError(
        `TRUST_PROXY must name the proxies; "${item}" is wider than /${c.v4 ? MIN_PROXY_PREFIX.v4 : MIN_PROXY_PREFIX.v6} and would believe every client's X-Forwarded-For`,
      );
    out.push(c.text);
  }
  return Object.freeze(out);
}

/** METRICS_TOKEN: at least 16 characters without spaces, or unset. */
function metricsToken(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\S{16,}$/.test(value)) throw new ConfigError('METRICS_TOKEN must be at least 16 characters without spaces');
  return value;
}

/** Reads configuration from an environment (process.env by default) and command-line overrides. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const root = process.cwd();
  const dataDir = path.resolve(root, env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const config: Config = {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir,
    sqlitePath: path.join(dataDir, 'gerbang.sqlite'),
    database: databaseUrl ? 'postgres' : 'sqlite',
    databaseUrl,
    demo: flag(env.GERBANG_DEMO, true),
    demoUsageHistory: flag(env.GERBANG_DEMO_USAGE, true),
    logLevel: env.LOG_LEVEL || 'info',
    cookieSecure: flag(env.COOKIE_SECURE, false),
    trustProxy: proxies(env.TRUST_PROXY),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 120, 1, 60 * 24 * 30),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS, 12, 1, 24 * 90),
    secretKey: secretKey(env.GERBANG_SECRET_KEY),
    secretKeyFile: path.join(dataDir, 'secret.key'),
    webDir: path.resolve(root, env.WEB_DIR || 'dist/web'),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
    clockStart: instant('GERBANG_NOW', env.GERBANG_NOW),
    auditTrustFile: path.resolve(root, env.GERBANG_AUDIT_TRUST || path.join(dataDir, 'audit-trust.json')),
    auditWitnessFile: path.resolve(root, env.GERBANG_AUDIT_WITNESS || path.join(dataDir, 'audit-witness.jsonl')),
    ...overrides,
  };
  return Object.freeze(config);
}
