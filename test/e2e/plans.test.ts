import { writeFileSync } from 'node:fs';
import ical, { type VEvent } from 'node-ical';
import { afterEach, describe, expect, it } from 'vitest';
import { computeStats } from '../../src/domain/stats.js';
import { ACTION, CALLBACK, CARD_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { changeForm } from '../../src/slack/forms/index.js';
import type { StoredMessage } from '../support/fakeSlack.js';
import { clickButton, createInterview, eventually, formValues, openNewInterviewModal, submitModal, validForm } from '../support/flows.js';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { buildViewSubmission, stateValue } from '../support/signer.js';

/**
 * Issue 12 from the consultant's side: reschedules make a new plan, `Gedaan` / ✅ records the work,
 * late logging gives one catch-up, texts say the real time, the T − 2h check reaches the consultant.
 * Default interview: created Mon 30 Nov 08:00Z, starting Wed 2 Dec 08:00Z (09:00 Amsterdam), 60 min.
 */

const RISK = 'C0RISK01';
let h: Harness;
afterEach(async () => {
  await h.close();
});
const start = async () => {
  h = await startHarness({ env: { RISK_ALERT_CHANNEL: RISK } });
};

const MIN = 60_000;
const HOUR = 60 * MIN;
const T = Date.parse('2026-12-02T08:00:00Z');
const E = T + HOUR;
const WEEK = 7 * 24 * HOUR;
const at = (ms: number) => {
  h.clock.current = new Date(ms);
};
const payload = (m: StoredMessage) => (m.metadata?.event_payload ?? {}) as { kind?: string; plan?: number; reason?: string };
const reminders = () => h.fake.dmsTo(OWNER).filter((m) => m.metadata?.event_type === METADATA_EVENT.reminder && payload(m).kind !== CARD_KIND && payload(m).kind !== 'change_confirmation');
const ofKind = (kind: string, plan?: number) => reminders().filter((m) => payload(m).kind === kind && (plan === undefined || Number(payload(m).plan) === plan));
const channelAlerts = () => h.fake.messages(RISK).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk);
const json = (m: StoredMessage | undefined) => JSON.stringify(m?.blocks ?? []);
const latest = (m: StoredMessage) => h.fake.message(m.channel, m.ts)!;
const cardOf = async (id: number) => {
  const card = (await h.interviews.get(id))!.card!;
  return h.fake.message(card.channel, card.ts)!;
};

async function openForm(card: StoredMessage, actionId: string) {
  const { trigger } = clickButton(h, OWNER, card, actionId);
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  return h.fake.topViewOf(OWNER)!.view;
}

async function rescheduleByChange(card: StoredMessage, newStart: Date) {
  const view = await openForm(card, ACTION.openChange);
  const values = formValues(changeForm.blocks, {
    what: stateValue.radio('candidate_ill'),
    decision: stateValue.radio('reschedule'),
    newStartEpochSeconds: { type: 'datetimepicker', selected_date_time: newStart.getTime() / 1000 },
    note: stateValue.plainText(null),
  });
  const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values }));
  expect(res.body).toBe('');
}

async function rescheduleByEdit(card: StoredMessage, newStart: Date) {
  const view = await openForm(card, ACTION.editInterview);
  const res = await submitModal(h, OWNER, view, validForm(h, { start: newStart }));
  expect(res.body).toBe('');
}

async function react(message: StoredMessage, user = OWNER, reaction = 'white_check_mark') {
  const res = await h.requester.event({ type: 'reaction_added', user, reaction, item_user: 'UBOT', item: { type: 'message', channel: message.channel, ts: message.ts } });
  expect(res.status).toBe(200);
}

/** Ticks at every minute-mark in [from, to] where something is due (plus one extra tick each). */
async function runUntil(to: number) {
  const due = await h.sql.all<{ due_at: number }>(`SELECT DISTINCT due_at FROM timeline_items WHERE state = 'pending' AND due_at <= ? ORDER BY due_at`, [to]);
  for (const { due_at } of due) {
    if (due_at > h.clock.now().getTime()) at(due_at);
    await h.tick();
    await h.tick();
  }
  at(to);
  await h.tick();
}

const DAY_OF = ['prep_candidate', 'prep_client', 'candidate_checkin', 'prep_incomplete_risk', 'client_reminder'] as const;

