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
 * A Slack date token: each reader sees the instant in their own timezone; clients that cannot
 * render it show the fallback, written in the consultant's timezone.
 */
export function slackDate(instant: Date, tz: string, language: Language): string {
  const seconds = Math.floor(instant.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${fallbackDate(instant, tz, language)}>`;
}

/** "wo 2 dec. 2026 14:00 (CET)" / "Wed 2 Dec 2026 14:00 (CET)". */
export function fallbackDate(instant: Date, tz: string, language: Language): string {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz, language).formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year} ${parts.hour}:${parts.minute} (${parts.timeZoneName})`;
}
