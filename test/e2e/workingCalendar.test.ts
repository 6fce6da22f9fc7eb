import { afterEach, describe, expect, it } from 'vitest';
import { METADATA_EVENT } from '../../src/slack/ids.js';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { createInterview } from '../support/flows.js';
import type { StoredMessage } from '../support/fakeSlack.js';

const RISK = 'C0RISK01';
let h: Harness;
afterEach(async () => {
  await h?.close();
});

const kindOf = (m: StoredMessage) => (m.metadata?.event_payload as { kind?: string } | undefined)?.kind;
const reminderKinds = () => h.fake.dmsTo(OWNER).filter((m) => m.metadata?.event_type === METADATA_EVENT.reminder).map(kindOf);
const alerts = () => h.fake.messages(RISK).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk);
/** Ticks every minute from the clock's time up to `iso`, as the cron does. */
async function runUntil(iso: string) {
  const end = Date.parse(iso);
  while (h.clock.current.getTime() < end) {
    h.clock.advance(60_000);
    await h.tick();
  }
}
const count = (kind: string) => reminderKinds().filter((k) => k === kind).length;

describe('a Dutch working calendar', () => {
  it('an interview on Tuesday 30 March 2027 (after Tweede Paasdag) gets its prep reminders on Friday 26 March at 09:00 Amsterdam', async () => {
    h = await startHarness({ now: new Date('2027-03-20T10:00:00Z') });
    await createInterview(h, OWNER, { start: new Date('2027-03-30T08:00:00Z') });
    // Thursday 25 March, all day: nothing yet.
    h.clock.current = new Date('2027-03-26T07:58:00Z');
    await h.tick();
    expect(count('prep_candidate') + count('prep_client')).toBe(0);
    // Friday 26 March 09:00 CET = 08:00Z (before the DST switch of Sunday 28 March).
    await runUntil('2027-03-26T08:00:00Z');
    expect([count('prep_candidate'), count('prep_client')]).toEqual([1, 1]);
    // Not again on Monday 29 March (Tweede Paasdag), the "day before" an ordinary calendar would pick.
    h.clock.current = new Date('2027-03-29T07:00:00Z');
    await h.tick();
    expect([count('prep_candidate'), count('prep_client')]).toEqual([1, 1]);
  });
});

describe('quiet hours (20:00-08:00 in the consultant’s zone)', () => {
  it('an overdue DM falling at 23:00 arrives at 08:00; the team channel hears it at 23:00', async () => {
    h = await startHarness({ env: { RISK_ALERT_CHANNEL: RISK } });
    // Wednesday 2 December, 20:00-21:00 Amsterdam: the debrief is overdue at 23:00.
    await createInterview(h, OWNER, { start: new Date('2026-12-02T19:00:00Z') });
    await h.sql.run('UPDATE interviews SET context_checked_at = 0');
    h.clock.current = new Date('2026-12-02T21:55:00Z');
    await runUntil('2026-12-02T22:00:00Z'); // 23:00 Amsterdam
    expect(count('candidate_debrief_overdue')).toBe(0);
    expect(alerts().filter((m) => (m.metadata?.event_payload as { reason?: string }).reason === 'debrief_overdue')).toHaveLength(1);
    // Through the night: still nothing in the DM (client feedback overdue at 01:00 waits too).
    h.clock.current = new Date('2026-12-03T06:58:00Z');
    await h.tick();
    expect(count('candidate_debrief_overdue') + count('client_feedback_overdue')).toBe(0);
    await runUntil('2026-12-03T07:00:00Z'); // 08:00 Amsterdam
    expect([count('candidate_debrief_overdue'), count('client_feedback_overdue')]).toEqual([1, 1]);
    await runUntil('2026-12-03T07:05:00Z');
    expect([count('candidate_debrief_overdue'), count('client_feedback_overdue')]).toEqual([1, 1]);
  });

  it('a check-in due at 06:30 arrives at 06:30: interview-day messages never wait', async () => {
    h = await startHarness();
    // Thursday 3 December, 08:30 Amsterdam: check-in at 06:30, client reminder at 07:30.
    await createInterview(h, OWNER, { start: new Date('2026-12-03T07:30:00Z') });
    h.clock.current = new Date('2026-12-03T05:29:00Z');
    await h.tick();
    expect(count('candidate_checkin')).toBe(0);
    await runUntil('2026-12-03T05:30:00Z');
    expect(count('candidate_checkin')).toBe(1);
    await runUntil('2026-12-03T06:30:00Z');
    expect(count('client_reminder')).toBe(1);
  });

  it('QUIET_HOURS=off: the overdue DM comes at 23:00', async () => {
    h = await startHarness({ env: { QUIET_HOURS: 'off' } });
    await createInterview(h, OWNER, { start: new Date('2026-12-02T19:00:00Z') });
    h.clock.current = new Date('2026-12-02T21:59:00Z');
    await runUntil('2026-12-02T22:00:00Z');
    expect(count('candidate_debrief_overdue')).toBe(1);
  });
});
