import Holidays from 'date-holidays';
import { WEEKDAYS, type WorkingCalendar } from './domain/timeline.js';

/**
 * "The last working day before T" skips weekends and the public holidays of HOLIDAY_COUNTRY, from
 * a maintained library (date-holidays) rather than a hand-written list. Only holidays of type
 * `public` count: Goede Vrijdag and 5 mei (every year but a lustrum) are working days in the
 * Netherlands, as date-holidays records them ("school"), while Tweede Paasdag is not.
 */
export function holidayCalendar(country: string): WorkingCalendar {
  if (country === 'NONE') return WEEKDAYS;
  const holidays = new Holidays(country);
  const byYear = new Map<number, Set<string>>();
  const publicDays = (year: number) => {
    let days = byYear.get(year);
    if (!days) {
      // The library's `date` is the local calendar date ("2027-03-29 00:00:00"): no zone involved.
      days = new Set(holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      byYear.set(year, days);
    }
    return days;
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    isWorkingDay: (year, month, day) =>
      WEEKDAYS.isWorkingDay(year, month, day) && !publicDays(year).has(`${year}-${pad(month)}-${pad(day)}`),
  };
}

/** Whether date-holidays knows the country (or 'NONE': weekends only). */
export function isHolidayCountry(code: string): boolean {
  if (code === 'NONE') return true;
  return Object.keys(new Holidays().getCountries()).includes(code);
}