describe('a reschedule starts a new plan', () => {
  it.each([
    ['Last-minute wijziging → verzetten', rescheduleByChange],
    ['Bewerken with a new start', rescheduleByEdit],
  ])('moved at T − 50 min by a week (%s): the new week gets every moment once, the old messages say moved', async (_name, move) => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    await runUntil(T - 60 * MIN);
    for (const kind of DAY_OF) expect(ofKind(kind, 1), kind).toHaveLength(1);
    const oldCheckin = ofKind('candidate_checkin', 1)[0]!;
    // The check-in for the old date was done.
    clickButton(h, OWNER, oldCheckin, ACTION.reminderDone);
    await eventually(async () => (await h.interviews.get(id))!.done.checkin !== undefined);

    at(T - 50 * MIN);
    const newStart = new Date(T + WEEK);
    await move(card, newStart);
    await eventually(async () => (await h.interviews.get(id))!.plan === 2);
    const moved = (await h.interviews.get(id))!;
    expect(moved.logistics.start).toEqual(newStart);
    // Day-of tasks belong to a plan: the new date's check-in is not done.
    expect(moved.done.checkin).toBeUndefined();
    await eventually(async () => json(await cardOf(id)).includes('⬜ Kandidaat check-in'));

    await h.tick();
    for (const kind of DAY_OF) {
      const old = latest(ofKind(kind, 1)[0]!);
      expect(json(old), kind).toContain('Verplaatst naar');
      expect(json(old), kind).not.toContain(ACTION.reminderDone);
      expect(json(old), kind).not.toContain(ACTION.reminderSnooze15);
    }

    await runUntil(newStart.getTime() + 2 * HOUR);
    for (const kind of DAY_OF) expect(ofKind(kind, 2), `${kind} for the new date`).toHaveLength(1);
    expect(ofKind('candidate_checkin', 2)[0]!.ts > oldCheckin.ts).toBe(true);
    await h.tick();
    await h.tick();
    for (const kind of DAY_OF) expect(ofKind(kind), `${kind} over both plans`).toHaveLength(2);
    // Channel: the prep check once per date, no second alert for the same date.
    expect(channelAlerts().filter((m) => payload(m).reason === 'prep_incomplete')).toHaveLength(2);
  });

  it('the old plan’s prep-incomplete alert in the channel says the interview moved, with no live button and no time counted to the new date', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    await runUntil(T - 2 * HOUR);
    const alert = channelAlerts().find((m) => payload(m).reason === 'prep_incomplete')!;
    at(T - 90 * MIN);
    await rescheduleByChange(card, new Date(T + WEEK));
    await eventually(async () => (await h.interviews.get(id))!.plan === 2);
    await eventually(() => json(latest(alert)).includes('Het interview is verplaatst naar'));
    expect(json(latest(alert))).toContain('Voorbereiding niet compleet, voor de oude datum');
    expect(json(latest(alert))).not.toContain('tot het interview');
    expect(json(latest(alert))).not.toContain(ACTION.claimRisk);
  });

  it('a send of the new plan interrupted by a crash is recovered by plan: the old date’s message does not count', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    await runUntil(T - 2 * HOUR);
    expect(ofKind('candidate_checkin', 1)).toHaveLength(1);
    at(T - 100 * MIN);
    await rescheduleByChange(card, new Date(T + WEEK));
    await eventually(async () => (await h.interviews.get(id))!.plan === 2);
    await h.tick();

    // kill -9 between "about to call Slack" and "recorded the answer" for the new check-in: the row
    // is left in `sending`. The DM history holds the old date's check-in (plan 1) only.
    at(T + WEEK - 2 * HOUR);
    const item = (await h.timeline.forInterview(id)).find((i) => i.kind === 'candidate_checkin' && i.plan === 2)!;
    await h.sql.run("UPDATE timeline_items SET state = 'sending', channel = ? WHERE id = ?", [h.fake.dmChannelOf(OWNER), item.id]);
    await h.tick();
    await h.tick();
    expect(ofKind('candidate_checkin', 2)).toHaveLength(1);

    // And the other way round: the new check-in did reach Slack before the crash.
    const client = (await h.timeline.forInterview(id)).find((i) => i.kind === 'client_reminder' && i.plan === 2)!;
    at(T + WEEK - HOUR);
    await h.sql.run("UPDATE timeline_items SET state = 'sending', channel = ? WHERE id = ?", [h.fake.dmChannelOf(OWNER), client.id]);
    const posted = h.fake.addMessage(h.fake.dmChannelOf(OWNER), {
      user: 'UBOT',
      text: 'client reminder',
      metadata: { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: id, kind: 'client_reminder', plan: 2 } },
    });
    const report = await h.tick();
    expect(report.recovered).toBe(1);
    expect(await h.timeline.get(client.id)).toMatchObject({ state: 'sent', ts: posted.ts });
    expect(ofKind('client_reminder', 2)).toHaveLength(1);
  });
});

