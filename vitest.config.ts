import { defineConfig } from 'vitest/config';

// Tests run in UTC; the school's zone (Asia/Shanghai) is always explicit in code.
process.env.TZ = 'UTC';

const storageTests = ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'];
// Tests of the kehou process itself on its embedded database (run once, not per server).
const processTests = ['test/**/*.embedded.test.ts'];
const serverUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: storageTests,
        },
      },
      {
        test: {
          name: 'db:embedded',
          include: [...storageTests, ...processTests],
          globalSetup: ['test/global-setup.ts'],
          env: { KEHOU_TEST_DB: 'embedded' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(serverUrl
        ? [
            {
              test: {
                name: 'db:server',
                include: storageTests,
                globalSetup: ['test/global-setup.ts'],
                env: { KEHOU_TEST_DB: 'server' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
