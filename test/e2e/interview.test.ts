import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK, CARD_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { logisticsForm } from '../../src/slack/forms/index.js';
import { OTHER, OWNER, SIGNING_SECRET, startHarness, type Harness } from '../support/harness.js';
import { clickButton, createInterview, openNewInterviewModal, submitModal, validForm } from '../support/flows.js';
import { buildViewSubmission, signSlackRequest } from '../support/signer.js';
import { logisticsValues } from '../support/flows.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const count = async () => ((await h.sql.get('SELECT COUNT(*) AS n FROM interviews')) as { n: number }).n;

describe('/interviewprep → modal → card', () => {
  it.each(['', 'nieuw', 'new', '  NIEUW  '])('opens the new-interview modal for %j', async (text) => {
    const trigger = h.fake.issueTriggerId(OWNER);
    const res = await h.requester.slashCommand({ user_id: OWNER, text, trigger_id: trigger });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const call = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    expect(call.response).toMatchObject({ ok: true });
    expect((call.args.view as { title: { text: string } }).title.text).toBe('Nieuw interview');
  });

  it('stores a valid submission and DMs the interview card with metadata and a date token', async () => {
    const { id, card } = await createInterview(h, OWNER, { agenda: 'Kennismaking en case' });
    expect(await count()).toBe(1);
    const stored = (await h.interviews.get(id))!;
    expect(stored.ownerId).toBe(OWNER);
    expect(stored.logistics).toMatchObject({ candidateName: 'Sanne de Vries', format: 'panel', durationMin: 60 });
    expect(stored.card).toEqual({ channel: card.channel, ts: card.ts });
    expect(card.channel).toBe(h.fake.dmChannelOf(OWNER));
    // SPEC's {interview_id, kind}, plus the outbox row it was delivered from (found again after a crash).
    expect(card.metadata).toEqual({ event_type: METADATA_EVENT.reminder, event_payload: { interview_id: id, kind: CARD_KIND, outbox_id: expect.any(Number) } });
    const blocks = JSON.stringify(card.blocks);
    expect(blocks).toContain(`Interview #${id}: Sanne de Vries`);
    // Dutch: the bot writes the date itself, in the consultant's zone (Slack's tokens would read English).
    expect(blocks).not.toContain('<!date');
    expect(blocks).toMatch(/\*Start\*\\n(ma|di|wo|do|vr|za|zo) \d+ [a-z]+, \d\d:\d\d/);
    expect(blocks).toContain('Checklist 0/17');
    expect(blocks).toContain('Kennismaking en case');
    expect(blocks).toContain('"text":"Bewerken"');
  });

  it('writes the card fallback in the consultant’s Slack timezone', async () => {
    h.fake.setUser(OWNER, { tz: 'America/New_York' });
    const { card } = await createInterview(h, OWNER, { start: new Date('2026-12-03T15:00:00Z') });
    expect(JSON.stringify(card.blocks)).toContain('do 3 dec, 10:00');
  });

  const invalid: Array<[string, Record<string, unknown>, string, string]> = [
    ['no candidate name', { candidateName: '  ' }, logisticsForm.blocks.candidateName, 'Vul dit veld in.'],
    ['a name past the limit', { candidateName: 'x'.repeat(101) }, logisticsForm.blocks.candidateName, 'Maximaal 100 tekens.'],
    ['no client', { clientCompany: null }, logisticsForm.blocks.clientCompany, 'Vul dit veld in.'],
    ['no role', { roleTitle: '' }, logisticsForm.blocks.roleTitle, 'Vul dit veld in.'],
    ['no start', { start: null }, logisticsForm.blocks.startEpochSeconds, 'Vul dit veld in.'],
    ['a start in the past', { start: new Date('2026-11-29T08:00:00Z') }, logisticsForm.blocks.startEpochSeconds, 'De start moet in de toekomst liggen.'],
    ['a duration of 10', { durationMin: '10' }, logisticsForm.blocks.durationMin, 'Kies een duur tussen 15 en 480 minuten.'],
    ['a duration of 500', { durationMin: '500' }, logisticsForm.blocks.durationMin, 'Kies een duur tussen 15 en 480 minuten.'],
    ['no location', { location: null }, logisticsForm.blocks.location, 'Vul dit veld in.'],
    ['no format', { format: null }, logisticsForm.blocks.format, 'Vul dit veld in.'],
    ['a bad e-mail', { candidateEmail: 'sanne@' }, logisticsForm.blocks.candidateEmail, 'Geef een geldig e-mailadres.'],
    ['a bad phone', { candidatePhone: 'later' }, logisticsForm.blocks.candidatePhone, 'Geef een geldig telefoonnummer, bijvoorbeeld +31 6 12345678.'],
    ['an agenda past the limit', { agenda: 'a'.repeat(1501) }, logisticsForm.blocks.agenda, 'Maximaal 1500 tekens.'],
  ];
  it.each(invalid)('answers %s with an inline error on its block and stores nothing', async (_name, change, blockId, message) => {
    const view = await openNewInterviewModal(h, OWNER);
    const res = await submitModal(h, OWNER, view, validForm(h, change));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'errors', errors: { [blockId]: message } });
    expect(await count()).toBe(0);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers in English with APP_LANGUAGE=en', async () => {
    await h.close();
    h = await startHarness({ env: { APP_LANGUAGE: 'en' } });
    const view = await openNewInterviewModal(h, OWNER);
    expect((view.title as { text: string }).text).toBe('New interview');
    const res = await submitModal(h, OWNER, view, validForm(h, { durationMin: '5' }));
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { [logisticsForm.blocks.durationMin]: 'Choose a duration between 15 and 480 minutes.' },
    });
  });

  it('stores one interview when the same modal is submitted twice (double click)', async () => {
    const view = await openNewInterviewModal(h, OWNER);
    const form = validForm(h);
    const [a, b] = await Promise.all([submitModal(h, OWNER, view, form), submitModal(h, OWNER, view, form)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await count()).toBe(1);
  });
});

