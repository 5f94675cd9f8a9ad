import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test run's PostgreSQL server (no database part). */
    pgUrl: string;
  }
}

/** Starts one real PostgreSQL for the whole run; each test file makes its own database in it. */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const pg = await startEmbeddedPostgres();
  process.stdout.write(`[db tier] embedded PostgreSQL up at ${pg.url} in ${Date.now() - started} ms\n`);
  project.provide('pgUrl', pg.url);
  return async () => {
    await pg.stop();
  };
}
