import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK, CARD_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { coachingForm } from '../../src/slack/forms/index.js';
import type { StoredMessage } from '../support/fakeSlack.js';
import { clickButton, createInterview, eventually, formValues, openNewInterviewModal, submitModal, validForm } from '../support/flows.js';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { buildViewSubmission, stateValue } from '../support/signer.js';

/**
 * Issue 13, the outbox: a message is first a row with a unique purpose, then a delivery by one
 * dispatcher that claims it, retries it with back-off, looks it up after a crash and records where
 * it landed — so a double click gives one card, a failed post is not lost, and an erasure reaches
 * every message and file about the interview, however often Slack fails on the way.
 */

const RISK = 'C0RISK01';
let h: Harness;
afterEach(async () => {
  await h.close();
});
const start = async () => {
  h = await startHarness({ env: { RISK_ALERT_CHANNEL: RISK } });
};
const json = (v: unknown) => JSON.stringify(v);
const payload = (m: StoredMessage) => (m.metadata?.event_payload ?? {}) as { kind?: string; interview_id?: number; outbox_id?: number };
const cards = () => h.fake.dmsTo(OWNER).filter((m) => payload(m).kind === CARD_KIND);
const advice = () => h.fake.dmsTo(OWNER).filter((m) => payload(m).kind === 'coaching_advice');
const outboxRows = (kind: string) =>
  h.sql.all<{
    id: number;
    state: string;
    attempts: number;
    channel: string | null;
    ts: string | null;
    file_id: string | null;
    last_error: string | null;
  }>('SELECT id, state, attempts, channel, ts, file_id, last_error FROM outbox WHERE kind = ? ORDER BY id', [kind]);

async function submitCoaching(card: StoredMessage, warning: string[]) {
  const { trigger } = clickButton(h, OWNER, card, ACTION.openCoaching);
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  const view = h.fake.topViewOf(OWNER)!.view;
  const values = formValues(coachingForm.blocks, {
    done: stateValue.checkboxes([]),
    positiveSignals: stateValue.checkboxes([]),
    warningSignals: stateValue.checkboxes(warning),
    star1Situation: stateValue.plainText('S'),
    star1Task: stateValue.plainText('T'),
    star1Action: stateValue.plainText('A'),
    star1Result: stateValue.plainText('R'),
  });
  return h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values }));
}

