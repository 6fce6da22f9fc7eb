import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { WEEKDAYS, type WorkingCalendar } from './domain/timeline.js';

/** Years around "now" whose holidays are looked up at startup; later ones fall back to weekends only. */
const YEARS_BEFORE = 1;
const YEARS_AFTER = 10;

/**
 * Asks date-holidays, in a short-lived child process, for the public holidays of `country` in
 * `[fromYear, toYear]`. The library carries every country's rules (~800 KB of source, 20-30 MB of
 * memory once loaded, which V8 does not give back); loading it in this process would cost more than
 * everything else the bot keeps in memory for 100k interviews (bench/RESULTS.md). The child answers
 * with a few hundred dates and exits.
 */
export function publicHolidays(country: string, fromYear: number, toYear: number): Map<number, Set<string>> {
  const key = `${country}:${fromYear}:${toYear}`;
  const known = asked.get(key);
  if (known) return known;
  const library = createRequire(import.meta.url).resolve('date-holidays');
  const program = `
    const Holidays = require(process.argv[1]);
    const h = new Holidays(process.argv[2]);
    const out = {};
    for (let y = Number(process.argv[3]); y <= Number(process.argv[4]); y++) {
      // Only type "public": NL's Goede Vrijdag and 5 mei (outside lustrum years) are "school" days.
      out[y] = (h.getHolidays(y) || []).filter((d) => d.type === 'public').map((d) => d.date.slice(0, 10));
    }
    process.stdout.write(JSON.stringify(out));`;
  const json = execFileSync(process.execPath, ['-e', program, library, country, String(fromYear), String(toYear)], {
    encoding: 'utf8',
    timeout: 30_000,
    env: {},
  });
  const parsed = JSON.parse(json) as Record<string, string[]>;
  const result = new Map(Object.entries(parsed).map(([year, days]) => [Number(year), new Set(days)]));
  asked.set(key, result);
  return result;
}

/** Answers already given (one process builds one calendar; tests build many, with the same answer). */
const asked = new Map<string, Map<number, Set<string>>>();

/**
 * "The last working day before T" skips weekends and the public holidays of HOLIDAY_COUNTRY, from
 * the maintained library date-holidays rather than a hand-written list (looked up once, at startup,
 * for the years around `now`). `NONE`: weekends only.
 */
export function holidayCalendar(country: string, now: Date = new Date()): WorkingCalendar {
  if (country === 'NONE') return WEEKDAYS;
  const year = now.getUTCFullYear();
  const byYear = publicHolidays(country, year - YEARS_BEFORE, year + YEARS_AFTER);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    isWorkingDay: (y, month, day) => WEEKDAYS.isWorkingDay(y, month, day) && !byYear.get(y)?.has(`${y}-${pad(month)}-${pad(day)}`),
  };
}

/** The country codes date-holidays knows (asked once, in a child process like the holidays). */
let knownCountries: Set<string> | undefined;

/** Whether date-holidays knows the country (or 'NONE': weekends only). */
export function isHolidayCountry(code: string): boolean {
  if (code === 'NONE') return true;
  if (!/^[A-Z]{2}$/.test(code)) return false;
  if (!knownCountries) {
    const library = createRequire(import.meta.url).resolve('date-holidays');
    const program = `const H = require(process.argv[1]); process.stdout.write(JSON.stringify(Object.keys(new H().getCountries())));`;
    knownCountries = new Set(JSON.parse(execFileSync(process.execPath, ['-e', program, library], { encoding: 'utf8', timeout: 30_000, env: {} })) as string[]);
  }
  return knownCountries.has(code);
}
