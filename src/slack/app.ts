import { App, HTTPReceiver, SocketModeReceiver, type CustomRoute } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import type { OutboxRepository } from '../domain/outbox.js';
import type { Atomically, ConsultantRepository, InterviewRepository, RiskRepository } from '../domain/repositories.js';
import type { TimelineRepository } from '../domain/timelineItems.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../logger.js';
import { boltLogger } from './boltLogger.js';
import type { ListenerDeps } from './context.js';
import { createTranslator } from './i18n/index.js';
import { registerListeners } from './listeners/index.js';
import { CardPublisher } from './services/cards.js';
import { OutboxService } from './services/outbox.js';
import { HomePublisher } from './services/home.js';
import { SlackGateway } from './services/slackGateway.js';
import { RiskAlertService } from './services/riskAlerts.js';
import { PrivacyService } from './services/privacy.js';
import { CalendarService } from './services/calendar.js';
import { SurfaceRefresher } from './services/refresh.js';
import { TimelineService } from './services/timeline.js';
import { TimezoneResolver } from './services/timezones.js';
import { ViewUpdater } from './services/views.js';
import { classifySlackError } from './slackErrors.js';
import { notifyUser } from './services/notify.js';
import { createWorkerFetch } from './workerFetch.js';
import { holidayCalendar } from '../workingCalendar.js';

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  interviews: InterviewRepository;
  consultants: ConsultantRepository;
  timeline: TimelineRepository;
  risks: RiskRepository;
  outbox: OutboxRepository;
  atomically: Atomically;
  now: () => Date;
  /** What GET /healthz reports besides `ok`; rejecting (or ok: false) answers 503. */
  health: () => Promise<{ ok: boolean } & Record<string, unknown>>;
  /** Overrides for the WebClient (tests shorten retries). */
  clientOptions?: Partial<WebClientOptions>;
  /** How long Home refreshes are gathered (tests shorten it). */
  homeDebounceMs?: number;
}

export interface SlackApp {
  app: App;
  deps: ListenerDeps;
  /**
   * The Web API for background work (the scheduler, the outbox, risk alerts): never retries or
   * waits inside a call — back-off lives in the database — and never outlives its timeout.
   */
  background: SlackGateway;
  /** The HTTP port actually bound (PORT, or the ephemeral one when PORT=0). */
  port: number;
  stop(): Promise<void>;
}

/** Web API retries for calls whose loss a user would notice (cards, modals): a few, quickly. */
export const DEFAULT_RETRY: WebClientOptions['retryConfig'] = { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 5000 };
/**
 * Every Web API request (each attempt) gets no answer for at most this long, then fails as
 * `timeout` (slackErrors.ts): retryable, and "may have reached Slack" for a send.
 */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

