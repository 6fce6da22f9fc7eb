import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK, CARD_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { coachingForm, contextForm, logisticsForm } from '../../src/slack/forms/index.js';
import type { StoredMessage } from '../support/fakeSlack.js';
import { clickButton, createInterview, eventually, formValues, logisticsValues, validForm } from '../support/flows.js';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { buildViewSubmission, stateValue } from '../support/signer.js';

/**
 * Issue 13: an erased interview is read-only. A form or button from before `verwijder` changes
 * nothing after it and says why, in the UI language; reading (export) still works.
 */

let h: Harness;
afterEach(async () => {
  await h?.close();
});
const start = async () => {
  h = await startHarness({ env: { RISK_ALERT_CHANNEL: 'C0RISK01' } });
};

const NAME = 'Zoë van der Heijden';
const HEALTH = 'heeft burn-out gehad';
const REFUSAL = (id: number) => `De persoonsgegevens van interview #${id} zijn verwijderd; het kan niet meer worden gewijzigd. Er is niets opgeslagen.`;
const text = (v: unknown) => JSON.stringify(v) ?? '';
const row = async (id: number) => (await h.sql.get('SELECT * FROM interviews WHERE id = ?', [id]))!;
/** Every table's rows about the interview, in a fixed order (one row per interview where there is no `id`). */
const STORED: Array<[table: string, orderBy: string]> = [
  ['interviews', 'id'],
  ['stakeholders', 'id'],
  ['interview_context', 'interview_id'],
  ['coaching_checks', 'interview_id'],
  ['client_expectations', 'interview_id'],
  ['last_minute_changes', 'id'],
  ['candidate_debriefs', 'interview_id'],
  ['client_feedback', 'interview_id'],
  ['task_done', 'task, plan'],
  ['timeline_items', 'id'],
  ['risk_alerts', 'id'],
];
const everythingStored = async (id: number) => {
  const rows: unknown[] = [];
  for (const [table, orderBy] of STORED) {
    rows.push(await h.sql.all(`SELECT * FROM ${table} WHERE ${table === 'interviews' ? 'id' : 'interview_id'} = ? ORDER BY ${orderBy}`, [id]));
  }
  return text(rows);
};
const payload = (m: StoredMessage) => (m.metadata?.event_payload ?? {}) as { kind?: string };
const remindersOf = (kind: string) =>
  h.fake.dmsTo(OWNER).filter((m) => m.metadata?.event_type === METADATA_EVENT.reminder && payload(m).kind !== CARD_KIND && payload(m).kind === kind);

/** A button or form from before the erasure, exactly as it was on screen then. */
const snapshot = <T>(v: T): T => structuredClone(v);

async function openForm(card: StoredMessage, actionId: string) {
  const { trigger, response } = clickButton(h, OWNER, card, actionId);
  expect((await response).status).toBe(200);
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  return snapshot(h.fake.topViewOf(OWNER)!.view);
}

/** `/interviewprep verwijder <id>` and its confirm dialog, as privacy.test.ts drives it. */
async function erase(id: number) {
  const trigger = h.fake.issueTriggerId(OWNER);
  await h.requester.slashCommand({ user_id: OWNER, text: `verwijder ${id}`, trigger_id: trigger });
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  const view = h.fake.topViewOf(OWNER)!.view;
  expect(view.callback_id).toBe(CALLBACK.eraseModal);
  expect((await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: {} }))).body).toBe('');
  await eventually(async () => (await row(id)).erased_at !== null);
  await h.fake.waitForCall('chat.postMessage', (c) => String(c.args.text).includes(`interview #${id} zijn verwijderd`));
}

