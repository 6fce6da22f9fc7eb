import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimelineKind } from '../../src/domain/interview.js';
import type { TimelineItem } from '../../src/domain/timelineItems.js';
import { ACTION, CARD_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { OTHER, OWNER, startHarness, type Harness } from '../support/harness.js';
import { clickButton, createInterview, eventually } from '../support/flows.js';

/**
 * Timezones that heal (issue 13): a plan made while users.info failed is provisional and replanned
 * once the zone is known; a changed zone (user_change, the daily refresh) moves pending reminders.
 * DEFAULT_TIMEZONE is Europe/Amsterdam; the consultant lives in New York.
 */

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.fake.setUser(OWNER, { tz: 'America/New_York' });
});
afterEach(async () => {
  await h.close();
});

const MIN = 60_000;
const NEW_YORK = 'America/New_York';
/** Wed 2 Dec 2026 15:00Z: 10:00 in New York, 16:00 in Amsterdam. The clock starts Mon 30 Nov 08:00Z. */
const START = new Date('2026-12-02T15:00:00Z');
/** 09:00 on Tue 1 Dec, the last working day before: New York (EST, UTC−5) and Amsterdam (CET, UTC+1). */
const PREP_NEW_YORK = '2026-12-01T14:00:00.000Z';
const PREP_AMSTERDAM = '2026-12-01T08:00:00.000Z';

const at = (iso: string) => {
  h.clock.current = new Date(iso);
};
/** The current plan's items by kind. */
const itemsOf = async (id: number) => {
  const plan = (await h.interviews.get(id))!.plan;
  return Object.fromEntries((await h.timeline.forInterview(id)).filter((i) => i.plan === plan).map((i) => [i.kind, i])) as Record<TimelineKind, TimelineItem>;
};
/** Reminder kinds DMed about interview `id`, in order (the card not counted). */
const sentKinds = (id: number) =>
  h.fake.dmsTo(OWNER).flatMap((m) => {
    const payload = m.metadata?.event_payload as { interview_id?: number; kind?: string } | undefined;
    return m.metadata?.event_type === METADATA_EVENT.reminder && payload?.interview_id === id && payload.kind !== CARD_KIND ? [payload.kind] : [];
  });
const prepSent = (id: number) => sentKinds(id).filter((k) => k === 'prep_candidate' || k === 'prep_client');
const userChange = (user: string, tz: string) =>
  h.requester.event({ type: 'user_change', user: { id: user, name: 'olga', real_name: 'Olga Owner', tz, tz_label: tz, tz_offset: 0, deleted: false } });