export async function startSlackApp(opts: SlackAppOptions): Promise<SlackApp> {
  const { config, logger } = opts;
  const slackLogger = boltLogger(logger);
  // Every Web API client shares one transport thread (workerFetch.ts: keeps HTTP off the event loop).
  const transport = createWorkerFetch();
  const clientOptions: WebClientOptions = {
    slackApiUrl: config.slack.apiUrl,
    fetch: transport.fetch,
    retryConfig: DEFAULT_RETRY,
    timeout: SLACK_CALL_TIMEOUT_MS,
    ...opts.clientOptions,
  };
  const healthRoute: CustomRoute = { path: '/healthz', method: ['GET'], handler: healthHandler(opts.health) };

  let healthServer: Server | undefined;
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (config.slack.socketMode) {
    receiver = new SocketModeReceiver({
      appToken: config.slack.appToken as string,
      logger: slackLogger,
      installerOptions: { clientOptions },
      // As in HTTP mode: a payload that failed before its ack is still acknowledged (app.error has
      // logged it and told the user), so Slack does not redeliver it or show an error.
      processEventErrorHandler: async () => true,
    });
    // Socket Mode has no inbound HTTP; /healthz still answers on PORT for the operator's probes.
    healthServer = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method === 'GET' && path === '/healthz') return healthRoute.handler(Object.assign(req, { params: {} }), res);
      res.writeHead(404).end();
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret as string,
      endpoints: '/slack/events',
      customRoutes: [healthRoute],
      logger: slackLogger,
      processBeforeResponse: false,
      // A payload Bolt cannot route or a listener that failed before acknowledging: Slack gets a
      // plain 200 (no retry storm, no error banner); app.error has logged it and told the user.
      processEventErrorHandler: async ({ error, response }) => {
        if (response.headersSent) return false;
        if ((error as { code?: string }).code === 'slack_bolt_authorization_error') {
          response.writeHead(401).end();
          return true;
        }
        response.writeHead(200).end();
        return true;
      },
    });
  }

  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: slackLogger,
    clientOptions,
    deferInitialization: true,
    extendedErrorHandler: true,
  });

  const t = createTranslator(config.language);
  const timezones = new TimezoneResolver(app.client, opts.consultants, config.defaultTimezone, logger);
  // The outbox decides retries itself (back-off in the database), so its client never waits inside
  // a call: a 429 comes back at once with Retry-After, and no call outlives its timeout.
  const outboxClient = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    logger: slackLogger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: SLACK_CALL_TIMEOUT_MS,
    fetch: transport.fetch,
    ...opts.clientOptions,
  });
  const backgroundGateway = new SlackGateway(outboxClient, opts.consultants);
  const outbox = new OutboxService({
    client: outboxClient,
    outbox: opts.outbox,
    interviews: opts.interviews,
    timeline: opts.timeline,
    risks: opts.risks,
    gateway: backgroundGateway,
    timezoneOf: (u) => timezones.cached(u),
    t,
    logger,
    playbookUrl: config.playbookUrl,
    digestTz: config.defaultTimezone,
    quietHours: config.quietHours,
    escalateAfterMinutes: config.escalateAfterMinutes,
  });
  const cards = new CardPublisher(outbox, opts.now);
  const leads: ReadonlySet<string> = new Set([...config.teamLeadUserIds, ...config.adminUserIds]);
  const home = new HomePublisher(app.client, opts.interviews, timezones, t, logger, opts.now, opts.homeDebounceMs, { risks: opts.risks, leads });
  const gateway = new SlackGateway(app.client, opts.consultants);
  // Built once for listeners and the tick alike; on the outbox's client, which never waits inside a
  // call (back-off lives in the database).
  const riskAlerts = new RiskAlertService(
    outboxClient,
    opts.risks,
    opts.interviews,
    backgroundGateway,
    (u) => timezones.cached(u),
    t,
    logger,
    config.riskAlertChannel,
    config.defaultTimezone,
    // Claimed or resolved: the team leads' copies follow (outbox rows, delivered now).
    async (alert, now) => {
      await outbox.escalationUpdates(alert.id, now);
      void outbox.kick(opts.now);
    },
  );
  const deps: ListenerDeps = {
    client: app.client,
    interviews: opts.interviews,
    consultants: opts.consultants,
    timeline: opts.timeline,
    risks: opts.risks,
    atomically: opts.atomically,
    playbookUrl: config.playbookUrl,
    riskAlerts,
    privacy: new PrivacyService(app.client, opts.interviews, opts.timeline, opts.risks, gateway, (u) => timezones.cached(u), t, logger, outbox, opts.now),
    outbox,
    calendar: new CalendarService(app.client, gateway, opts.outbox, outbox, t, logger),
    timelineService: new TimelineService(opts.timeline, opts.interviews, timezones, outbox, opts.now, t, logger, holidayCalendar(config.holidayCountry, opts.now())),
    timezones,
    cards,
    home,
    views: new ViewUpdater(app.client, logger),
    refresher: new SurfaceRefresher(opts.interviews, cards, home, riskAlerts, opts.timeline, outbox, logger),
    t,
    logger,
    admins: config.adminUserIds,
    leads,
    now: opts.now,
  };
  registerListeners(app, deps);

  // The one place unhandled listener errors land: sort them, log without personal data, and tell
  // the user (if there is one) in plain words instead of leaving them with a spinner.
  const onError = async ({ error, body }: { error: Error; body: unknown }): Promise<void> => {
    const original = (error as { original?: unknown }).original ?? error;
    const userId = (body as { user?: { id?: unknown }; user_id?: unknown } | undefined)?.user?.id ?? (body as { user_id?: unknown })?.user_id;
    if (original instanceof UserFacingError) {
      logger.info({ reason: original.messageKey }, 'request refused');
      return;
    }
    const slack = classifySlackError(original);
    logger.error(
      { err: { name: (original as Error)?.name, code: slack.code }, retryable: slack.retryable },
      'unhandled listener error',
    );
    if (typeof userId === 'string' && /^[UW][A-Z0-9]+$/.test(userId)) {
      await notifyUser(app.client, logger, { user: userId }, t('error.generic'));
    }
  };
  // Bolt types app.error for the plain handler; with extendedErrorHandler it passes these args.
  app.error(onError as unknown as Parameters<App['error']>[0]);

  // auth.test: fails fast with a clear message when the token is wrong.
  await app.init();
  await checkScopes(app, logger);

  let port: number;
  if (healthServer) {
    await app.start();
    port = await listen(healthServer, config.port);
  } else {
    const server = (await app.start(config.port)) as unknown as Server;
    port = (server.address() as AddressInfo).port;
  }

  return {
    app,
    deps,
    background: backgroundGateway,
    port,
    async stop() {
      home.stop();
      await app.stop();
      if (healthServer) await new Promise<void>((resolve) => healthServer.close(() => resolve()));
      await transport.close();
    },
  };
}

/** The bot scopes every feature needs (manifest.yml declares them). */
export const REQUIRED_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'im:history',
  'reactions:read',
  'users:read',
  'files:write',
] as const;

export class MissingScopesError extends Error {
  override readonly name = 'MissingScopesError';
  constructor(readonly missing: string[]) {
    super(
      `The Slack token lacks these scopes: ${missing.join(', ')}. Add them under OAuth & Permissions ` +
        '(or recreate the app from manifest.yml) and reinstall the app to the workspace.',
    );
  }
}

/**
 * Verifies the token's scopes (Slack reports them in the x-oauth-scopes header of auth.test) and
 * names the missing ones. A proxy that drops the header only gets a warning.
 */
async function checkScopes(app: App, logger: Logger): Promise<void> {
  const res = await app.client.auth.test();
  const granted = res.response_metadata?.scopes;
  if (!granted) {
    logger.warn('Slack did not report the token scopes; skipping the scope check');
    return;
  }
  const missing = REQUIRED_SCOPES.filter((s) => !granted.includes(s));
  if (missing.length > 0) throw new MissingScopesError(missing);
  logger.info({ scopes: granted.length }, 'token verified');
}

function healthHandler(health: SlackAppOptions['health']) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: Record<string, unknown>;
    try {
      body = await health();
    } catch (error) {
      // The database check threw (closed, locked, disk gone): say so without details.
      body = { ok: false, problems: [`health check failed: ${error instanceof Error ? error.name : 'error'}`] };
    }
    res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve((server.address() as AddressInfo).port));
  });
}