const coachingValues = () =>
  formValues(coachingForm.blocks, {
    done: stateValue.checkboxes(['context_shared', 'updates_shared', 'gunfactor']),
    updatesText: stateValue.plainText('Nieuwe vestiging in Utrecht'),
    candidateGoal: stateValue.plainText(`Rustiger werk: ${NAME} ${HEALTH}`),
    positiveSignals: stateValue.checkboxes(['clear_goal']),
    warningSignals: stateValue.checkboxes(['passive', 'vague_goal']),
    memorablePoints: stateValue.plainText(`Zij ${HEALTH}`),
    ...Object.fromEntries(
      (['star1Situation', 'star1Task', 'star1Action', 'star1Result'] as const).map((k) => [k, stateValue.plainText(`${k}: ${HEALTH}`)]),
    ),
    ...Object.fromEntries((['star2Situation', 'star2Task', 'star2Action', 'star2Result'] as const).map((k) => [k, stateValue.plainText(null)])),
  });

const contextValues = () =>
  formValues(contextForm.blocks, {
    urgency: stateValue.radio('high'),
    decisionTimeline: stateValue.plainText('Binnen twee weken'),
    otherCandidatesCount: { type: 'number_input', value: '2' },
    otherCandidatesNote: stateValue.plainText(`De kandidaat ${HEALTH}`),
    clientConcerns: stateValue.plainText(HEALTH),
    budgetStatus: stateValue.radio('approved'),
    commercialTimeline: stateValue.plainText(null),
  });

describe('a form opened before `verwijder` and submitted after it', () => {
  it.each([
    { form: 'Coaching check', action: ACTION.openCoaching, values: coachingValues, block: coachingForm.blocks.done },
    { form: 'Context', action: ACTION.openContext, values: contextValues, block: contextForm.blocks.urgency },
  ])('$form: stores nothing, posts nothing, and says why inline', async ({ action, values, block }) => {
    await start();
    const { id, card } = await createInterview(h, OWNER, { candidateName: NAME });
    const form = await openForm(card, action);
    await erase(id);
    const storedBefore = await everythingStored(id);
    const postsBefore = h.fake.callsTo('chat.postMessage').length;
    const revision = (await row(id)).revision;

    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view: form, values: values() }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { [block]: REFUSAL(id) } });
    expect(await everythingStored(id)).toBe(storedBefore);
    expect(await everythingStored(id)).not.toContain('burn-out');
    expect((await row(id)).revision).toBe(revision);
    expect(await h.runtime.workspace().risks.reasonsFor(id)).toEqual([]); // the warnings did not become a risk moment
    await new Promise((r) => setTimeout(r, 50));
    expect(h.fake.callsTo('chat.postMessage').length).toBe(postsBefore); // no coaching advice, no alert
  });

  it('the logistics form (Bewerken) cannot bring the name back', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER, { candidateName: NAME });
    const form = await openForm(card, ACTION.editInterview);
    await erase(id);
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view: form, values: logisticsValues(validForm(h, { candidateName: NAME })) }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { [logisticsForm.blocks.candidateName]: REFUSAL(id) } });
    expect((await row(id)).candidate_name).toBeNull();
  });

  it('in English when the UI language is English', async () => {
    h = await startHarness({ env: { RISK_ALERT_CHANNEL: 'C0RISK01', APP_LANGUAGE: 'en' } });
    const { id, card } = await createInterview(h, OWNER, { candidateName: NAME });
    const form = await openForm(card, ACTION.openContext);
    await h.interviews.erase(id, h.clock.now()); // straight in the database: only the language differs here
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view: form, values: contextValues() }));
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { [contextForm.blocks.urgency]: `The personal data of interview #${id} was erased; it can no longer be changed. Nothing was saved.` },
    });
    expect((await h.interviews.get(id))!.context).toBeUndefined();
  });
});

