import { describe, expect, it } from 'vitest';
import { fallbackDate, slackDate } from '../../src/slack/format.js';
import { localDay } from '../../src/domain/localTime.js';
import { createTranslator } from '../../src/slack/i18n/index.js';
import { buildRiskAlert } from '../../src/slack/views/riskAlert.js';
import { interview } from '../support/builders.js';
import type { RiskAlert } from '../../src/domain/repositories.js';

describe('dates as a Dutch colleague writes them (issue 14)', () => {
  it.each([
    // Across both Europe/Amsterdam DST switches of 2027 and a weekend.
    ['2027-03-28T00:30:00Z', 'Europe/Amsterdam', 'zo 28 mrt, 01:30'],
    ['2027-03-28T01:30:00Z', 'Europe/Amsterdam', 'zo 28 mrt, 03:30'],
    ['2027-10-31T00:30:00Z', 'Europe/Amsterdam', 'zo 31 okt, 02:30'],
    ['2027-10-31T01:30:00Z', 'Europe/Amsterdam', 'zo 31 okt, 02:30'],
    ['2026-12-05T15:00:00Z', 'America/New_York', 'za 5 dec, 10:00'],
    ['2027-05-03T07:05:00Z', 'Europe/Amsterdam', 'ma 3 mei, 09:05'],
  ])('%s in %s reads "%s", with no Slack token', (iso, tz, expected) => {
    expect(slackDate(new Date(iso), tz, 'nl')).toBe(expected);
    expect(fallbackDate(new Date(iso), tz, 'nl')).toBe(expected);
  });

  it('says the zone only when asked (a channel message about a consultant elsewhere)', () => {
    const d = new Date('2027-03-28T01:30:00Z');
    expect(slackDate(d, 'Europe/Amsterdam', 'nl', { zone: true })).toBe('zo 28 mrt, 03:30 (CEST)');
  });

  it('English keeps Slack\'s token (each reader sees their own zone) with our fallback', () => {
    const d = new Date('2026-12-02T13:00:00Z');
    expect(slackDate(d, 'Europe/Amsterdam', 'en')).toBe(`<!date^${d.getTime() / 1000}^{date_short_pretty} {time}|Wed 2 Dec 2026 14:00 (CET)>`);
  });

  it('a channel alert shows the team\'s zone, and names it when the consultant is in another', () => {
    const alert: Pick<RiskAlert, 'id' | 'reason' | 'createdAt'> = { id: 1, reason: 'last_minute_change', createdAt: new Date('2026-12-02T12:00:00Z') };
    const i = interview();
    const t = createTranslator('nl');
    const here = JSON.stringify(buildRiskAlert(alert, i, 'Europe/Amsterdam', t, { ownerTz: 'Europe/Amsterdam' }).blocks);
    const elsewhere = JSON.stringify(buildRiskAlert(alert, i, 'Europe/Amsterdam', t, { ownerTz: 'America/New_York' }).blocks);
    expect(here).toContain('wo 2 dec, 14:00');
    expect(here).not.toContain('(CET)');
    expect(elsewhere).toContain('wo 2 dec, 14:00 (CET)');
    expect(here + elsewhere).not.toContain('<!date');
  });
});

describe('localDay: "vandaag" in the consultant\'s zone', () => {
  it.each([
    ['2026-11-30T08:00:00Z', 'Europe/Amsterdam', '2026-11-29T23:00:00.000Z', '2026-11-30T23:00:00.000Z'],
    // DST starts: the day has 23 hours; DST ends: 25.
    ['2027-03-28T12:00:00Z', 'Europe/Amsterdam', '2027-03-27T23:00:00.000Z', '2027-03-28T22:00:00.000Z'],
    ['2027-10-31T12:00:00Z', 'Europe/Amsterdam', '2027-10-30T22:00:00.000Z', '2027-10-31T23:00:00.000Z'],
    // Just after local midnight, and across a month and year end.
    ['2026-12-31T23:30:00Z', 'Europe/Amsterdam', '2026-12-31T23:00:00.000Z', '2027-01-01T23:00:00.000Z'],
    ['2026-12-01T03:00:00Z', 'America/New_York', '2026-11-30T05:00:00.000Z', '2026-12-01T05:00:00.000Z'],
  ])('at %s in %s runs from %s to %s', (now, tz, from, until) => {
    const day = localDay(new Date(now), tz);
    expect(day.from.toISOString()).toBe(from);
    expect(day.until.toISOString()).toBe(until);
  });
});