describe('a users.info failure at save', () => {
  it('still gives a New York consultant her prep reminder at 09:00 New York', async () => {
    h.fake.failNext('users.info', { status: 500 });
    const { id } = await createInterview(h, OWNER, { start: START });

    // Provisional: planned in DEFAULT_TIMEZONE, the zone not known yet.
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    expect((await itemsOf(id)).prep_candidate.dueAt.toISOString()).toBe(PREP_AMSTERDAM);
    expect((await h.runtime.workspace().consultants.get(OWNER))?.fetchedAt).toBeUndefined();

    // The next tick asks Slack again, learns New York and replans the pending items.
    h.clock.advance(MIN);
    await h.tick();
    expect(h.fake.callsTo('users.info')).toHaveLength(2);
    expect((await h.runtime.workspace().consultants.get(OWNER))?.tz).toBe(NEW_YORK);
    expect((await itemsOf(id)).prep_candidate.dueAt.toISOString()).toBe(PREP_NEW_YORK);
    expect((await itemsOf(id)).prep_client.dueAt.toISOString()).toBe(PREP_NEW_YORK);
    // Moments relative to the start do not depend on the zone.
    expect((await itemsOf(id)).candidate_checkin.dueAt.toISOString()).toBe('2026-12-02T13:00:00.000Z');

    // 09:00 Amsterdam is 03:00 in New York: nothing then.
    at(PREP_AMSTERDAM);
    await h.tick();
    at('2026-12-01T13:59:00Z');
    await h.tick();
    expect(prepSent(id)).toEqual([]);
    at(PREP_NEW_YORK);
    await h.tick();
    expect(prepSent(id).sort()).toEqual(['prep_candidate', 'prep_client']);
    // Same plan throughout: the replan made no new one.
    expect((await h.interviews.get(id))!.plan).toBe(1);
  });

  it('drops a provisional catch-up that the real zone makes unnecessary', async () => {
    // Saved Tue 09:00Z: past 09:00 in Amsterdam (so prep would be caught up), 04:00 in New York.
    at('2026-12-01T09:00:00Z');
    h.fake.failNext('users.info', { status: 500 });
    const { id } = await createInterview(h, OWNER, { start: START });
    expect((await itemsOf(id)).prep_candidate.state).toBe('skipped');
    expect((await itemsOf(id)).catch_up.state).toBe('pending');

    h.clock.advance(MIN);
    await h.tick();
    expect((await itemsOf(id)).prep_candidate).toMatchObject({ state: 'pending', dueAt: new Date(PREP_NEW_YORK) });
    expect((await itemsOf(id)).catch_up).toMatchObject({ state: 'skipped', skipReason: 'quiet' });
    at(PREP_NEW_YORK);
    await h.tick();
    expect(sentKinds(id).sort()).toEqual(['prep_candidate', 'prep_client']);
  });

  it('is retried with back-off while Slack keeps failing, not on every tick', async () => {
    // The save's lookup and the next three retries fail; the fourth retry gets the zone.
    h.fake.failNext('users.info', { status: 500 }, 4);
    const { id } = await createInterview(h, OWNER, { start: START });
    const saved = h.clock.now().getTime();
    expect(h.fake.callsTo('users.info')).toHaveLength(1);

    const callMinutes: number[] = [];
    for (let minute = 1; minute <= 20; minute += 1) {
      h.clock.current = new Date(saved + minute * MIN);
      const before = h.fake.callsTo('users.info').length;
      await h.tick();
      if (h.fake.callsTo('users.info').length > before) callMinutes.push(minute);
      if (minute < 15) expect((await itemsOf(id)).prep_candidate.dueAt.toISOString(), `minute ${minute}`).toBe(PREP_AMSTERDAM);
    }
    // 1, 2, 4, 8 minutes apart.
    expect(callMinutes).toEqual([1, 3, 7, 15]);
    expect((await itemsOf(id)).prep_candidate.dueAt.toISOString()).toBe(PREP_NEW_YORK);
  });

  it('a card or Home lookup that learns the zone heals the plan at the next tick too', async () => {
    h.fake.failNext('users.info', { status: 500 });
    const { id } = await createInterview(h, OWNER, { start: START });
    // Another path (here: the resolver, as the card does) learns the zone before the job's retry.
    h.clock.advance(2 * MIN);
    await h.runtime.workspace().deps.timezones.resolve(OWNER, h.clock.now());
    expect((await itemsOf(id)).prep_candidate.dueAt.toISOString()).toBe(PREP_AMSTERDAM);
    await h.tick();
    expect((await itemsOf(id)).prep_candidate.dueAt.toISOString()).toBe(PREP_NEW_YORK);
  });
});

