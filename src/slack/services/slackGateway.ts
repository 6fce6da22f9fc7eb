import type { WebClient } from '@slack/web-api';
import type { ConsultantRepository } from '../../domain/repositories.js';
import { METADATA_EVENT } from '../ids.js';
import type { ReminderMessage } from '../views/reminders.js';

/**
 * Posting to Slack as the bot, for reminders, risk alerts, summaries and outbox rows alike: where a
 * consultant's DMs go, posting and updating messages, and finding a message again in a channel's
 * history by its metadata (for sends that may have reached Slack before a crash).
 */
export class SlackGateway {
  constructor(
    private readonly client: WebClient,
    private readonly consultants: ConsultantRepository,
  ) {}

  async dmChannel(userId: string): Promise<string> {
    const known = await this.consultants.dmChannel(userId);
    if (known) return known;
    const res = await this.client.conversations.open({ users: userId });
    const channel = res.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await this.consultants.saveDmChannel(userId, channel);
    return channel;
  }

  async post(channel: string, message: ReminderMessage): Promise<string> {
    const res = await this.client.chat.postMessage({ channel, ...message });
    if (!res.ts) throw new Error('chat.postMessage returned no ts');
    return res.ts;
  }

  async update(channel: string, ts: string, message: ReminderMessage): Promise<void> {
    await this.client.chat.update({ channel, ts, ...message });
  }

  /** The ts of a recent message in `channel` whose metadata matches (a few pages at most). */
  async findByMetadata(channel: string, match: (eventType: string | undefined, payload: Record<string, unknown>) => boolean): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await this.client.conversations.history({ channel, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) });
      for (const m of res.messages ?? []) {
        const meta = m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
        if (m.ts && meta && match(meta.event_type, meta.event_payload ?? {})) return m.ts;
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }

  /**
   * The ts of the bot's message about (interview, kind, plan) in `channel` newer than `afterTs`, if
   * any: the same kind sent for an earlier date is another message.
   * Reads at most a few pages: a crashed send is minutes old, never deep in history.
   */
  async findSent(channel: string, interviewId: number, kind: string, plan: number, afterTs?: string): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await this.client.conversations.history({
        channel,
        include_all_metadata: true,
        limit: 200,
        ...(afterTs ? { oldest: afterTs } : {}),
        ...(cursor ? { cursor } : {}),
      });
      for (const m of res.messages ?? []) {
        const meta = m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
        if (
          meta?.event_type === METADATA_EVENT.reminder &&
          Number(meta.event_payload?.interview_id) === interviewId &&
          meta.event_payload?.kind === kind &&
          // Messages from before plans existed carry no plan: they were plan 1.
          Number(meta.event_payload?.plan ?? 1) === plan &&
          m.ts &&
          (!afterTs || m.ts > afterTs)
        ) {
          return m.ts;
        }
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }
}
