import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, METADATA_EVENT } from '../../src/slack/ids.js';
import { changeForm } from '../../src/slack/forms/index.js';
import { ADMIN, OTHER, OWNER, startHarness, type Harness } from '../support/harness.js';
import { clickButton, createInterview, eventually, formValues } from '../support/flows.js';
import { buildViewSubmission, stateValue } from '../support/signer.js';
import type { StoredMessage } from '../support/fakeSlack.js';

/**
 * Issue 13 item 5, end to end: hostile names never become live tokens in any message's text;
 * `Opgepakt` is refused to the consultant the alert is about (unless an admin); the export holds
 * the candidate's interview data, not the interviewers' profiles.
 */

const RISK = 'C0RISK01';
let h: Harness;
afterEach(async () => {
  await h?.close();
});
const start = (env: Record<string, string> = {}) =>
  startHarness({ env: { RISK_ALERT_CHANNEL: RISK, ADMIN_USER_IDS: ADMIN, ...env } }).then((x) => (h = x));

const json = (v: unknown) => JSON.stringify(v) ?? '';
const alerts = () => h.fake.messages(RISK).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk);
const claimedBy = async (ts: string) =>
  ((await h.sql.get('SELECT claimed_by FROM risk_alerts WHERE ts = ?', [ts])) as { claimed_by: string | null } | undefined)?.claimed_by;

/** A last-minute change (`gaat door`) by the owner: one channel alert. */
async function raiseAlert(user: string, card: StoredMessage): Promise<StoredMessage> {
  const before = alerts().length;
  const { trigger } = clickButton(h, user, card, ACTION.openChange);
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  const view = h.fake.topViewOf(user)!.view;
  const values = formValues(changeForm.blocks, { what: stateValue.radio('candidate_ill'), decision: stateValue.radio('go_ahead') });
  expect((await h.requester.viewSubmission(buildViewSubmission({ user_id: user, view, values }))).body).toBe('');
  await eventually(() => alerts().length > before);
  // The change's card update and confirmation (outbox rows) are delivered too before anyone counts calls.
  await eventually(async () => ((await h.sql.get("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'sending')")) as { n: number }).n === 0);
  return structuredClone(alerts().at(-1)!);
}

describe('Opgepakt is not for the consultant the alert is about', () => {
  it.each([
    ['nl', 'Deze melding gaat over je eigen interview'],
    ['en', 'This alert is about your own interview'],
  ])('the owner gets a polite refusal (%s), nothing is recorded, and a colleague can still claim it', async (language, refusal) => {
    await start({ APP_LANGUAGE: language });
    const { card } = await createInterview(h, OWNER);
    const alert = await raiseAlert(OWNER, card);
    const updatesBefore = h.fake.callsTo('chat.update').length;

    clickButton(h, OWNER, alert, ACTION.claimRisk);
    await h.fake.waitForCall('chat.postEphemeral', (c) => c.args.user === OWNER);
    const notice = h.fake.ephemerals().at(-1)!;
    expect(notice).toMatchObject({ channel: RISK, user: OWNER });
    expect(notice.text).toContain(refusal);
    // Nothing recorded: no claim in the database, the alert unchanged with its button.
    expect(await claimedBy(alert.ts)).toBeNull();
    expect(h.fake.callsTo('chat.update')).toHaveLength(updatesBefore);
    expect(json(h.fake.message(RISK, alert.ts)!.blocks)).toContain(ACTION.claimRisk);
    expect(h.logs.some((l) => l.msg === 'risk alert claim refused: the alert is about the claimant')).toBe(true);

    clickButton(h, OTHER, alert, ACTION.claimRisk);
    await eventually(async () => (await claimedBy(alert.ts)) === OTHER);
    await eventually(() => json(h.fake.message(RISK, alert.ts)!.blocks).includes(`<@${OTHER}>`));
  });

  it('an admin may claim an alert about their own interview', async () => {
    await start();
    const { card } = await createInterview(h, ADMIN);
    const alert = await raiseAlert(ADMIN, card);
    clickButton(h, ADMIN, alert, ACTION.claimRisk);
    await eventually(async () => (await claimedBy(alert.ts)) === ADMIN);
    await eventually(() => !json(h.fake.message(RISK, alert.ts)!.blocks).includes(ACTION.claimRisk));
    expect(h.fake.ephemerals().filter((e) => e.user === ADMIN)).toHaveLength(0);
  });
});

