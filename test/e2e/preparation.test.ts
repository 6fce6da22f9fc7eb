import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK, ROW_ACTION } from '../../src/slack/ids.js';
import { contextForm, cultureForm, stakeholderForm } from '../../src/slack/forms/index.js';
import { ADMIN, OTHER, OWNER, startHarness, type Harness } from '../support/harness.js';
import { clickButton, clickInView, createInterview, eventually, formValues } from '../support/flows.js';
import { buildBlockAction, buildViewSubmission, stateValue } from '../support/signer.js';
import type { StoredMessage } from '../support/fakeSlack.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { ADMIN_USER_IDS: ADMIN } });
});
afterEach(async () => {
  await h.close();
});

const text = (v: unknown) => JSON.stringify(v);

/** Card → Gesprekspartners: returns the opened stakeholders modal. */
async function openStakeholders(user: string, card: StoredMessage) {
  const { trigger, response } = clickButton(h, user, card, ACTION.openStakeholders);
  expect((await response).status).toBe(200);
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  const view = h.fake.topViewOf(user)!.view;
  expect(view.callback_id).toBe(CALLBACK.stakeholdersModal);
  return view;
}

/** Toevoegen (or a row's Bewerken) inside the stakeholders modal: returns the pushed form. */
async function pushForm(user: string, parent: Record<string, unknown> & { id: string }, actionId: string) {
  const { trigger, response } = clickInView(h, user, parent, actionId);
  expect((await response).status).toBe(200);
  await h.fake.waitForCall('views.push', (c) => c.args.trigger_id === trigger);
  const pushed = h.fake.topViewOf(user)!.view;
  expect(pushed.callback_id).toBe(CALLBACK.stakeholderModal);
  return pushed;
}

function stakeholderValues(fields: { name?: string | null; role?: string; seniority?: string; decisionPower?: string; keyInterests?: string }) {
  return formValues(stakeholderForm.blocks, {
    name: stateValue.plainText(fields.name ?? null),
    role: stateValue.plainText(fields.role ?? null),
    seniority: stateValue.staticSelect(fields.seniority ?? null),
    decisionPower: stateValue.radio(fields.decisionPower ?? 'unknown'),
    communicationStyle: stateValue.plainText(null),
    keyInterests: stateValue.plainText(fields.keyInterests ?? null),
  });
}

const cardOf = async (id: number) => {
  const i = (await h.interviews.get(id))!;
  return h.fake.message(i.card!.channel, i.card!.ts)!;
};