describe('Bewerken', () => {
  it('reopens the modal prefilled and updates the same card with chat.update', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const { trigger, response } = clickButton(h, OWNER, card, ACTION.editInterview);
    expect((await response).status).toBe(200);
    const open = await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    const view = open.args.view as { title: { text: string }; private_metadata: string };
    expect(view.title.text).toBe('Interview bewerken');
    expect(JSON.parse(view.private_metadata)).toEqual({ interviewId: id, revision: 1 });
    expect(JSON.stringify(view)).toContain('"initial_value":"Sanne de Vries"');

    const edited = h.fake.topViewOf(OWNER)!.view;
    const res = await submitModal(h, OWNER, edited, validForm(h, { location: 'https://teams.example/meet/42', durationMin: '90' }));
    expect(res.status).toBe(200);
    await h.fake.waitForCall('chat.update');
    const updated = h.fake.message(card.channel, card.ts)!;
    expect(updated.editCount).toBe(1);
    expect(JSON.stringify(updated.blocks)).toContain('https://teams.example/meet/42');
    expect(JSON.stringify(updated.blocks)).toContain('90 min');
    expect(h.fake.dmsTo(OWNER)).toHaveLength(1);
    expect(await h.interviews.get(id)).toMatchObject({ revision: 2, logistics: { durationMin: 90 } });
  });

  it('refuses a stale second edit of the same revision', async () => {
    const { card } = await createInterview(h, OWNER);
    clickButton(h, OWNER, card, ACTION.editInterview);
    await h.fake.waitForCall('views.open', (c) => JSON.stringify(c.args.view).includes('revision'));
    const view = h.fake.topViewOf(OWNER)!.view;
    expect((await submitModal(h, OWNER, view, validForm(h, { location: 'A' }))).body).toBe('');
    const second = await submitModal(h, OWNER, view, validForm(h, { location: 'B' }));
    expect(second.json).toMatchObject({ response_action: 'errors', errors: { [logisticsForm.blocks.candidateName]: expect.stringContaining('intussen gewijzigd') } });
  });

  it('politely refuses someone else’s interview and opens nothing', async () => {
    const { id, card } = await createInterview(h, OWNER);
    const opensBefore = h.fake.callsTo('views.open').length;
    const { response } = clickButton(h, OTHER, card, ACTION.editInterview);
    expect((await response).status).toBe(200);
    await h.fake.waitForCall('chat.postEphemeral');
    const eph = h.fake.ephemerals().at(-1)!;
    expect(eph.user).toBe(OTHER);
    expect(eph.text).toBe(`Interview #${id} is van een collega; alleen de eigenaar kan het openen of wijzigen.`);
    expect(h.fake.callsTo('views.open')).toHaveLength(opensBefore);
  });

  it('refuses a submission whose metadata points at someone else’s interview', async () => {
    const { id } = await createInterview(h, OWNER);
    const forged = buildViewSubmission({
      user_id: OTHER,
      callback_id: CALLBACK.interviewModal,
      private_metadata: JSON.stringify({ interviewId: id, revision: 1 }),
      values: logisticsValues(validForm(h, { candidateName: 'Hacked' })),
    });
    const res = await h.requester.viewSubmission(forged);
    expect(res.json).toMatchObject({ response_action: 'errors' });
    expect((await h.interviews.get(id))!.logistics.candidateName).toBe('Sanne de Vries');
  });

  it('answers tampered private_metadata with an inline error, not a crash', async () => {
    const res = await h.requester.viewSubmission(
      buildViewSubmission({ user_id: OWNER, callback_id: CALLBACK.interviewModal, private_metadata: '{"interviewId":"1; DROP"}', values: logisticsValues(validForm(h)) }),
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_action: 'errors' });
    expect(await count()).toBe(0);
  });
});

