import { fromZonedTime } from 'date-fns-tz';

/**
 * Local calendar time in an IANA zone, for domain rules ("09:00 on the last working day"). Pure,
 * with the costly Intl.DateTimeFormat objects built once per zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoDay: number;
}

export function localParts(instant: Date, tz: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of formatter(tz).formatToParts(instant)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    isoDay: WEEKDAY[p.weekday as string] ?? 0,
  };
}

/** "2026-12-07" in the zone. */
export function localDate(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * The instant of a local wall-clock time (date-fns-tz resolves the zone's offset for that moment,
 * so 09:00 on the day after a DST switch is 09:00 in the new offset).
 */
export function zonedTimeToInstant(year: number, month: number, day: number, hour: number, minute: number, tz: string): Date {
  const pad = (n: number) => String(n).padStart(2, '0');
  return fromZonedTime(`${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00`, tz);
}

/**
 * The local calendar day around `now` in the zone, as instants: [its midnight, the next midnight).
 * A DST switch day is 23 or 25 hours long; the next day's date is computed in UTC, so month and
 * year ends roll over correctly.
 */
export function localDay(now: Date, tz: string): { from: Date; until: Date } {
  const p = localParts(now, tz);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return {
    from: zonedTimeToInstant(p.year, p.month, p.day, 0, 0, tz),
    until: zonedTimeToInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, tz),
  };
}