describe('Gesprekspartners', () => {
  it('adds an interviewer in a pushed form, refreshes the screen below (views.update with hash) and the card', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const parent = await openStakeholders(OWNER, card);
    expect(text(parent.blocks)).toContain('Nog geen gesprekspartners');
    const form = await pushForm(OWNER, parent, ACTION.addStakeholder);
    expect(JSON.parse(form.private_metadata)).toEqual({ interviewId: id, parentViewId: parent.id });

    const res = await h.requester.viewSubmission(
      buildViewSubmission({ user_id: OWNER, view: form, values: stakeholderValues({ name: 'Pieter Bakker', role: 'CTO', seniority: 'c_level', decisionPower: 'decision_maker', keyInterests: 'schaalbaarheid' }) }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const update = await h.fake.waitForCall('views.update', (c) => c.args.view_id === parent.id);
    expect(update.args.hash).toBe(parent.hash);
    expect(update.response).toMatchObject({ ok: true });
    expect(text(h.fake.view(parent.id)!.view.blocks)).toContain('*Pieter Bakker* · CTO · C-level · _Beslisser_');
    expect(text(h.fake.view(parent.id)!.view.blocks)).toContain('Pieter Bakker is vooral geïnteresseerd in schaalbaarheid.');

    expect((await h.interviews.get(id))!.stakeholders).toEqual([
      expect.objectContaining({ name: 'Pieter Bakker', role: 'CTO', seniority: 'c_level', decisionPower: 'decision_maker' }),
    ]);
    await eventually(async () => (await cardOf(id)).editCount > 0);
    expect(text((await cardOf(id)).blocks)).not.toContain('⬜ Stakeholder profielen bekend');
    expect(text((await cardOf(id)).blocks)).toContain('Checklist 1/17');
  });

  it('answers an interviewer without a name inline and stores nothing', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const parent = await openStakeholders(OWNER, card);
    const form = await pushForm(OWNER, parent, ACTION.addStakeholder);
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view: form, values: stakeholderValues({ name: '  ' }) }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { [stakeholderForm.blocks.name]: 'Vul dit veld in.' } });
    expect((await h.interviews.get(id))!.stakeholders).toEqual([]);
    expect(h.fake.callsTo('views.update')).toHaveLength(0);
  });

  it('edits an interviewer through a prefilled form, then removes one after the confirm', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const a = await h.interviews.addStakeholder(id, { name: 'Anna', role: 'HR', decisionPower: 'advisory' }, h.clock.now());
    const b = await h.interviews.addStakeholder(id, { name: 'Bert', decisionPower: 'unknown' }, h.clock.now());
    const parent = await openStakeholders(OWNER, card);

    const form = await pushForm(OWNER, parent, `${ROW_ACTION.editStakeholder.prefix}${a.id}`);
    expect(text(form.blocks)).toContain('"initial_value":"Anna"');
    await h.requester.viewSubmission(
      buildViewSubmission({ user_id: OWNER, view: form, values: stakeholderValues({ name: 'Anna de Jong', role: 'HR-manager', decisionPower: 'veto' }) }),
    );
    await h.fake.waitForCall('views.update', (c) => c.args.view_id === parent.id);
    expect((await h.interviews.get(id))!.stakeholders.map((s) => [s.name, s.decisionPower])).toEqual([['Anna de Jong', 'veto'], ['Bert', 'unknown']]);

    const current = h.fake.view(parent.id)!.view;
    h.fake.closeViews(OWNER); // the pushed form is gone; the click comes from the screen below
    const { response } = clickInView(h, OWNER, current, `${ROW_ACTION.removeStakeholder.prefix}${b.id}`);
    expect((await response).status).toBe(200);
    await eventually(async () => (await h.interviews.get(id))!.stakeholders.length === 1);
    await eventually(() => !text(h.fake.view(parent.id)!.view.blocks).includes('Bert'));
    expect(text(h.fake.view(parent.id)!.view.blocks)).toContain('Anna de Jong');
  });

  it('rebuilds and retries when the screen changed meanwhile (hash_conflict)', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const parent = await openStakeholders(OWNER, card);
    const form = await pushForm(OWNER, parent, ACTION.addStakeholder);
    h.fake.failNext('views.update', { error: 'hash_conflict' });
    await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view: form, values: stakeholderValues({ name: 'Carla', decisionPower: 'decision_maker' }) }));
    await eventually(() => h.fake.callsTo('views.update').length === 2);
    const [first, second] = h.fake.callsTo('views.update');
    expect(first!.response).toMatchObject({ ok: false, error: 'hash_conflict' });
    expect(second!.args.hash).toBeUndefined();
    await eventually(() => text(h.fake.view(parent.id)!.view.blocks).includes('Carla'));
    expect((await h.interviews.get(id))!.stakeholders).toHaveLength(1);
  });

  it('saves the culture notes with the screen’s own Opslaan', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const parent = await openStakeholders(OWNER, card);
    const values = formValues(cultureForm.blocks, {
      formality: stateValue.radio('informal'),
      directness: stateValue.radio('direct'),
      notes: stateValue.plainText('Iedereen tutoyeert'),
    });
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view: parent, values }));
    expect(res.body).toBe('');
    expect((await h.interviews.get(id))!.culture).toEqual({ formality: 'informal', directness: 'direct', notes: 'Iedereen tutoyeert' });
  });
});