describe('one card, however often Save is clicked', () => {
  it('a double-clicked Save (two submissions of the same modal at once) posts one card', async () => {
    await start();
    const view = await openNewInterviewModal(h, OWNER);
    const form = validForm(h);
    const [a, b] = await Promise.all([submitModal(h, OWNER, view, form), submitModal(h, OWNER, view, form)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await eventually(async () => cards().length > 0 && (await h.interviews.get(1))?.card !== undefined);
    await h.tick();
    await new Promise((r) => setTimeout(r, 100));
    expect(cards()).toHaveLength(1);
    expect((await h.interviews.get(1))!.card).toEqual({ channel: cards()[0]!.channel, ts: cards()[0]!.ts });
    expect(await outboxRows('card')).toEqual([expect.objectContaining({ state: 'sent', attempts: 1, ts: cards()[0]!.ts })]);
  });

  it('a card whose post failed with a 500 is posted later, once', async () => {
    await start();
    h.fake.failNext('chat.postMessage', { status: 500 });
    const view = await openNewInterviewModal(h, OWNER);
    expect((await submitModal(h, OWNER, view, validForm(h))).body).toBe('');
    await eventually(async () => (await outboxRows('card'))[0]?.state === 'pending' && (await outboxRows('card'))[0]!.attempts === 1);
    expect(cards()).toHaveLength(0);
    h.clock.advance(60_000);
    await h.tick();
    await h.tick();
    expect(cards()).toHaveLength(1);
    expect((await h.interviews.get(1))!.card?.ts).toBe(cards()[0]!.ts);
  });
});

describe('the card stays current', () => {
  it('a card update that fails with a 500 is retried by the tick and shows the latest data', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    await eventually(async () => (await outboxRows('card_update')).every((r) => r.state === 'sent'));
    h.fake.failNext('chat.update', { status: 500 });
    clickButton(h, OWNER, card, ACTION.checkinDone);
    await eventually(async () => (await h.interviews.get(id))!.done.checkin !== undefined);
    await eventually(async () => (await outboxRows('card_update'))[0]?.state === 'pending' && (await outboxRows('card_update'))[0]!.last_error === 'http_500');
    expect(json(h.fake.message(card.channel, card.ts)!.blocks)).toContain('⬜ Kandidaat check-in');
    h.clock.advance(60_000);
    await h.tick();
    expect(json(h.fake.message(card.channel, card.ts)!.blocks)).not.toContain('⬜ Kandidaat check-in');
    expect(await outboxRows('card_update')).toEqual([expect.objectContaining({ state: 'sent' })]);
  });
});

describe('nothing lost, nothing twice', () => {
  it('coaching advice whose post fails is retried with back-off and arrives once', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 120 });
    expect((await submitCoaching(card, ['no_questions', 'passive'])).body).toBe('');
    await eventually(async () => (await outboxRows('coaching_advice'))[0]?.attempts === 1 && (await outboxRows('coaching_advice'))[0]!.state !== 'sending');
    expect((await outboxRows('coaching_advice'))[0]).toMatchObject({ state: 'pending', last_error: 'ratelimited' });
    h.clock.advance(60_000);
    await h.tick();
    expect(advice()).toHaveLength(0); // Retry-After (120 s) not yet passed
    h.clock.advance(61_000);
    await h.tick();
    await h.tick();
    expect(advice()).toHaveLength(1);
    expect((await h.interviews.get(id))!.coaching!.adviceSentAt).toBeDefined();
  });

  it('a crash between the post and its record: the history has it, so it is recorded and not posted again', async () => {
    await start();
    const { card } = await createInterview(h, OWNER);
    // The advice row is written with the save; the process "dies" before delivering it.
    h.fake.failNext('chat.postMessage', { status: 500 });
    await submitCoaching(card, []);
    await eventually(async () => (await outboxRows('coaching_advice'))[0]?.attempts === 1 && (await outboxRows('coaching_advice'))[0]!.state !== 'sending');
    const row = (await outboxRows('coaching_advice'))[0]!;
    // As if the next attempt reached Slack and the process was killed before recording it.
    const posted = h.fake.addMessage(h.fake.dmChannelOf(OWNER), {
      user: 'UBOT',
      text: 'advies',
      metadata: { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: 1, kind: 'coaching_advice', outbox_id: row.id } },
    });
    await h.sql.run("UPDATE outbox SET state = 'sending', lease_until = 0 WHERE id = ?", [row.id]);
    h.clock.advance(60_000);
    await h.tick();
    expect((await outboxRows('coaching_advice'))[0]).toMatchObject({ state: 'sent', ts: posted.ts });
    expect(advice()).toHaveLength(1);
  });
});

