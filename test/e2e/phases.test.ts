import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, METADATA_EVENT } from '../../src/slack/ids.js';
import { changeForm, coachingForm, expectationsForm } from '../../src/slack/forms/index.js';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { clickButton, createInterview, eventually, formValues } from '../support/flows.js';
import { buildViewSubmission, stateValue } from '../support/signer.js';
import type { StoredMessage } from '../support/fakeSlack.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { PLAYBOOK_URL: 'https://intranet.example/playbook' } });
});
afterEach(async () => {
  await h.close();
});

const cardOf = async (id: number) => {
  const i = (await h.interviews.get(id))!;
  return h.fake.message(i.card!.channel, i.card!.ts)!;
};
const text = (v: unknown) => JSON.stringify(v);

async function openForm(card: StoredMessage, actionId: string) {
  const { trigger, response } = clickButton(h, OWNER, card, actionId);
  expect((await response).status).toBe(200);
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  return h.fake.topViewOf(OWNER)!.view;
}

type StarParts = [string | null, string | null, string | null, string | null];
const star = (n: 1 | 2, parts: StarParts | null) => {
  const keys = n === 1 ? (['star1Situation', 'star1Task', 'star1Action', 'star1Result'] as const) : (['star2Situation', 'star2Task', 'star2Action', 'star2Result'] as const);
  return Object.fromEntries(keys.map((k, i) => [k, stateValue.plainText(parts ? (parts[i] ?? null) : null)]));
};

function coachingValues(opts: { positive: string[]; warning: string[]; star1?: StarParts | null; done?: string[] }) {
  return formValues(coachingForm.blocks, {
    done: stateValue.checkboxes(opts.done ?? ['context_shared', 'updates_shared', 'gunfactor']),
    updatesText: stateValue.plainText('Nieuwe vestiging in Utrecht'),
    candidateGoal: stateValue.plainText('Weten of het team bij me past'),
    positiveSignals: stateValue.checkboxes(opts.positive),
    warningSignals: stateValue.checkboxes(opts.warning),
    memorablePoints: stateValue.plainText('Cloudmigratie; teamlead; Nederlands en Engels'),
    ...star(1, opts.star1 === undefined ? ['Legacy platform', 'Migratie leiden', 'Gefaseerd plan', '30% lagere kosten'] : opts.star1),
    ...star(2, null),
  });
}

