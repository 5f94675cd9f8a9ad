/**
 * The load generator of `npm run bench`, run as a child process so it never shares an event loop (or a core's
 * time slice in the same process) with the server it measures. Reads its job from the JSON file named by argv[2], runs
 * autocannon, and prints one JSON line with the result on stdout.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

/** What the parent asks for. */
export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  bodies: string[];
}

/** What the child answers. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

const job = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as LoadJob;
let i = 0;
const r = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: job.bodies[i++ % job.bodies.length] }),
    },
  ],
});
const out: LoadResult = {
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors,
  non2xx: r.non2xx,
  total: r.requests.total ?? 0,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