describe('risk alerts: once, also across a crash', () => {
  it('kill -9 between the alert’s post and its record: after restart the channel history has it, no second alert', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    const channelAlerts = () => h.fake.messages(RISK).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk);
    // An alert whose delivery was killed after Slack stored it: the row keeps the lease of the
    // unfinished attempt and no ts; the channel has the message.
    const alert = (await h.runtime.workspace().risks.record(id, 'last_minute_change', 1, 'technical:go_ahead', h.clock.now()))!;
    await h.sql.run('UPDATE risk_alerts SET lease_until = 1 WHERE id = ?', [alert.id]);
    const posted = h.fake.addMessage(RISK, {
      user: 'UBOT',
      text: 'alert',
      metadata: { event_type: METADATA_EVENT.risk, event_payload: { interview_id: id, reason: 'last_minute_change', alert_id: alert.id } },
    });
    await h.tick();
    await h.tick();
    expect(channelAlerts()).toHaveLength(1);
    expect(await h.sql.get('SELECT state, ts FROM risk_alerts WHERE id = ?', [alert.id])).toEqual({ state: 'posted', ts: posted.ts });
  });

  it('an alert whose cause was taken care of before it could be posted is not posted at all', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    const alert = (await h.runtime.workspace().risks.record(id, 'debrief_overdue', 1, undefined, h.clock.now()))!;
    // The consultant ticks the debrief off while the alert waits (e.g. for its back-off).
    await h.interviews.markTaskDone(id, 'debrief', OWNER, h.clock.now());
    await h.tick();
    expect(h.fake.messages(RISK).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk)).toHaveLength(0);
    expect(await h.sql.get('SELECT state, last_error FROM risk_alerts WHERE id = ?', [alert.id])).toEqual({ state: 'failed', last_error: 'resolved_before_post' });
  });

  it('an alert whose earlier attempt never finished and never reached Slack is posted once', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    const channelAlerts = () => h.fake.messages(RISK).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk);
    const alert = (await h.runtime.workspace().risks.record(id, 'last_minute_change', 1, 'technical:go_ahead', h.clock.now()))!;
    await h.sql.run('UPDATE risk_alerts SET lease_until = 1 WHERE id = ?', [alert.id]);
    await h.tick();
    await h.tick();
    expect(channelAlerts()).toHaveLength(1);
    expect(Number((channelAlerts()[0]!.metadata!.event_payload as { alert_id: number }).alert_id)).toBe(alert.id);
  });
});

describe('erasure that finishes', () => {
  it('verwijder with a 500 on the way: after a later retry no message holds the full name and the export file is deleted', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER, { candidateName: 'Zoë van der Heijden' });
    await submitCoaching(card, []);
    await eventually(() => advice().length === 1);
    await h.requester.slashCommand({ user_id: OWNER, text: `export ${id}`, trigger_id: h.fake.issueTriggerId(OWNER) });
    await eventually(async () => h.fake.files.length === 1 && (await outboxRows('ledger')).some((r) => r.file_id !== null));
    h.clock.current = new Date('2026-12-01T08:00:00Z');
    await h.tick(); // prep reminders and the context alert name the candidate (the alert by initials)
    const holdsName = () =>
      [...h.fake.dmsTo(OWNER), ...h.fake.messages(RISK)].filter((m) => json(m.blocks ?? []).includes('Heijden') || String(m.text).includes('Heijden'));
    expect(holdsName().length).toBeGreaterThanOrEqual(3); // card, advice, reminders

    h.fake.failNext('chat.update', { status: 500 });
    const trigger = h.fake.issueTriggerId(OWNER);
    await h.requester.slashCommand({ user_id: OWNER, text: `verwijder #${id}`, trigger_id: trigger });
    await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    const view = h.fake.topViewOf(OWNER)!.view;
    expect(view.callback_id).toBe(CALLBACK.eraseModal);
    await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: {} }));
    const attempted = async (kind: string) => {
      const rows = await outboxRows(kind);
      return rows.length > 0 && rows.every((r) => r.state !== 'sending' && r.attempts > 0);
    };
    await eventually(async () => (await attempted('erasure_rewrite')) && (await attempted('file_delete')));
    // One rewrite failed: still owed, and /healthz says so.
    expect((await outboxRows('erasure_rewrite')).filter((r) => r.state === 'pending')).toHaveLength(1);
    expect(holdsName()).toHaveLength(1);
    const health = (await (await fetch(`http://127.0.0.1:${h.slack.port}/healthz`)).json()) as { outbox: { erasuresPending: number } };
    expect(health.outbox.erasuresPending).toBe(1);

    h.clock.advance(60_000);
    await h.tick();
    expect(holdsName()).toEqual([]);
    expect(h.fake.files).toHaveLength(0);
    expect((await outboxRows('erasure_rewrite')).every((r) => r.state === 'sent')).toBe(true);
    expect(await outboxRows('file_delete')).toEqual([expect.objectContaining({ state: 'sent' })]);
    const after = (await (await fetch(`http://127.0.0.1:${h.slack.port}/healthz`)).json()) as { outbox: { erasuresPending: number } };
    expect(after.outbox.erasuresPending).toBe(0);
  });
});
