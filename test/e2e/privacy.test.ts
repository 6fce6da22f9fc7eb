import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK, METADATA_EVENT } from '../../src/slack/ids.js';
import { ADMIN, OTHER, OWNER, startHarness, type Harness } from '../support/harness.js';
import { actionOn, clickButton, createInterview, eventually, formValues } from '../support/flows.js';
import { buildViewSubmission, stateValue } from '../support/signer.js';
import { debriefForm, stakeholderForm } from '../../src/slack/forms/index.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});
const start = async (env: Record<string, string> = {}) => {
  h = await startHarness({ env: { RISK_ALERT_CHANNEL: 'C0RISK01', ADMIN_USER_IDS: ADMIN, ...env } });
};
const text = (v: unknown) => JSON.stringify(v) ?? '';
const row = async (id: number) => (await h.sql.get('SELECT * FROM interviews WHERE id = ?', [id]))!;
const everythingStored = async (id: number) => {
  const rows: unknown[] = [];
  for (const table of ['interviews', 'stakeholders', 'interview_context', 'coaching_checks', 'client_expectations', 'last_minute_changes', 'candidate_debriefs', 'client_feedback']) {
    rows.push(await h.sql.all(`SELECT * FROM ${table} WHERE ${table === 'interviews' ? 'id' : 'interview_id'} = ?`, [id]));
  }
  return text(rows);
};

/** An interview with personal data in every corner: contact, agenda, an interviewer, a debrief. */
async function richInterview() {
  const created = await createInterview(h, OWNER, {
    candidateName: 'Zoë van der Heijden',
    candidateEmail: 'zoe@example.org',
    agenda: 'Gesprek over haar overstap',
  });
  await h.interviews.addStakeholder(created.id, { name: 'Pieter Bakker', role: 'CTO', decisionPower: 'decision_maker', keyInterests: 'schaalbaarheid' }, h.clock.now());
  await h.interviews.saveDebrief(created.id, { interestLevel: 4, experience: 'Zoë vond het een fijn gesprek', notes: 'Belt maandag terug' }, h.clock.now());
  return created;
}

async function eraseCommand(user: string, id: number) {
  const trigger = h.fake.issueTriggerId(user);
  const res = await h.requester.slashCommand({ user_id: user, text: `verwijder #${id}`, trigger_id: trigger });
  return { res, trigger };
}

describe('/interviewprep verwijder <id>', () => {
  it('asks for confirmation, then erases the personal data and rewrites the card and reminders', async () => {
    await start();
    const { id, card } = await richInterview();
    h.clock.current = new Date('2026-12-01T08:00:00Z');
    await h.tick(); // prep reminders out: messages that show the name
    const { trigger } = await eraseCommand(OWNER, id);
    const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    expect(text(open.args.view)).toContain('Dit kan niet ongedaan worden gemaakt.');
    expect((await row(id)).candidate_name).toBe('Zoë van der Heijden'); // nothing happens before the confirm
    const view = h.fake.topViewOf(OWNER)!.view;
    expect(view.callback_id).toBe(CALLBACK.eraseModal);
    expect((await h.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view, values: {} }))).body).toBe('');

    await eventually(async () => (await row(id)).erased_at !== null);
    const stored = await everythingStored(id);
    for (const secret of ['Zoë', 'Heijden', 'zoe@example.org', 'overstap', 'Pieter Bakker', 'fijn gesprek', 'maandag']) expect(stored).not.toContain(secret);
    expect(stored).toContain('"interest_level":4'); // anonymous figures stay
    expect((await h.timeline.forInterview(id)).filter((i) => i.state === 'pending')).toHaveLength(0);
    await eventually(() => h.fake.dmsTo(OWNER).every((m) => !text(m.blocks).includes('Heijden')));
    expect(text(h.fake.message(card.channel, card.ts)!.blocks)).toContain('persoonsgegevens zijn verwijderd');
    await h.fake.waitForCall('chat.postMessage', (c) => String(c.args.text).includes('zijn verwijderd'));
  });

  it('is refused for someone else’s interview and allowed for an admin', async () => {
    await start();
    const { id } = await richInterview();
    const refused = await eraseCommand(OTHER, id);
    expect((refused.res.json as { text: string }).text).toContain('van een collega');
    expect(h.fake.callsTo('views.open').filter((c) => c.args.trigger_id === refused.trigger)).toHaveLength(0);
    const admin = await eraseCommand(ADMIN, id);
    await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === admin.trigger);
  });

  it.each(['verwijder', 'export'])('%s without a number explains how', async (word) => {
    await start();
    const res = await h.requester.slashCommand({ user_id: OWNER, text: word, trigger_id: h.fake.issueTriggerId(OWNER) });
    expect((res.json as { text: string }).text).toContain(`/interviewprep ${word} 12`);
  });
});

