import type { Interview } from '../../domain/interview.js';
import { usefulUntil } from '../../domain/timeline.js';
import type { TimelineItem } from '../../domain/timelineItems.js';
import { context, plainText } from '../blocks.js';
import { slackDate } from '../format.js';
import type { Translator } from '../i18n/index.js';
import { METADATA_EVENT } from '../ids.js';
import type { ReminderMessage } from './reminders.js';

/**
 * The one nudge in a reminder's thread when its task is still open (issue 15): what is open, how to
 * tick it off, and until when it is still worth doing. No buttons: the reminder above keeps them.
 */
export function buildNudge(item: Pick<TimelineItem, 'id' | 'kind'>, interview: Interview, t: Translator, tz: string): ReminderMessage {
  const task = t(`kind.${item.kind}`);
  const deadline = usefulUntil(item.kind, interview);
  const text = t('nudge.text', {
    task,
    done: t('button.done'),
    deadline: deadline ? slackDate(deadline, tz, t.language) : '—',
  });
  return {
    text: plainText(t, 'nudge.notification', { task }),
    blocks: [context(text)],
    metadata: { event_type: METADATA_EVENT.nudge, event_payload: { interview_id: interview.id, kind: item.kind, item_id: item.id } },
  };
}