describe('"Gedaan" means done', () => {
  it('✅ on the debrief prompt at E: no overdue DM or alert at E + 2h; the stats count the debrief at the ✅', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    await runUntil(E);
    const prompt = ofKind('candidate_debrief_due')[0]!;
    at(E + 10 * MIN);
    await react(prompt);
    await eventually(async () => (await h.interviews.get(id))!.done.debrief !== undefined);
    await eventually(() => json(latest(prompt)).includes('Gedaan door'));
    // The confirmation names what the debrief form still wants.
    expect(json(latest(prompt))).toContain('interesseniveau (1-5)');
    expect(json(latest(prompt))).toContain(ACTION.openDebrief);

    await runUntil(E + 5 * HOUR);
    expect(ofKind('candidate_debrief_overdue')).toHaveLength(0);
    expect(channelAlerts().filter((m) => payload(m).reason === 'debrief_overdue')).toHaveLength(0);
    expect(json(await cardOf(id))).not.toContain('⬜ Kandidaat debrief binnen 2 uur');

    const stats = computeStats(await h.interviews.statsRows({ from: new Date(T - WEEK), to: new Date(E + WEEK) }));
    expect(stats.debriefWithin2h).toMatchObject({ count: 1, total: 1, medianDelayMin: 10 });
    // Client feedback was not ticked: its overdue alert still goes out.
    expect(ofKind('client_feedback_overdue')).toHaveLength(1);
  });

  it('Gedaan on the prep reminder ticks what needs no data; the coaching check still wants its form', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    await runUntil(T - 24 * HOUR);
    const prep = ofKind('prep_candidate')[0]!;
    clickButton(h, OWNER, prep, ACTION.reminderDone);
    await eventually(() => json(latest(prep)).includes('Gedaan door'));
    expect(json(latest(prep))).toContain('Nog in te vullen in Coaching check: coachingbehoefte, gunfactor besproken.');
    await eventually(async () => !json(await cardOf(id)).includes('⬜ Context gesprek gedeeld'));
    const card = json(await cardOf(id));
    expect(card).not.toContain('⬜ Actuele updates over klant gegeven');
    expect(card).toContain('⬜ Coaching check gedaan');
    expect(card).toContain('⬜ Gunfactor principes besproken');
  });

  it('✅ by someone else, or a ✅ on an old date’s reminder, records nothing', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    await runUntil(T - 2 * HOUR);
    const checkin = ofKind('candidate_checkin')[0]!;
    await react(checkin, 'UOTHER02');
    at(T - 100 * MIN);
    await rescheduleByChange(card, new Date(T + WEEK));
    await eventually(async () => (await h.interviews.get(id))!.plan === 2);
    await react(checkin);
    await new Promise((r) => setTimeout(r, 150));
    expect((await h.interviews.get(id))!.done.checkin).toBeUndefined();
    expect(await h.sql.get('SELECT COUNT(*) AS n FROM task_done')).toEqual({ n: 0 });
  });
});

