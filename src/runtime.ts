import { WebClient, type WebClientOptions } from '@slack/web-api';
import { hostname } from 'node:os';
import type { Config } from './config.js';
import type { TickReport } from './jobs/deliverDue.js';
import type { Logger } from './logger.js';
import { DEFAULT_TICK_BUDGET_MS, Scheduler } from './scheduling/scheduler.js';
import { checkScopes, DEFAULT_RETRY, SLACK_CALL_TIMEOUT_MS, startSlackApp, type SlackApp } from './slack/app.js';
import { createTranslator } from './slack/i18n/index.js';
import { createWorkerFetch } from './slack/workerFetch.js';
import { SqlInstallationStore } from './storage/installationStore.js';
import { liveOutboxOfInstalledWorkspaces } from './storage/outboxRepository.js';
import type { Sql } from './storage/sql.js';
import { TokenCipher } from './storage/tokenCipher.js';
import { adoptUnscopedRows } from './storage/workspace.js';
import { ChannelPacer, type DispatchClock, type Pacing } from './scheduling/dispatch.js';
import { buildWorkspace, EMPTY_REPORT, type SharedParts, type Workspace } from './workspace.js';
import { Workspaces } from './workspaces.js';
import { holidayCalendar } from './workingCalendar.js';
import { TokenKeyMismatchError } from './errors.js';
import { escalationTargets, type WorkspaceSettings } from './domain/workspaceSettings.js';

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
  /** The workspaces served: one with SLACK_BOT_TOKEN, the installed ones with the OAuth install. */
  workspaces: Workspaces;
  /** The installations (OAuth install only). */
  installations?: SqlInstallationStore;
  /** A workspace's slice; without `team`, the one of a single-token deployment. */
  workspace(team?: string): Workspace;
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

/**
 * The composition root: shared parts → the workspaces (one per bot token) → Slack app → scheduler.
 * Shared by `npm start` and the tests.
 */
