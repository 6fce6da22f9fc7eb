import { afterEach, describe, expect, it } from 'vitest';
import { RISK_REASONS, type RiskReason } from '../../src/domain/repositories.js';
import { ACTION, METADATA_EVENT } from '../../src/slack/ids.js';
import { changeForm, coachingForm, debriefForm, feedbackForm, loopForm } from '../../src/slack/forms/index.js';
import { ADMIN, OTHER, OWNER, startHarness, type Harness } from '../support/harness.js';
import { clickButton, createInterview, eventually, formValues } from '../support/flows.js';
import { buildViewSubmission, stateValue } from '../support/signer.js';
import type { StoredMessage } from '../support/fakeSlack.js';

const RISK = 'C0RISK01';
let h: Harness;
afterEach(async () => {
  await h?.close();
});
const start = (env: Record<string, string> = { RISK_ALERT_CHANNEL: RISK, ADMIN_USER_IDS: ADMIN }) => startHarness({ env }).then((x) => (h = x));

const text = (v: unknown) => JSON.stringify(v);
const alerts = (channel = RISK) => h.fake.messages(channel).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk);
const reasonOf = (m: StoredMessage) => String((m.metadata!.event_payload as { reason: string }).reason);
const at = (iso: string) => {
  h.clock.current = new Date(iso);
};

async function openForm(user: string, card: StoredMessage, actionId: string) {
  const { trigger } = clickButton(h, user, card, actionId);
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  return h.fake.topViewOf(user)!.view;
}

async function submit(user: string, card: StoredMessage, actionId: string, values: ReturnType<typeof formValues>) {
  const view = await openForm(user, card, actionId);
  return h.requester.viewSubmission(buildViewSubmission({ user_id: user, view, values }));
}

const debriefValues = () =>
  formValues(debriefForm.blocks, {
    experience: stateValue.plainText('Positief, klikte met de CTO'),
    concerns: stateValue.plainText(null),
    interestLevel: stateValue.radio('4'),
    otherProcesses: stateValue.plainText('Nog één ander proces'),
    notes: stateValue.plainText(null),
  });
const feedbackValues = () =>
  formValues(feedbackForm.blocks, {
    impression: stateValue.radio('positive'),
    nextSteps: stateValue.plainText('Tweede ronde volgende week'),
    concerns: stateValue.plainText(null),
    decision: stateValue.plainText('Door naar ronde 2'),
  });
const loopValues = (indicators = ['next_steps_clear', 'timeline_kept', 'no_surprises', 'both_positive']) =>
  formValues(loopForm.blocks, { indicators: stateValue.checkboxes(indicators) });

/** The default interview (see flows.validForm): Wed 2 Dec 08:00Z, 60 min; E = 09:00Z. */
const triggers: Record<RiskReason, (card: StoredMessage, id: number) => Promise<void>> = {
  coaching_intensive: async (card) => {
    const values = formValues(coachingForm.blocks, {
      done: stateValue.checkboxes([]),
      positiveSignals: stateValue.checkboxes([]),
      warningSignals: stateValue.checkboxes(['passive', 'no_questions']),
      star1Situation: stateValue.plainText('S'),
      star1Task: stateValue.plainText('T'),
      star1Action: stateValue.plainText('A'),
      star1Result: stateValue.plainText('R'),
    });
    await submit(OWNER, card, ACTION.openCoaching, values);
  },
  prep_incomplete: async () => {
    at('2026-12-02T06:00:00Z');
    await h.tick();
  },
  last_minute_change: async (card) => {
    await submit(OWNER, card, ACTION.openChange, formValues(changeForm.blocks, { what: stateValue.radio('technical'), decision: stateValue.radio('go_ahead') }));
  },
  debrief_overdue: async () => {
    at('2026-12-02T11:00:00Z');
    await h.tick();
  },
  client_feedback_overdue: async () => {
    at('2026-12-02T13:00:00Z');
    await h.tick();
  },
  loop_overdue: async () => {
    at('2026-12-03T09:00:00Z');
    await h.tick();
  },
  context_risk: async () => {
    at('2026-12-01T08:00:00Z');
    await h.tick();
  },
};

