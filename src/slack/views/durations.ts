import type { Translator } from '../i18n/index.js';

const MINUTE = 60_000;

/** "5 min", "2 u 10 min", "1 d 3 u": a length of time, rounded to the minute (negative counts as 0). */
export function formatDuration(ms: number, t: Translator): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  if (minutes < 60) return t('duration.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  // Whole units read as people say them: "2 uur", not "2 u 0 min".
  if (hours < 24) return minutes % 60 === 0 ? t('duration.wholeHours', { h: hours }) : t('duration.hours', { h: hours, m: minutes % 60 });
  return hours % 24 === 0 ? t('duration.wholeDays', { d: hours / 24 }) : t('duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/**
 * Where `target` lies seen from `from`, rounded to the minute: ahead, now (rounds to 0 — never
 * "0 min") or past, with the distance written out for the first and last.
 */
export type Relative = { when: 'future' | 'past'; duration: string } | { when: 'now' };

export function relativeTo(target: Date, from: Date, t: Translator): Relative {
  const ms = target.getTime() - from.getTime();
  if (Math.round(ms / MINUTE) === 0) return { when: 'now' };
  return { when: ms > 0 ? 'future' : 'past', duration: formatDuration(Math.abs(ms), t) };
}

/** An SLA written out in hours when it is whole hours ("24 uur"), else as a duration. */
export function formatSla(minutes: number, t: Translator): string {
  return minutes % 60 === 0 ? t('duration.wholeHours', { h: minutes / 60 }) : formatDuration(minutes * MINUTE, t);
}