export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config, logger, sql } = opts;
  // Every Web API client shares one transport thread (workerFetch.ts: keeps HTTP off the event loop).
  const transport = createWorkerFetch();
  const clientOptions: WebClientOptions = {
    slackApiUrl: config.slack.apiUrl,
    fetch: transport.fetch,
    retryConfig: DEFAULT_RETRY,
    timeout: SLACK_CALL_TIMEOUT_MS,
    ...opts.clientOptions,
  };
  const shared: SharedParts = {
    config,
    logger,
    sql,
    now: opts.now,
    clientOptions,
    pacer: new ChannelPacer(opts.pacing ?? DEFAULT_PACING, opts.dispatchClock),
    t: createTranslator(config.language),
    workingCalendar: holidayCalendar(config.holidayCountry, opts.now()),
  };

  let workspaces: Workspaces;
  let installations: SqlInstallationStore | undefined;
  let bot: { botId: string; botUserId: string } | undefined;
  const oauth = config.slack.oauth;
  try {
    if (oauth) {
      // Every workspace installs the app itself; each one's token comes from the database.
      installations = new SqlInstallationStore(sql, TokenCipher.fromKey(oauth.encryptionKey), opts.now);
      // Channel and user ids exist in one workspace: each installed workspace has its own settings.
      const oneWorkspaceOnly = [
        ...(config.riskAlertChannel ? ['RISK_ALERT_CHANNEL'] : []),
        ...(config.adminUserIds.size > 0 ? ['ADMIN_USER_IDS'] : []),
        ...(config.teamLeadUserIds.size > 0 ? ['TEAM_LEAD_USER_IDS'] : []),
      ];
      if (oneWorkspaceOnly.length > 0) {
        logger.warn({ variables: oneWorkspaceOnly }, 'with the OAuth install these are ignored: each workspace’s admins set them with /interviewprep instellingen');
      }
      const unreadable = (await installations.active()).filter((i) => i.botToken === undefined);
      if (unreadable.length > 0) throw new TokenKeyMismatchError(unreadable.length);
      const store = installations;
      workspaces = new Workspaces(
        {
          kind: 'installed',
          store,
          // A save makes every instance rebuild the slice (the settings' version changes).
          build: (team, token, settings) => buildWorkspace(shared, team, token, settings, (change, by, at) => workspaces.saveSettings(team, change, by, at)),
        },
        sql,
        logger,
        config.retentionDays,
      );
    } else {
      // The workspace of the bot token (auth.test, asked once: Bolt is given the answer): every
      // repository reads and writes only its rows, so several deployments can share one database.
      const token = config.slack.botToken as string;
      const who = await new WebClient(token, clientOptions).auth.test();
      const team = who.team_id ?? who.enterprise_id;
      if (!team) throw new Error('Slack did not say which workspace the bot token belongs to (auth.test without team_id)');
      checkScopes(who.response_metadata?.scopes, logger);
      if (who.bot_id && who.user_id) bot = { botId: who.bot_id, botUserId: who.user_id };
      const adopted = await adoptUnscopedRows(sql, team, opts.now());
      if (adopted > 0) logger.info({ team, rows: adopted }, 'rows from before workspaces were recorded now belong to this workspace');
      const settings: WorkspaceSettings = { riskAlertChannel: config.riskAlertChannel, admins: config.adminUserIds, teamLeads: config.teamLeadUserIds, version: 0 };
      if (escalationTargets(settings).length === 0) {
        logger.warn({}, 'no TEAM_LEAD_USER_IDS or ADMIN_USER_IDS: unclaimed risk alerts are not escalated to anyone');
      }
      workspaces = new Workspaces({ kind: 'single', workspace: buildWorkspace(shared, team, token, settings) }, sql, logger, config.retentionDays);
    }
  } catch (error) {
    await transport.close();
    throw error;
  }

  // Created after the app but reported by the app's /healthz.
  const ticks: { scheduler?: Scheduler } = {};
  // Which process this is, for /healthz when several run against one database (issue 16).
  const single = workspaces.installed ? undefined : workspaces.all()[0];
  const instance = { id: `${hostname()}:${process.pid}`, startedAt: opts.now().toISOString(), ...(single ? { team: single.team } : {}) };
  let slack: SlackApp;
  try {
    slack = await startSlackApp({
      config,
      logger,
      clientOptions,
      bot,
      installationStore: installations,
      workspaceFor: async (context) => (await workspaces.forRequest(context)).deps,
      lifecycle: { stopped: (team, reason, at) => workspaces.stopped(team, reason, at), now: opts.now },
      // 503 (ok: false) when the database does not answer, no tick has finished for three cron
      // beats, or the running tick is past its budget; `problems` says which.
      health: async () => {
        await sql.get('SELECT 1');
        const s = ticks.scheduler?.state;
        const h = ticks.scheduler?.health();
        // One query either way (with the OAuth install: every installed workspace's rows at once).
        const outbox = single ? await single.outbox.live() : await liveOutboxOfInstalledWorkspaces(sql);
        return {
          ok: h?.ok ?? true,
          ...(h && !h.ok ? { problems: h.problems } : {}),
          mode: config.slack.socketMode ? 'socket' : 'http',
          // Per instance: with several processes on one database, which one answered.
          instance,
          install: workspaces.installed ? 'oauth' : 'token',
          workspaces: workspaces.all().length,
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
          outbox,
        };
      },
    });
  } catch (error) {
    workspaces.stop();
    await transport.close();
    throw error;
  }

  const tickBudgetMs = opts.tickBudgetMs ?? DEFAULT_TICK_BUDGET_MS;
  let first = 0;
  /**
   * One tick: each workspace's jobs (workspace.ts), all within one budget. Once it is spent a
   * workspace's reminders still get their turn (they stop themselves), later jobs wait for the next
   * tick; the workspace that goes first rotates, so a large one cannot starve the rest. A workspace
   * whose job fails does not stop the others; the tick reports the failure after all had their turn.
   */
  const runTick = async (now: Date): Promise<TickReport> => {
    const deadline = performance.now() + tickBudgetMs;
    const shouldStop = () => performance.now() > deadline;
    const served = await workspaces.sync();
    first = served.length > 0 ? (first + 1) % served.length : 0;
    const order = [...served.slice(first), ...served.slice(0, first)];
    const report: TickReport = { ...EMPTY_REPORT };
    const failures: unknown[] = [];
    let warned = false;
    for (const workspace of order) {
      try {
        for (const job of workspace.jobs) {
          if (shouldStop() && job.name !== 'reminders') {
            if (!warned) logger.warn({ budgetMs: tickBudgetMs, skipped: job.name, team: workspace.team }, 'reminder tick used its whole budget; the rest waits for the next tick');
            warned = true;
            break;
          }
          await job.run(now, shouldStop);
        }
      } catch (error) {
        if (single) throw error;
        logger.error({ team: workspace.team, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } }, 'a workspace’s tick failed; the others went on');
        failures.push(error);
      }
      for (const [k, v] of Object.entries(workspace.report())) report[k as keyof TickReport] += v;
    }
    if (!shouldStop()) await workspaces.eraseStopped(now, shouldStop);
    if (failures.length > 0) throw failures[0];
    return report;
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
    workspaces,
    installations,
    workspace(team?: string): Workspace {
      const found = team === undefined ? single : workspaces.all().find((w) => w.team === team);
      if (!found) throw new Error(team === undefined ? 'several workspaces: name the team' : `no slice for workspace ${team}`);
      return found;
    },
    runJob,
    async stop() {
      await slack.stop();
      await scheduler.stop();
      workspaces.stop();
      await transport.close();
    },
  };
}