describe('risk moments in the team channel', () => {
  it.each(RISK_REASONS)('%s fires once per occurrence and only once', async (reason) => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    await triggers[reason](card, id);
    await triggers[reason](card, id);
    await h.tick();
    // Triggered twice: a last-minute change alerts once per change (two changes), every other reason once.
    const expected = reason === 'last_minute_change' ? 2 : 1;
    await eventually(() => alerts().filter((m) => reasonOf(m) === reason).length >= expected);
    await h.tick();
    await new Promise((r) => setTimeout(r, 100));
    expect(alerts().filter((m) => reasonOf(m) === reason)).toHaveLength(expected);
    const alert = alerts().find((m) => reasonOf(m) === reason)!;
    expect(alert.metadata).toEqual({ event_type: METADATA_EVENT.risk, event_payload: { interview_id: id, reason, alert_id: expect.any(Number) } });
    const json = text(alert.blocks);
    expect(json).toContain(`<@${OWNER}>`);
    expect(json).toContain('Acme BV');
    expect(json).toContain('S.d.V.');
    expect(json).not.toContain('Sanne de Vries');
    expect(json).toContain('Opgepakt');
  });

  it('Opgepakt records who claimed it and updates the message; a second claim is refused politely', async () => {
    await start();
    const { card } = await createInterview(h, OWNER);
    await triggers.last_minute_change(card, 0);
    await eventually(() => alerts().length === 1);
    // What a second lead still sees on screen: the alert as first posted, button included.
    const alert = structuredClone(alerts()[0]!);
    clickButton(h, ADMIN, alert, ACTION.claimRisk);
    await eventually(() => text(h.fake.message(RISK, alert.ts)!.blocks).includes(`Opgepakt door <@${ADMIN}>`));
    expect(text(h.fake.message(RISK, alert.ts)!.blocks)).not.toContain(ACTION.claimRisk);
    const row = (await h.sql.get('SELECT claimed_by FROM risk_alerts')) as { claimed_by: string };
    expect(row.claimed_by).toBe(ADMIN);
    clickButton(h, OTHER, alert, ACTION.claimRisk);
    await h.fake.waitForCall('chat.postEphemeral', (c) => c.args.user === OTHER);
    expect(h.fake.ephemerals().at(-1)!.text).toContain(`al opgepakt door <@${ADMIN}>`);
  });

  it('an overdue alert says it is resolved once the debrief is logged, and the overdue DM is ticked', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    await triggers.debrief_overdue(card, id);
    await eventually(() => alerts().some((m) => reasonOf(m) === 'debrief_overdue'));
    const res = await submit(OWNER, card, ACTION.openDebrief, debriefValues());
    expect(res.body).toBe('');
    expect((await h.interviews.get(id))!.debrief).toMatchObject({ interestLevel: 4, otherProcesses: 'Nog één ander proces' });
    const alert = alerts().find((m) => reasonOf(m) === 'debrief_overdue')!;
    await eventually(() => text(h.fake.message(RISK, alert.ts)!.blocks).includes('Opgelost'));
    const overdueDm = h.fake.dmsTo(OWNER).find((m) => text(m.metadata).includes('"candidate_debrief_overdue"'))!;
    await eventually(() => text(h.fake.message(overdueDm.channel, overdueDm.ts)!.blocks).includes('Gedaan door'));
  });

  it('without RISK_ALERT_CHANNEL alerts go to the consultant’s DM', async () => {
    await start({});
    const { card } = await createInterview(h, OWNER);
    await triggers.last_minute_change(card, 0);
    await eventually(() => h.fake.dmsTo(OWNER).some((m) => m.metadata?.event_type === METADATA_EVENT.risk));
  });

  it('not_in_channel: says so once, keeps the alert and delivers it on a later try', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    await h.sql.run('UPDATE interviews SET context_checked_at = 0');
    h.fake.notMemberOf.add(RISK);
    await triggers.last_minute_change(card, id);
    await eventually(() => h.fake.dmsTo(OWNER).some((m) => String(m.text).includes('risicokanaal')));
    expect(alerts()).toHaveLength(0);
    const row = async () => (await h.sql.get("SELECT state, last_error, warned_at FROM risk_alerts WHERE reason = 'last_minute_change'")) as { state: string; last_error: string; warned_at: number };
    expect(await row()).toMatchObject({ state: 'pending', last_error: 'not_in_channel' });
    for (let k = 0; k < 2; k++) {
      h.clock.advance(60 * 60_000);
      await h.tick();
    }
    expect(alerts()).toHaveLength(0);
    h.fake.notMemberOf.delete(RISK); // someone did /invite @interviewprep
    h.clock.advance(60 * 60_000);
    await h.tick();
    expect(alerts().filter((m) => reasonOf(m) === 'last_minute_change')).toHaveLength(1);
    expect((await row()).state).toBe('posted');
    expect(h.fake.dmsTo(OWNER).filter((m) => String(m.text).includes('risicokanaal'))).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === 'risk alert not posted; kept for retry' && l.slackError === 'not_in_channel')).toBe(true);
  });
});

