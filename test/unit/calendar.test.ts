import { describe, expect, it } from 'vitest';
import { quietUntil } from '../../src/domain/quietHours.js';
import { planTimeline, prepMoment, WEEKDAYS } from '../../src/domain/timeline.js';
import { holidayCalendar } from '../../src/workingCalendar.js';
import { logistics } from '../support/builders.js';

const AMS = 'Europe/Amsterdam';
const NL = holidayCalendar('NL', new Date('2027-01-01T00:00:00Z'));
const local = (d: Date, tz = AMS) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
const startAt = (iso: string) => new Date(iso);

describe('the last working day before T skips weekends and Dutch public holidays (date-holidays)', () => {
  it.each([
    // [interview start (Amsterdam), prep moment (Amsterdam), why]
    ['2027-03-30T10:00:00+02:00', 'vr 26 mrt 2027, 09:00', 'Tuesday after Tweede Paasdag: Friday (Goede Vrijdag is a working day)'],
    ['2027-04-28T10:00:00+02:00', 'ma 26 apr 2027, 09:00', 'the day after Koningsdag (Tuesday 27 April)'],
    ['2027-05-07T10:00:00+02:00', 'wo 5 mei 2027, 09:00', 'the day after Hemelvaartsdag; 5 mei is no public holiday in 2027'],
    ['2027-05-18T10:00:00+02:00', 'vr 14 mei 2027, 09:00', 'Tuesday after Tweede Pinksterdag'],
    ['2026-12-28T10:00:00+01:00', 'do 24 dec 2026, 09:00', 'Monday after kerst and a weekend'],
    ['2027-01-04T10:00:00+01:00', 'do 31 dec 2026, 09:00', 'Monday after Nieuwjaarsdag (Friday)'],
    ['2027-03-10T10:00:00+01:00', 'di 9 mrt 2027, 09:00', 'an ordinary Wednesday'],
  ])('interview %s → prep %s (%s)', (start, expected) => {
    expect(local(prepMoment(startAt(start), AMS, NL))).toBe(expected);
  });

  it('without holidays (HOLIDAY_COUNTRY=none) only the weekend is skipped', () => {
    expect(local(prepMoment(startAt('2027-03-30T10:00:00+02:00'), AMS, WEEKDAYS))).toBe('ma 29 mrt 2027, 09:00');
    expect(local(prepMoment(startAt('2027-03-30T10:00:00+02:00'), AMS, holidayCalendar('NONE')))).toBe('ma 29 mrt 2027, 09:00');
  });

  it("another country's holidays: Belgium works on Koningsdag", () => {
    expect(local(prepMoment(startAt('2027-04-28T10:00:00+02:00'), AMS, holidayCalendar('BE')))).toBe('di 27 apr 2027, 09:00');
  });

  it('the plan uses it: both prep reminders on Friday 26 March 09:00 for Tuesday 30 March', () => {
    const plan = planTimeline({ logistics: logistics({ start: startAt('2027-03-30T10:00:00+02:00') }) }, AMS, new Date('2027-03-20T10:00:00Z'), NL);
    const prep = plan.filter((p) => p.kind === 'prep_candidate' || p.kind === 'prep_client');
    expect(prep.map((p) => [p.kind, local(p.dueAt), p.state])).toEqual([
      ['prep_candidate', 'vr 26 mrt 2027, 09:00', 'pending'],
      ['prep_client', 'vr 26 mrt 2027, 09:00', 'pending'],
    ]);
  });
});

describe('quiet hours end at their local hour, across midnight and DST', () => {
  const NIGHT = { fromMinute: 20 * 60, untilMinute: 8 * 60 };
  const LUNCH = { fromMinute: 12 * 60, untilMinute: 13 * 60 };
  it.each([
    ['evening → tomorrow 08:00', '2026-12-01T23:00:00+01:00', NIGHT, AMS, 'wo 2 dec 2026, 08:00'],
    ['just after midnight → today 08:00', '2026-12-02T00:30:00+01:00', NIGHT, AMS, 'wo 2 dec 2026, 08:00'],
    ['at 20:00 sharp it is quiet', '2026-12-01T20:00:00+01:00', NIGHT, AMS, 'wo 2 dec 2026, 08:00'],
    ['at 08:00 sharp it is not', '2026-12-02T08:00:00+01:00', NIGHT, AMS, undefined],
    ['daytime is not', '2026-12-02T14:00:00+01:00', NIGHT, AMS, undefined],
    ['the spring-forward night (02:00 → 03:00)', '2027-03-27T23:00:00+01:00', NIGHT, AMS, 'zo 28 mrt 2027, 08:00'],
    ['the fall-back night (03:00 → 02:00)', '2027-10-30T22:00:00+02:00', NIGHT, AMS, 'zo 31 okt 2027, 08:00'],
    ['a period within one day', '2026-12-02T12:15:00+01:00', LUNCH, AMS, 'wo 2 dec 2026, 13:00'],
    ['no quiet hours (off)', '2026-12-01T23:00:00+01:00', undefined, AMS, undefined],
  ] as const)('%s', (_name, nowIso, quiet, tz, expected) => {
    const until = quietUntil(new Date(nowIso), tz, quiet);
    expect(until === undefined ? undefined : local(until, tz)).toBe(expected);
  });

  it("in the consultant's own zone: 23:00 in Amsterdam is 17:00 in New York, not quiet there", () => {
    expect(quietUntil(new Date('2026-12-01T23:00:00+01:00'), 'America/New_York', NIGHT)).toBeUndefined();
  });
});
