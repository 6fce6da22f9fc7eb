import { localParts } from '../domain/localTime.js';
import type { Language } from './i18n/index.js';

/**
 * Dates as users read them. Intl.DateTimeFormat objects are costly to build (date-fns-tz builds
 * one per call), so one is kept per timezone and language: formatting is on every message path.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string, language: Language): Intl.DateTimeFormat {
  const key = `${language}|${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
      timeZone: tz,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A date and time in a message, as its reader should see it. In Dutch the bot writes it itself
 * ("wo 2 dec, 14:00", in `tz`): Slack renders its date tokens in the reader's Slack language and
 * Slack has no Dutch interface, so a token would read "Wednesday, December 2nd" in a Dutch sentence.
 * In English Slack's token stays (each reader sees their own timezone); its fallback is ours.
 * `zone` adds the zone's name ("(CET)") — for channel messages when the consultant is elsewhere.
 */
export function slackDate(instant: Date, tz: string, language: Language, opts: { zone?: boolean } = {}): string {
  if (language === 'nl') return dutchDate(instant, tz, opts.zone ?? false);
  const seconds = Math.floor(instant.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${fallbackDate(instant, tz, language)}>`;
}

/** "wo 2 dec, 14:00" (and " (CET)" with `zone`): short, as a colleague would write it. */
function dutchDate(instant: Date, tz: string, zone: boolean): string {
  const p = dateParts(instant, tz, 'nl');
  const month = p.month?.replace(/\.$/, '');
  return `${p.weekday} ${p.day} ${month}, ${p.hour}:${p.minute}${zone ? ` (${p.timeZoneName})` : ''}`;
}

function dateParts(instant: Date, tz: string, language: Language): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz, language).formatToParts(instant)) parts[p.type] = p.value;
  return parts;
}

/**
 * A date in plain text (notifications, inline errors, scripts to send on): "wo 2 dec, 14:00" in
 * Dutch; "Wed 2 Dec 2026 14:00 (CET)" in English, where it is also the date token's fallback.
 */
export function fallbackDate(instant: Date, tz: string, language: Language): string {
  if (language === 'nl') return dutchDate(instant, tz, false);
  const parts = dateParts(instant, tz, language);
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year} ${parts.hour}:${parts.minute} (${parts.timeZoneName})`;
}

/** "14:05" in the zone: a time of day inside a sentence that already says which day. */
export function hhmm(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