describe('lijst, help and unknown text', () => {
  it('lists my upcoming interviews, soonest first, ephemeral, without anyone else’s', async () => {
    await createInterview(h, OWNER, { candidateName: 'Later Kandidaat', start: new Date('2026-12-10T09:00:00Z') });
    await createInterview(h, OWNER, { candidateName: 'Eerst Kandidaat', start: new Date('2026-12-01T09:00:00Z') });
    await createInterview(h, OTHER, { candidateName: 'Andermans Kandidaat' });
    const res = await h.requester.slashCommand({ user_id: OWNER, text: 'lijst', trigger_id: h.fake.issueTriggerId(OWNER) });
    const body = res.json as { response_type: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    const text = JSON.stringify(body.blocks);
    expect(text.indexOf('Eerst Kandidaat')).toBeGreaterThan(-1);
    expect(text.indexOf('Eerst Kandidaat')).toBeLessThan(text.indexOf('Later Kandidaat'));
    expect(text).not.toContain('Andermans');
    expect(text).toContain('checklist 0/17');
  });

  it.each(['vandaag', 'today'])('%s lists today\'s interviews in my zone, soonest first, with progress and the next step; not tomorrow\'s, not anyone else\'s', async (word) => {
    // The harness clock stands at 2026-11-30 (Europe/Amsterdam); "today" ends at 23:00Z.
    const now = h.clock.now();
    const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
    await createInterview(h, OWNER, { candidateName: 'Middag Kandidaat', start: at(4) });
    await createInterview(h, OWNER, { candidateName: 'Ochtend Kandidaat', start: at(1) });
    await createInterview(h, OWNER, { candidateName: 'Morgen Kandidaat', start: at(30) });
    await createInterview(h, OTHER, { candidateName: 'Andermans Kandidaat', start: at(2) });
    const res = await h.requester.slashCommand({ user_id: OWNER, text: word, trigger_id: h.fake.issueTriggerId(OWNER) });
    const body = res.json as { response_type: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    const text = JSON.stringify(body.blocks);
    expect(text.indexOf('Ochtend Kandidaat')).toBeGreaterThan(-1);
    expect(text.indexOf('Ochtend Kandidaat')).toBeLessThan(text.indexOf('Middag Kandidaat'));
    expect(text).not.toContain('Morgen Kandidaat');
    expect(text).not.toContain('Andermans');
    expect(text).toContain('*10:00* · #2 Ochtend Kandidaat bij Acme BV');
    expect(text).toContain('Checklist 0/17* · Volgende stap: Logistiek 100% bevestigd');
  });

  it('vandaag without interviews today says so', async () => {
    const res = await h.requester.slashCommand({ user_id: OWNER, text: 'vandaag', trigger_id: h.fake.issueTriggerId(OWNER) });
    expect(JSON.stringify((res.json as { blocks: unknown[] }).blocks)).toContain('Vandaag geen interviews.');
  });

  it.each(['help', 'list'])('%s answers in the acknowledgement', async (word) => {
    const res = await h.requester.slashCommand({ user_id: OWNER, text: word, trigger_id: h.fake.issueTriggerId(OWNER) });
    expect((res.json as { response_type: string }).response_type).toBe('ephemeral');
  });

  it('shows help and says what was not understood', async () => {
    const res = await h.requester.slashCommand({ user_id: OWNER, text: 'plan morgen', trigger_id: h.fake.issueTriggerId(OWNER) });
    const text = JSON.stringify((res.json as { blocks: unknown[] }).blocks);
    expect(text).toContain('Dat begreep ik niet: `plan morgen`.');
    expect(text).toContain('/interviewprep lijst');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('request verification', () => {
  it('rejects a bad signature with 401 and makes no Web API call', async () => {
    const before = h.fake.calls.length;
    const body = 'command=%2Finterviewprep&text=&user_id=UOWNER01&trigger_id=1.2.3';
    const res = await h.requester.raw({ body, contentType: 'application/x-www-form-urlencoded', signature: 'v0=' + '0'.repeat(64) });
    expect(res.status).toBe(401);
    expect(h.fake.calls.length).toBe(before);
  });

  it('rejects a correctly signed but stale request (older than 5 minutes)', async () => {
    const before = h.fake.calls.length;
    const ts = Math.floor(Date.now() / 1000) - 6 * 60;
    const body = `command=%2Finterviewprep&text=&user_id=${OWNER}&trigger_id=${h.fake.issueTriggerId(OWNER)}`;
    const res = await h.requester.raw({ body, contentType: 'application/x-www-form-urlencoded', timestamp: ts, signature: signSlackRequest(SIGNING_SECRET, ts, body) });
    expect(res.status).toBe(401);
    expect(h.fake.calls.length).toBe(before);
  });

  it('rejects a request signed with another secret', async () => {
    const body = `command=%2Finterviewprep&text=lijst&user_id=${OWNER}`;
    const ts = Math.floor(Date.now() / 1000);
    const res = await h.requester.raw({ body, contentType: 'application/x-www-form-urlencoded', timestamp: ts, signature: signSlackRequest('other-secret', ts, body) });
    expect(res.status).toBe(401);
  });
});

describe('GET /healthz', () => {
  it('answers 200 with JSON', async () => {
    const res = await fetch(`http://127.0.0.1:${h.slack.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});
