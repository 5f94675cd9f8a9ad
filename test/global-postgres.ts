import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './postgres.js';
import { makeTemplates, type DbTemplates } from './db-templates.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test run's PostgreSQL server (no database part). */
    pgUrl: string;
    /** The run's template databases (test/db-templates.ts): each test's database is a copy of one. */
    dbTemplates: DbTemplates;
  }
}

interface Shared {
  url: string;
  templates: DbTemplates;
  stop: () => Promise<void>;
}

/**
 * Both database projects (db, db-process) use one server and one set of templates: vitest loads this file once
 * per project, each time as a new module, but in the same process, so the server is kept on globalThis.
 */
const state = globalThis as typeof globalThis & { gerbangTestPostgres?: { shared: Promise<Shared>; users: number } };

async function start(): Promise<Shared> {
  const started = Date.now();
  const pg = await startEmbeddedPostgres();
  process.stdout.write(`[db tier] embedded PostgreSQL up at ${pg.url} in ${Date.now() - started} ms\n`);
  try {
    const templating = Date.now();
    const { templates, remove } = await makeTemplates(pg.url);
    process.stdout.write(`[db tier] template databases ready in ${Date.now() - templating} ms\n`);
    return {
      url: pg.url,
      templates,
      stop: async () => {
        await remove();
        await pg.stop();
      },
    };
  } catch (error) {
    await pg.stop();
    throw error;
  }
}

/** Starts one real PostgreSQL for the whole run; each test file makes its own database in it. */
export default async function setup(project: TestProject) {
  const held = (state.gerbangTestPostgres ??= { shared: start(), users: 0 });
  held.users++;
  let s: Shared;
  try {
    s = await held.shared;
  } catch (error) {
    delete state.gerbangTestPostgres;
    throw error;
  }
  project.provide('pgUrl', s.url);
  project.provide('dbTemplates', s.templates);
  return async () => {
    if (--held.users > 0) return;
    if (state.gerbangTestPostgres === held) delete state.gerbangTestPostgres;
    await s.stop();
  };
}
