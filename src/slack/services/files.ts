import type { WebClient } from '@slack/web-api';
import type { OutboxService } from './outbox.js';
import type { SlackGateway } from './slackGateway.js';

/**
 * A file about an interview (an export, a calendar file) in a consultant's DM. It names the
 * candidate, so each file id Slack returns is recorded (`<purpose>:<file id>`): an erasure deletes it.
 */
export async function shareInterviewFile(
  deps: { client: WebClient; gateway: SlackGateway; outbox: OutboxService },
  file: { interviewId: number; userId: string; purpose: string; filename: string; title: string; content: string; comment: string },
  now: Date,
): Promise<void> {
  const channel = await deps.gateway.dmChannel(file.userId);
  const result = (await deps.client.filesUploadV2({
    channel_id: channel,
    filename: file.filename,
    title: file.title,
    content: file.content,
    initial_comment: file.comment,
  })) as { files?: Array<{ files?: Array<{ id?: string }>; id?: string }> };
  const ids = (result.files ?? []).flatMap((f) => [...(f.files ?? []).map((x) => x.id), f.id]).filter((x): x is string => typeof x === 'string');
  for (const fileId of new Set(ids)) await deps.outbox.record(`${file.purpose}:${fileId}`, file.interviewId, file.userId, { channel, fileId }, now);
}
