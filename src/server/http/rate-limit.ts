/**
 * Rate limits of costly anonymous actions, per client address (issue 15): a route opts in with
 * `config: { rateLimit: 'registration' | 'upload' }`. Rules in domain/throttle.ts, state in lib/throttle.ts's
 * MemoryThrottle (per process); a refusal is `errors.rateLimited` → 429 with Retry-After.
 *
 * - registration: 5 registration attempts from one address, then a wait of 1 minute doubling to 1 hour; every
 *   attempt counts (a refusal such as 409 username_taken too: it tells a guesser something) except a 400 (a
 *   mistyped form costs nothing) and a server error.
 * - upload: 100 uploads from one address, then a wait of 1 second doubling to 1 minute; every upload counts,
 *   whatever its outcome (the bytes were sent either way). Forgotten after 15 minutes without uploads.
 *
 * An attempt is counted when it arrives (onRequest), before its outcome is known, so parallel requests cannot all
 * slip under the budget; one whose answer the policy does not count is given back (refund) in onResponse. The key
 * is the client address as sign-in counts it (domain/sign-in.ts `addressKey`: an IPv6 address by its /64).
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { ThrottlePolicy } from '../../domain/throttle.js';
import { errors } from '../../domain/errors.js';
import { MemoryThrottle } from '../lib/throttle.js';
import { addressKey } from '../../domain/sign-in.js';

/** The rate-limited actions. */
export type RateLimited = 'registration' | 'upload' | 'resident' | 'proof';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Rate-limit this route per client address (http/rate-limit.ts). */
    rateLimit?: RateLimited;
  }
}

/** The policy of each action, and which answers count against it (the others are given back). */
export const RATE_LIMITS: Readonly<Record<RateLimited, ThrottlePolicy & { counts: (status: number) => boolean }>> = {
  registration: {
    free: 5,
    baseMs: 60_000,
    maxMs: 3_600_000,
    forgetMs: 24 * 3_600_000,
    counts: (status) => status !== 400 && status < 500,
  },
  upload: { free: 100, baseMs: 1_000, maxMs: 60_000, forgetMs: 15 * 60_000, counts: () => true },
  // A resident's identification (modules/resident): 5 failed attempts from one address, then a wait of 30 s
  // doubling to 1 hour; only a failure (401) counts. The resident module throttles per NIK too.
  resident: { free: 5, baseMs: 30_000, maxMs: 3_600_000, forgetMs: 3_600_000, counts: (status) => status === 401 },
  // A resident's inclusion proofs: each walks the log's batch hashes, so 30 per address, then a wait of 10 s
  // doubling to 10 minutes; every request counts.
  proof: { free: 30, baseMs: 10_000, maxMs: 600_000, forgetMs: 10 * 60_000, counts: () => true },
};

/** Requests whose attempt was counted up front (so onResponse gives back only what was taken). */
const reserved = new WeakSet<FastifyRequest>();

const MESSAGES = {
  registration: (s: number) => ({
    id: `Terlalu banyak pendaftaran dari alamat ini. Coba lagi dalam ${s} detik.`,
    en: `Too many registrations from this address. Try again in ${s} seconds.`,
  }),
  upload: (s: number) => ({
    id: `Terlalu banyak unggahan dari alamat ini. Coba lagi dalam ${s} detik.`,
    en: `Too many uploads from this address. Try again in ${s} seconds.`,
  }),
  resident: (s: number) => ({
    id: `Terlalu banyak percobaan dari alamat ini. Coba lagi dalam ${s} detik.`,
    en: `Too many attempts from this address. Try again in ${s} seconds.`,
  }),
  proof: (s: number) => ({
    id: `Terlalu banyak permintaan bukti dari alamat ini. Coba lagi dalam ${s} detik.`,
    en: `Too many proof requests from this address. Try again in ${s} seconds.`,
  }),
};

/** Installs the rate-limit hooks: refused before the body is read, counted as the policy says. */
export function installRateLimits(app: FastifyInstance, deps: Pick<Deps, 'now'>) {
  const throttles = {
    registration: new MemoryThrottle(RATE_LIMITS.registration),
    upload: new MemoryThrottle(RATE_LIMITS.upload),
    resident: new MemoryThrottle(RATE_LIMITS.resident),
    proof: new MemoryThrottle(RATE_LIMITS.proof),
  };
  const keyOf = (request: FastifyRequest) => addressKey(request.ip);

  app.addHook('onRequest', (request, _reply, done) => {
    const kind = request.routeOptions.config?.rateLimit;
    if (!kind) return done();
    const now = deps.now().getTime();
    const throttle = throttles[kind];
    const key = keyOf(request);
    const wait = throttle.wait(key, now);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      // A DomainError reaches the app's error handler like any thrown one (problem.ts sets Retry-After).
      return done(errors.rateLimited('rate_limited', wait, MESSAGES[kind](seconds)) as unknown as FastifyError);
    }
    throttle.count(key, now);
    reserved.add(request);
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const kind = request.routeOptions.config?.rateLimit;
    if (kind && reserved.has(request) && !RATE_LIMITS[kind].counts(reply.statusCode)) {
      throttles[kind].refund(keyOf(request));
    }
    done();
  });
}