describe('phase 1: coaching check', () => {
  it('intensive need: stored, advice in the DM aimed at the warnings, risk moment recorded; targeted coaching ticks only when confirmed', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openCoaching);
    const res = await h.requester.viewSubmission(
      buildViewSubmission({ user_id: OWNER, view, values: coachingValues({ positive: ['clear_goal'], warning: ['passive', 'vague_goal'] }) }),
    );
    expect(res.body).toBe('');
    expect((await h.interviews.get(id))!.coaching).toMatchObject({ coachingNeed: 'intensive', warningSignals: ['passive', 'vague_goal'], starExamples: [expect.objectContaining({ result: '30% lagere kosten' })] });
    const advice = await h.fake.waitForCall('chat.postMessage', (c) => text(c.args.metadata).includes('coaching_advice'));
    const json = text(advice.args.blocks);
    expect(json).toContain('Coachingbehoefte: *intensief*');
    expect(json).toContain('_Passieve houding: geen voorbereiding zichtbaar_; _Vage antwoorden op doelvraag_');
    expect(json).toContain('<https://intranet.example/playbook|Addendum E, Scripts E32-E36>');
    expect(await h.runtime.workspace().risks.reasonsFor(id)).toEqual(['coaching_intensive']);
    await eventually(async () => text((await cardOf(id)).blocks).includes('Coachingbehoefte: intensief'));
    expect(text((await cardOf(id)).blocks)).not.toContain('⬜ Gunfactor principes besproken');
    // The bot sending its advice is not coaching: the item waits for the consultant's confirmation.
    expect(text((await cardOf(id)).blocks)).toContain('⬜ Gerichte coaching gegeven indien nodig');
    expect(json).toContain(ACTION.coachingGiven);
    const adviceMessage = h.fake.dmsTo(OWNER).find((m) => text(m.metadata).includes('coaching_advice'))!;
    clickButton(h, OWNER, adviceMessage, ACTION.coachingGiven);
    await eventually(async () => !text((await cardOf(id)).blocks).includes('⬜ Gerichte coaching gegeven indien nodig'));
    await eventually(() => text(h.fake.message(adviceMessage.channel, adviceMessage.ts)!.blocks).includes(`Coaching gegeven, bevestigd door <@${OWNER}>`));
    expect(text(h.fake.message(adviceMessage.channel, adviceMessage.ts)!.blocks)).not.toContain(ACTION.coachingGiven);
    expect((await h.interviews.get(id))!.done.coaching?.by).toBe(OWNER);
  });

  it('coaching confirmed on the card: the advice DM says so too and offers no button any more', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openCoaching);
    await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: coachingValues({ positive: [], warning: ['passive'] }) }));
    await eventually(() => h.fake.dmsTo(OWNER).some((m) => text(m.metadata).includes('coaching_advice')));
    const advice = h.fake.dmsTo(OWNER).find((m) => text(m.metadata).includes('coaching_advice'))!;
    expect(text(advice.blocks)).toContain(ACTION.coachingGiven);
    await eventually(async () => text((await cardOf(id)).blocks).includes(ACTION.coachingGiven));
    clickButton(h, OWNER, await cardOf(id), ACTION.coachingGiven);
    await eventually(() => !text(h.fake.message(advice.channel, advice.ts)!.blocks).includes(ACTION.coachingGiven));
    expect(text(h.fake.message(advice.channel, advice.ts)!.blocks)).toContain(`Coaching gegeven, bevestigd door <@${OWNER}>`);
  });

  it('minimal need: a short confirmation and no risk moment', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openCoaching);
    await h.requester.viewSubmission(
      buildViewSubmission({ user_id: OWNER, view, values: coachingValues({ positive: ['questions_prepared', 'clear_goal', 'proactive_examples'], warning: [] }) }),
    );
    const advice = await h.fake.waitForCall('chat.postMessage', (c) => text(c.args.metadata).includes('coaching_advice'));
    expect(text(advice.args.blocks)).toContain('Coachingbehoefte: *minimaal*');
    expect(await h.runtime.workspace().risks.reasonsFor(id)).toEqual([]);
  });

  it('no STAR example is fine (signals and need first); half a STAR example gets an inline error and stores nothing', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openCoaching);
    // The signals come before the STAR examples in the form.
    const ids = (view.blocks as Array<{ block_id?: string }>).map((b) => b.block_id);
    expect(ids.indexOf(coachingForm.blocks.positiveSignals)).toBeLessThan(ids.indexOf(coachingForm.blocks.star1Situation));
    const half = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: coachingValues({ positive: [], warning: [], star1: ['Legacy platform', null, null, null] }) }));
    expect(half.json).toEqual({
      response_action: 'errors',
      errors: { [coachingForm.blocks.star1Situation]: 'Vul dit STAR-voorbeeld volledig in, of laat het helemaal leeg.' },
    });
    expect((await h.interviews.get(id))!.coaching).toBeUndefined();
    const none = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: coachingValues({ positive: ['clear_goal'], warning: [], star1: null }) }));
    expect(none.body).toBe('');
    expect((await h.interviews.get(id))!.coaching).toMatchObject({ starExamples: [] });
  });

  it('stops the prep_candidate reminder once logged', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openCoaching);
    await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: coachingValues({ positive: [], warning: [] }) }));
    h.clock.current = new Date('2026-12-01T08:00:00Z');
    await h.tick();
    const item = (await h.timeline.forInterview(id)).find((i) => i.kind === 'prep_candidate')!;
    expect(item).toMatchObject({ state: 'skipped', skipReason: 'satisfied' });
  });
});