describe('a changed timezone', () => {
  /** Two interviews planned in Amsterdam: A's prep goes out Tue, B's (a day later) is still pending. */
  async function twoInterviewsInAmsterdam() {
    h.fake.setUser(OWNER, { tz: 'Europe/Amsterdam' });
    const a = await createInterview(h, OWNER, { start: START });
    const b = await createInterview(h, OWNER, { start: new Date('2026-12-03T15:00:00Z') });
    expect((await itemsOf(b.id)).prep_candidate.dueAt.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    at(PREP_AMSTERDAM);
    await h.tick();
    expect(prepSent(a.id).sort()).toEqual(['prep_candidate', 'prep_client']);
    return { a: a.id, b: b.id };
  }

  it('from a user_change event replans pending items; sent ones are not sent again', async () => {
    const { a, b } = await twoInterviewsInAmsterdam();
    const sentBefore = (await itemsOf(a)).prep_candidate;
    at('2026-12-01T09:00:00Z');
    h.fake.setUser(OWNER, { tz: NEW_YORK });
    const res = await userChange(OWNER, NEW_YORK);
    expect(res.status).toBe(200);
    await eventually(async () => (await itemsOf(b)).prep_candidate.dueAt.toISOString() === '2026-12-02T14:00:00.000Z');
    expect((await itemsOf(b)).prep_client.dueAt.toISOString()).toBe('2026-12-02T14:00:00.000Z');
    expect((await h.runtime.workspace().consultants.get(OWNER))?.tz).toBe(NEW_YORK);
    // A's prep went out before the change: untouched.
    expect((await itemsOf(a)).prep_candidate).toMatchObject({ state: 'sent', ts: sentBefore.ts, dueAt: sentBefore.dueAt });

    // Walk past 09:00 New York on Tuesday (A's moment in the new zone) and B's old and new moments.
    for (const iso of ['2026-12-01T14:00:00Z', '2026-12-02T08:00:00Z', '2026-12-02T13:59:00Z']) {
      at(iso);
      await h.tick();
    }
    expect(prepSent(a).sort()).toEqual(['prep_candidate', 'prep_client']);
    expect(prepSent(b)).toEqual([]);
    at('2026-12-02T14:00:00Z');
    await h.tick();
    expect(prepSent(b).sort()).toEqual(['prep_candidate', 'prep_client']);
    expect(prepSent(a)).toHaveLength(2);
    expect((await h.interviews.get(a))!.plan).toBe(1);
    expect((await h.interviews.get(b))!.plan).toBe(1);
  });

  it('from the daily refresh replans pending items before they are due; within the day Slack is not asked again', async () => {
    const { a, b } = await twoInterviewsInAmsterdam();
    // The tick at 08:00Z Tuesday refreshed the zone (a day after the save): still Amsterdam.
    const calls = h.fake.callsTo('users.info').length;
    h.fake.setUser(OWNER, { tz: NEW_YORK });
    for (const iso of ['2026-12-01T20:00:00Z', '2026-12-02T07:59:00Z']) {
      at(iso);
      await h.tick();
    }
    expect(h.fake.callsTo('users.info')).toHaveLength(calls);
    expect((await itemsOf(b)).prep_candidate.dueAt.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    // A day after the last lookup, which falls on B's old moment: refreshed before anything is sent.
    at('2026-12-02T08:00:00Z');
    await h.tick();
    expect(h.fake.callsTo('users.info')).toHaveLength(calls + 1);
    expect((await itemsOf(b)).prep_candidate.dueAt.toISOString()).toBe('2026-12-02T14:00:00.000Z');
    expect(prepSent(b)).toEqual([]);
    expect((await itemsOf(a)).prep_candidate.state).toBe('sent');
    at('2026-12-02T14:00:00Z');
    await h.tick();
    expect(h.fake.callsTo('users.info')).toHaveLength(calls + 1);
    expect(prepSent(b).sort()).toEqual(['prep_candidate', 'prep_client']);
    expect(prepSent(a)).toHaveLength(2);
  });

  it('keeps a snoozed reminder at the moment the consultant chose', async () => {
    const { a } = await twoInterviewsInAmsterdam();
    const message = h.fake.dmsTo(OWNER).find((m) => {
      const p = m.metadata?.event_payload as { interview_id?: number; kind?: string } | undefined;
      return p?.interview_id === a && p.kind === 'prep_candidate';
    })!;
    void clickButton(h, OWNER, message, ACTION.reminderSnooze15).response;
    await eventually(async () => (await itemsOf(a)).prep_candidate.state === 'pending');
    expect((await itemsOf(a)).prep_candidate.dueAt.toISOString()).toBe('2026-12-01T08:15:00.000Z');
    h.fake.setUser(OWNER, { tz: NEW_YORK });
    await userChange(OWNER, NEW_YORK);
    await eventually(async () => (await h.runtime.workspace().consultants.get(OWNER))?.tz === NEW_YORK);
    await h.tick();
    expect((await itemsOf(a)).prep_candidate.dueAt.toISOString()).toBe('2026-12-01T08:15:00.000Z');
    at('2026-12-01T08:15:00Z');
    await h.tick();
    expect(sentKinds(a).filter((k) => k === 'prep_candidate')).toHaveLength(2);
  });

  it('ignores user_change for people who are not consultants, and a zone that did not change', async () => {
    const { b } = await twoInterviewsInAmsterdam();
    await userChange(OTHER, NEW_YORK);
    await userChange('UNOBODY9', NEW_YORK);
    await userChange(OWNER, 'Europe/Amsterdam');
    await userChange(OWNER, 'Not/AZone');
    await new Promise((r) => setTimeout(r, 150));
    expect(await h.runtime.workspace().consultants.get('UNOBODY9')).toBeUndefined();
    expect((await h.runtime.workspace().consultants.get(OWNER))?.tz).toBe('Europe/Amsterdam');
    expect((await itemsOf(b)).prep_candidate.dueAt.toISOString()).toBe('2026-12-02T08:00:00.000Z');
  });
});
