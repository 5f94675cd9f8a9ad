/**
 * Rate limits of costly anonymous actions, per client address (issue 15): a route opts in with
 * `config: { rateLimit: 'registration' | 'upload' }`. Rules in domain/throttle.ts, state in lib/throttle.ts's
 * MemoryThrottle (per process); a refusal is `errors.rateLimited` → 429 with Retry-After.
 *
 * - registration: 5 institutions registered from one address, then a wait of 1 minute doubling to 1 hour;
 *   only registrations that succeed count (a mistyped form costs nothing).
 * - upload: 100 uploads from one address, then a wait of 1 second doubling to 1 minute; every upload counts,
 *   whatever its outcome (the bytes were sent either way). Forgotten after 15 minutes without uploads.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { ThrottlePolicy } from '../../domain/throttle.js';
import { errors } from '../../domain/errors.js';
import { MemoryThrottle } from '../lib/throttle.js';

/** The rate-limited actions. */
export type RateLimited = 'registration' | 'upload';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Rate-limit this route per client address (http/rate-limit.ts). */
    rateLimit?: RateLimited;
  }
}

/** The policy of each action. */
export const RATE_LIMITS: Readonly<Record<RateLimited, ThrottlePolicy & { countFailures: boolean }>> = {
  registration: { free: 5, baseMs: 60_000, maxMs: 3_600_000, forgetMs: 24 * 3_600_000, countFailures: false },
  upload: { free: 100, baseMs: 1_000, maxMs: 60_000, forgetMs: 15 * 60_000, countFailures: true },
};

const MESSAGES = {
  registration: (s: number) => ({
    id: `Terlalu banyak pendaftaran dari alamat ini. Coba lagi dalam ${s} detik.`,
    en: `Too many registrations from this address. Try again in ${s} seconds.`,
  }),
  upload: (s: number) => ({
    id: `Terlalu banyak unggahan dari alamat ini. Coba lagi dalam ${s} detik.`,
    en: `Too many uploads from this address. Try again in ${s} seconds.`,
  }),
};

/** Installs the rate-limit hooks: refused before the body is read, counted as the policy says. */
export function installRateLimits(app: FastifyInstance, deps: Pick<Deps, 'now'>) {
  const throttles = {
    registration: new MemoryThrottle(RATE_LIMITS.registration),
    upload: new MemoryThrottle(RATE_LIMITS.upload),
  };
  const keyOf = (request: FastifyRequest) => request.ip;

  app.addHook('onRequest', (request, _reply, done) => {
    const kind = request.routeOptions.config?.rateLimit;
    if (!kind) return done();
    const now = deps.now().getTime();
    const throttle = throttles[kind];
    const wait = throttle.wait(keyOf(request), now);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      // A DomainError reaches the app's error handler like any thrown one (problem.ts sets Retry-After).
      return done(errors.rateLimited('rate_limited', wait, MESSAGES[kind](seconds)) as unknown as FastifyError);
    }
    if (RATE_LIMITS[kind].countFailures) throttle.count(keyOf(request), now);
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const kind = request.routeOptions.config?.rateLimit;
    if (kind && !RATE_LIMITS[kind].countFailures && reply.statusCode < 300) {
      throttles[kind].count(keyOf(request), deps.now().getTime());
    }
    done();
  });
}
