import { localParts, zonedTimeToInstant } from './localTime.js';

/**
 * Quiet hours (issue 15): a daily local period in which prep reminders, nudges and overdue DMs wait
 * until it ends. The interview-day messages and the team channel never wait, and no SLA clock stops.
 */
export interface QuietHours {
  /** Minutes after local midnight; `from > until` spans midnight (20:00-08:00). */
  fromMinute: number;
  untilMinute: number;
}

/** If `now` lies in the quiet period of the consultant's zone, the instant it ends; else undefined. */
export function quietUntil(now: Date, tz: string, quiet: QuietHours | undefined): Date | undefined {
  if (!quiet) return undefined;
  const p = localParts(now, tz);
  const minute = p.hour * 60 + p.minute;
  const { fromMinute: from, untilMinute: until } = quiet;
  const wraps = from > until;
  const inside = wraps ? minute >= from || minute < until : minute >= from && minute < until;
  if (!inside) return undefined;
  // Ends today, or — in the evening part of a period that spans midnight — tomorrow (calendar
  // arithmetic on the local date, so a DST night still ends at the local hour).
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day + (wraps && minute >= from ? 1 : 0)));
  return zonedTimeToInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), Math.floor(until / 60), until % 60, tz);
}
