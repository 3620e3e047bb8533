import { defineConfig } from 'vitest/config';

// Unit and integration tests run on the embedded PostgreSQL (PGlite). When TEST_DATABASE_URL
// names a PostgreSQL server (CI makes a fresh database), the integration tests (*.int.test.ts)
// run a second time against it, so both databases are covered by the same assertions; the few
// tests that need a server's concurrency (*.pg.test.ts) run there only.
const onServer = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
          // *.pg.test.ts need what only a server gives (two transactions at once).
          exclude: ['**/*.pg.test.ts', '**/node_modules/**'],
          env: { CARETRUST_TEST_DB: 'pglite' },
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...(onServer
        ? [
            {
              test: {
                name: 'postgresql',
                include: ['src/**/*.int.test.ts', 'tests/**/*.int.test.ts', 'src/**/*.pg.test.ts'],
                env: { CARETRUST_TEST_DB: 'postgresql' },
                globalSetup: ['tests/support/global-setup.ts'],
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