describe('follow-up forms', () => {
  it('client feedback and loop close stop their reminders; within 24h is computed', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    at('2026-12-02T10:00:00Z');
    expect((await submit(OWNER, card, ACTION.openFeedback, feedbackValues())).body).toBe('');
    const loopView = await openForm(OWNER, card, ACTION.openLoop);
    expect(text(loopView.blocks)).toContain('Feedback loop binnen 24 uur gesloten: ja (berekend)');
    await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view: loopView, values: loopValues() }));
    expect((await h.interviews.get(id))!.loop).toMatchObject({ nextStepsClear: true, timelineKept: true });
    at('2026-12-03T09:00:00Z');
    await h.tick();
    const items = Object.fromEntries((await h.timeline.forInterview(id)).map((i) => [i.kind, i]));
    expect(items.client_feedback_overdue).toMatchObject({ state: 'skipped', skipReason: 'satisfied' });
    expect(items.loop_overdue).toMatchObject({ state: 'skipped', skipReason: 'satisfied' });
    await eventually(() => !text(h.fake.message(card.channel, card.ts)!.blocks).includes('⬜ Feedback loop gesloten binnen 24 uur') && text(h.fake.message(card.channel, card.ts)!.blocks).includes('Loop gesloten'));
  });

  it('a loop without clear next steps is refused inline', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    at('2026-12-02T10:00:00Z');
    const res = await submit(OWNER, card, ACTION.openLoop, loopValues(['timeline_kept']));
    expect(res.json).toEqual({ response_action: 'errors', errors: { [loopForm.blocks.indicators]: 'Een loop is pas gesloten als de next steps duidelijk zijn.' } });
    expect((await h.interviews.get(id))!.loop).toBeUndefined();
  });

  it.each([
    ['debrief', ACTION.openDebrief, () => debriefValues(), debriefForm.blocks.interestLevel, 'debrief'],
    ['client feedback', ACTION.openFeedback, () => feedbackValues(), feedbackForm.blocks.impression, 'clientFeedback'],
    ['loop', ACTION.openLoop, () => loopValues(), loopForm.blocks.indicators, 'loop'],
  ] as const)('%s logged before the interview has ended is refused inline and stores nothing', async (_name, action, values, block, field) => {
    await start();
    const { id, card } = await createInterview(h, OWNER);
    at('2026-12-02T08:59:00Z'); // the interview runs 08:00–09:00Z (09:00–10:00 Amsterdam)
    const res = await submit(OWNER, card, action, values());
    expect(res.json).toEqual({ response_action: 'errors', errors: { [block]: expect.stringContaining('Het interview is nog niet afgelopen. Dit kun je invullen vanaf wo 2 dec') } });
    expect(JSON.stringify(res.json)).toContain('10:00');
    expect((await h.interviews.get(id))![field]).toBeUndefined();
    expect((await h.interviews.get(id))!.done).toEqual({});
    // From the end on, the same form is accepted.
    at('2026-12-02T09:00:00Z');
    expect((await submit(OWNER, card, action, values())).body).toBe('');
    expect((await h.interviews.get(id))![field]).toBeDefined();
  });

  it('Openen on the debrief reminder opens the debrief form', async () => {
    await start();
    await createInterview(h, OWNER);
    at('2026-12-02T09:00:00Z');
    await h.tick();
    const due = h.fake.dmsTo(OWNER).find((m) => text(m.metadata).includes('"candidate_debrief_due"'))!;
    const { trigger } = clickButton(h, OWNER, due, ACTION.reminderOpen);
    const call = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    expect(text(call.args.view)).toContain('Interesse (1 = laag, 5 = hoog)');
  });
});