describe('late logging', () => {
  /** The interview at T is logged at T − 1h, and the scheduler's next beat runs. */
  async function logAnHourBefore() {
    await start();
    at(T - HOUR);
    const view = await openNewInterviewModal(h, OWNER);
    await submitModal(h, OWNER, view, validForm(h, { start: new Date(T) }));
    await eventually(async () => (await h.interviews.get(1))?.card !== undefined);
    await h.tick();
  }

  it('an interview logged at T − 1h: one catch-up DM with the scripts, no "2 uur", no channel alert in its first hour', async () => {
    await logAnHourBefore();
    expect(reminders().map((m) => payload(m).kind)).toEqual(['catch_up']);
    const catchUp = json(reminders()[0]);
    expect(catchUp).toContain('over 1 uur');
    expect(catchUp).not.toMatch(/2 uur/);
    for (const script of ['Voorbereiding kandidaat', 'Voorbereiding klant', 'Check-in kandidaat', 'Herinnering klant']) expect(catchUp).toContain(script);
    expect(catchUp).toContain('Nog open:');
    expect(catchUp).toContain(ACTION.openStakeholders);

    for (let m = 1; m <= 59; m += 2) {
      at(T - HOUR + m * MIN);
      await h.tick();
    }
    expect(reminders().map((m) => payload(m).kind)).toEqual(['catch_up']);
    expect(channelAlerts()).toHaveLength(0);
  });

  it('Gedaan on one task of the catch-up ticks that task and updates the catch-up in place', async () => {
    await logAnHourBefore();
    const catchUp = reminders()[0]!;
    const checkinId = (await h.timeline.forInterview(1)).find((i) => i.kind === 'candidate_checkin')!.id;
    const payloadOf = { ...catchUp, blocks: catchUp.blocks };
    const { buildBlockAction } = await import('../support/signer.js');
    const trigger = h.fake.issueTriggerId(OWNER);
    const res = await h.requester.blockActions({
      ...buildBlockAction({ user_id: OWNER, action_id: ACTION.reminderDone, trigger_id: trigger, message: payloadOf }),
      actions: [{ type: 'button', action_id: ACTION.reminderDone, block_id: 'reminder_actions_2', value: String(checkinId), action_ts: '1' }],
    });
    expect(res.status).toBe(200);
    await eventually(async () => (await h.interviews.get(1))!.done.checkin !== undefined);
    await eventually(() => json(latest(catchUp)).includes('Gedaan door'));
    // ✅ on the catch-up ticks the rest it lists.
    await react(catchUp);
    await eventually(async () => (await h.interviews.get(1))!.done.client_reminder !== undefined && (await h.interviews.get(1))!.done.candidate_prep !== undefined);
  });

  it('"budget nog onbekend" is not reported as "niet goedgekeurd"', async () => {
    await start();
    await createInterview(h, OWNER);
    await runUntil(T - 23 * HOUR);
    const alert = channelAlerts().find((m) => payload(m).reason === 'context_risk')!;
    expect(json(alert)).toContain('budget nog onbekend');
    expect(json(alert)).not.toContain('niet goedgekeurd');
  });
});