describe('buttons from before `verwijder`', () => {
  it('Gedaan on a reminder changes nothing and tells the user politely, where they clicked', async () => {
    await start();
    const { id } = await createInterview(h, OWNER, { candidateName: NAME });
    h.clock.current = new Date('2026-12-01T08:00:00Z');
    await h.tick(); // the prep reminders go out, with their Gedaan buttons
    const prep = snapshot(remindersOf('prep_candidate')[0]!);
    expect(text(prep.blocks)).toContain(ACTION.reminderDone);
    await erase(id);
    const storedBefore = await everythingStored(id);

    const { response } = clickButton(h, OWNER, prep, ACTION.reminderDone);
    expect((await response).status).toBe(200);
    await eventually(() => h.fake.ephemerals(prep.channel).some((e) => e.user === OWNER && e.text === REFUSAL(id)));
    expect(await everythingStored(id)).toBe(storedBefore);
    expect(await h.sql.get('SELECT COUNT(*) AS n FROM task_done WHERE interview_id = ?', [id])).toEqual({ n: 0 });
    // The rewritten reminder stays rewritten: no "Gedaan door", no name.
    const now = text(h.fake.message(prep.channel, prep.ts)!.blocks);
    expect(now).toContain('persoonsgegevens zijn verwijderd');
    expect(now).not.toContain('Gedaan door');
  });

  it('Snooze and Check-in gedaan are refused the same way; a ✅ records nothing', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER, { candidateName: NAME });
    h.clock.current = new Date('2026-12-01T08:00:00Z');
    await h.tick();
    const prep = snapshot(remindersOf('prep_candidate')[0]!);
    const oldCard = snapshot(h.fake.message(card.channel, card.ts)!);
    await erase(id);
    const storedBefore = await everythingStored(id);

    clickButton(h, OWNER, prep, ACTION.reminderSnooze15);
    await eventually(() => h.fake.ephemerals(prep.channel).filter((e) => e.text === REFUSAL(id)).length === 1);
    clickButton(h, OWNER, oldCard, ACTION.checkinDone);
    await eventually(() => h.fake.ephemerals(card.channel).filter((e) => e.text === REFUSAL(id)).length === 2);
    await h.requester.event({ type: 'reaction_added', user: OWNER, reaction: 'white_check_mark', item_user: 'UBOT', item: { type: 'message', channel: prep.channel, ts: prep.ts } });
    await h.fake.waitForCall('chat.postMessage', (c) => c.args.text === REFUSAL(id));
    expect(await everythingStored(id)).toBe(storedBefore);
  });

  it('a form button is refused instead of opening a form that cannot be saved', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER, { candidateName: NAME });
    const oldCard = snapshot(h.fake.message(card.channel, card.ts)!);
    await erase(id);
    const { trigger } = clickButton(h, OWNER, oldCard, ACTION.openCoaching);
    await eventually(() => h.fake.ephemerals(card.channel).some((e) => e.text === REFUSAL(id)));
    expect(h.fake.callsTo('views.open').filter((c) => c.args.trigger_id === trigger)).toHaveLength(0);
  });
});

describe('after `verwijder`', () => {
  it('a second `verwijder` says it is already erased, without a dialog; export still reads', async () => {
    await start();
    const { id } = await createInterview(h, OWNER, { candidateName: NAME });
    await erase(id);
    const revision = (await row(id)).revision;
    const trigger = h.fake.issueTriggerId(OWNER);
    const res = await h.requester.slashCommand({ user_id: OWNER, text: `verwijder ${id}`, trigger_id: trigger });
    expect(res.json).toMatchObject({ response_type: 'ephemeral', text: `De persoonsgegevens van interview #${id} waren al verwijderd.` });
    expect(h.fake.callsTo('views.open').filter((c) => c.args.trigger_id === trigger)).toHaveLength(0);
    expect((await row(id)).revision).toBe(revision);

    await h.requester.slashCommand({ user_id: OWNER, text: `export ${id}`, trigger_id: h.fake.issueTriggerId(OWNER) });
    await eventually(() => h.fake.files.length === 1);
    const doc = JSON.parse(h.fake.files[0]!.content) as { interview: { id: number; erased: boolean } };
    expect(doc.interview).toMatchObject({ id, erased: true });
    expect(h.fake.files[0]!.content).not.toContain('Heijden');
  });

  it('erasure bumps the revision', async () => {
    await start();
    const { id } = await createInterview(h, OWNER, { candidateName: NAME });
    const before = (await row(id)).revision as number;
    await erase(id);
    expect((await row(id)).revision).toBe(before + 1);
  });
});
