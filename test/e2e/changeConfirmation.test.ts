import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, CHANGE_CONFIRMATION_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { changeForm } from '../../src/slack/forms/index.js';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { clickButton, createInterview, eventually, formValues } from '../support/flows.js';
import { buildViewSubmission, stateValue } from '../support/signer.js';
import type { StoredMessage } from '../support/fakeSlack.js';

/**
 * Issue 12, item 6: a last-minute change closes the loop. The consultant gets one DM confirming what
 * was recorded, with the messages for the candidate and the client ready to copy; the team channel
 * gets one alert for the change.
 *
 * The default interview (flows.validForm): Sanne de Vries at Acme BV, Wed 2 Dec 2026 08:00Z
 * (09:00 in Amsterdam, the owner's zone), Herengracht 1, Amsterdam.
 */
const RISK = 'C0RISK01';
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { RISK_ALERT_CHANNEL: RISK } });
});
afterEach(async () => {
  await h.close();
});

const json = (v: unknown) => JSON.stringify(v);
const kindOf = (m: StoredMessage) => (m.metadata?.event_payload as { kind?: string } | undefined)?.kind;
const confirmations = () => h.fake.dmsTo(OWNER).filter((m) => kindOf(m) === CHANGE_CONFIRMATION_KIND);
const riskAlerts = () => h.fake.messages(RISK).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk);
/** The copyable scripts of a message, in order: candidate, client. */
const scriptsOf = (m: StoredMessage) =>
  (m.blocks as { text?: { text: string } }[]).map((b) => b.text?.text ?? '').filter((x) => x.startsWith('```'));
const logged = (msg: string) => h.logs.filter((l) => l.msg === msg);

async function interviewWithDecisionMaker() {
  const created = await createInterview(h, OWNER);
  await h.interviews.addStakeholder(created.id, { name: 'Pieter Bakker', role: 'CTO', decisionPower: 'decision_maker' }, h.clock.now());
  return created;
}

/** Opens `Last-minute wijziging` from the card and submits it as Slack would; returns the HTTP answer. */
async function submitChange(card: StoredMessage, what: string, decision: string, newStart?: Date) {
  const { trigger } = clickButton(h, OWNER, card, ACTION.openChange);
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  const view = h.fake.topViewOf(OWNER)!.view;
  const values = formValues(changeForm.blocks, {
    what: stateValue.radio(what),
    decision: stateValue.radio(decision),
    newStartEpochSeconds: { type: 'datetimepicker', selected_date_time: newStart ? newStart.getTime() / 1000 : null },
    note: stateValue.plainText('Belde om 8 uur: griep'),
  });
  return h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values }));
}

/**
 * Everything the submission does after its ack is done: the confirmation is its last step (after
 * the card and the risk alerts), so its log line means the listener has finished.
 */
const confirmationRow = async () =>
  (await h.sql.get("SELECT state, attempts, last_error FROM outbox WHERE kind = 'change_confirmation' ORDER BY id DESC")) as
    | { state: string; attempts: number; last_error: string | null }
    | undefined;

async function settled(id: number, cardLine: string) {
  // The confirmation and the card update are outbox rows, delivered in the order they were written.
  const cardUpdating = async () => ((await h.sql.get("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'card_update' AND state IN ('pending', 'sending')")) as { n: number }).n > 0;
  await eventually(async () => {
    const row = await confirmationRow();
    return row !== undefined && row.attempts > 0 && row.state !== 'sending' && !(await cardUpdating());
  });
  const { channel, ts } = (await h.interviews.get(id))!.card!;
  expect(json(h.fake.message(channel, ts)!.blocks)).toContain(cardLine);
}