describe('phase 2: client expectations', () => {
  it('stores criteria and the promised feedback moment, shown on the card', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openExpectations);
    const feedbackAt = new Date('2026-12-02T15:00:00Z');
    const values = formValues(expectationsForm.blocks, {
      agendaAligned: stateValue.checkboxes(['yes']),
      evaluationCriteria: stateValue.plainText('Technische diepgang en teamfit'),
      feedbackExpectedEpochSeconds: { type: 'datetimepicker', selected_date_time: feedbackAt.getTime() / 1000 },
      nextSteps: stateValue.plainText('Tweede gesprek met de CEO'),
    });
    expect((await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values }))).body).toBe('');
    expect((await h.interviews.get(id))!.clientExpectations).toMatchObject({ agendaAligned: true, evaluationCriteria: 'Technische diepgang en teamfit', feedbackExpectedAt: feedbackAt });
    await eventually(async () => text((await cardOf(id)).blocks).includes('Feedback klant verwacht: wo 2 dec, 16:00'));
    for (const item of ['Agenda afgestemd', 'Evaluatiecriteria verduidelijkt', 'Tijdlijn verwachtingen gecommuniceerd']) {
      expect(text((await cardOf(id)).blocks)).not.toContain(`⬜ ${item}`);
    }
  });

  it('refuses a feedback moment before the interview, inline', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openExpectations);
    const values = formValues(expectationsForm.blocks, {
      agendaAligned: stateValue.checkboxes([]),
      evaluationCriteria: stateValue.plainText(null),
      feedbackExpectedEpochSeconds: { type: 'datetimepicker', selected_date_time: Date.parse('2026-12-01T10:00:00Z') / 1000 },
      nextSteps: stateValue.plainText(null),
    });
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { [expectationsForm.blocks.feedbackExpectedEpochSeconds]: 'Het feedbackmoment moet na de start van het interview liggen.' } });
    expect((await h.interviews.get(id))!.clientExpectations).toBeUndefined();
  });
});

describe('phase 3: interview day', () => {
  const changeValues = (what: string, decision: string, newStart?: Date) =>
    formValues(changeForm.blocks, {
      what: stateValue.radio(what),
      decision: stateValue.radio(decision),
      newStartEpochSeconds: { type: 'datetimepicker', selected_date_time: newStart ? newStart.getTime() / 1000 : null },
      note: stateValue.plainText('Kandidaat belde om 8 uur'),
    });

  it('verzetten moves every timer, records the change on the card and a risk moment', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openChange);
    const newStart = new Date('2026-12-04T13:00:00Z');
    expect((await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: changeValues('candidate_ill', 'reschedule', newStart) }))).body).toBe('');
    expect((await h.interviews.get(id))!.logistics.start).toEqual(newStart);
    const checkin = (await h.timeline.forInterview(id)).find((i) => i.kind === 'candidate_checkin' && i.plan === 2)!;
    expect(checkin.dueAt.toISOString()).toBe('2026-12-04T11:00:00.000Z');
    expect(await h.runtime.workspace().risks.reasonsFor(id)).toEqual(['last_minute_change']);
    await eventually(async () => text((await cardOf(id)).blocks).includes('Kandidaat ziek/verhinderd → Verzetten naar een nieuwe start'));
  });

  it('annuleren stops the timeline', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openChange);
    await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: changeValues('client_emergency', 'cancel') }));
    await eventually(async () => (await h.interviews.get(id))!.status === 'cancelled');
    await eventually(async () => (await h.timeline.forInterview(id)).every((i) => i.state === 'cancelled'));
    h.clock.current = new Date('2026-12-02T06:00:00Z');
    await h.tick();
    expect(h.fake.dmsTo(OWNER).filter((m) => text(m.metadata).includes('candidate_checkin'))).toHaveLength(0);
  });

  it('verzetten without a new start is refused inline; nothing changes', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const view = await openForm(card, ACTION.openChange);
    const res = await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: changeValues('technical', 'reschedule') }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { [changeForm.blocks.newStartEpochSeconds]: 'Kies de nieuwe start om te verzetten.' } });
    expect((await h.interviews.get(id))!.changes).toEqual([]);
    expect(await h.runtime.workspace().risks.reasonsFor(id)).toEqual([]);
  });

  it('Check-in gedaan on the card ticks the checklist and the check-in is then not sent', async () => {
    const { id, card } = await createInterview(h, OWNER);
    clickButton(h, OWNER, card, ACTION.checkinDone);
    await eventually(async () => (await h.interviews.get(id))!.done.checkin !== undefined);
    await eventually(async () => !text((await cardOf(id)).blocks).includes('⬜ Kandidaat check-in 2 uur voor gesprek'));
    expect(text((await cardOf(id)).blocks)).not.toContain(ACTION.checkinDone);
    h.clock.current = new Date('2026-12-02T06:00:00Z');
    await h.tick();
    expect((await h.timeline.forInterview(id)).find((i) => i.kind === 'candidate_checkin')!.state).toBe('skipped');
  });

  it('the on-call and check-in reminders offer the last-minute change form', async () => {
    await createInterview(h, OWNER);
    h.clock.current = new Date('2026-12-02T08:00:00Z');
    await h.tick();
    const onCall = h.fake.dmsTo(OWNER).find((m) => text(m.metadata).includes('"on_call"'))!;
    expect(text(onCall.blocks)).toContain(ACTION.openChange);
    const { trigger } = clickButton(h, OWNER, onCall, ACTION.openChange);
    const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    expect(text(open.args.view)).toContain('Wat is er gebeurd?');
  });
});