describe('hostile names never reach a notification text as a live token', () => {
  const TOKENS = ['<!channel>', '<!here>', '<@U123>', '<https://evil.example'];

  it('card, reminders, alert and change confirmation: every text escaped, the channel alert included', async () => {
    await start();
    const { id, card } = await createInterview(h, OWNER, {
      candidateName: '<!channel> Sanne <@U123>',
      clientCompany: '<https://evil.example|Acme> <!here>',
    });
    const alert = await raiseAlert(OWNER, card);
    for (const at of ['2026-12-01T08:00:00Z', '2026-12-02T06:00:00Z']) {
      h.clock.current = new Date(at);
      await h.tick();
    }
    await eventually(() => alerts().length >= 2); // + prep incomplete at T − 2h
    const texts = [...h.fake.callsTo('chat.postMessage'), ...h.fake.callsTo('chat.update')]
      .filter((c) => c.args.text !== undefined)
      .map((c) => String(c.args.text));
    expect(texts.length).toBeGreaterThan(5);
    for (const text of texts) for (const token of TOKENS) expect(text).not.toContain(token);
    // The names are there, escaped: in the card's notification and in the channel alert's.
    expect(String(h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === OWNER)!.args.text)).toContain(`&lt;!channel&gt; Sanne &lt;@U123&gt;`);
    expect(alert.text).toContain('&lt;https://evil.example|Acme&gt; &lt;!here&gt;');
    expect((await h.interviews.get(id))!.logistics.clientCompany).toBe('<https://evil.example|Acme> <!here>'); // stored as typed
  });
});

describe('/interviewprep export holds the candidate’s data, not the interviewers’ profiles', () => {
  it('no names, seniority, style or interests of interviewers; their number, roles and say stay; it says why', async () => {
    await start();
    const { id } = await createInterview(h, OWNER, { candidateName: 'Zoë van der Heijden', candidateEmail: 'zoe@example.org' });
    const now = h.clock.now();
    await h.interviews.addStakeholder(id, { name: 'Pieter Bakker', role: 'CTO', seniority: 'c_level', decisionPower: 'decision_maker', communicationStyle: 'Kortaf, wil cijfers', keyInterests: 'Zijn eigen bonus' }, now);
    await h.interviews.addStakeholder(id, { name: 'Eva Jansen', role: 'HR-adviseur', decisionPower: 'advisory', communicationStyle: 'Warm en uitgebreid', keyInterests: 'Cultuurfit' }, now);
    await h.interviews.saveDebrief(id, { interestLevel: 4, experience: 'Zoë vond het een fijn gesprek', notes: 'Belt maandag terug' }, now);

    await h.requester.slashCommand({ user_id: OWNER, text: `export ${id}`, trigger_id: h.fake.issueTriggerId(OWNER) });
    await eventually(() => h.fake.files.length === 1);
    const file = h.fake.files[0]!;
    for (const secret of ['Pieter', 'Bakker', 'Eva Jansen', 'Kortaf', 'cijfers', 'bonus', 'Warm en uitgebreid', 'Cultuurfit', 'c_level', 'seniority', 'communicationStyle', 'keyInterests']) {
      expect(file.content).not.toContain(secret);
    }
    const doc = JSON.parse(file.content) as {
      left_out: string;
      interview: { logistics: { candidateName: string; candidateEmail: string }; debrief: { notes: string }; stakeholders: unknown[] };
    };
    // The interview the candidate took part in: how many interviewers, their roles and say in the decision.
    expect(doc.interview.stakeholders).toEqual([
      { role: 'CTO', decisionPower: 'decision_maker' },
      { role: 'HR-adviseur', decisionPower: 'advisory' },
    ]);
    // The candidate's own data is all there.
    expect(doc.interview.logistics).toMatchObject({ candidateName: 'Zoë van der Heijden', candidateEmail: 'zoe@example.org' });
    expect(doc.interview.debrief.notes).toBe('Belt maandag terug');
    // And it says what was left out, and why.
    expect(doc.left_out).toContain('Namen, contactgegevens, senioriteit, communicatiestijl en belangen zijn weggelaten');
    expect(doc.left_out).toContain('persoonsgegevens van anderen');
    expect(doc.left_out).toContain('AVG art. 15 lid 4');
    expect(file.initialComment).toBe(`Alles wat Interview Prep over interview #${id} bewaart (voor een inzageverzoek).`);
  });
});
