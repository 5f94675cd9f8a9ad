import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config, type DatabaseKind } from '../src/server/config.js';
import { connect, type Database } from '../src/server/db/connect.js';
import { buildApp } from '../src/server/app.js';
import type { DemoUser } from '../src/server/seed/demo.js';
import type { App } from '../src/server/http/types.js';
import { renderRecordPdf } from '../src/server/modules/documents/record-pdf.js';
import { createFromApplication } from '../src/server/modules/agreements/agreement.service.js';
import { newId } from '../src/server/lib/ids.js';
import { prepayIfProfitOriented } from '../src/server/modules/access/fixtures.js';

/** Every database test runs once per dialect. */
export const DIALECTS: DatabaseKind[] = ['sqlite', 'postgres'];

let counter = 0;

/**
 * A fresh, migrated database of the given kind, and how to drop it: a copy of the run's migrated template
 * (test/db-templates.ts), or of its demo-seeded one with `from: 'demo'`. Every call gets a database of its own.
 */
export async function freshDatabase(
  kind: DatabaseKind,
  from: 'migrated' | 'demo' = 'migrated',
): Promise<{ database: Database; config: Config; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-test-'));
  const templates = inject('dbTemplates');
  if (kind === 'sqlite') {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    fs.copyFileSync(templates.sqlite[from], config.sqlitePath);
    const database = connect({ kind: 'sqlite', file: config.sqlitePath });
    return {
      database,
      config,
      drop: async () => {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const admin = inject('pgUrl');
  const name = `gerbang_t${process.pid}_${Date.now()}_${counter++}`;
  const client = new pg.Client({ connectionString: `${admin}/postgres` });
  await client.connect();
  await client.query(`CREATE DATABASE ${name} TEMPLATE ${templates.postgres[from]}`);
  await client.end();
  const url = `${admin}/${name}`;
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const database = connect({ kind: 'postgres', url });
  return {
    database,
    config,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: `${admin}/postgres` });
      await c.connect();
      // pg's pool.end() resolves before its clients' sockets have closed: wait until the server has seen them
      // go, so that FORCE never terminates a client still ending (an uncaught 57P01 in whichever test runs).
      for (let i = 0; i < 100; i++) {
        const open = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (open.rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A running (injectable) app over a fresh database seeded with the demo data. */
export interface TestContext {
  app: App;
  database: Database;
  config: Config;
  users: DemoUser[];
  /** Moves the app's clock (for lockouts, expiries). */
  clock: { now: Date };
  close: () => Promise<void>;
}

/**
 * Builds the app over a fresh demo-seeded database of the given kind: a copy of the run's template seeded as
 * `ensureReferenceData`, `seedDemo` and `ensureShippedSops` seed it (test/db-templates.ts).
 */
export async function demoApp(kind: DatabaseKind): Promise<TestContext> {
  const { database, config, drop } = await freshDatabase(kind, 'demo');
  const clock = { now: new Date() };
  const users = structuredClone(inject('dbTemplates').users[kind]);
  const app = await buildApp({
    config,
    database,
    logger: process.env.TEST_LOG ? { level: 'error' } : false,
    now: () => clock.now,
  });
  await app.ready();
  return {
    app,
    database,
    config,
    users,
    clock,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** A logged-in browser-like session: cookie plus CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Logs in through the HTTP API and returns the session's cookie and CSRF token. */
export async function login(app: App, username: string, password = 'gerbang-demo'): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'gerbang_sid');
  if (!set) throw new Error('no session cookie');
  const cookie = `gerbang_sid=${set.value}`;
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const csrf = (me.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** Asserts nothing; returns the parsed problem body of a response for assertions. */
export function problem(res: { headers: Record<string, unknown>; json: () => unknown }) {
  return res.json() as {
    code: string;
    status: number;
    message: { id: string; en: string };
    issues?: { field: string }[];
  };
}

/** Uploads bytes as a multipart file through the API, as a browser form would. */
export async function uploadFile(
  app: App,
  session: Session,
  filename: string,
  bytes: Buffer,
  contentType = 'application/pdf',
) {
  const boundary = `----gerbang${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { ...session.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

/** A real one-page PDF with the given title. */
export function samplePdf(title: string): Promise<Buffer> {
  return renderRecordPdf({
    issuer: 'Pengujian',
    title,
    rows: [['Judul', title]],
    footer: 'test',
    createdAt: new Date(0),
  });
}

/** An application inserted directly for a test (outside any case), with complete content; returns the row. */
export async function seededApplication(
  t: TestContext,
  o: { institutionId: string; officeId: string; elements?: string[]; status?: 'submitted' | 'approved' },
) {
  const now = t.clock.now.toISOString();
  const app = {
    id: newId(),
    institution_id: o.institutionId,
    office_id: o.officeId,
    status: o.status ?? ('approved' as const),
    content: JSON.stringify({
      userName: 'Lembaga uji',
      purpose: 'Verifikasi identitas pasien',
      elements: o.elements ?? ['nik', 'nama_lengkap'],
      methods: ['web_service'],
      dataBalikan: 'Data pasien',
      durationMonths: 12,
      expectedDailyVolume: 100,
      ipRanges: ['127.0.0.1'],
      legalBasis: '',
    }),
    letter_file_id: null,
    case_id: null,
    agreement_id: null,
    created_by: 'seed',
    created_at: now,
    updated_at: now,
    submitted_at: now,
  };
  await t.database.db.insertInto('applications').values(app).execute();
  return app;
}

/**
 * A PKS made outside any case for a test (as the demo seed makes the bank's): an application of the institution
 * with its office, the PKS drafted from it, and — unless `status: 'draft'` — put in force from `startDate`.
 */
export async function seededAgreement(
  t: TestContext,
  o: {
    institutionId: string;
    officeId: string;
    elements?: string[];
    status?: 'active' | 'draft';
    startDate?: string;
    endDate?: string;
  },
): Promise<{ agreementId: string; applicationId: string }> {
  const app = await seededApplication(t, {
    institutionId: o.institutionId,
    officeId: o.officeId,
    ...(o.elements ? { elements: o.elements } : {}),
  });
  const deps = { db: t.database.db, config: t.config, now: () => t.clock.now };
  const { agreementId } = await createFromApplication(deps, t.database.db, app, null, null);
  // A profit-oriented institution gets a prepaid PNBP balance, so only billing tests see an empty one.
  await prepayIfProfitOriented(t.database.db, o.institutionId, t.clock.now);
  if (o.status !== 'draft')
    await t.database.db
      .updateTable('agreements')
      .set({
        status: 'active',
        start_date: o.startDate ?? t.clock.now.toISOString().slice(0, 10),
        end_date: o.endDate ?? '2099-12-31',
      })
      .where('id', '=', agreementId)
      .execute();
  return { agreementId, applicationId: app.id };
}
