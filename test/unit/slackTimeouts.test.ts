import { afterEach, describe, expect, it, vi } from 'vitest';

/** The options of every WebClient the app creates itself (the background one: scheduler, outbox, alerts). */
const created = vi.hoisted(() => [] as Array<{ timeout?: number }>);
vi.mock('@slack/web-api', async (importOriginal) => {
  const mod = await importOriginal<typeof import('@slack/web-api')>();
  class RecordingWebClient extends mod.WebClient {
    constructor(token?: string, options?: ConstructorParameters<typeof mod.WebClient>[1]) {
      super(token, options);
      created.push({ timeout: options?.timeout });
    }
  }
  return { ...mod, WebClient: RecordingWebClient };
});

const { loadConfig } = await import('../../src/config.js');
const { createLogger } = await import('../../src/logger.js');
const { startRuntime } = await import('../../src/runtime.js');
const { SLACK_CALL_TIMEOUT_MS } = await import('../../src/slack/app.js');
const { DEFAULT_TOKEN, startFakeSlack } = await import('../support/fakeSlack.js');
const { openTestSql } = await import('../support/database.js');

let cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

describe('no Web API call waits forever', () => {
  it('both clients, the Bolt app’s and the scheduler’s, time a request out after 10 s', async () => {
    expect(SLACK_CALL_TIMEOUT_MS).toBe(10_000);
    const fake = await startFakeSlack();
    cleanup.push(() => fake.close());
    const database = await openTestSql();
    cleanup.push(() => database.close());
    const config = loadConfig({ SLACK_BOT_TOKEN: DEFAULT_TOKEN, SLACK_SIGNING_SECRET: 'timeout-secret-1', SLACK_API_URL: fake.url, PORT: '0', LOG_LEVEL: 'silent' });
    const runtime = await startRuntime({ config, logger: createLogger('silent'), sql: database.sql, now: () => new Date(), startCron: false });
    // Stopped before the database closes (cleanup runs last-in, first-out).
    cleanup.push(() => runtime.stop());

    // Bolt builds its client from the app's clientOptions (inside Bolt, so read back from it).
    expect((runtime.slack.app.client as unknown as { timeout: number }).timeout).toBe(10_000);
    // The background client (scheduler, outbox, alerts) is created by the app.
    expect(created.length).toBeGreaterThan(0);
    expect(created.map((c) => c.timeout)).toEqual(created.map(() => 10_000));
  });
});
