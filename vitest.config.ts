import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Each file starts its own app, fake Slack and database; two cores, so keep it modest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
