import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from './config.js';
import type { Interview } from './domain/interview.js';
import type { RiskReason } from './domain/repositories.js';
import type { TimelineItem } from './domain/timelineItems.js';
import type { WorkingCalendar } from './domain/timeline.js';
import { escalationTargets, type SettingsChange, type WorkspaceSettings } from './domain/workspaceSettings.js';
import { deliverDue, type TickReport } from './jobs/deliverDue.js';
import { escalateUnclaimed } from './jobs/escalations.js';
import { runRetention } from './jobs/retention.js';
import { checkContextRisks, postWeeklyDigest } from './jobs/riskJobs.js';
import { refreshTimezones } from './jobs/timezoneRefresh.js';
import type { Logger } from './logger.js';
import type { ChannelPacer } from './scheduling/dispatch.js';
import { boltLogger } from './slack/boltLogger.js';
import type { ListenerDeps } from './slack/context.js';
import type { Translator } from './slack/i18n/index.js';
import { CalendarService } from './slack/services/calendar.js';
import { CardPublisher } from './slack/services/cards.js';
import { HomePublisher } from './slack/services/home.js';
import { OutboxService } from './slack/services/outbox.js';
import { PrivacyService } from './slack/services/privacy.js';
import { SurfaceRefresher } from './slack/services/refresh.js';
import { RiskAlertService } from './slack/services/riskAlerts.js';
import { SlackGateway } from './slack/services/slackGateway.js';
import { TimelineService } from './slack/services/timeline.js';
import { TimezoneResolver } from './slack/services/timezones.js';
import { ViewUpdater } from './slack/services/views.js';
import { SqlConsultantRepository } from './storage/consultantRepository.js';
import { SqlInterviewRepository } from './storage/interviewRepository.js';
import { SqlOutboxRepository } from './storage/outboxRepository.js';
import { SqlDigestRepository, SqlJobRunRepository, SqlRiskRepository } from './storage/riskRepository.js';
import type { Sql } from './storage/sql.js';
import { SqlTimelineRepository } from './storage/timelineRepository.js';

/** What every workspace shares: built once by the composition root (runtime.ts). */
export interface SharedParts {
  config: Config;
  logger: Logger;
  sql: Sql;
  now: () => Date;
  /** Web API options for the listeners' client (retries, timeout, the shared transport). */
  clientOptions: WebClientOptions;
  /** One pacer for every workspace: channel ids are unique across Slack. */
  pacer: ChannelPacer;
  t: Translator;
  /** HOLIDAY_COUNTRY's working days: the same for every workspace, and built by a child process (once). */
  workingCalendar: WorkingCalendar;
  homeDebounceMs?: number;
}

/** One job of a tick, given `now` and the tick's `shouldStop`. */
export interface Job {
  name: string;
  run(now: Date, shouldStop: () => boolean): Promise<unknown>;
}

/**
 * One workspace's slice of the app (issue 16): its repositories, which read and write only its rows,
 * and services on a Slack client with its bot token. A single-token deployment has one; with the
 * OAuth install, one per installed workspace.
 */
export interface Workspace {
  readonly team: string;
  /** The bot token the slice's clients carry (to notice a reinstall with a new one). */
  readonly token: string;
  /** The settings it was built with (a save rebuilds it). */
  readonly settings: WorkspaceSettings;
  interviews: SqlInterviewRepository;
  consultants: SqlConsultantRepository;
  timeline: SqlTimelineRepository;
  risks: SqlRiskRepository;
  outbox: SqlOutboxRepository;
  /** What the listeners use for this workspace. */
  deps: ListenerDeps;
  /** The Web API for background work: never retries or waits inside a call. */
  background: SlackGateway;
  /** The tick's jobs for this workspace, in order; `report` is the last reminder run's. */
  jobs: Job[];
  report(): TickReport;
  stop(): void;
}

export const EMPTY_REPORT: TickReport = { sent: 0, skipped: 0, retried: 0, failed: 0, recovered: 0, summaries: 0, moved: 0, held: 0 };