describe('/interviewprep export <id>', () => {
  it('sends the owner everything stored about the interview as a file in the DM', async () => {
    await start();
    const { id } = await richInterview();
    const res = await h.requester.slashCommand({ user_id: OWNER, text: `export ${id}`, trigger_id: h.fake.issueTriggerId(OWNER) });
    expect((res.json as { response_type: string; text: string })).toMatchObject({ response_type: 'ephemeral' });
    await eventually(() => h.fake.files.length === 1);
    const file = h.fake.files[0]!;
    expect(file.channel).toBe(h.fake.dmChannelOf(OWNER));
    expect(file.filename).toBe(`interview-${id}.json`);
    const doc = JSON.parse(file.content) as { interview: { logistics: { candidateName: string; candidateEmail: string }; stakeholders: { name: string }[]; debrief: { notes: string } }; timeline: unknown[] };
    expect(doc.interview.logistics).toMatchObject({ candidateName: 'Zoë van der Heijden', candidateEmail: 'zoe@example.org' });
    // The interviewer's role and say stay; their name and profile are left out (channelSafety.test.ts).
    expect(doc.interview.stakeholders).toEqual([{ role: 'CTO', decisionPower: 'decision_maker' }]);
    expect(doc.interview.debrief.notes).toBe('Belt maandag terug');
    expect(doc.timeline).toHaveLength(10);
  });

  it('gives nothing to someone else', async () => {
    await start();
    const { id } = await richInterview();
    const res = await h.requester.slashCommand({ user_id: OTHER, text: `export ${id}`, trigger_id: h.fake.issueTriggerId(OTHER) });
    expect((res.json as { text: string }).text).toContain('van een collega');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.files).toHaveLength(0);
  });
});

describe('retention', () => {
  it('erases interviews finished more than RETENTION_DAYS ago, keeps the figures, logs counts only', async () => {
    await start({ RETENTION_DAYS: '30' });
    const old = await richInterview();
    const recent = await createInterview(h, OWNER, { candidateName: 'Recente Kandidaat', start: new Date('2026-12-20T09:00:00Z') });
    h.clock.current = new Date('2027-01-02T10:00:00Z'); // 31 days after the first interview ended
    await h.tick();
    expect((await row(old.id)).erased_at).not.toBeNull();
    expect((await row(old.id)).candidate_name).toBeNull();
    expect((await row(recent.id)).candidate_name).toBe('Recente Kandidaat');
    const rows = await h.interviews.statsRows({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2027-01-03T00:00:00Z') });
    expect(rows.map((r) => r.interviewId)).toContain(old.id);
    const run = h.logs.find((l) => l.msg === 'retention run');
    expect(run).toMatchObject({ erased: 1, retentionDays: 30 });
  });
});

describe('no personal data in the logs', () => {
  it('a whole journey at LOG_LEVEL=trace leaves no candidate or interviewer name in any log line', async () => {
    await start({ LOG_LEVEL: 'trace' });
    const names = ['Zoë van der Heijden', 'Pieter Bakker', 'Mees Oosterhuis'];
    const { id, card } = await createInterview(h, OWNER, { candidateName: names[0], candidateEmail: 'zoe@example.org' });
    const { trigger } = clickButton(h, OWNER, card, ACTION.openStakeholders);
    await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    const parent = h.fake.topViewOf(OWNER)!.view;
    const add = h.fake.issueTriggerId(OWNER);
    const { buildBlockAction } = await import('../support/signer.js');
    await h.requester.blockActions(buildBlockAction({ user_id: OWNER, action_id: ACTION.addStakeholder, trigger_id: add, view: parent }));
    await h.fake.waitForCall('views.push', (c) => c.args.trigger_id === add);
    const form = h.fake.topViewOf(OWNER)!.view;
    await h.requester.viewSubmission(
      buildViewSubmission({
        user_id: OWNER,
        view: form,
        values: formValues(stakeholderForm.blocks, { name: stateValue.plainText(names[1]!), decisionPower: stateValue.radio('decision_maker') }),
      }),
    );
    await createInterview(h, OTHER, { candidateName: names[2] });
    for (const at of ['2026-12-01T08:00:00Z', '2026-12-02T06:00:00Z', '2026-12-02T09:00:00Z', '2026-12-02T11:00:00Z']) {
      h.clock.current = new Date(at);
      await h.tick();
    }
    const debriefTrigger = h.fake.issueTriggerId(OWNER);
    await h.requester.blockActions(actionOn(h.fake.message(card.channel, card.ts)!, OWNER, ACTION.openDebrief, debriefTrigger));
    await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === debriefTrigger);
    await h.requester.viewSubmission(
      buildViewSubmission({ user_id: OWNER, view: h.fake.topViewOf(OWNER)!.view, values: formValues(debriefForm.blocks, { interestLevel: stateValue.radio('5'), notes: stateValue.plainText(`${names[0]} belt terug`) }) }),
    );
    await h.requester.slashCommand({ user_id: OWNER, text: `export ${id}`, trigger_id: h.fake.issueTriggerId(OWNER) });
    await eventually(() => h.fake.files.length === 1);
    await eventually(() => h.fake.messages('C0RISK01').some((m) => m.metadata?.event_type === METADATA_EVENT.risk));

    expect(h.logs.length).toBeGreaterThan(100);
    const all = text(h.logs);
    for (const secret of [...names, 'Heijden', 'zoe@example.org']) expect(all, secret).not.toContain(secret);
  });
});
