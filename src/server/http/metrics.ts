import type { FastifyInstance } from 'fastify';

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

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

/** Times every request and exposes GET /metrics. */
export function installMetrics(app: FastifyInstance, metrics: Metrics) {
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
  app.get('/metrics', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return metrics.render();
  });
}
