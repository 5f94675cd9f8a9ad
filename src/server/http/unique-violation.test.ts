/**
 * A race between two requests that both pass a service's "already exists?" check ends at the unique index; the
 * loser must hear 409, not 500 (issue 11: two simultaneous grant creations with one user id). The errors here are
 * the real ones each database throws.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/harness.js';
import type { Database } from '../db/connect.js';
import { handleError, isUniqueViolation } from './problem.js';
import { newId } from '../lib/ids.js';

describe.each(DIALECTS)('unique violations on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(kind));
  });
  afterAll(async () => drop());

  const duplicate = async (): Promise<unknown> => {
    const row = { job: `job-${newId()}`, holder: 'a', expires_at: new Date().toISOString() };
    await database.db.insertInto('scheduler_leases').values(row).execute();
    return database.db
      .insertInto('scheduler_leases')
      .values(row)
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
  };

  it('recognises the database error and answers it as 409 concurrent_change', async () => {
    const error = await duplicate();
    expect(error).toBeInstanceOf(Error);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
    // Through Fastify with the app's error handler, as a route whose transaction lost the race would throw it.
    const app = Fastify({ logger: false });
    app.setErrorHandler(handleError);
    app.post('/race', async () => {
      throw error;
    });
    const res = await app.inject({ method: 'POST', url: '/race' });
    await app.close();
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'concurrent_change', message: { id: expect.any(String) } });
  });
});
