import type { Engine } from '../src/storage/sql.js';
import { startHarness, type Harness } from '../test/support/harness.js';
import { installThroughOAuth } from '../test/support/oauth.js';
import { benchDatabase } from './databases.js';
import { seedDueNow } from './seed.js';
import { median, round } from './stats.js';

const NOW = new Date('2026-12-07T08:00:00Z');

export interface WorkspacesResult {
  engine: Engine;
  workspaces: number;
  due: number;
  /** One workspace (SLACK_BOT_TOKEN) with all due reminders. */
  oneMs: number;
  /** The same reminders spread over `workspaces` workspaces installed through OAuth, one deployment. */
  manyMs: number;
  ratio: number;
  /** A tick with nothing due, per installed workspace: what each installation costs every minute. */
  idlePerWorkspaceMs: number;
}

/**
 * One deployment serving many workspaces (issue 16): the same 100 due reminders delivered by one
 * tick, all in one workspace vs spread over 100 workspaces installed through the OAuth flow (each
 * slice runs its own jobs: zones, reminders, risks, escalations, retention, digest, outbox). Median
 * of 5 ticks each, fresh due reminders every time, after a warm-up tick.
 */
export async function benchWorkspaces(engine: Engine, workspaces = 100, due = 100): Promise<WorkspacesResult> {
  const measure = async (h: Harness, teams: string[]): Promise<number> => {
    const times: number[] = [];
    for (let run = 0; run < 6; run++) {
      for (const [i, team] of teams.entries()) {
        await seedDueNow(h.sql, { count: due / teams.length, owners: due / teams.length, now: h.clock.now(), ownerPrefix: `UW${run}${String(i).padStart(3, '0')}`, team });
      }
      const t0 = performance.now();
      const report = await h.tick();
      const ms = performance.now() - t0;
      if (report.sent !== due) throw new Error(`tick sent ${report.sent}, expected ${due}`);
      if (run > 0) times.push(ms); // the first run builds the slices and opens DMs
      h.clock.advance(60_000);
    }
    return median(times);
  };
  const pacing = { perChannelPerSecond: 1000, burst: 1000, concurrency: 8 };

  const one = await benchDatabase(engine);
  const single = await startHarness({ sql: one.sql, now: NOW, env: { LOG_LEVEL: 'silent' }, pacing });
  const oneMs = await measure(single, [single.fake.teamId]);
  await single.close();
  await one.close();

  const db = await benchDatabase(engine);
  const many = await startHarness({ sql: db.sql, now: NOW, env: { LOG_LEVEL: 'silent' }, pacing, oauth: true });
  const teams = Array.from({ length: workspaces }, (_, i) => `TW${String(i).padStart(5, '0')}`);
  for (const team of teams) {
    const installed = await installThroughOAuth(many, { teamId: team, userId: `UI${team}` });
    if (installed.status !== 200) throw new Error(`install of ${team} answered ${installed.status}`);
  }
  const manyMs = await measure(many, teams);
  const idle: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    await many.tick();
    idle.push(performance.now() - t0);
    many.clock.advance(60_000);
  }
  await many.close();
  await db.close();
  return { engine, workspaces, due, oneMs: round(oneMs), manyMs: round(manyMs), ratio: round(manyMs / oneMs), idlePerWorkspaceMs: round(median(idle) / workspaces, 2) };
}
