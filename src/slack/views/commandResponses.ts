import type { KnownBlock } from '@slack/types';
import { deriveChecklist } from '../../domain/checklist.js';
import type { Interview } from '../../domain/interview.js';
import { context, esc, header, LIMITS, packLines, plainText, section, truncate } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { slackDate } from '../format.js';

/** Ephemeral replies to /interviewprep, returned in the command's acknowledgement. */
export interface EphemeralReply {
  response_type: 'ephemeral';
  text: string;
  blocks: KnownBlock[];
}

export function buildHelp(t: Translator, notUnderstood?: string): EphemeralReply {
  const blocks: KnownBlock[] = [];
  if (notUnderstood !== undefined) {
    blocks.push(section(t('command.unknown', { input: esc(truncate(notUnderstood, 100)).replace(/`/g, "'") })));
  }
  blocks.push(section(t('command.help')));
  return { response_type: 'ephemeral', text: plainText(t, 'command.help'), blocks };
}

/**
 * Slack allows 50 blocks in a message: the list packs its lines into as few sections as fit (a line
 * is at most ~500 characters, so 200 need at most ~35 sections), showing every upcoming interview a
 * consultant realistically has — the Home tab, limited to 14 days, points here for the rest.
 */
export const LIST_LIMIT = 200;

export function buildUpcomingList(interviews: Interview[], total: number, tz: string, t: Translator): EphemeralReply {
  if (interviews.length === 0) {
    return { response_type: 'ephemeral', text: plainText(t, 'command.list.empty'), blocks: [section(t('command.list.empty'))] };
  }
  const blocks: KnownBlock[] = [header(t('command.list.title'))];
  const lines = interviews.map((i) => {
    const checklist = deriveChecklist(i);
    return t('command.list.item', {
      id: i.id,
      when: slackDate(i.logistics.start, tz, t.language),
      candidate: esc(i.logistics.candidateName),
      client: esc(i.logistics.clientCompany),
      role: esc(i.logistics.roleTitle),
      done: checklist.done,
      total: checklist.total,
    });
  });
  // Header and the closing line take two of Slack's 50 blocks; whatever does not fit is counted.
  const { sections, shown } = packLines(lines, LIMITS.messageBlocks - 2);
  blocks.push(...sections);
  if (total > shown) blocks.push(context(t('command.list.more', { count: total - shown })));
  return { response_type: 'ephemeral', text: plainText(t, 'command.list.title'), blocks };
}
