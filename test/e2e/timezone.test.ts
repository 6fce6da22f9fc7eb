import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { createInterview } from '../support/flows.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { DEFAULT_TIMEZONE: 'Asia/Tokyo' } });
});
afterEach(async () => {
  await h.close();
});

describe("the consultant's timezone", () => {
  it('comes from users.info, is cached, and refreshed after a day', async () => {
    await createInterview(h, OWNER);
    await createInterview(h, OWNER);
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    h.clock.advance(25 * 3_600_000);
    h.fake.setUser(OWNER, { tz: 'America/New_York' });
    const { card } = await createInterview(h, OWNER, { start: new Date('2026-12-05T15:00:00Z') });
    expect(h.fake.callsTo('users.info')).toHaveLength(2);
    expect(JSON.stringify(card.blocks)).toContain('za 5 dec, 10:00');
  });

  it('falls back to DEFAULT_TIMEZONE when Slack cannot tell', async () => {
    h.fake.failNext('users.info', { error: 'user_not_found' });
    const { card } = await createInterview(h, OWNER, { start: new Date('2026-12-05T15:00:00Z') });
    expect(JSON.stringify(card.blocks)).toContain('zo 6 dec, 00:00');
  });
});
