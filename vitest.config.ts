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
    // On CI's two loaded cores an end-to-end test that waits for a Slack effect may, rarely, miss
    // its polling window; one retry there keeps a landing from hanging on that. Locally a failure
    // is reported at once.
    retry: process.env.CI ? 1 : 0,
  },
});
