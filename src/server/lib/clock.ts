import type { Config } from '../config.js';

/**
 * The server's clock: the real one, or for a demo or test instance one that starts at GERBANG_NOW
 * (`config.clockStart`) and runs on from there at the real pace (monotonic, unaffected by changes of the system
 * time), so that a server restarted with GERBANG_NOW months ahead lives in that future.
 */
export function configuredClock(config: Pick<Config, 'clockStart'>): () => Date {
  if (!config.clockStart) return () => new Date();
  const base = Date.parse(config.clockStart);
  const started = performance.now();
  return () => new Date(base + (performance.now() - started));
}
