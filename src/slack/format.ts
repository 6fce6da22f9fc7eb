import { formatInTimeZone } from 'date-fns-tz';
import { enGB, nl } from 'date-fns/locale';
import type { Language } from './i18n/index.js';

/**
 * A Slack date token: each reader sees the instant in their own timezone; clients that cannot
 * render it show the fallback, written in the consultant's timezone.
 */
export function slackDate(instant: Date, tz: string, language: Language): string {
  const seconds = Math.floor(instant.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${fallbackDate(instant, tz, language)}>`;
}

export function fallbackDate(instant: Date, tz: string, language: Language): string {
  // Dutch "EEE" renders as "maa"; the two-letter form ("ma") is what Dutch readers expect.
  const pattern = language === 'nl' ? 'EEEEEE d MMM yyyy HH:mm (zzz)' : 'EEE d MMM yyyy HH:mm (zzz)';
  return formatInTimeZone(instant, tz, pattern, { locale: language === 'nl' ? nl : enGB });
}
