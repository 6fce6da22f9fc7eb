import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { workspaceKeyOf } from '../../../storage/installationStore.js';
import type { AppDeps } from '../../context.js';

/**
 * The workspace uninstalled the app: its work stops (no reminder, alert or digest goes out again)
 * and its data is erased after the retention period unless it installs the app again. Bolt runs
 * this without authorizing (the token is already gone), so the workspace is read from the envelope.
 */
export function appUninstalled(deps: AppDeps) {
  return async ({ context }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs): Promise<void> => {
    const team = workspaceKeyOf(context);
    if (!team) return;
    await deps.lifecycle.stopped(team, 'app_uninstalled', deps.lifecycle.now());
  };
}

/**
 * Tokens revoked: when the bot's is among them the workspace stops as on an uninstall. Revoked user
 * tokens change nothing (the app keeps none).
 */
export function tokensRevoked(deps: AppDeps) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs): Promise<void> => {
    const team = workspaceKeyOf(context);
    const bots = (event.tokens as { bot?: unknown[] } | undefined)?.bot ?? [];
    if (!team || bots.length === 0) return;
    await deps.lifecycle.stopped(team, 'tokens_revoked', deps.lifecycle.now());
  };
}