describe('Context', () => {
  async function openContext(user: string, card: StoredMessage) {
    const { trigger, response } = clickButton(h, user, card, ACTION.openContext);
    expect((await response).status).toBe(200);
    await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    return h.fake.topViewOf(user)!.view;
  }
  const contextValues = (count: string) =>
    formValues(contextForm.blocks, {
      urgency: stateValue.radio('high'),
      decisionTimeline: stateValue.plainText('Binnen twee weken'),
      otherCandidatesCount: { type: 'number_input', value: count },
      otherCandidatesNote: stateValue.plainText('Eén in tweede ronde'),
      clientConcerns: stateValue.plainText(null),
      budgetStatus: stateValue.radio('approved'),
      commercialTimeline: stateValue.plainText(null),
    });

  it('stores the context and ticks "Interview context helder" on the card', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openContext(OWNER, card);
    expect(view.callback_id).toBe(CALLBACK.contextModal);
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: contextValues('2') }));
    expect(res.body).toBe('');
    expect((await h.interviews.get(id))!.context).toMatchObject({ urgency: 'high', otherCandidatesCount: 2, budgetStatus: 'approved', decisionTimeline: 'Binnen twee weken' });
    await eventually(async () => !text((await cardOf(id)).blocks).includes('⬜ Interview context helder'));
  });

  it('answers a bad count inline in the UI language and stores nothing', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openContext(OWNER, card);
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: contextValues('100') }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { [contextForm.blocks.otherCandidatesCount]: 'Geef een aantal tussen 0 en 99.' } });
    expect((await h.interviews.get(id))!.context).toBeUndefined();
  });

  it('refuses a submission for someone else’s interview and changes nothing', async () => {
    const { id } = await createInterview(h, OWNER);
    const res = await h.requester.viewSubmission(
      buildViewSubmission({ user_id: OTHER, callback_id: CALLBACK.contextModal, private_metadata: JSON.stringify({ interviewId: id }), values: contextValues('1') }),
    );
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { [contextForm.blocks.urgency]: `Interview #${id} is van een collega; alleen de eigenaar kan het openen of wijzigen.` },
    });
    expect((await h.interviews.get(id))!.context).toBeUndefined();
  });
});

describe('access', () => {
  it.each([ACTION.openStakeholders, ACTION.openContext, ACTION.openBriefing, ACTION.editInterview])(
    '%s on a colleague’s card is refused politely and opens nothing',
    async (actionId) => {
      const { id, card } = await createInterview(h, OWNER);
      const opens = h.fake.callsTo('views.open').length;
      const { response } = clickButton(h, OTHER, card, actionId);
      expect((await response).status).toBe(200);
      await h.fake.waitForCall('chat.postEphemeral', (c) => c.args.user === OTHER);
      expect(h.fake.ephemerals().at(-1)!.text).toContain(`Interview #${id} is van een collega`);
      expect(h.fake.callsTo('views.open')).toHaveLength(opens);
    },
  );

  it('a forged row value for another interview removes nothing', async () => {
    const mine = await createInterview(h, OWNER);
    const theirs = await createInterview(h, OTHER, { candidateName: 'Iemand Anders' });
    const victim = await h.interviews.addStakeholder(theirs.id, { name: 'Vera', decisionPower: 'veto' }, h.clock.now());
    const parent = await openStakeholders(OWNER, mine.card);
    const payload = buildBlockAction({
      user_id: OWNER,
      action_id: `${ROW_ACTION.removeStakeholder.prefix}${victim.id}`,
      element_type: 'button',
      value: `${theirs.id}:${victim.id}`,
      trigger_id: h.fake.issueTriggerId(OWNER),
    });
    (payload as { view?: unknown }).view = parent;
    expect((await h.requester.blockActions(payload)).status).toBe(200);
    await h.fake.waitForCall('chat.postMessage', (c) => String(c.args.text).includes('van een collega'));
    expect((await h.interviews.get(theirs.id))!.stakeholders).toHaveLength(1);
  });

  it('an admin may open a colleague’s interview', async () => {
    const { card } = await createInterview(h, OWNER);
    const view = await openStakeholders(ADMIN, card);
    expect(view.callback_id).toBe(CALLBACK.stakeholdersModal);
  });
});

describe('Briefing kandidaat', () => {
  it('opens the filled-in context-conversation script, ready to copy', async () => {
    const { id, card } = await createInterview(h, OWNER);
    await h.interviews.addStakeholder(id, { name: 'Pieter Bakker', role: 'CTO', keyInterests: 'teamleiderschap', decisionPower: 'decision_maker' }, h.clock.now());
    const { trigger } = clickButton(h, OWNER, card, ACTION.openBriefing);
    const call = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    const json = text(call.args.view);
    expect(json).toContain('Je spreekt met Pieter Bakker (CTO). Pieter Bakker is vooral geïnteresseerd in teamleiderschap.');
  });
});

