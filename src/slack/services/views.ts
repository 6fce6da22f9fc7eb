import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.js';
import { classifySlackError } from '../slackErrors.js';

const MAX_ATTEMPTS = 3;

/**
 * Updates open modals safely. Slack's views.update takes the view's current `hash` and refuses
 * with hash_conflict when the view changed meanwhile (another click, another push); then the view
 * is rebuilt from fresh data and the update retried with the newest hash we have seen.
 */
export class ViewUpdater {
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
  ) {}

  /** Remember a view's hash from any payload or API response that carries it. */
  remember(view: { id?: string; hash?: string } | undefined): void {
    if (view?.id && view.hash) {
      this.hashes.set(view.id, view.hash);
      // Modals live minutes, not days: keep the map from growing without bound.
      if (this.hashes.size > 10_000) this.hashes.delete(this.hashes.keys().next().value as string);
    }
  }

  async update(viewId: string, build: () => View | Promise<View>): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const hash = this.hashes.get(viewId);
      try {
        const res = await this.client.views.update({ view_id: viewId, view: await build(), ...(hash ? { hash } : {}) });
        this.remember(res.view as { id?: string; hash?: string });
        return;
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.code !== 'hash_conflict' || attempt === MAX_ATTEMPTS) throw error;
        this.logger.info({ attempt }, 'view changed meanwhile (hash_conflict); rebuilding');
        // Our hash is stale and Slack has no "get view": the rebuilt view (fresh data) wins.
        this.hashes.delete(viewId);
      }
    }
  }
}
