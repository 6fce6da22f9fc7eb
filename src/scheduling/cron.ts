import { fromZonedTime } from 'date-fns-tz';
import { parse, validate } from 'node-cron';
import { localParts } from '../domain/localTime.js';

/** Whether node-cron accepts the expression (5 fields, or 6 with seconds). */
export function isValidCron(expression: string): boolean {
  return validate(expression);
}

/** The zone node-cron reads an expression in when given none: the process's own. */
export function processTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The first `count` beats of a node-cron expression strictly after `after`, read in `tz`, with
 * node-cron's semantics: optional seconds field; month, day of month *and* day of week must all
 * match; the day tokens `L`, `LW`, `15W`, `L-3`, `1#2` and `5L`. A local time the zone skips (the
 * spring-forward hour) is no beat. Fewer than `count` when nothing matches within `horizonDays`
 * (a date that never comes, such as 30 February).
 *
 * Used for health ("three beats have passed"), never for business time.
 */
export function nextBeats(expression: string, after: Date, count: number, tz: string, horizonDays = 800): Date[] {
  const fields = parse(expression);
  const seconds = [...fields.second].sort((a, b) => a - b);
  const minutes = [...fields.minute].sort((a, b) => a - b);
  const hours = [...fields.hour].sort((a, b) => a - b);
  const start = localParts(after, tz);
  const startSecond = start.hour * 3600 + start.minute * 60 + start.second;
  const beats: Date[] = [];
  let { year, month, day } = start;
  for (let i = 0; i < horizonDays && beats.length < count; i++) {
    if (fields.month.includes(month) && dayOfMonthMatches(fields.dayOfMonth, year, month, day) && dayOfWeekMatches(fields.dayOfWeek, year, month, day)) {
      collect: for (const hour of hours) {
        if (i === 0 && hour < start.hour) continue;
        for (const minute of minutes) {
          for (const second of seconds) {
            if (i === 0 && hour * 3600 + minute * 60 + second < startSecond) continue;
            const at = fromZonedTime(`${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`, tz);
            if (at.getTime() <= after.getTime()) continue;
            const back = localParts(at, tz);
            if (back.hour !== hour || back.minute !== minute) continue;
            beats.push(at);
            if (beats.length === count) break collect;
          }
        }
      }
    }
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    ({ year, month, day } = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() });
  }
  return beats;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday, as in cron. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The weekday nearest to `target` within the month (cron's `W`). */
function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDayOfMonth(year, month);
  if (target < 1 || target > last) return -1;
  const wd = weekday(year, month, target);
  if (wd === 6) return target === 1 ? target + 2 : target - 1;
  if (wd === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function dayOfMonthMatches(field: Array<number | string>, year: number, month: number, day: number): boolean {
  const last = lastDayOfMonth(year, month);
  return field.some((value) => {
    if (value === day) return true;
    if (typeof value !== 'string') return false;
    if (value === 'L') return day === last;
    const w = /^(\d{1,2}|L)W$/.exec(value);
    if (w) return nearestWeekday(year, month, w[1] === 'L' ? last : Number(w[1])) === day;
    const offset = /^L-(\d{1,2})$/.exec(value);
    if (offset) return last - Number(offset[1]) === day;
    return false;
  });
}

function dayOfWeekMatches(field: Array<number | string>, year: number, month: number, day: number): boolean {
  const wd = weekday(year, month, day);
  return field.some((value) => {
    if (value === wd) return true;
    if (typeof value !== 'string') return false;
    const nth = /^([0-7])#([1-5])$/.exec(value);
    if (nth) return Number(nth[1]) % 7 === wd && Math.floor((day - 1) / 7) + 1 === Number(nth[2]);
    const lastOf = /^([0-7])L$/i.exec(value);
    if (lastOf) return Number(lastOf[1]) % 7 === wd && day + 7 > lastDayOfMonth(year, month);
    return false;
  });
}
