import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/** PostgreSQL's server binaries, as test/support/postgres.ts looks for them. */
function hasPostgres(): boolean {
  if (spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim()) return true;
  const base = '/usr/lib/postgresql';
  return existsSync(base) && readdirSync(base).some((v) => existsSync(`${base}/${v}/bin/initdb`));
}

// Everything that touches storage runs on both engines (issue 16). Tests of SQLite's own file,
// migrations and backups, and pure unit tests without a database, run once (in `sqlite`).
const ON_BOTH_ENGINES = ['test/e2e/**/*.test.ts', 'test/unit/repository.test.ts', 'test/unit/installationStore.test.ts', 'test/unit/retention.test.ts', 'test/unit/slackTimeouts.test.ts', 'test/unit/sql.test.ts'];
const SQLITE_ONLY_E2E = ['test/e2e/socketMode.test.ts'];

const postgres = hasPostgres() || Boolean(process.env.CI);
if (!postgres) {
  process.stderr.write('\n⚠ PostgreSQL is not installed: the suite runs on SQLite only (apt-get install postgresql; .ci/run does).\n\n');
}

export default defineConfig({
  test: {
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
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ON_BOTH_ENGINES,
                exclude: SQLITE_ONLY_E2E,
                globalSetup: ['test/support/pgGlobalSetup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