describe('App Home', () => {
  it('publishes my interviews of the next 14 days with progress when the Home tab opens', async () => {
    const soon = await createInterview(h, OWNER, { candidateName: 'Binnenkort', start: new Date(h.clock.now().getTime() + 86_400_000) });
    await createInterview(h, OWNER, { candidateName: 'Ver weg', start: new Date(h.clock.now().getTime() + 20 * 86_400_000) });
    await createInterview(h, OTHER, { candidateName: 'Van een ander' });
    await h.interviews.addStakeholder(soon.id, { name: 'P', role: 'CTO', decisionPower: 'decision_maker' }, h.clock.now());
    const before = h.fake.callsTo('views.publish').length;
    const res = await h.requester.event({ type: 'app_home_opened', user: OWNER, channel: 'DUOWNER01', tab: 'home' });
    expect(res.status).toBe(200);
    await eventually(() => h.fake.callsTo('views.publish').length > before);
    const home = text(h.fake.homeOf(OWNER)!.view.blocks);
    expect(home).toContain('Binnenkort');
    expect(home).not.toContain('Ver weg');
    expect(home).not.toContain('Van een ander');
    expect(home).toContain('*Checklist 1/17*');
    expect(home).toContain('Volgende stap: Logistiek 100% bevestigd');
  });

  it('marks past interviews with open follow-up and lists them first', async () => {
    await createInterview(h, OWNER, { candidateName: 'Gisteren', start: new Date(h.clock.now().getTime() + 3_600_000) });
    await createInterview(h, OWNER, { candidateName: 'Morgen', start: new Date(h.clock.now().getTime() + 30 * 3_600_000) });
    h.clock.advance(3 * 3_600_000);
    await h.requester.event({ type: 'app_home_opened', user: OWNER, channel: 'DUOWNER01', tab: 'home' });
    await eventually(() => text(h.fake.homeOf(OWNER)?.view.blocks ?? []).includes('opvolging open'));
    const home = text(h.fake.homeOf(OWNER)!.view.blocks);
    expect(home.indexOf('Gisteren')).toBeLessThan(home.indexOf('Morgen'));
  });

  it('stays within Slack’s limits with 60 interviews', async () => {
    const now = h.clock.now().getTime();
    for (let k = 0; k < 60; k++) {
      await h.interviews.create(OWNER, {
        candidateName: `Kandidaat ${k}`, clientCompany: 'Acme', roleTitle: 'Dev', start: new Date(now + (k + 1) * 3 * 3_600_000),
        durationMin: 60, location: 'Amsterdam', format: 'panel',
      }, h.clock.now());
    }
    await h.requester.event({ type: 'app_home_opened', user: OWNER, channel: 'DUOWNER01', tab: 'home' });
    const call = await h.fake.waitForCall('views.publish');
    expect(call.response).toMatchObject({ ok: true });
    const blocks = h.fake.homeOf(OWNER)!.view.blocks;
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(text(blocks)).toMatch(/…en nog \d+ interviews/);
  });

  it('ignores the Messages tab', async () => {
    await h.requester.event({ type: 'app_home_opened', user: OWNER, channel: 'DUOWNER01', tab: 'messages' });
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.callsTo('views.publish')).toHaveLength(0);
  });
});

describe('App Home freshness', () => {
  it('after the Home was opened, a change re-publishes it; without an open Home, changes do not', async () => {
    await createInterview(h, OWNER);
    await new Promise((r) => setTimeout(r, 1700));
    expect(h.fake.callsTo('views.publish')).toHaveLength(0);
    await h.requester.event({ type: 'app_home_opened', user: OWNER, channel: 'DUOWNER01', tab: 'home' });
    await eventually(() => h.fake.callsTo('views.publish').length === 1);
    await createInterview(h, OWNER, { candidateName: 'Tweede Kandidaat' });
    await eventually(() => text(h.fake.homeOf(OWNER)!.view.blocks).includes('Tweede Kandidaat'), 4000);
  });
});
