import { WebClient, type WebClientOptions } from '@slack/web-api';
import { hostname } from 'node:os';
import type { Config } from './config.js';
import type { Interview } from './domain/interview.js';
import type { RiskReason } from './domain/repositories.js';
import { deliverDue, type TickReport } from './jobs/deliverDue.js';
import { refreshTimezones } from './jobs/timezoneRefresh.js';
import type { Logger } from './logger.js';
import { DEFAULT_TICK_BUDGET_MS, Scheduler } from './scheduling/scheduler.js';
import { SLACK_CALL_TIMEOUT_MS, startSlackApp, type SlackApp } from './slack/app.js';
import type { Sql } from './storage/sql.js';
import { adoptUnscopedRows } from './storage/workspace.js';
import { SqlConsultantRepository } from './storage/consultantRepository.js';
import { SqlInterviewRepository } from './storage/interviewRepository.js';
import { SqlDigestRepository, SqlJobRunRepository, SqlRiskRepository } from './storage/riskRepository.js';
import { runRetention } from './jobs/retention.js';
import { checkContextRisks, postWeeklyDigest } from './jobs/riskJobs.js';
import { escalateUnclaimed } from './jobs/escalations.js';
import type { TimelineItem } from './domain/timelineItems.js';
import { SqlTimelineRepository } from './storage/timelineRepository.js';
import { SqlOutboxRepository } from './storage/outboxRepository.js';
import { ChannelPacer, type DispatchClock, type Pacing } from './scheduling/dispatch.js';

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** The database (SQLite or PostgreSQL), migrated. */
  sql: Sql;
  /** Business time for listeners and the scheduler; main passes the real clock. */
  now: () => Date;
  /** Start the node-cron schedule (main); tests drive `tick()` themselves. */
  startCron: boolean;
  /** Overrides for Slack clients (tests shorten retries). */
  clientOptions?: Partial<WebClientOptions>;
  pacing?: Pacing;
  dispatchClock?: DispatchClock;
  /** How long a tick may run before leaving the rest for the next one (tests shorten it). */
  tickBudgetMs?: number;
}

export interface Runtime {
  slack: SlackApp;
  scheduler: Scheduler;
  interviews: SqlInterviewRepository;
  timeline: SqlTimelineRepository;
  consultants: SqlConsultantRepository;
  risks: SqlRiskRepository;
  outbox: SqlOutboxRepository;
  /** Runs the reminder job once at `now` (what each cron beat does). */
  runJob(now: Date): Promise<TickReport>;
  stop(): Promise<void>;
}

/**
 * Slack allows about one message per second per channel "while allowing short bursts". We take a
 * burst of 2, then one a second: matching Slack's bucket exactly leaves no margin for clock skew
 * between the two sides (measured: a burst of 3 against a bucket of 3 drew 200 429s in 2,000
 * sends). Should Slack answer 429 anyway, Retry-After pauses just that channel.
 */
export const DEFAULT_PACING: Pacing = { perChannelPerSecond: 1, burst: 2, concurrency: 8 };