/** Plain text of a message or view, the way a consultant reads it (for the issue note). */
function readable(blocks: unknown): string {
  const out: string[] = [];
  const walk = (b: Record<string, unknown>) => {
    if (b.type === 'actions') {
      out.push(`[${(b.elements as { text?: { text: string }; placeholder?: { text: string } }[]).map((e) => (e.text ?? e.placeholder)?.text).join('] [')}]`);
      return;
    }
    const txt = (b.text as { text?: string } | undefined)?.text;
    if (txt) out.push(txt);
    for (const f of (b.fields as { text: string }[] | undefined) ?? []) out.push(f.text);
    for (const e of (b.elements as { text?: string }[] | undefined) ?? []) if (e.text) out.push(e.text);
    if (b.type === 'input') out.push(`(${(b.label as { text: string }).text})`);
  };
  for (const b of blocks as Record<string, unknown>[]) walk(b);
  return out.join('\n').replace(/<!date\^\d+\^[^|]+\|([^>]+)>/g, '$1');
}

describe('a consultant’s day, end to end', () => {
  it('prepares, is reminded, ticks off and debriefs — the transcript reads as the playbook', async () => {
    const transcript: string[] = [];
    const log = (step: string, content: string) => transcript.push(`### ${step}\n${content}\n`);
    const { id, card } = await createInterview(h, OWNER, { candidateName: 'Sanne de Vries' });
    log('Kaart na /interviewprep en opslaan', readable(card.blocks));
    const coaching = await openForm(card, ACTION.openCoaching);
    await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view: coaching, values: coachingValues({ positive: ['clear_goal'], warning: ['vague_goal'] }) }));
    const advice = await h.fake.waitForCall('chat.postMessage', (c) => text(c.args.metadata).includes('coaching_advice'));
    log('Advies na de coaching check', readable(advice.args.blocks));
    h.clock.current = new Date('2026-12-01T08:00:00Z');
    await h.tick();
    log('Di 09:00: voorbereiding klant', readable(h.fake.dmsTo(OWNER).find((m) => text(m.metadata).includes('"prep_client"'))!.blocks));
    h.clock.current = new Date('2026-12-02T06:00:00Z');
    await h.tick();
    const checkin = h.fake.dmsTo(OWNER).find((m) => text(m.metadata).includes('"candidate_checkin"'))!;
    log('Wo 07:00: check-in', readable(checkin.blocks));
    await h.requester.event({ type: 'reaction_added', user: OWNER, reaction: 'white_check_mark', item_user: 'UBOT', item: { type: 'message', channel: checkin.channel, ts: checkin.ts } });
    await eventually(() => text(h.fake.message(checkin.channel, checkin.ts)!.blocks).includes('Gedaan door'));
    log('Na ✅ op de check-in', readable(h.fake.message(checkin.channel, checkin.ts)!.blocks));
    h.clock.current = new Date('2026-12-02T07:00:00Z');
    await h.tick();
    log('Wo 08:00: klant herinnering', readable(h.fake.dmsTo(OWNER).find((m) => text(m.metadata).includes('"client_reminder"'))!.blocks));
    h.clock.current = new Date('2026-12-02T09:00:00Z');
    await h.tick();
    log('Wo 10:00: debrief', readable(h.fake.dmsTo(OWNER).find((m) => text(m.metadata).includes('"candidate_debrief_due"'))!.blocks));
    await eventually(async () => !text((await cardOf(id)).blocks).includes('⬜ Kandidaat check-in'));
    log('Kaart aan het eind', readable((await cardOf(id)).blocks));

    const all = transcript.join('\n');
    expect(all).toContain('Coachingbehoefte: *gericht*');
    expect(all).toContain('Laatste check voor vanochtend');
    expect(all).toContain(`Gedaan door <@${OWNER}>`);
    expect(all).toContain('Interview met Sanne de Vries staat vandaag om 09:00.');
    expect(all).toContain('Hoe was de ervaring?');
    expect(h.fake.dmsTo(OWNER).every((m) => [METADATA_EVENT.reminder, METADATA_EVENT.risk].includes(String(m.metadata?.event_type) as never))).toBe(true);
    if (process.env.TRANSCRIPT_FILE) writeFileSync(process.env.TRANSCRIPT_FILE, all);
  });
});
