import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure, no I/O) and `integration` (everything that talks to a real
// Elasticsearch: test/integration, test/mcp, test/e2e). The integration project's globalSetup
// starts one real cluster per run (or reuses ES_URL + credentials) and always stops it.
export default defineConfig({
  test: {
    reporters: ['default', './tools/vitest-summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/mcp/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/elasticsearch.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
