import type { FastifyInstance } from 'fastify';

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

/** In-process request metrics, rendered in the Prometheus text format. */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Series>();
  private readonly gauges = new Map<string, () => number>();

  /** Counts one finished request. */
  observe(method: string, route: string, status: number, seconds: number) {
    const key = `method="${method}",route="${route}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const dkey = `method="${method}",route="${route}"`;
    let s = this.durations.get(dkey);
    if (!s) {
      s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
      this.durations.set(dkey, s);
    }
    s.count += 1;
    s.sum += seconds;
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    });
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
    for (const [k, v] of this.requests) lines.push(`gerbang_http_requests_total{${k}} ${v}`);
    lines.push('# HELP gerbang_http_request_duration_seconds HTTP request duration.');
    lines.push('# TYPE gerbang_http_request_duration_seconds histogram');
    for (const [k, s] of this.durations) {
      BUCKETS.forEach((b, i) =>
        lines.push(`gerbang_http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i] ?? 0}`),
      );
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
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return metrics.render();
  });
}
