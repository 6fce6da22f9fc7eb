import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TIMELINE_KINDS, type TimelineKind } from '../../src/domain/interview.js';
import type { TimelineItem } from '../../src/domain/timelineItems.js';
import { ACTION, CARD_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { OTHER, OWNER, startHarness, type Harness } from '../support/harness.js';
import { clickButton, createInterview, eventually, openNewInterviewModal, submitModal, validForm } from '../support/flows.js';
import type { StoredMessage } from '../support/fakeSlack.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const kindOf = (m: StoredMessage) => (m.metadata?.event_payload as { kind?: string } | undefined)?.kind;
const reminders = (user = OWNER) => h.fake.dmsTo(user).filter((m) => m.metadata?.event_type === METADATA_EVENT.reminder && kindOf(m) !== CARD_KIND);
/** Kinds delivered to the consultant as reminders (risk alerts, which also land in the DM without a risk channel, not counted). */
const sentKinds = (user = OWNER) =>
  h.fake.dmsTo(user).flatMap((m) => (m.metadata?.event_type === METADATA_EVENT.reminder && kindOf(m) !== CARD_KIND ? [kindOf(m)] : []));
/** Every kind a plan made well ahead has (the catch-up exists only for late logging). */
const PLAN_KINDS = TIMELINE_KINDS.filter((k) => k !== 'catch_up');
/** No context-risk alert in tests that count Slack calls of one kind. */
const skipContextCheck = () => h.sql.run('UPDATE interviews SET context_checked_at = 0');
/** The current plan's items by kind. */
const itemsOf = async (id: number) => {
  const plan = (await h.interviews.get(id))!.plan;
  return Object.fromEntries((await h.timeline.forInterview(id)).filter((i) => i.plan === plan).map((i) => [i.kind, i])) as Record<TimelineKind, TimelineItem>;
};
const at = (iso: string) => {
  h.clock.current = new Date(iso);
};

/** Default interview: created Mon 30 Nov 08:00Z, starting Wed 2 Dec 08:00Z (09:00 Amsterdam), 60 min. */
const START = Date.parse('2026-12-02T08:00:00Z');

describe('every kind is sent once, at its moment', () => {
  it('walks the whole timeline minute by minute around each due instant', async () => {
    const { id } = await createInterview(h, OWNER);
    const plan = (await h.timeline.forInterview(id)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    expect(plan.map((p) => p.kind).sort()).toEqual([...PLAN_KINDS].sort());
    expect((await itemsOf(id)).prep_candidate.dueAt.toISOString()).toBe('2026-12-01T08:00:00.000Z');

    const moments = [...new Set(plan.map((p) => p.dueAt.getTime()))];
    for (const moment of moments) {
      const kinds = plan.filter((p) => p.dueAt.getTime() === moment).map((p) => p.kind);
      h.clock.current = new Date(moment - MIN);
      await h.tick();
      for (const kind of kinds) expect(sentKinds().filter((k) => k === kind), `${kind} before its moment`).toHaveLength(0);
      h.clock.current = new Date(moment);
      await h.tick();
      await h.tick();
      for (const kind of kinds) expect(sentKinds().filter((k) => k === kind), `${kind} at its moment`).toHaveLength(1);
    }
    expect(sentKinds()).toHaveLength(PLAN_KINDS.length);
    expect((await h.timeline.forInterview(id)).every((i) => i.state === 'sent')).toBe(true);
  });

  it('where a message asks to call or write someone, it says how: tel: and mailto: links to the candidate and the client contact', async () => {
    await createInterview(h, OWNER, { candidateEmail: 'sanne@example.nl', clientContactName: 'Jan Jansen', clientContactPhone: '020 123 45 67', clientContactEmail: 'jan@acme.example' });
    const text = (kind: string) => JSON.stringify(reminders().find((m) => kindOf(m) === kind)?.blocks);
    at('2026-12-02T06:00:00Z');
    await h.tick();
    expect(text('candidate_checkin')).toContain('Sanne de Vries: 📞 <tel:+31612345678|+31 6 12345678> · ✉️ <mailto:sanne@example.nl|sanne@example.nl>');
    at('2026-12-02T07:00:00Z');
    await h.tick();
    expect(text('client_reminder')).toContain('Stuur Jan Jansen (Acme BV) de herinnering');
    expect(text('client_reminder')).toContain('Jan Jansen: 📞 <tel:0201234567|020 123 45 67> · ✉️ <mailto:jan@acme.example|jan@acme.example>');
    at('2026-12-02T09:00:00Z');
    await h.tick();
    expect(text('candidate_debrief_due')).toContain('<tel:+31612345678|+31 6 12345678>');
  });

  it('without a client contact person the client reminder says where to add one', async () => {
    await createInterview(h, OWNER);
    at('2026-12-02T07:00:00Z');
    await h.tick();
    const json = JSON.stringify(reminders().find((m) => kindOf(m) === 'client_reminder')?.blocks);
    expect(json).toContain('Stuur Acme BV de herinnering');
    expect(json).toContain('Nog geen contactpersoon bij Acme BV vastgelegd');
  });

  it('fills each DM with the playbook script for its moment, in Dutch words, with no [placeholders] left', async () => {
    await createInterview(h, OWNER, { candidateName: 'Sanne de Vries' });
    const text = (kind: string) => JSON.stringify(reminders().find((m) => kindOf(m) === kind)?.blocks);
    at('2026-12-01T08:00:00Z');
    await h.tick();
    expect(text('prep_candidate')).toContain('Het gesprek heeft 3 onderdelen');
    // No client news recorded yet: no "Actuele updates" script with placeholders, a pointer instead.
    expect(text('prep_candidate')).not.toContain('[recente ontwikkeling bij klant]');
    expect(text('prep_candidate')).not.toContain('Actuele updates*:');
    expect(text('prep_candidate')).toContain('Nieuws over Acme BV om te delen?');
    expect(text('prep_candidate')).toContain('Wat wil jij zelf uit het gesprek halen?');
    expect(text('prep_client')).toContain('Voor het gesprek morgen: waar gaan jullie specifiek op letten?');
    expect(text('prep_client')).toContain('wat zijn jullie vervolgstappen als Sanne een goede match is?');
    at('2026-12-02T06:00:00Z');
    await h.tick();
    expect(text('candidate_checkin')).toContain('Laatste check voor vanochtend: heb je nog vragen?');
    at('2026-12-02T07:00:00Z');
    await h.tick();
    expect(text('client_reminder')).toContain('Interview met Sanne de Vries staat vandaag om 09:00.');
    expect(text('client_reminder')).toContain('dan informeer ik Sanne direct.');
    expect(text('client_reminder')).not.toContain('<!date');
    expect(text('client_reminder')).toMatch(/wo 2 dec, \d\d:\d\d/);
    at('2026-12-02T11:30:00Z');
    await h.tick();
    expect(text('candidate_debrief_overdue')).toContain('Nu 30 min over de deadline.');
  });
});

describe('changes to the interview', () => {
  it('rescheduling starts a new plan: the old messages say moved, the new date gets its own reminders', async () => {
    const { id, card } = await createInterview(h, OWNER);
    at('2026-12-01T08:00:00Z');
    await h.tick();
    const sentPrep = (await itemsOf(id)).prep_candidate;
    expect(sentPrep.state).toBe('sent');

    const { trigger } = clickButton(h, OWNER, card, ACTION.editInterview);
    await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    const view = h.fake.topViewOf(OWNER)!.view;
    const newStart = new Date(START + 24 * HOUR);
    await submitModal(h, OWNER, view, validForm(h, { start: newStart }));
    await eventually(async () => (await h.interviews.get(id))!.plan === 2 && (await itemsOf(id)).candidate_checkin?.dueAt.getTime() === newStart.getTime() - 2 * HOUR);
    expect(await h.timeline.get(sentPrep.id)).toMatchObject({ state: 'sent', ts: sentPrep.ts, plan: 1, skipReason: 'moved' });
    expect((await itemsOf(id)).prep_candidate).toMatchObject({ state: 'pending', plan: 2, dueAt: new Date('2026-12-02T08:00:00Z') });
    expect((await itemsOf(id)).loop_overdue.dueAt.toISOString()).toBe('2026-12-04T09:00:00.000Z');

    await h.tick();
    const old = h.fake.message(sentPrep.channel!, sentPrep.ts!)!;
    expect(JSON.stringify(old.blocks)).toContain('Verplaatst naar');
    expect(JSON.stringify(old.blocks)).not.toContain(ACTION.reminderDone);

    at('2026-12-02T06:00:00Z'); // the old check-in moment
    await h.tick();
    expect(sentKinds()).not.toContain('candidate_checkin');
    at('2026-12-02T08:00:00Z'); // the new prep moment: prep again, for the new date
    await h.tick();
    expect(sentKinds().filter((k) => k === 'prep_candidate')).toHaveLength(2);
  });

  it('Annuleren cancels what is pending and marks the sent messages', async () => {
    const { id, card } = await createInterview(h, OWNER);
    at('2026-12-01T08:00:00Z');
    await h.tick();
    const { response } = clickButton(h, OWNER, card, ACTION.cancelInterview);
    expect((await response).status).toBe(200);
    await eventually(async () => (await h.interviews.get(id))!.status === 'cancelled');
    await eventually(() => reminders().every((m) => JSON.stringify(m.blocks).includes('Interview geannuleerd')));
    const states = Object.values(await itemsOf(id)).map((i) => i.state);
    expect(states.filter((s) => s === 'sent')).toHaveLength(2);
    expect(states.filter((s) => s === 'cancelled')).toHaveLength(8);
    await eventually(() => JSON.stringify(h.fake.message(card.channel, card.ts)!.blocks).includes('Geannuleerd'));
    at('2026-12-05T00:00:00Z');
    await h.tick();
    expect(reminders()).toHaveLength(2);
  });
});

describe('buttons and reactions on reminders', () => {
  async function checkin() {
    const created = await createInterview(h, OWNER);
    at('2026-12-02T06:00:00Z');
    await h.tick();
    const message = reminders().find((m) => kindOf(m) === 'candidate_checkin')!;
    return { ...created, message };
  }

  it('Gedaan marks the task, ticks the card and replaces the buttons with who and when', async () => {
    const { id, message } = await checkin();
    const { response } = clickButton(h, OWNER, message, ACTION.reminderDone);
    expect((await response).status).toBe(200);
    await eventually(() => h.fake.message(message.channel, message.ts)!.editCount > 0);
    const updated = JSON.stringify(h.fake.message(message.channel, message.ts)!.blocks);
    expect(updated).toContain(`✅ Gedaan door <@${OWNER}>`);
    expect(updated).not.toContain(ACTION.reminderDone);
    expect((await h.interviews.get(id))!.done.checkin).toEqual({ at: h.clock.now(), by: OWNER, plan: 1 });
    await eventually(async () => !JSON.stringify(h.fake.message((await h.interviews.get(id))!.card!.channel, (await h.interviews.get(id))!.card!.ts)!.blocks).includes('⬜ Kandidaat check-in 2 uur voor gesprek'));
  });

  it('when Slack fails the rewrite after Gedaan, the tick retries it: the message never keeps a live Gedaan button', async () => {
    const { message } = await checkin();
    h.fake.failNext('chat.update', { status: 500 });
    clickButton(h, OWNER, message, ACTION.reminderDone);
    const failedOnce = async () => (await h.sql.get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = 'reminder_update' AND state = 'pending' AND attempts = 1"))!.n;
    await eventually(async () => (await failedOnce()) === 1);
    expect(JSON.stringify(h.fake.message(message.channel, message.ts)!.blocks)).toContain(ACTION.reminderDone);
    h.clock.advance(2 * 60_000);
    await h.tick();
    const after = JSON.stringify(h.fake.message(message.channel, message.ts)!.blocks);
    expect(after).toContain(`✅ Gedaan door <@${OWNER}>`);
    expect(after).not.toContain(ACTION.reminderDone);
  });

  it.each(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check', 'white_check_mark::skin-tone-3'])(
    'a %s reaction by the owner does what Gedaan does',
    async (reaction) => {
      const { id, message } = await checkin();
      await h.requester.event({ type: 'reaction_added', user: OWNER, reaction, item_user: 'UBOT', item: { type: 'message', channel: message.channel, ts: message.ts } });
      await eventually(async () => (await itemsOf(id)).candidate_checkin.doneAt !== undefined);
      await eventually(() => JSON.stringify(h.fake.message(message.channel, message.ts)!.blocks).includes('Gedaan door'));
    },
  );

  it.each([
    ['another emoji by the owner', OWNER, 'tada'],
    ['a ✅ by someone else', OTHER, 'white_check_mark'],
  ])('ignores %s', async (_name, user, reaction) => {
    const { id, message } = await checkin();
    const res = await h.requester.event({ type: 'reaction_added', user, reaction, item_user: 'UBOT', item: { type: 'message', channel: message.channel, ts: message.ts } });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 150));
    expect((await itemsOf(id)).candidate_checkin.doneAt).toBeUndefined();
    expect(h.fake.message(message.channel, message.ts)!.editCount).toBe(0);
  });

  it('"Over 15 min" sends the reminder again 15 minutes later, as a new message', async () => {
    const { id, message } = await checkin();
    clickButton(h, OWNER, message, ACTION.reminderSnooze15);
    await eventually(async () => (await itemsOf(id)).candidate_checkin.state === 'pending');
    expect((await itemsOf(id)).candidate_checkin.dueAt.toISOString()).toBe('2026-12-02T06:15:00.000Z');
    await eventually(() => JSON.stringify(h.fake.message(message.channel, message.ts)!.blocks).includes('Later: komt terug om'));
    h.clock.advance(14 * MIN);
    await h.tick();
    expect(sentKinds().filter((k) => k === 'candidate_checkin')).toHaveLength(1);
    h.clock.advance(MIN);
    await h.tick();
    expect(sentKinds().filter((k) => k === 'candidate_checkin')).toHaveLength(2);
    expect(JSON.stringify(h.fake.message(message.channel, message.ts)!.blocks)).toContain('Opnieuw herinnerd');
  });

  it('a 1-hour snooze never passes the deadline (the interview start)', async () => {
    await createInterview(h, OWNER);
    at('2026-12-02T07:00:00Z');
    await h.tick();
    const message = reminders().find((m) => kindOf(m) === 'client_reminder')!;
    h.clock.current = new Date('2026-12-02T07:30:00Z');
    clickButton(h, OWNER, message, ACTION.reminderSnooze60);
    await eventually(async () => (await h.timeline.findByMessage(message.channel, message.ts))!.state === 'pending');
    expect((await h.timeline.findByMessage(message.channel, message.ts))!.dueAt.toISOString()).toBe('2026-12-02T08:00:00.000Z');
  });

  it('offers no snooze on overdue alerts', async () => {
    await createInterview(h, OWNER);
    at('2026-12-02T11:00:00Z');
    await h.tick();
    const overdue = reminders().find((m) => kindOf(m) === 'candidate_debrief_overdue')!;
    const json = JSON.stringify(overdue.blocks);
    expect(json).toContain(ACTION.reminderDone);
    expect(json).not.toContain(ACTION.reminderSnooze15);
  });

  it('refuses buttons on someone else’s reminder', async () => {
    const { id, message } = await checkin();
    clickButton(h, OTHER, message, ACTION.reminderDone);
    await h.fake.waitForCall('chat.postEphemeral', (c) => c.args.user === OTHER);
    expect((await itemsOf(id)).candidate_checkin.doneAt).toBeUndefined();
  });
});

describe('reliability', () => {
  it('downtime: stale reminders are skipped, useful ones sent, and one summary per interview', async () => {
    const a = await createInterview(h, OWNER, { candidateName: 'Anna Aa' });
    const b = await createInterview(h, OWNER, { candidateName: 'Bob Bee', start: new Date(START + 30 * MIN) });
    at('2026-12-02T08:40:00Z'); // the bot was down from Monday until just after both interviews began
    await h.tick();
    for (const id of [a.id, b.id]) {
      const items = await itemsOf(id);
      for (const k of ['prep_candidate', 'prep_client', 'candidate_checkin', 'prep_incomplete_risk', 'client_reminder'] as const) {
        expect(items[k], k).toMatchObject({ state: 'skipped', skipReason: 'stale' });
      }
      expect(items.on_call.state).toBe('sent');
    }
    const summaries = reminders().filter((m) => kindOf(m) === 'missed_summary');
    expect(summaries).toHaveLength(2);
    expect(JSON.stringify(summaries[0]!.blocks)).toContain('Gemist terwijl de bot offline was');
    await h.tick();
    expect(reminders().filter((m) => kindOf(m) === 'missed_summary')).toHaveLength(2);
  });

  it('overdue alerts are sent however late', async () => {
    const { id } = await createInterview(h, OWNER);
    at('2026-12-09T08:00:00Z');
    await h.tick();
    expect((await itemsOf(id)).loop_overdue.state).toBe('sent');
    expect((await itemsOf(id)).candidate_debrief_overdue.state).toBe('sent');
    expect(JSON.stringify(reminders().find((m) => kindOf(m) === 'loop_overdue')!.blocks)).toContain('Nu 5 d 23 u over de deadline');
  });

  it('a crash after Slack accepted the message: recovery finds it in the DM history and sends nothing new', async () => {
    const { id } = await createInterview(h, OWNER);
    at('2026-12-01T08:00:00Z');
    const item = (await itemsOf(id)).prep_candidate;
    const channel = h.fake.dmChannelOf(OWNER);
    await h.sql.run("UPDATE timeline_items SET state = 'sending', channel = ? WHERE id = ?", [channel, item.id]);
    const posted = h.fake.addMessage(channel, { user: 'UBOT', text: 'prep', metadata: { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: id, kind: 'prep_candidate' } } });
    const report = await h.tick();
    expect(report.recovered).toBe(1);
    expect((await itemsOf(id)).prep_candidate).toMatchObject({ state: 'sent', ts: posted.ts });
    expect(sentKinds().filter((k) => k === 'prep_candidate')).toHaveLength(1);
  });

  it('a crash before Slack got the message: recovery sends it exactly once', async () => {
    const { id } = await createInterview(h, OWNER);
    at('2026-12-01T08:00:00Z');
    await h.sql.run("UPDATE timeline_items SET state = 'sending', channel = ? WHERE id = ?", [h.fake.dmChannelOf(OWNER), (await itemsOf(id)).prep_candidate.id]);
    await h.tick();
    await h.tick();
    expect(sentKinds().filter((k) => k === 'prep_candidate')).toHaveLength(1);
    expect((await itemsOf(id)).prep_candidate.state).toBe('sent');
  });

  it('429 three times (Retry-After too long for the tick) → retried on later ticks, delivered once', async () => {
    const { id } = await createInterview(h, OWNER);
    at('2026-12-02T06:00:00Z');
    await h.sql.run("UPDATE timeline_items SET state = 'skipped' WHERE interview_id = ? AND kind <> 'candidate_checkin'", [id]);
    await skipContextCheck();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 60 }, 3);
    for (let i = 0; i < 3; i++) {
      const r = await h.tick();
      expect(r.retried, `tick ${i}`).toBe(1);
      expect((await itemsOf(id)).candidate_checkin).toMatchObject({ state: 'pending', lastError: 'ratelimited' });
      h.clock.advance((await itemsOf(id)).candidate_checkin.nextAttemptAt!.getTime() - h.clock.now().getTime());
    }
    const r = await h.tick();
    expect(r.sent).toBe(1);
    expect(sentKinds().filter((k) => k === 'candidate_checkin')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(3);
  });

  it('a short Retry-After is waited out within the same tick', async () => {
    const { id } = await createInterview(h, OWNER);
    at('2026-12-02T06:00:00Z');
    await h.sql.run("UPDATE timeline_items SET state = 'skipped' WHERE interview_id = ? AND kind <> 'candidate_checkin'", [id]);
    await skipContextCheck();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 1);
    const r = await h.tick();
    expect(r.sent).toBe(1);
    expect(sentKinds()).toEqual(['candidate_checkin']);
  });

  it('a 500 is retried with back-off; a permanent error is recorded and not retried', async () => {
    const { id } = await createInterview(h, OWNER);
    at('2026-12-02T06:00:00Z');
    await h.sql.run("UPDATE timeline_items SET state = 'skipped' WHERE interview_id = ? AND kind NOT IN ('candidate_checkin', 'client_reminder')", [id]);
    await skipContextCheck();
    h.fake.failNext('chat.postMessage', { status: 500 }, 1);
    await h.tick();
    expect((await itemsOf(id)).candidate_checkin).toMatchObject({ state: 'pending', lastError: 'http_500' });
    expect((await itemsOf(id)).candidate_checkin.nextAttemptAt!.getTime()).toBe(h.clock.now().getTime() + 30_000);

    at('2026-12-02T07:00:00Z');
    h.fake.failNext('chat.postMessage', { error: 'account_inactive' }, 5);
    await h.tick();
    expect((await itemsOf(id)).client_reminder).toMatchObject({ state: 'failed', lastError: 'account_inactive' });
    const calls = h.fake.callsTo('chat.postMessage').length;
    h.clock.advance(HOUR);
    await h.tick();
    expect((await itemsOf(id)).client_reminder.state).toBe('failed');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => String(JSON.stringify(c.args)).includes('client_reminder')).length).toBeLessThanOrEqual(calls);
    expect(h.logs.some((l) => l.msg === 'reminder failed permanently' && l.slackError === 'account_inactive')).toBe(true);
  });

  it('a tick never overlaps the previous one', async () => {
    await createInterview(h, OWNER);
    at('2026-12-01T08:00:00Z');
    const before = h.runtime.scheduler.state.ticks;
    await Promise.all([h.runtime.scheduler.tick(), h.runtime.scheduler.tick(), h.runtime.scheduler.tick()]);
    expect(h.runtime.scheduler.state.ticks).toBe(before + 1);
    expect(sentKinds()).toEqual(expect.arrayContaining(['prep_candidate', 'prep_client']));
    expect(sentKinds()).toHaveLength(2);
  });
});

describe('short notice', () => {
  it('an interview 90 minutes away gets one catch-up with prep and check-in, no separate DMs', async () => {
    const view = await openNewInterviewModal(h, OWNER);
    await submitModal(h, OWNER, view, validForm(h, { start: new Date(h.clock.now().getTime() + 90 * MIN) }));
    await eventually(async () => (await h.timeline.forInterview(1)).length === 11);
    await h.tick();
    expect(sentKinds()).toEqual(['catch_up']);
    const catchUp = JSON.stringify(reminders()[0]!.blocks);
    for (const kind of ['Voorbereiding kandidaat', 'Voorbereiding klant', 'Check-in kandidaat']) expect(catchUp).toContain(kind);
    expect(catchUp).toContain('Nog open:');
  });
});
