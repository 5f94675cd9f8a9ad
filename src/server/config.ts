import path from 'node:path';

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
  readonly logLevel: string;
  /** Send session cookies with `Secure` even when the request did not arrive over TLS. */
  readonly cookieSecure: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (needed to see TLS behind one). */
  readonly trustProxy: boolean;
  /** Session lifetime in minutes of inactivity. */
  readonly sessionIdleMinutes: number;
  /** Where the built SPA lives. */
  readonly webDir: string;
  /** The address people reach Gerbang at; printed in QR codes on documents. */
  readonly publicUrl: string;
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
    logLevel: env.LOG_LEVEL || 'info',
    cookieSecure: flag(env.COOKIE_SECURE, false),
    trustProxy: flag(env.TRUST_PROXY, false),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 120, 1, 60 * 24 * 30),
    webDir: path.resolve(root, env.WEB_DIR || 'dist/web'),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
    ...overrides,
  };
  return Object.freeze(config);
}
