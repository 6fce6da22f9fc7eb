import type { KnownBlock } from '@slack/types';
import { deriveChecklist } from '../../domain/checklist.js';
import { interviewEnd, type Interview } from '../../domain/interview.js';
import { hhmm } from '../format.js';
import { esc, header, plainText, section } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import type { EphemeralReply } from './commandResponses.js';
import { progressLine } from './interviewCard.js';

/** Rows shown at most (a consultant has a handful a day; the Home tab keeps room for the rest). */
export const TODAY_MAX = 15;


/**
 * Today's interviews, soonest first: the time in the consultant's zone, who and where, whether it is
 * running or over, and the progress with the next open step — one block each.
 */
export function todayRows(interviews: Interview[], tz: string, t: Translator, now: Date): KnownBlock[] {
  return [...interviews]
    .sort((a, b) => a.logistics.start.getTime() - b.logistics.start.getTime())
    .slice(0, TODAY_MAX)
    .map((i) => {
      const l = i.logistics;
      const state =
        now.getTime() >= interviewEnd(i).getTime() ? t('command.today.ended') : now.getTime() >= l.start.getTime() ? t('command.today.running') : '';
      return section(
        t('command.today.item', {
          time: hhmm(l.start, tz),
          id: i.id,
          candidate: esc(l.candidateName),
          client: esc(l.clientCompany),
          state,
          progress: progressLine(deriveChecklist(i), t),
        }),
      );
    });
}

/** `/interviewprep vandaag`: the same rows as the Home tab's "Vandaag", as an ephemeral reply. */
export function buildToday(interviews: Interview[], tz: string, t: Translator, now: Date): EphemeralReply {
  if (interviews.length === 0) return { response_type: 'ephemeral', text: plainText(t, 'command.today.empty'), blocks: [section(t('command.today.empty'))] };
  return { response_type: 'ephemeral', text: plainText(t, 'command.today.title'), blocks: [header(t('command.today.title')), ...todayRows(interviews, tz, t, now)] };
}