describe('Last-minute wijziging: the consultant gets the confirmation and both messages', () => {
  it('verzetten: exactly one DM with the new time in Dutch words and both scripts filled in', async () => {
    const { id, card } = await interviewWithDecisionMaker();
    const newStart = new Date('2026-12-04T13:00:00Z'); // Fri 4 Dec, 14:00 in Amsterdam
    expect((await submitChange(card, 'candidate_ill', 'reschedule', newStart)).body).toBe('');
    await settled(id, 'Kandidaat ziek/verhinderd → Verzetten naar een nieuwe start');
    await h.tick();

    expect(confirmations()).toHaveLength(1);
    const dm = confirmations()[0]!;
    expect(dm.metadata).toEqual({ event_type: METADATA_EVENT.reminder, event_payload: { interview_id: id, kind: CHANGE_CONFIRMATION_KIND, outbox_id: expect.any(Number) } });
    expect(dm.text).toBe(`Wijziging vastgelegd: interview #${id} met Sanne de Vries bij Acme BV is verzet naar vr 4 dec, 14:00.`);
    expect(json(dm.blocks)).toContain('Wat er gebeurde: Kandidaat ziek/verhinderd');
    expect(json(dm.blocks)).toContain('De herinneringen zijn meeverhuisd naar de nieuwe tijd.');
    expect(json(dm)).not.toContain('<!date'); // Dutch: the bot writes the date itself
    const [candidate, client] = scriptsOf(dm);
    expect(candidate).toBe(
      '```Hoi Sanne,\nFijn dat je het op tijd liet weten. Het gesprek bij Acme BV is verzet naar vrijdag 4 december om 14:00, Herengracht 1, Amsterdam. Past dat? Laat het me even weten. Verandert er nog iets, dan hoor je het direct van me.```',
    );
    expect(json(dm.blocks)).toContain('*Aan Pieter Bakker* (Acme BV):');
    expect(client).toBe(
      '```Hoi Pieter,\nSanne is helaas verhinderd. Het gesprek met Sanne de Vries is verzet naar vrijdag 4 december om 14:00, Herengracht 1, Amsterdam. Wijzigt er nog iets, laat het me weten, dan informeer ik Sanne direct.```',
    );
    // The existing behaviour stays: the start moved and the reminders with it.
    expect((await h.interviews.get(id))!.logistics.start).toEqual(newStart);
    expect((await h.interviews.get(id))!.timeline.find((i) => i.kind === 'candidate_checkin')!.dueAt.toISOString()).toBe('2026-12-04T11:00:00.000Z');
  });

  it('annuleren: the cancellation scripts, with reassurance and the next step', async () => {
    const { id, card } = await interviewWithDecisionMaker();
    await submitChange(card, 'client_emergency', 'cancel');
    await settled(id, 'Klant noodgeval → Annuleren');

    expect(confirmations()).toHaveLength(1);
    const dm = confirmations()[0]!;
    expect(dm.text).toBe(`Wijziging vastgelegd: interview #${id} met Sanne de Vries bij Acme BV (wo 2 dec, 09:00) is geannuleerd.`);
    expect(json(dm.blocks)).toContain('Alle herinneringen zijn gestopt.');
    const [candidate, client] = scriptsOf(dm);
    expect(candidate).toContain('Hoi Sanne,\nBij Acme BV kwam er onverwacht iets tussen. Het gesprek bij Acme BV van woensdag 2 december om 09:00 gaat helaas niet door.');
    expect(candidate).toContain('Geen zorgen: ik blijf er bovenop zitten en bel je snel over de volgende stap.');
    expect(client).toContain('Hoi Pieter,\nDank voor je bericht, geen probleem. Het gesprek met Sanne de Vries van woensdag 2 december om 09:00 gaat niet door.');
    await eventually(async () => (await h.interviews.get(id))!.status === 'cancelled');
  });

  it('gaat door after a technical problem: the short "het gaat gewoon door" scripts', async () => {
    const { id, card } = await interviewWithDecisionMaker();
    await submitChange(card, 'technical', 'go_ahead');
    await settled(id, 'Technisch probleem → Gaat door');

    expect(confirmations()).toHaveLength(1);
    const dm = confirmations()[0]!;
    expect(dm.text).toBe(`Wijziging vastgelegd: interview #${id} met Sanne de Vries bij Acme BV gaat door, wo 2 dec, 09:00.`);
    const [candidate, client] = scriptsOf(dm);
    expect(candidate).toContain('Hoi Sanne,\nEven een korte update: het gesprek bij Acme BV gaat gewoon door, woensdag 2 december om 09:00, Herengracht 1, Amsterdam.');
    expect(client).toContain('Hoi Pieter,\nEven een korte update: het gesprek met Sanne de Vries gaat gewoon door, woensdag 2 december om 09:00');
    expect((await h.interviews.get(id))!.status).toBe('scheduled');
  });

  it('the client script never carries health facts, not even from the note', async () => {
    const { id, card } = await interviewWithDecisionMaker();
    await submitChange(card, 'candidate_ill', 'cancel');
    await settled(id, 'Kandidaat ziek/verhinderd → Annuleren');
    const [, client] = scriptsOf(confirmations()[0]!);
    expect(client).toContain('Sanne is helaas verhinderd.');
    expect(client).not.toMatch(/ziek|griep/i);
    expect(json(confirmations()[0]!.blocks)).toContain('Toelichting: Belde om 8 uur: griep'); // the consultant's own record
  });
});

