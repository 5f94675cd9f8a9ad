import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that start real server processes (`gerbang serve`, seeding the 100k-resident demo), kill them or
 * time a window under load: they run one at a time, after the other database tests, so no other test file
 * competes with them for the CPU. Run them alone with `--project db-process`, or both with `--project 'db*'`.
 */
const PROCESS_TESTS = [
  'src/server/modules/access/audit/durability.test.ts',
  'test/start.test.ts',
  'test/two-processes.test.ts',
  'test/scheduler-restart.test.ts',
  'test/exit-with-parent.test.ts',
  'test/usage-ledger.test.ts',
  'test/traffic-simulate.test.ts',
];

/**
 * Two test files at a time even on two cores (vitest's default is cores − 1): a database test spends much of
 * its time waiting for PostgreSQL, a separate process, so the second core would otherwise sit idle. Every file
 * has its own databases and temporary folders, so files running side by side share nothing.
 */
const WORKERS = Math.max(2, os.availableParallelism() - 1);

const dbTier = {
  globalSetup: ['test/global-postgres.ts'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

// Three tiers: pure unit tests, service/HTTP tests on both databases, browser tests in Chromium.
export default defineConfig({
  test: {
    maxWorkers: WORKERS,
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/domain/**/*.test.ts',
            'src/cli/**/*.test.ts',
            'src/web/**/*.test.ts',
            // Renders every kind of document to PNG and compares it with its reference: no database.
            'test/documents.snapshot.test.ts',
          ],
          // Unit files share the CPU with a db file running beside them: room for the few that generate thousands
          // of residents (vitest's default is 5 s).
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/server/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/documents.snapshot.test.ts', ...PROCESS_TESTS],
          ...dbTier,
        },
      },
      {
        test: {
          name: 'db-process',
          include: PROCESS_TESTS,
          ...dbTier,
          // A test here waits for servers it starts, each allowed 60–90 s on a busy machine (server-process.ts).
          testTimeout: 90_000,
          maxWorkers: 1,
          // After the unit and db files (group 0), before the browser tier (which runs last, alone).
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
