import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Runs only the browser tier, for working on e2e/ alone; the root vitest.config.ts has the same project.
export default defineConfig({
  test: {
    name: 'e2e',
    root: path.resolve(import.meta.dirname, '..'),
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