describe('honest texts and the T − 2h check', () => {
  it('at T − 2h with prep incomplete the consultant gets the missing items with buttons; the channel gets labels and initials', async () => {
    await start();
    await createInterview(h, OWNER);
    await runUntil(T - 2 * HOUR);
    const dm = ofKind('prep_incomplete_risk')[0]!;
    expect(json(dm)).toContain('Het interview begint over 2 uur');
    expect(json(dm)).toContain('Stakeholder profielen bekend');
    for (const action of [ACTION.openStakeholders, ACTION.openContext, ACTION.openCoaching, ACTION.openExpectations]) expect(json(dm)).toContain(action);
    const alert = channelAlerts().find((m) => payload(m).reason === 'prep_incomplete')!;
    expect(json(alert)).toContain('Stakeholder profielen bekend');
    expect(json(alert)).not.toContain('Sanne de Vries');
    expect(json(alert)).toContain('S.d.V.');
  });

  it('the T − 2h list stays true: confirming an item from it removes the item and its button from that message', async () => {
    await start();
    await createInterview(h, OWNER);
    await runUntil(T - 2 * HOUR);
    const dm = ofKind('prep_incomplete_risk')[0]!;
    expect(json(dm)).toContain('Logistiek 100% bevestigd');
    expect(json(dm)).toContain(ACTION.logisticsConfirmed);
    clickButton(h, OWNER, dm, ACTION.logisticsConfirmed);
    await eventually(() => !json(latest(dm)).includes(ACTION.logisticsConfirmed));
    expect(json(latest(dm))).not.toContain('Logistiek 100% bevestigd');
    // What is still missing is still listed, with its button.
    expect(json(latest(dm))).toContain('Stakeholder profielen bekend');
    expect(json(latest(dm))).toContain(ACTION.openStakeholders);
  });

  it('a check-in sent late says the real time left; an overdue alert sent on time has no "0 min"', async () => {
    await start();
    await createInterview(h, OWNER);
    at(T - 59 * MIN);
    await h.tick();
    // The check-in (due T − 2h) comes 61 minutes late: stale? No — useful until T, so it is sent.
    expect(json(ofKind('candidate_checkin')[0])).toContain('Het interview begint over 59 min');
    at(E + 2 * HOUR);
    await h.tick();
    const overdue = json(ofKind('candidate_debrief_overdue')[0]);
    expect(overdue).not.toContain('0 min');
    expect(overdue).not.toContain('over de deadline');
  });

  it('"In agenda" sends an .ics file that parses to the interview\'s start and end; a reschedule sends the update (same UID, higher SEQUENCE)', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER, { durationMin: '45' });
    clickButton(h, OWNER, await cardOf(id), ACTION.addToCalendar);
    await eventually(() => h.fake.files.some((f) => f.filename === `interview-${id}.ics`));
    const first = h.fake.files.find((f) => f.filename === `interview-${id}.ics`)!;
    const event = (content: string) => Object.values(ical.sync.parseICS(content)).find((x) => x?.type === 'VEVENT') as VEvent;
    expect(event(first.content).start.toISOString()).toBe(new Date(T).toISOString());
    expect(event(first.content).end?.toISOString()).toBe(new Date(T + 45 * MIN).toISOString());
    expect(event(first.content).summary).toBe('Interview: Sanne de Vries bij Acme BV');
    expect(event(first.content).location).toBe('Herengracht 1, Amsterdam');
    expect(first.channel).toBe(h.fake.dmsTo(OWNER)[0]!.channel);
    // The file names the candidate: recorded, so an erasure deletes it.
    await eventually(async () => (await h.sql.get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE purpose LIKE 'ics:%' AND file_id IS NOT NULL"))!.n === 1);

    await rescheduleByChange(card, new Date(T + 2 * 24 * HOUR));
    await eventually(() => h.fake.files.filter((f) => f.filename === `interview-${id}.ics`).length === 2);
    const second = event(h.fake.files.filter((f) => f.filename === `interview-${id}.ics`)[1]!.content);
    expect(second.uid).toBe(event(first.content).uid);
    expect(Number(second.sequence)).toBeGreaterThan(Number(event(first.content).sequence));
    expect(second.start.toISOString()).toBe(new Date(T + 2 * 24 * HOUR).toISOString());
  });

  it('the card lists only what is open; "Checklist" opens all 17 items, "Meer…" runs the action it names', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    const { trigger } = clickButton(h, OWNER, await cardOf(id), ACTION.openChecklist);
    const opened = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    expect(json({ blocks: (opened.args.view as { blocks: unknown[] }).blocks } as StoredMessage)).toContain('⬜ Logistiek 100% bevestigd');
    expect((opened.args.view as { callback_id: string }).callback_id).toBe(CALLBACK.checklistModal);
    // Choosing "Bewerken" in the menu opens the prefilled logistics form, as the button did.
    const edit = clickButton(h, OWNER, await cardOf(id), ACTION.editInterview);
    const form = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === edit.trigger);
    expect((form.args.view as { callback_id: string }).callback_id).toBe(CALLBACK.interviewModal);
    expect(JSON.stringify(form.args.view)).toContain('Sanne de Vries');
  });

  it('"Logistiek bevestigd" is the only thing that ticks the logistics, and a new date must be confirmed again', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    // Time, place and a named interviewer are data, not a confirmation with candidate and client.
    expect(json(await cardOf(id))).toContain('⬜ Logistiek 100% bevestigd');
    clickButton(h, OWNER, await cardOf(id), ACTION.logisticsConfirmed);
    await eventually(async () => !json(await cardOf(id)).includes('⬜ Logistiek 100% bevestigd'));
    expect(json(await cardOf(id))).toContain(`Logistiek bevestigd door <@${OWNER}>`);
    expect(json(await cardOf(id))).not.toContain(ACTION.logisticsConfirmed);
    expect((await h.interviews.get(id))!.done.logistics).toMatchObject({ by: OWNER, plan: 1 });
    await rescheduleByChange(card, new Date(T + 2 * 24 * HOUR));
    await eventually(async () => (await h.interviews.get(id))!.plan === 2 && json(await cardOf(id)).includes('⬜ Logistiek 100% bevestigd'));
    expect(json(await cardOf(id))).toContain(ACTION.logisticsConfirmed);
  });

  it('the on-call note has nothing to snooze; "Ik ben bereikbaar" is what ticks "Beschikbaar tijdens interview"', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    await runUntil(T);
    const note = ofKind('on_call')[0]!;
    expect(json(note)).not.toContain(ACTION.reminderSnooze15);
    expect(json(note)).toContain('Ik ben bereikbaar');
    expect(json(note)).toContain(ACTION.openChange);
    // Sent is not enough: the item stays open until the consultant acknowledges.
    expect(json(await cardOf(id))).toContain('⬜ Beschikbaar tijdens interview');
    clickButton(h, OWNER, note, ACTION.reminderDone);
    await eventually(() => json(latest(note)).includes('Bereikbaar, bevestigd door <@' + OWNER + '>'));
    await eventually(async () => !json(await cardOf(id)).includes('⬜ Beschikbaar tijdens interview'));
    expect((await h.interviews.get(id))!.done.on_call?.by).toBe(OWNER);
  });
});