export function buildWorkspace(
  shared: SharedParts,
  team: string,
  token: string,
  settings: WorkspaceSettings,
  saveSettings?: (change: SettingsChange, by: string, at: Date) => Promise<WorkspaceSettings>,
): Workspace {
  const { config, sql, t } = shared;
  // Every line this slice logs says whose it is (a team id: not personal data).
  const logger = shared.logger.child({ team });
  const interviews = new SqlInterviewRepository(sql, team);
  const consultants = new SqlConsultantRepository(sql, team);
  const timeline = new SqlTimelineRepository(sql, team);
  const risks = new SqlRiskRepository(sql, team);
  const digests = new SqlDigestRepository(sql, team);
  const outboxRows = new SqlOutboxRepository(sql, team);
  const jobRuns = new SqlJobRunRepository(sql, team);
  const now = shared.now;

  const slackLogger = boltLogger(logger);
  const client = new WebClient(token, { ...shared.clientOptions, logger: slackLogger });
  // The outbox decides retries itself (back-off in the database), so its client never waits inside
  // a call: a 429 comes back at once with Retry-After, and no call outlives its timeout.
  const outboxClient = new WebClient(token, {
    ...shared.clientOptions,
    logger: slackLogger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  const timezones = new TimezoneResolver(client, consultants, config.defaultTimezone, logger);
  const background = new SlackGateway(outboxClient, consultants);
  const outbox = new OutboxService({
    client: outboxClient,
    outbox: outboxRows,
    interviews,
    timeline,
    risks,
    gateway: background,
    timezoneOf: (u) => timezones.cached(u),
    t,
    logger,
    playbookUrl: config.playbookUrl,
    digestTz: config.defaultTimezone,
    quietHours: config.quietHours,
    escalateAfterMinutes: config.escalateAfterMinutes,
  });
  const cards = new CardPublisher(outbox, now);
  // Team leads and admins see "Team vandaag"; unclaimed alerts go to the leads (else the admins).
  const leads: ReadonlySet<string> = new Set([...settings.teamLeads, ...settings.admins]);
  const escalateTo = escalationTargets(settings);
  const home = new HomePublisher(client, interviews, timezones, t, logger, now, shared.homeDebounceMs, { risks, leads });
  const gateway = new SlackGateway(client, consultants);
  // Built once for listeners and the tick alike; on the outbox's client.
  const riskAlerts = new RiskAlertService(
    outboxClient,
    risks,
    interviews,
    background,
    (u) => timezones.cached(u),
    t,
    logger,
    settings.riskAlertChannel,
    config.defaultTimezone,
    // Claimed or resolved: the team leads' copies follow (outbox rows, delivered now).
    async (alert, at) => {
      await outbox.escalationUpdates(alert.id, at);
      void outbox.kick(now);
    },
  );
  const privacy = new PrivacyService(client, interviews, timeline, risks, gateway, (u) => timezones.cached(u), t, logger, outbox, now);
  const deps: ListenerDeps = {
    client,
    interviews,
    consultants,
    timeline,
    risks,
    atomically: sql.atomically,
    playbookUrl: config.playbookUrl,
    riskAlerts,
    privacy,
    outbox,
    calendar: new CalendarService(client, gateway, outboxRows, outbox, t, logger),
    timelineService: new TimelineService(timeline, interviews, timezones, outbox, now, t, logger, shared.workingCalendar),
    timezones,
    cards,
    home,
    views: new ViewUpdater(client, logger),
    refresher: new SurfaceRefresher(interviews, cards, home, riskAlerts, timeline, outbox, logger),
    t,
    logger,
    admins: settings.admins,
    leads,
    now,
    settings: { current: settings, ...(saveSettings ? { save: saveSettings } : {}) },
  };

  const deliverDeps = {
    interviews,
    timeline,
    gateway: background,
    timezoneOf: (u: string) => timezones.cached(u),
    t,
    logger,
    quietHours: config.quietHours,
    scheduleNudge: (item: TimelineItem, interview: Interview, at: Date) => outbox.nudge(item, interview, at, config.nudgeAfterMinutes),
    recordRisk: async (interview: Interview, reason: RiskReason, detail: string | undefined, at: Date) => {
      await riskAlerts.record(interview, reason, detail, at);
    },
    recordMessage: (purpose: string, interviewId: number, recipient: string, where: { channel: string; ts: string }, at: Date) =>
      outbox.record(purpose, interviewId, recipient, where, at),
  };
  let lastReport: TickReport = { ...EMPTY_REPORT };
  /**
   * What one tick does for this workspace, in order. Each job takes no new work once the tick's
   * budget is spent; the rest waits for the next tick. Zones first, so reminders are planned in the
   * right one; the outbox last, so what the jobs before it queued (a digest, erasure rewrites) goes
   * out now.
   */
  const jobs: Job[] = [
    { name: 'timezones', run: (at, shouldStop) => refreshTimezones(deps, at, { shouldStop }) },
    {
      name: 'reminders',
      run: async (at, shouldStop) => {
        lastReport = { ...EMPTY_REPORT };
        // Large enough that a burst for many consultants is one dispatch: channels never wait on each other.
        lastReport = await deliverDue(deliverDeps, at, { batchSize: 5000, pacer: shared.pacer, shouldStop, maxInTickRetryAfterMs: 10_000 });
      },
    },
    { name: 'context risks', run: (at, shouldStop) => checkContextRisks({ interviews, risks: riskAlerts }, at, shouldStop) },
    { name: 'risk alerts', run: (at, shouldStop) => riskAlerts.deliverPending(at, 200, shouldStop) },
    {
      name: 'escalations',
      run: (at, shouldStop) =>
        escalateUnclaimed(
          { risks, interviews, outbox, leads: escalateTo, afterMinutes: config.escalateAfterMinutes, logger, learnZone: (u, when) => timezones.resolve(u, when) },
          at,
          shouldStop,
        ),
    },
    {
      name: 'retention',
      run: (at, shouldStop) =>
        runRetention(
          {
            interviews,
            runs: jobRuns,
            // Many at once: delivery of the rewrites is left to the paced, budgeted outbox run below.
            erase: (interview, when) => privacy.erase(interview, when, { deliverNow: false }),
            retentionDays: config.retentionDays,
            logger,
          },
          at,
          shouldStop,
        ),
    },
    {
      name: 'digest',
      run: (at) =>
        postWeeklyDigest(
          {
            interviews,
            digests,
            enqueue: (week, channel, from, to, when) => outbox.digest(week, channel, from, to, when),
            logger,
            channel: settings.riskAlertChannel,
            tz: config.defaultTimezone,
          },
          at,
        ),
    },
    { name: 'outbox', run: (at, shouldStop) => outbox.deliver(at, shouldStop) },
  ];

  return {
    team,
    token,
    settings,
    interviews,
    consultants,
    timeline,
    risks,
    outbox: outboxRows,
    deps,
    background,
    jobs,
    report: () => lastReport,
    stop: () => home.stop(),
  };
}