describe('Last-minute wijziging: Slack failures on the confirmation', () => {
  it('a retryable error is retried and the DM still arrives once; the log has ids and the error only', async () => {
    const { id, card } = await interviewWithDecisionMaker();
    // Only the confirmation opens the DM channel here (the card posts to the user id).
    h.fake.failNext('conversations.open', { error: 'internal_error' });
    await submitChange(card, 'technical', 'go_ahead');
    await settled(id, 'Technisch probleem → Gaat door');

    // The row waits out its back-off; the next tick after it delivers.
    expect(confirmations()).toHaveLength(0);
    expect(await confirmationRow()).toMatchObject({ state: 'pending', attempts: 1, last_error: 'internal_error' });
    const retry = logged('outbox message not delivered; will retry');
    expect(retry).toHaveLength(1);
    expect(retry[0]).toMatchObject({ interviewId: id, kind: 'change_confirmation', slackError: 'internal_error' });
    h.clock.advance(60_000);
    await h.tick();
    // Delivered by this tick, or by an outbox kick of the submission's own updates still running
    // on a loaded machine (it claims the row first; the tick then leaves it alone).
    await eventually(() => confirmations().length === 1);
    await eventually(async () => (await confirmationRow())?.state === 'sent');
    expect(await confirmationRow()).toMatchObject({ state: 'sent', attempts: 2 });
    await h.tick();
    expect(confirmations()).toHaveLength(1);
    for (const line of h.logs.filter((l) => String(l.msg).startsWith('outbox'))) expect(json(line)).not.toMatch(/Sanne|Acme|griep|Herengracht/);
  });

  it('a permanent error is not retried; it is logged without personal data and the rest still happens', async () => {
    const { id, card } = await interviewWithDecisionMaker();
    h.fake.failNext('conversations.open', { error: 'user_not_found' });
    await submitChange(card, 'client_emergency', 'reschedule', new Date('2026-12-04T13:00:00Z'));
    await settled(id, 'Klant noodgeval → Verzetten naar een nieuwe start');

    expect(confirmations()).toHaveLength(0);
    expect(h.fake.callsTo('conversations.open')).toHaveLength(1);
    const failed = logged('outbox message failed permanently');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ interviewId: id, kind: 'change_confirmation', slackError: 'user_not_found' });
    expect(await confirmationRow()).toMatchObject({ state: 'failed' });
    expect(json(failed[0])).not.toMatch(/Sanne|Acme|griep|Herengracht/);
    expect((await h.interviews.get(id))!.logistics.start).toEqual(new Date('2026-12-04T13:00:00Z'));
    await eventually(() => riskAlerts().length === 1);
  });
});

describe('Last-minute wijziging: one channel alert per change, not two', () => {
  it('one change, then the scheduler: one alert in the risk channel, initials only, no health facts', async () => {
    const { id, card } = await interviewWithDecisionMaker();
    await submitChange(card, 'candidate_ill', 'reschedule', new Date('2026-12-04T13:00:00Z'));
    await settled(id, 'Kandidaat ziek/verhinderd → Verzetten naar een nieuwe start');
    await eventually(() => riskAlerts().length > 0);
    await h.tick();
    await h.tick();

    expect(riskAlerts()).toHaveLength(1);
    const alert = riskAlerts()[0]!;
    expect(alert.metadata).toEqual({ event_type: METADATA_EVENT.risk, event_payload: { interview_id: id, reason: 'last_minute_change', alert_id: expect.any(Number) } });
    expect(json(alert)).toContain('S.d.V.');
    expect(json(alert)).not.toMatch(/Sanne de Vries|ziek|griep/i);
  });

  it('a scheduler tick that runs while the submission is still posting does not post the alert a second time', async () => {
    const { id, card } = await interviewWithDecisionMaker();
    expect((await submitChange(card, 'technical', 'go_ahead')).body).toBe('');
    // The cron beat does not wait for listeners: here it lands right after the ack, while the
    // submission's own refresh is delivering the same pending alert.
    await h.tick();
    await settled(id, 'Technisch probleem → Gaat door');
    await eventually(() => riskAlerts().length > 0);
    await h.tick();

    expect(riskAlerts().map((m) => (m.metadata!.event_payload as { reason: string }).reason)).toEqual(['last_minute_change']);
  });
});