describe('transcript', () => {
  it('one interview moved once and ticked off with ✅ reads right (TRANSCRIPT_FILE writes it out)', async () => {
    await start();
    const lines: string[] = [];
    const seen = new Set<string>();
    const plainOf = (m: StoredMessage) =>
      (m.blocks ?? [])
        .map((b) => {
          const block = b as { type: string; text?: { text: string }; elements?: Array<{ text?: string | { text: string } }> };
          if (block.type === 'section') return block.text?.text ?? '';
          if (block.type === 'context') return (block.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : '')).join(' ');
          if (block.type === 'actions') return `[${(block.elements ?? []).map((e) => (typeof e.text === 'object' ? e.text.text : '')).join('] [')}]`;
          return '';
        })
        .filter(Boolean)
        .join('\n');
    const record = (moment: string) => {
      for (const m of h.fake.dmsTo(OWNER).concat(h.fake.messages(RISK))) {
        const key = `${m.channel}/${m.ts}/${latest(m).editCount}`;
        if (seen.has(key) || payload(m).kind === CARD_KIND) continue;
        seen.add(key);
        const where = m.channel === RISK ? 'teamkanaal' : 'DM';
        lines.push(`### ${moment} · ${where}${latest(m).editCount > 0 ? ' (bijgewerkt)' : ''}\n${plainOf(latest(m))}\n`);
      }
    };
    const { id, card } = await createInterview(h, OWNER);
    await runUntil(T - 24 * HOUR);
    record('di 1 dec 09:00, voorbereiding');
    clickButton(h, OWNER, ofKind('prep_candidate')[0]!, ACTION.reminderDone);
    await eventually(async () => (await h.interviews.get(id))!.done.candidate_prep !== undefined);
    await eventually(() => json(latest(ofKind('prep_candidate')[0]!)).includes('Gedaan'));
    record('di 1 dec 09:20, Gedaan op de voorbereiding');
    await runUntil(T - 2 * HOUR);
    record('wo 2 dec 07:00, T − 2u');
    at(T - 100 * MIN);
    await rescheduleByChange(card, new Date(T + WEEK));
    await eventually(async () => (await h.interviews.get(id))!.plan === 2);
    await new Promise((r) => setTimeout(r, 200));
    await h.tick();
    record('wo 2 dec 07:20, kandidaat ziek: verzet naar volgende week');
    await runUntil(T + WEEK - HOUR);
    record('wo 9 dec, de nieuwe dag');
    await runUntil(T + WEEK + HOUR);
    const prompt = ofKind('candidate_debrief_due', 2)[0]!;
    at(T + WEEK + HOUR + 20 * MIN);
    await react(prompt);
    await eventually(() => json(latest(prompt)).includes('Gedaan door'));
    record('wo 9 dec 10:20, ✅ op de debrief');
    await runUntil(T + WEEK + HOUR + 5 * HOUR);
    record('wo 9 dec 15:00, na de deadlines');
    const all = lines.join('\n');
    expect(ofKind('candidate_debrief_overdue')).toHaveLength(0);
    // One prep-incomplete alert per date; the old one marked resolved by the move.
    expect(channelAlerts().filter((m) => payload(m).reason === 'prep_incomplete')).toHaveLength(2);
    expect(all).toContain('Verplaatst naar');
    expect(all).not.toMatch(/\b0 min\b/);
    expect(all).not.toContain('undefined');
    if (process.env.TRANSCRIPT_FILE) writeFileSync(process.env.TRANSCRIPT_FILE, all);
  });
});
