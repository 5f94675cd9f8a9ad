import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** The request-duration histogram's bucket bounds, seconds. */
export const DURATION_BUCKETS: readonly number[] = BUCKETS;

interface Series {
  /** `method="…",route="…"`, built once per series. */
  labels: string;
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative; summed when rendered); the last slot is above every bound. */
  buckets: number[];
  /** Requests by status code. */
  statuses: Map<number, number>;
}

/** In-process request metrics, rendered in the Prometheus text format. */
export class Metrics {
  /** Series by route, then method: no label string is built on the request path. */
  private readonly series = new Map<string, Map<string, Series>>();
  private readonly gauges = new Map<string, () => number>();
  /** More series, rendered after these at scrape time (the operations module's, modules/operations). */
  private readonly collectors: (() => Promise<string[]> | string[])[] = [];

  /** The series of a method and route (created at its first request). */
  private seriesOf(method: string, route: string): Series {
    let byMethod = this.series.get(route);
    if (!byMethod) {
      byMethod = new Map();
      this.series.set(route, byMethod);
    }
    let s = byMethod.get(method);
    if (!s) {
      s = {
        labels: `method="${method}",route="${route}"`,
        count: 0,
        sum: 0,
        buckets: new Array<number>(BUCKETS.length + 1).fill(0),
        statuses: new Map(),
      };
      byMethod.set(method, s);
    }
    return s;
  }

  /** Counts one finished request. */
  observe(method: string, route: string, status: number, seconds: number) {
    const s = this.seriesOf(method, route);
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
    s.count += 1;
    s.sum += seconds;
    let i = 0;
    while (i < BUCKETS.length && seconds > (BUCKETS[i] as number)) i++; // i ≤ BUCKETS.length
    s.buckets[i] = (s.buckets[i] ?? 0) + 1;
  }

  /**
   * The duration histogram summed over some routes (every method): counts per DURATION_BUCKETS bucket (not
   * cumulative; the last slot above every bound), their sum (seconds) and count.
   */
  histogramOf(routes: readonly string[]): { counts: number[]; sum: number; count: number } {
    const counts = new Array<number>(BUCKETS.length + 1).fill(0);
    let sum = 0;
    let count = 0;
    for (const route of routes)
      for (const s of this.series.get(route)?.values() ?? []) {
        s.buckets.forEach((n, i) => (counts[i] = (counts[i] ?? 0) + n));
        sum += s.sum;
        count += s.count;
      }
    return { counts, sum, count };
  }

  /** Registers more series, produced at scrape time (lines of the text format). */
  collect(fn: () => Promise<string[]> | string[]): void {
    this.collectors.push(fn);
  }

  /** The exposition text with every collector's series. */
  async renderAll(): Promise<string> {
    const more: string[] = [];
    for (const fn of this.collectors) more.push(...(await fn()));
    return this.render() + (more.length ? more.join('\n') + '\n' : '');
  }

  /** Registers a gauge read at scrape time. */
  gauge(name: string, read: () => number) {
    this.gauges.set(name, read);
  }

  /** The Prometheus exposition text. */
  render(): string {
    const lines: string[] = [];
    lines.push('# HELP gerbang_http_requests_total HTTP requests by method, route and status.');
    lines.push('# TYPE gerbang_http_requests_total counter');
    const all = [...this.series.values()].flatMap((m) => [...m.values()]);
    for (const s of all)
      for (const [status, n] of s.statuses)
        lines.push(`gerbang_http_requests_total{${s.labels},status="${status}"} ${n}`);
    lines.push('# HELP gerbang_http_request_duration_seconds HTTP request duration.');
    lines.push('# TYPE gerbang_http_request_duration_seconds histogram');
    for (const s of all) {
      const k = s.labels;
      let cumulative = 0;
      BUCKETS.forEach((b, i) => {
        cumulative += s.buckets[i] ?? 0;
        lines.push(`gerbang_http_request_duration_seconds_bucket{${k},le="${b}"} ${cumulative}`);
      });
      lines.push(`gerbang_http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`);
      lines.push(`gerbang_http_request_duration_seconds_sum{${k}} ${s.sum}`);
      lines.push(`gerbang_http_request_duration_seconds_count{${k}} ${s.count}`);
    }
    for (const [name, read] of this.gauges) {
      lines.push(`# TYPE ${name} gauge`);
      lines.push(`${name} ${read()}`);
    }
    const mem = process.memoryUsage();
    lines.push('# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`);
    lines.push('# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${Math.round(process.uptime())}`);
    return lines.join('\n') + '\n';
  }
}

/** True for a loopback address (127.0.0.0/8, ::1, and 127.x as IPv4-mapped IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return /^(127\.|::ffff:127\.)/i.test(address) || address === '::1';
}

/**
 * Who may scrape /metrics: with METRICS_TOKEN set, a request carrying `Authorization: Bearer <token>` (from
 * anywhere); without it, only when no proxy is configured (TRUST_PROXY empty: a same-host proxy that adds no
 * forwarding header would otherwise publish it) and the request's TCP peer is loopback with no Forwarded,
 * X-Forwarded-For or X-Real-IP header. Throws the refusal; returns when allowed.
 */
export function checkMetricsAccess(
  request: FastifyRequest,
  token: string | undefined,
  trustProxy: readonly string[] = [],
): void {
  if (token) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const given = crypto
      .createHash('sha256')
      .update(m?.[1] ?? '')
      .digest();
    const want = crypto.createHash('sha256').update(token).digest();
    if (m && crypto.timingSafeEqual(given, want)) return;
    throw new DomainError('unauthenticated', 'metrics_token_required', {
      id: 'Metrik hanya untuk pemegang token: kirim Authorization: Bearer <METRICS_TOKEN>.',
      en: 'Metrics need the token: send Authorization: Bearer <METRICS_TOKEN>.',
    });
  }
  const h = request.headers;
  const forwarded = h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined;
  if (!trustProxy.length && !forwarded && isLoopback(request.raw.socket.remoteAddress)) return;
  throw new DomainError(
    'forbidden',
    'metrics_loopback_only',
    trustProxy.length
      ? {
          id: 'Di balik proksi (TRUST_PROXY), metrik hanya dengan token: setel METRICS_TOKEN.',
          en: 'Behind a proxy (TRUST_PROXY), metrics need a token: set METRICS_TOKEN.',
        }
      : {
          id: 'Tanpa METRICS_TOKEN, metrik hanya dapat dibaca dari localhost; setel METRICS_TOKEN untuk akses lain.',
          en: 'Without METRICS_TOKEN, metrics are served to localhost only; set METRICS_TOKEN for any other access.',
        },
  );
}

/** Times every request and exposes GET /metrics (to the token's holders, or without one to localhost when no proxy is trusted). */
export function installMetrics(
  app: FastifyInstance,
  metrics: Metrics,
  options: { metricsToken?: string; trustProxy?: readonly string[] } = {},
) {
  // Callback style: no promise or microtask hop per response.
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get('/metrics', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    try {
      checkMetricsAccess(request, options.metricsToken, options.trustProxy);
    } catch (e) {
      if (options.metricsToken) reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw e;
    }
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return metrics.renderAll();
  });
}
