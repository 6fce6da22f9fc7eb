import { App, ErrorCode, HTTPReceiver, SocketModeReceiver, type Context, type CustomRoute, type InstallationStore } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../logger.js';
import { boltLogger } from './boltLogger.js';
import type { AppDeps, ListenerDeps } from './context.js';
import { registerListeners } from './listeners/index.js';
import { classifySlackError } from './slackErrors.js';
import { notifyUser } from './services/notify.js';
import { installPages } from './installPages.js';

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  /** The listeners' dependencies for the workspace a request comes from (its runtime slice). */
  workspaceFor: (context: Context) => Promise<ListenerDeps>;
  /** What the app does about its own lifecycle in a workspace (uninstalled, tokens revoked). */
  lifecycle: AppDeps['lifecycle'];
  /** One workspace: the bot's identity, learned once at start (auth.test), so Bolt needs not ask again. */
  bot?: { botId: string; botUserId: string };
  /** One install per workspace: where Bolt's installer keeps the installations. */
  installationStore?: InstallationStore;
  /** What GET /healthz reports besides `ok`; rejecting (or ok: false) answers 503. */
  health: () => Promise<{ ok: boolean } & Record<string, unknown>>;
  /** Web API options (the shared transport, retries, timeout). */
  clientOptions: WebClientOptions;
}

export interface SlackApp {
  app: App;
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

/** Bolt with its receiver (HTTP or Socket Mode), the listeners wired, started. */
export async function startSlackApp(opts: SlackAppOptions): Promise<SlackApp> {
  const { config, logger } = opts;
  const slackLogger = boltLogger(logger);
  const clientOptions = opts.clientOptions;
  const healthRoute: CustomRoute = { path: '/healthz', method: ['GET'], handler: healthHandler(opts.health) };
  const oauth = config.slack.oauth;
  if (oauth && !opts.installationStore) throw new Error('the OAuth install needs an installation store');

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
    const pages = installPages(config.language);
    receiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret as string,
      endpoints: '/slack/events',
      customRoutes: [healthRoute],
      logger: slackLogger,
      processBeforeResponse: false,
      // One install per workspace: Bolt's installer serves /slack/install and /slack/oauth_redirect
      // (state in a signed cookie, the code exchanged through oauth.v2.access) and keeps each
      // workspace's bot token in our database (installationStore).
      ...(oauth
        ? {
            clientId: oauth.clientId,
            clientSecret: oauth.clientSecret,
            stateSecret: oauth.stateSecret,
            scopes: [...INSTALL_SCOPES],
            installationStore: opts.installationStore,
            installerOptions: {
              // Straight to Slack's consent screen: no extra "Add to Slack" page in between.
              directInstall: true,
              clientOptions,
              callbackOptions: {
                success: (installation, _options, _req, res) => pages.success(res, installation.team?.name ?? installation.enterprise?.name),
                failure: (error, _options, _req, res) => {
                  // The flow failed (cancelled, a stale or forged state, a code Slack refused): log
                  // the kind, show a plain page with the way back — never the error itself.
                  logger.warn({ code: (error as { code?: string }).code ?? error.name }, 'an install did not complete');
                  pages.failure(res);
                },
              },
            },
          }
        : {}),
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
    // One workspace: its token (and, learned at start, the bot's ids: no second auth.test). With the
    // OAuth install Bolt's installer authorizes each request from the installation store instead.
    ...(oauth ? {} : { token: config.slack.botToken, ...(opts.bot ? { botId: opts.bot.botId, botUserId: opts.bot.botUserId, tokenVerificationEnabled: false } : {}) }),
    receiver,
    logger: slackLogger,
    clientOptions,
    deferInitialization: true,
    extendedErrorHandler: true,
  });

  registerListeners(app, opts.workspaceFor, { logger, lifecycle: opts.lifecycle });

  // The one place unhandled listener errors land: sort them, log without personal data, and tell
  // the user (if there is one) in plain words instead of leaving them with a spinner.
  const onError = async ({ error, body, context }: { error: Error; body: unknown; context?: Context }): Promise<void> => {
    const original = (error as { original?: unknown }).original ?? error;
    const userId = (body as { user?: { id?: unknown }; user_id?: unknown } | undefined)?.user?.id ?? (body as { user_id?: unknown })?.user_id;
    if (original instanceof UserFacingError) {
      logger.info({ reason: original.messageKey }, 'request refused');
      return;
    }
    if ((error as { code?: string }).code === ErrorCode.AuthorizationError) {
      // A workspace without an (active) installation: Bolt acknowledges it and runs no listener.
      const team = (body as { team_id?: unknown; team?: { id?: unknown } } | undefined)?.team_id ?? (body as { team?: { id?: unknown } })?.team?.id;
      logger.warn({ team: typeof team === 'string' ? team : undefined }, 'ignored a request from a workspace that has not installed the app');
      return;
    }
    const slack = classifySlackError(original);
    logger.error(
      { err: { name: (original as Error)?.name, code: slack.code }, retryable: slack.retryable, team: context?.teamId },
      'unhandled listener error',
    );
    if (typeof userId === 'string' && /^[UW][A-Z0-9]+$/.test(userId) && context?.botToken) {
      // The workspace's own client: with several workspaces the app's client has no token.
      const deps = await opts.workspaceFor(context).catch(() => undefined);
      if (deps) await notifyUser(deps.client, logger, { user: userId }, deps.t('error.generic'));
    }
  };
  // Bolt types app.error for the plain handler; with extendedErrorHandler it passes these args.
  app.error(onError as unknown as Parameters<App['error']>[0]);

  await app.init();

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
    port,
    async stop() {
      await app.stop();
      if (healthServer) await new Promise<void>((resolve) => healthServer.close(() => resolve()));
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

/**
 * What a workspace grants when it installs the app through the OAuth flow: every bot scope of
 * manifest.yml — the required ones and those for the risk channel (checking it, reading its history).
 */
export const INSTALL_SCOPES = [...REQUIRED_SCOPES, 'channels:read', 'groups:read', 'channels:history', 'groups:history'] as const;

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
 * The token's scopes (Slack reports them in the x-oauth-scopes header of auth.test): names the
 * missing ones. A proxy that drops the header only gets a warning.
 */
export function checkScopes(granted: readonly string[] | undefined, logger: Logger): void {
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
