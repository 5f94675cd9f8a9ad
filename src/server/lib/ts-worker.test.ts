import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startTsWorker } from './ts-worker.js';

const FIXTURE = new URL('./ts-worker.fixture.ts', import.meta.url);

describe('startTsWorker', () => {
  it('runs a TypeScript module in a worker thread with its data', async () => {
    const worker = startTsWorker(FIXTURE, { n: 21 });
    try {
      const [answer] = await once(worker, 'message');
      expect(answer).toBe(42);
    } finally {
      await worker.terminate();
    }
  });

  it('reports an error thrown by the module', async () => {
    const worker = startTsWorker(FIXTURE, { n: 1, fail: true });
    const [error] = await once(worker, 'error');
    expect((error as Error).message).toBe('failed as asked (1)');
  });
});