/** Repositories → Slack app → scheduler: the part of startup shared by `npm start` and the tests. */
export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config, logger, sql } = opts;
  // The workspace this deployment serves (the bot token's): every repository below reads and writes
  // only its rows, so several workspaces (agencies) can share one database server.
  const team = await workspaceOf(config, opts.clientOptions);
  const adopted = await adoptUnscopedRows(sql, team, opts.now());
  if (adopted > 0) logger.info({ team, rows: adopted }, 'rows from before workspaces were recorded now belong to this workspace');
  const interviews = new SqlInterviewRepository(sql, team);
  const consultants = new SqlConsultantRepository(sql, team);
  const timeline = new SqlTimelineRepository(sql, team);
  const risks = new SqlRiskRepository(sql, team);
  const digests = new SqlDigestRepository(sql, team);
  const outbox = new SqlOutboxRepository(sql, team);
  const jobRuns = new SqlJobRunRepository(sql, team);

  // Created after the app (it needs the app's timezone cache) but reported by the app's /healthz.
  const ticks: { scheduler?: Scheduler } = {};
  // Which process this is, for /healthz when several run against one database (issue 16).
  const instance = { id: `${hostname()}:${process.pid}`, startedAt: opts.now().toISOString(), team };
  const slack = await startSlackApp({
    config,
    logger,
    interviews,
    consultants,
    timeline,
    risks,
    outbox,
    atomically: sql.atomically,
    now: opts.now,
    clientOptions: opts.clientOptions,
    // 503 (ok: false) when the database does not answer, no tick has finished for three cron
    // beats, or the running tick is past its budget; `problems` says which.
    health: async () => {
      await sql.get('SELECT 1');
      const s = ticks.scheduler?.state;
      const h = ticks.scheduler?.health();
      return {
        ok: h?.ok ?? true,
        ...(h && !h.ok ? { problems: h.problems } : {}),
        mode: config.slack.socketMode ? 'socket' : 'http',
        // Per instance: with several processes on one database, which one answered.
        instance,
        database: 'ok',
        engine: sql.engine,
        scheduler: {
          running: s?.running ?? false,
          ticks: s?.ticks ?? 0,
          lastTickAt: s?.lastTickAt?.toISOString() ?? null,
          lastTickMs: s?.lastDurationMs === undefined ? null : Math.round(s.lastDurationMs),
          lastError: s?.lastError ?? null,
          lastFinishedAt: s?.lastFinishedAt?.toISOString() ?? null,
          runningForMs: h?.runningForMs ?? null,
          budgetMs: h?.budgetMs ?? null,
          cron: h?.cron ?? config.schedulerCron,
          staleAt: h?.staleAt?.toISOString() ?? null,
          skippedBeats: s?.skippedBeats ?? 0,
          overBudgetTicks: s?.overBudgetTicks ?? 0,
        },
        // Messages still owed: erasure rewrites/deletions show an erasure that has not finished.
        outbox: {
          pending: await outbox.countLive(),
          erasuresPending: (await outbox.countLive('erasure_rewrite')) + (await outbox.countLive('file_delete')),
        },
      };
    },
  });

  // Built once, by the app: the background gateway (no retries inside a call, a timeout on every
  // call) and the translator the listeners use.
  const gateway = slack.background;
  const t = slack.deps.t;
  const timezoneOf = (u: string) => slack.deps.timezones.cached(u);
  // One instance, built by the app (listeners raise and resolve alerts too).
  const riskAlerts = slack.deps.riskAlerts;
  const pacer = new ChannelPacer(opts.pacing ?? DEFAULT_PACING, opts.dispatchClock);
  // Built once, by the app: erasure only writes rows; the outbox delivers them.
  const privacy = slack.deps.privacy;
  const tickBudgetMs = opts.tickBudgetMs ?? DEFAULT_TICK_BUDGET_MS;
  // Who hears about unclaimed risk alerts: the team leads, or the admins when none are named.
  const leads = [...(config.teamLeadUserIds.size > 0 ? config.teamLeadUserIds : config.adminUserIds)];
  if (leads.length === 0) {
    logger.warn({}, 'no TEAM_LEAD_USER_IDS or ADMIN_USER_IDS: unclaimed risk alerts are not escalated to anyone');
  }
  const deliverDeps = {
    interviews,
    timeline,
    gateway,
    timezoneOf,
    t,
    logger,
    quietHours: config.quietHours,
    scheduleNudge: (item: TimelineItem, interview: Interview, at: Date) => slack.deps.outbox.nudge(item, interview, at, config.nudgeAfterMinutes),
    recordRisk: async (interview: Interview, reason: RiskReason, detail: string | undefined, at: Date) => {
      await riskAlerts.record(interview, reason, detail, at);
    },
    recordMessage: (purpose: string, interviewId: number, recipient: string, where: { channel: string; ts: string }, at: Date) =>
      slack.deps.outbox.record(purpose, interviewId, recipient, where, at),
  };
  let lastReport: TickReport = { sent: 0, skipped: 0, retried: 0, failed: 0, recovered: 0, summaries: 0, moved: 0, held: 0 };
  /**
   * What one tick does, in order. Each job is given `now` and the tick's `shouldStop`: it takes no
   * new work once the budget is spent, and the rest waits for the next tick (a call already in
   * flight ends within its timeout). Zones first, so reminders are planned in the right one; the
   * outbox last, so what the jobs before it queued (a digest, erasure rewrites) goes out now.
   */
  const jobs: Array<{ name: string; run: (now: Date, shouldStop: () => boolean) => Promise<unknown> | unknown }> = [
    { name: 'timezones', run: (now, shouldStop) => refreshTimezones(slack.deps, now, { shouldStop }) },
    {
      name: 'reminders',
      run: async (now, shouldStop) => {
        // Large enough that a burst for many consultants is one dispatch: channels never wait on each other.
        lastReport = await deliverDue(deliverDeps, now, { batchSize: 5000, pacer, shouldStop, maxInTickRetryAfterMs: 10_000 });
      },
    },
    { name: 'context risks', run: (now, shouldStop) => checkContextRisks({ interviews, risks: riskAlerts }, now, shouldStop) },
    { name: 'risk alerts', run: (now, shouldStop) => riskAlerts.deliverPending(now, 200, shouldStop) },
    {
      name: 'escalations',
      run: (now, shouldStop) =>
        escalateUnclaimed(
          { risks, interviews, outbox: slack.deps.outbox, leads, afterMinutes: config.escalateAfterMinutes, logger, learnZone: (u, at) => slack.deps.timezones.resolve(u, at) },
          now,
          shouldStop,
        ),
    },
    {
      name: 'retention',
      run: (now, shouldStop) =>
        runRetention(
          {
            interviews,
            runs: jobRuns,
            // Many at once: delivery of the rewrites is left to the paced, budgeted outbox run below.
            erase: (interview, at) => privacy.erase(interview, at, { deliverNow: false }),
            retentionDays: config.retentionDays,
            logger,
          },
          now,
          shouldStop,
        ),
    },
    {
      name: 'digest',
      run: (now) =>
        postWeeklyDigest(
          {
            interviews,
            digests,
            enqueue: (week, channel, from, to, at) => slack.deps.outbox.digest(week, channel, from, to, at),
            logger,
            channel: config.riskAlertChannel,
            tz: config.defaultTimezone,
          },
          now,
        ),
    },
    { name: 'outbox', run: (now, shouldStop) => slack.deps.outbox.deliver(now, shouldStop) },
  ];
  const runTick = async (now: Date): Promise<TickReport> => {
    const deadline = performance.now() + tickBudgetMs;
    const shouldStop = () => performance.now() > deadline;
    lastReport = { sent: 0, skipped: 0, retried: 0, failed: 0, recovered: 0, summaries: 0, moved: 0, held: 0 };
    for (const job of jobs) {
      // The reminders always get their turn (they stop themselves); later jobs wait for the next tick.
      if (shouldStop() && job.name !== 'reminders') {
        logger.warn({ budgetMs: tickBudgetMs, skipped: job.name }, 'reminder tick used its whole budget; the rest waits for the next tick');
        break;
      }
      await job.run(now, shouldStop);
    }
    return lastReport;
  };

  const scheduler = new Scheduler(runTick, logger, opts.now, { cron: config.schedulerCron, budgetMs: tickBudgetMs });
  /** A run outside the cron (tests drive ticks themselves) counts as a finished tick too. */
  const runJob = async (now: Date) => {
    const report = await runTick(now);
    scheduler.noteFinished();
    return report;
  };
  ticks.scheduler = scheduler;
  if (opts.startCron) scheduler.start(config.schedulerCron);

  return {
    slack,
    scheduler,
    interviews,
    timeline,
    consultants,
    risks,
    outbox,
    runJob,
    async stop() {
      await slack.stop();
      await scheduler.stop();
    },
  };
}

/** auth.test: the bot token's workspace (an org-wide install answers with its enterprise). */
async function workspaceOf(config: Config, clientOptions: Partial<WebClientOptions> | undefined): Promise<string> {
  const client = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, timeout: SLACK_CALL_TIMEOUT_MS, ...clientOptions });
  const who = await client.auth.test();
  const team = who.team_id ?? who.enterprise_id;
  if (!team) throw new Error('Slack did not say which workspace the bot token belongs to (auth.test without team_id)');
  return team;
}