describe('figures', () => {
  /** Seeds 3 finished interviews last week with known follow-up times, through the real forms. */
  async function seedWeek() {
    const made: number[] = [];
    for (const [k, hours] of [[0, { debrief: 1, feedback: 3, loop: 20 }], [1, { debrief: 3, feedback: 5, loop: 30 }], [2, {}]] as const) {
      at('2026-11-23T08:00:00Z');
      const { id, card } = await createInterview(h, k === 2 ? OTHER : OWNER, { start: new Date(Date.parse('2026-11-24T08:00:00Z') + k * 3_600_000) });
      made.push(id);
      const end = Date.parse('2026-11-24T09:00:00Z') + k * 3_600_000;
      const user = k === 2 ? OTHER : OWNER;
      if ('debrief' in hours) {
        h.clock.current = new Date(end + hours.debrief * 3_600_000);
        await submit(user, card, ACTION.openDebrief, debriefValues());
        h.clock.current = new Date(end + hours.feedback * 3_600_000);
        await submit(user, card, ACTION.openFeedback, feedbackValues());
        h.clock.current = new Date(end + hours.loop * 3_600_000);
        await submit(user, card, ACTION.openLoop, loopValues());
      }
    }
    return made;
  }

  it('/interviewprep stats equals the hand-computed figures, team figures for admins only', async () => {
    await start();
    await seedWeek();
    at('2026-11-30T12:00:00Z');
    const mine = await h.requester.slashCommand({ user_id: OWNER, text: 'stats', trigger_id: h.fake.issueTriggerId(OWNER) });
    const body = text((mine.json as { blocks: unknown[] }).blocks);
    expect(body).toContain('*Jouw cijfers, afgelopen 7 dagen* · 2 interviews');
    expect(body).toContain('Debrief binnen 2 uur: 1/2 (50%) · mediaan 2 uur');
    expect(body).toContain('Klantfeedback binnen 4 uur: 1/2 (50%) · mediaan 4 uur');
    expect(body).toContain('Loop gesloten binnen 24 uur: 1/2 (50%) · mediaan 1 d 1 u');
    expect(body).not.toContain('Team');
    const admin = await h.requester.slashCommand({ user_id: ADMIN, text: 'stats week', trigger_id: h.fake.issueTriggerId(ADMIN) });
    const adminBody = text((admin.json as { blocks: unknown[] }).blocks);
    expect(adminBody).toContain('*Team, afgelopen 7 dagen* · 3 interviews');
    expect(adminBody).toContain('Debrief binnen 2 uur: 1/3 (33%)');
    if (process.env.STATS_FILE) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(process.env.STATS_FILE, `${body}\n${adminBody}`);
    }
  });

  it('posts the weekly digest on Monday 09:00 local, once, with the open loops by initials', async () => {
    await start();
    await seedWeek();
    at('2026-11-30T07:59:00Z');
    await h.tick();
    const digests = () => h.fake.messages(RISK).filter((m) => m.metadata?.event_type === 'interviewprep_digest');
    expect(digests()).toHaveLength(0);
    at('2026-11-30T08:00:00Z');
    await h.tick();
    await h.tick();
    expect(digests()).toHaveLength(1);
    const json = text(digests()[0]!.blocks);
    expect(json).toContain('*Team, afgelopen 7 dagen* · 3 interviews');
    expect(json).toContain('*Loops nog open* (1)');
    expect(json).toContain(`<@${OTHER}> · Acme BV · S.d.V.`);
    expect(json).not.toContain('Sanne de Vries');
  });

  it('stays quiet on a Monday after a week without interviews or open loops, and records the week once', async () => {
    await start();
    const digests = () => h.fake.messages(RISK).filter((m) => m.metadata?.event_type === 'interviewprep_digest');
    const skipped = () => h.logs.filter((l) => l.msg === 'weekly digest skipped: nothing to report');
    at('2026-11-30T08:00:00Z');
    await h.tick();
    at('2026-11-30T08:01:00Z');
    await h.tick();
    expect(digests()).toHaveLength(0);
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === RISK)).toHaveLength(0);
    expect(await h.sql.all('SELECT week, channel, ts FROM digests ORDER BY week')).toEqual([{ week: '2026-W49', channel: RISK, ts: null }]);
    expect(skipped()).toHaveLength(1);
  });
});
