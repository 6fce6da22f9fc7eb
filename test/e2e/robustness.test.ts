import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK, ROW_ACTION } from '../../src/slack/ids.js';
import { contextForm, logisticsForm } from '../../src/slack/forms/index.js';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { actionOn, createInterview, eventually, formValues, logisticsValues, validForm } from '../support/flows.js';
import { buildBlockAction, buildViewSubmission, stateValue } from '../support/signer.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const count = async (table: string) => (await h.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;
const form = (raw: string, contentType = 'application/x-www-form-urlencoded') => h.requester.raw({ body: raw, contentType });

/** After each hostile request the app must still serve a normal one. */
async function stillWorks() {
  const res = await h.requester.slashCommand({ user_id: OWNER, text: 'help', trigger_id: h.fake.issueTriggerId(OWNER) });
  expect(res.status).toBe(200);
  expect((res.json as { response_type: string }).response_type).toBe('ephemeral');
}

describe('malformed and hostile payloads', () => {
  it.each([
    ['a body that is not a form', 'this is not a form'],
    ['a payload that is not JSON', 'payload=%7Bnot-json'],
    ['a payload of the wrong type', `payload=${encodeURIComponent(JSON.stringify({ type: 'mystery' }))}`],
    ['a block action without a user', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [{ action_id: ACTION.editInterview, value: '1' }] }))}`],
    ['a block action without actions', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: OWNER } }))}`],
    ['a view submission without a view', `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: OWNER } }))}`],
  ])('%s: no crash, nothing stored', async (_name, body) => {
    const res = await form(body);
    expect(res.status).toBeLessThan(500);
    expect(await count('interviews')).toBe(0);
    await stillWorks();
  });

  it.each(['something_else', 'interviewprep_button_of_an_old_version'])('an unknown action id (%s) is acknowledged at once and ignored', async (actionId) => {
    const res = await h.requester.blockActions(buildBlockAction({ user_id: OWNER, action_id: actionId, trigger_id: h.fake.issueTriggerId(OWNER), value: '1' }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    await stillWorks();
  });

  it.each([
    ['a deleted interview', '999'],
    ['a non-numeric id', 'DROP TABLE interviews'],
    ['an empty value', ''],
  ])('a button for %s gets a clear message, not a crash', async (_name, value) => {
    const res = await h.requester.blockActions(buildBlockAction({ user_id: OWNER, action_id: ACTION.openContext, trigger_id: h.fake.issueTriggerId(OWNER), value, element_type: 'button' }));
    expect(res.status).toBe(200);
    const notice = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === OWNER);
    expect(String(notice.args.text)).toMatch(/bestaat niet|oudere versie/);
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
    await stillWorks();
  });

  it('a malformed row value changes nothing', async () => {
    const { id } = await createInterview(h, OWNER);
    const s = await h.interviews.addStakeholder(id, { name: 'Anna', decisionPower: 'veto' }, h.clock.now());
    for (const value of [`${id}`, `${id}:${s.id}:9`, `x:${s.id}`, `${id}:-1`]) {
      await h.requester.blockActions(buildBlockAction({ user_id: OWNER, action_id: `${ROW_ACTION.removeStakeholder.prefix}${s.id}`, trigger_id: h.fake.issueTriggerId(OWNER), value, element_type: 'button' }));
    }
    await eventually(() => h.fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('oudere versie')).length === 4);
    expect((await h.interviews.get(id))!.stakeholders).toHaveLength(1);
  });

  it.each([
    ['tampered metadata', '{"interviewId":"1 OR 1=1"}'],
    ['metadata for an interview that does not exist', '{"interviewId":424242}'],
    ['no metadata at all', ''],
  ])('a context submission with %s: inline message, nothing written', async (_name, privateMetadata) => {
    await createInterview(h, OWNER);
    const values = formValues(contextForm.blocks, { urgency: stateValue.radio('high') });
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, callback_id: CALLBACK.contextModal, private_metadata: privateMetadata, values }));
    expect(res.status).toBe(200);
    expect((res.json as { response_action: string }).response_action).toBe('errors');
    expect(await count('interview_context')).toBe(0);
  });

  it('oversized text in a submission is refused inline, nothing stored', async () => {
    const values = logisticsValues(validForm(h, { candidateName: 'x'.repeat(20_000), agenda: 'y'.repeat(50_000) }));
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, callback_id: CALLBACK.interviewModal, values }));
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [logisticsForm.blocks.candidateName]: 'Maximaal 100 tekens.' } });
    expect(await count('interviews')).toBe(0);
  });

  it('an event of an unexpected shape is acknowledged and ignored', async () => {
    const res = await h.requester.event({ type: 'reaction_added', user: OWNER, reaction: 'white_check_mark', item: { type: 'file', file: 'F1' } });
    expect(res.status).toBe(200);
    await stillWorks();
  });
});

describe('double submission', () => {
  it('two saves of the same edit at once leave one consistent record', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const trigger = h.fake.issueTriggerId(OWNER);
    await h.requester.blockActions(actionOn(card, OWNER, ACTION.editInterview, trigger));
    await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    const view = h.fake.topViewOf(OWNER)!.view;
    const submit = (location: string) => h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: logisticsValues(validForm(h, { location })) }));
    const [a, b] = await Promise.all([submit('Kamer A'), submit('Kamer B')]);
    const accepted = [a, b].filter((r) => r.body === '');
    expect(accepted).toHaveLength(1);
    const saved = (await h.interviews.get(id))!;
    expect(saved.revision).toBe(2);
    expect(['Kamer A', 'Kamer B']).toContain(saved.logistics.location);
    expect(await h.timeline.forInterview(id)).toHaveLength(10);
  });
});
