import { createEvent, type EventAttributes } from 'ics';
import type { Interview } from '../../domain/interview.js';
import type { Translator } from '../i18n/index.js';

/** One calendar UID per interview: a reschedule's file replaces the earlier one (higher SEQUENCE). */
export const calendarUid = (interviewId: number) => `interview-${interviewId}@interview-prep`;

/**
 * The interview as an iCalendar event (RFC 5545, through the `ics` library): start and end in UTC
 * (every calendar shows them in its own zone), where, and what it is. SEQUENCE is the plan number,
 * so the file sent after a reschedule updates the event instead of adding a second one.
 */
export function buildCalendarFile(i: Interview, t: Translator, now: Date): string {
  const l = i.logistics;
  // DTSTAMP from `now`, not the library's clock (the `timestamp` option is read but not typed).
  const attributes: EventAttributes & { timestamp: number } = {
    uid: calendarUid(i.id),
    sequence: i.plan,
    productId: 'interview-prep',
    method: 'PUBLISH',
    timestamp: now.getTime(),
    start: l.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: l.durationMin },
    title: t('calendar.title', { candidate: l.candidateName, client: l.clientCompany }),
    location: l.location,
    description: t('calendar.description', { id: i.id, role: l.roleTitle, format: t(`format.${l.format}`) }),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('ics: no calendar file');
  return value;
}
