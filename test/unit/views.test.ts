import { describe, expect, it } from 'vitest';
import type { InputBlock, KnownBlock } from '@slack/types';
import { deriveChecklist } from '../../src/domain/checklist.js';
import { MAX_STAKEHOLDERS, type Interview } from '../../src/domain/interview.js';
import { buildChecklistModal, buildInterviewCard, progressLine } from '../../src/slack/views/interviewCard.js';
import { locationText } from '../../src/slack/views/contact.js';
import { buildInterviewModal } from '../../src/slack/views/interviewModal.js';
import { buildCatchUp } from '../../src/slack/views/reminders.js';
import { buildHelp, buildUpcomingList, LIST_LIMIT } from '../../src/slack/views/commandResponses.js';
import { parseInterviewModalMetadata, parseInterviewId } from '../../src/slack/views/state.js';
import { createTranslator } from '../../src/slack/i18n/index.js';
import { ACTION, CALLBACK, CARD_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { logisticsForm } from '../../src/slack/forms/index.js';
import { TEXT_LIMITS } from '../../src/domain/validation.js';
import { PayloadError } from '../../src/errors.js';
import { validateBlocks, validateView } from '../support/fakeSlack.js';
import { interview, logistics, stakeholder } from '../support/builders.js';

const nl = createTranslator('nl');
const en = createTranslator('en');
const TZ = 'Europe/Amsterdam';

/** The longest input every field allows: what a consultant could really type. */
const maxed = interview({
  id: 987654,
  logistics: logistics({
    candidateName: 'É'.repeat(TEXT_LIMITS.candidateName),
    candidatePhone: '+'.padEnd(TEXT_LIMITS.candidatePhone, '9'),
    candidateEmail: `${'a'.repeat(TEXT_LIMITS.candidateEmail - 9)}@acme.nl`,
    clientCompany: '<&>'.repeat(TEXT_LIMITS.clientCompany / 3),
    roleTitle: 'r'.repeat(TEXT_LIMITS.roleTitle),
    location: 'https://'.padEnd(TEXT_LIMITS.location, 'x'),
    // Escaping quadruples '<' in mrkdwn: the card must still cut it to fit.
    agenda: '<'.repeat(TEXT_LIMITS.agenda),
    format: 'technical_test',
  }),
});

const blockIds = (blocks: KnownBlock[]) => blocks.map((b) => b.block_id).filter(Boolean);

describe('buildInterviewModal', () => {
  it('is a valid modal with every logistics block, in form order', () => {
    const view = buildInterviewModal(undefined, nl);
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe(CALLBACK.interviewModal);
    expect(blockIds(view.blocks as KnownBlock[])).toEqual(Object.values(logisticsForm.blocks));
    expect(view.title.text).toBe('Nieuw interview');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({});
  });

  it('marks only the contact details and the agenda optional and caps every text input', () => {
    const view = buildInterviewModal(undefined, nl);
    const inputs = view.blocks.filter((b): b is InputBlock => b.type === 'input');
    const optional = inputs.filter((b) => b.optional).map((b) => b.block_id);
    expect(optional).toEqual([
      logisticsForm.blocks.candidatePhone,
      logisticsForm.blocks.candidateEmail,
      logisticsForm.blocks.clientContactName,
      logisticsForm.blocks.clientContactPhone,
      logisticsForm.blocks.clientContactEmail,
      logisticsForm.blocks.agenda,
    ]);
    for (const b of inputs) {
      expect(b.element.action_id).toBe(b.block_id as string);
      if (b.element.type === 'plain_text_input') expect(b.element.max_length).toBeLessThanOrEqual(3000);
    }
  });

  it('prefills an edit, including the start, duration and format, and carries id and revision', () => {
    const i = interview({ revision: 3, logistics: logistics({ durationMin: 90, format: 'panel', agenda: 'Kennismaking' }) });
    const view = buildInterviewModal(i, en);
    expect(validateView(view)).toEqual([]);
    expect(view.title.text).toBe('Edit interview');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ interviewId: 7, revision: 3 });
    const el = (blockId: string) => view.blocks.find((b) => b.block_id === blockId) as unknown as { element: Record<string, unknown> };
    expect(el(logisticsForm.blocks.candidateName).element.initial_value).toBe('Sanne de Vries');
    expect(el(logisticsForm.blocks.startEpochSeconds).element.initial_date_time).toBe(i.logistics.start.getTime() / 1000);
    expect(el(logisticsForm.blocks.durationMin).element.initial_value).toBe('90');
    expect((el(logisticsForm.blocks.format).element.initial_option as { value: string }).value).toBe('panel');
    expect(el(logisticsForm.blocks.agenda).element.initial_value).toBe('Kennismaking');
  });

  it('stays within the limits when every field is at its maximum', () => {
    expect(validateView(buildInterviewModal(maxed, nl))).toEqual([]);
  });
});

describe('locationText: a map link for an address, never for a video call', () => {
  it.each([
    ['Herengracht 1, Amsterdam', true],
    ['Stationsplein 2 Utrecht', true],
    ['Microsoft Teams', false],
    ['https://meet.google.com/abc-defg-hij', false],
    ['Zoom (link volgt)', false],
    ['Online', false],
  ])('%s → map link: %s', (location, map) => {
    expect(locationText(location).startsWith('<https://www.google.com/maps/')).toBe(map);
    expect(locationText(location)).toContain(location.replace(/&/g, '&amp;'));
  });
});

describe('buildInterviewCard', () => {
  it('shows logistics in Dutch words, what is still open, a few buttons and the rest in "Meer…"', () => {
    const confirmed = { at: new Date('2026-11-30T10:00:00Z'), by: 'U_OWNER', plan: 1 };
    const card = buildInterviewCard(interview({ stakeholders: [stakeholder()], done: { logistics: confirmed } }), TZ, nl);
    expect(validateBlocks(card.blocks, 'message')).toEqual([]);
    const json = JSON.stringify(card.blocks);
    expect(json).toContain('Interview #7: Sanne de Vries');
    expect(json).not.toContain('<!date');
    expect(json).toContain('*Start*\\nwo 2 dec, 14:00');
    expect(json).toContain('*Checklist 2/17* · Volgende stap: ');
    expect(json).not.toContain('⬜ Logistiek 100% bevestigd');
    expect(json).toContain('⬜ Interview context helder');
    expect(json).toContain('✅ Logistiek bevestigd door <@U_OWNER>');
    // Only the open items are listed; the full checklist is behind its button.
    expect(json).toContain('*Nog open (15)*');
    expect(json).not.toContain('✅ Stakeholder profielen bekend');
    type El = { type: string; action_id: string; value?: string; text?: { text: string }; options?: { value: string; text: { text: string } }[] };
    const actions = card.blocks.find((b) => b.type === 'actions') as unknown as { elements: El[] };
    expect(actions.elements.filter((e) => e.type === 'button').map((e) => [e.action_id, e.text?.text, e.value])).toEqual([
      [ACTION.openStakeholders, 'Gesprekspartners', '7'],
      [ACTION.openContext, 'Context', '7'],
      [ACTION.openCoaching, 'Coaching check', '7'],
      [ACTION.openExpectations, 'Klantverwachtingen', '7'],
      [ACTION.openChecklist, 'Checklist', '7'],
    ]);
    const menu = actions.elements.find((e) => e.action_id === ACTION.cardMore)!;
    expect(menu.options!.map((o) => [o.text.text, o.value])).toEqual([
      ['Briefing kandidaat', `${ACTION.openBriefing}:7`],
      ['Bewerken', `${ACTION.editInterview}:7`],
      ['In agenda', `${ACTION.addToCalendar}:7`],
      ['Last-minute wijziging', `${ACTION.openChange}:7`],
      ['Debrief kandidaat', `${ACTION.openDebrief}:7`],
      ['Klantfeedback', `${ACTION.openFeedback}:7`],
      ['Loop sluiten', `${ACTION.openLoop}:7`],
    ]);
    const day = card.blocks.filter((b) => b.type === 'actions')[1] as unknown as { elements: El[] };
    expect(day.elements.map((e) => e.text?.text)).toEqual(['Check-in gedaan', 'Klant herinnerd', 'Interview annuleren']);
    const modal = buildChecklistModal(interview({ stakeholders: [stakeholder()], done: { logistics: confirmed } }), nl);
    expect(validateView(modal)).toEqual([]);
    expect(JSON.stringify(modal.blocks)).toContain('✅ Logistiek 100% bevestigd');
    expect(JSON.stringify(modal.blocks)).toContain('⬜ Interview context helder');
    // An address gets a map link.
    expect(json).toContain('<https://www.google.com/maps/search/?api=1&query=Herengracht%201%2C%20Amsterdam|Herengracht 1, Amsterdam>');
    expect(card.metadata).toEqual({ event_type: METADATA_EVENT.reminder, event_payload: { interview_id: 7, kind: CARD_KIND } });
  });

  it('reads at a glance: the interviewers, the next open items, and the next action as the one primary button', () => {
    const primaryOf = (card: { blocks: KnownBlock[] }) =>
      card.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as unknown as { action_id: string; style?: string }[]) : [])).filter((e) => e.style === 'primary').map((e) => e.action_id);
    const fresh = buildInterviewCard(interview({ stakeholders: [stakeholder(), stakeholder({ id: 2, name: 'Anna de Jong', role: 'HR', decisionPower: 'advisory' })] }), TZ, nl);
    const json = JSON.stringify(fresh.blocks);
    expect(json).toContain('*Gesprekspartners*\\n*Pieter Bakker* · CTO · _Beslisser_\\n*Anna de Jong* · HR · _Adviserend_');
    expect(json).toContain('Volgende stap: Logistiek 100% bevestigd (tijd, locatie, deelnemers) · daarna: Interview context helder');
    expect(primaryOf(fresh)).toEqual([ACTION.logisticsConfirmed]);
    const confirmed = { at: new Date('2026-11-30T10:00:00Z'), by: 'U1', plan: 1 };
    expect(primaryOf(buildInterviewCard(interview({ stakeholders: [stakeholder()], done: { logistics: confirmed } }), TZ, nl))).toEqual([ACTION.openContext]);
    expect(primaryOf(buildInterviewCard(interview({ done: { logistics: confirmed } }), TZ, nl))).toEqual([ACTION.openStakeholders]);
    expect(JSON.stringify(buildInterviewCard(interview(), TZ, nl).blocks)).toContain('Nog geen gesprekspartners bekend');
  });

  describe('a finished interview shows its outcome and only the buttons that still make sense', () => {
    const closedAt = new Date('2026-12-03T10:00:00Z');
    const loop = { nextStepsClear: true, timelineKept: true, noSurprises: true, bothPositive: false, closedAt };
    const debrief = { interestLevel: 4, loggedAt: new Date('2026-12-02T15:00:00Z') };
    const feedback = { impression: 'positive' as const, loggedAt: new Date('2026-12-02T16:00:00Z') };
    const cancelled = { by: 'UOWNER', at: new Date('2026-12-01T09:30:00Z') };
    const buttonsOf = (blocks: KnownBlock[]) =>
      blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as unknown as { action_id: string }[]).map((e) => e.action_id) : []));
    const followUp = [ACTION.openDebrief, ACTION.openFeedback, ACTION.openLoop];
    const gone = [ACTION.cancelInterview, ACTION.editInterview, ACTION.checkinDone, ACTION.clientReminderDone, ACTION.openChange, ACTION.openStakeholders];

    it.each<[string, Partial<Interview>, 'nl' | 'en', string[], string[], string[]]>([
      [
        'loop closed, impression and interest known',
        { loop, debrief, clientFeedback: feedback },
        'nl',
        ['🏁 *Loop gesloten* · do 3 dec, 11:00', ' · Indruk klant: Positief · Interesse kandidaat: 4/5'],
        ['Geannuleerd'],
        followUp,
      ],
      ['loop closed, nothing else logged', { loop }, 'nl', ['🏁 *Loop gesloten* · do 3 dec, 11:00'], ['Indruk klant', 'Interesse kandidaat'], followUp],
      ['loop closed, in English', { loop, clientFeedback: { ...feedback, impression: 'negative' } }, 'en', ['🏁 *Loop closed* · ', ' · Client impression: Negative'], ['Candidate interest'], followUp],
      ['cancelled', { status: 'cancelled', cancelled }, 'nl', ['❌ *Geannuleerd* door <@UOWNER> · di 1 dec, 10:30'], ['Loop gesloten'], []],
      ['cancelled after the loop closed', { status: 'cancelled', cancelled, loop }, 'nl', ['❌ *Geannuleerd* door <@UOWNER>'], ['Loop gesloten'], []],
    ])('%s', (_name, overrides, lang, outcome, absent, buttons) => {
      const card = buildInterviewCard(interview({ stakeholders: [stakeholder()], ...overrides }), TZ, lang === 'nl' ? nl : en);
      expect(validateBlocks(card.blocks, 'message')).toEqual([]);
      // The outcome comes right under the title.
      expect(card.blocks[1]!.type).toBe('context');
      const line = JSON.stringify(card.blocks[1]);
      for (const text of outcome) expect(line).toContain(text);
      const json = JSON.stringify(card.blocks);
      for (const text of absent) expect(json).not.toContain(text);
      expect(json).not.toMatch(/Volgende stap|Next step|Alles afgevinkt|Everything ticked off/);
      expect(json).toMatch(/\*Checklist \d+\/17\*"/);
      expect(buttonsOf(card.blocks)).toEqual(buttons);
      for (const id of gone) expect(buttonsOf(card.blocks)).not.toContain(id);
    });

    it('an open interview with its follow-up partly logged is not finished yet', () => {
      const card = buildInterviewCard(interview({ debrief, clientFeedback: feedback }), TZ, nl);
      expect(card.blocks[1]!.type).not.toBe('context');
      expect(JSON.stringify(card.blocks)).toContain('Volgende stap: ');
      expect(buttonsOf(card.blocks)).toEqual(expect.arrayContaining([ACTION.cancelInterview]));
      const menu = JSON.stringify(card.blocks.filter((b) => b.type === 'actions'));
      for (const a of [ACTION.editInterview, ACTION.openChange, ...followUp]) expect(menu).toContain(`"value":"${a}:7"`);
    });
  });

  it.each([
    [{}, '*Checklist 0/17* · Volgende stap: Logistiek 100% bevestigd (tijd, locatie, deelnemers)'],
    [{ next: true }, '*Checklist 0/17* · Volgende stap: Logistiek 100% bevestigd (tijd, locatie, deelnemers)'],
    [{ next: false }, '*Checklist 0/17*'],
  ])('progressLine %j', (options, expected) => {
    const checklist = deriveChecklist(interview({ logistics: logistics({ location: '' }) }));
    expect(progressLine(checklist, nl, options)).toBe(expected);
  });

  it('writes the fallback in the consultant’s own timezone', () => {
    const card = buildInterviewCard(interview(), 'America/New_York', en);
    expect(JSON.stringify(card.blocks)).toContain('|Wed 2 Dec 2026 08:00 (GMT-5)>');
  });

  it('escapes mrkdwn control characters in user text', () => {
    const card = buildInterviewCard(interview({ logistics: logistics({ clientCompany: 'A<b>&C' }) }), TZ, nl);
    expect(JSON.stringify(card.blocks)).toContain('A&lt;b&gt;&amp;C');
  });

  it('stays within Slack’s limits with every field at its maximum', () => {
    const card = buildInterviewCard(maxed, TZ, nl);
    expect(validateBlocks(card.blocks, 'message')).toEqual([]);
    expect(new Set(blockIds(card.blocks)).size).toBe(blockIds(card.blocks).length);
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['abcdefghij', 5, 'abcd…'],
    ['ab🙂cd', 4, 'ab…'],
    ['a&amp;b', 5, 'a…'],
  ])('%j to %d units', async (text, max, expected) => {
    const { truncate } = await import('../../src/slack/blocks.js');
    expect(truncate(text, max)).toBe(expected);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});

describe('command replies', () => {
  it('help names what was not understood', () => {
    const reply = buildHelp(nl, 'foo `bar`');
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain("Dat begreep ik niet: `foo 'bar'`.");
    expect(validateBlocks(reply.blocks, 'message')).toEqual([]);
  });

  it('lists up to the limit and says how many more there are', () => {
    const many = Array.from({ length: LIST_LIMIT }, (_, k) => interview({ id: k + 1 }));
    const reply = buildUpcomingList(many, LIST_LIMIT + 5, TZ, nl);
    expect(validateBlocks(reply.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(reply.blocks)).toContain('…en nog 5 interviews daarna.');
    expect(JSON.stringify(reply.blocks)).toContain(`*#${LIST_LIMIT}*`);
    // Every interview is on the list (ten to a block), and the list never points elsewhere for the rest.
    for (const k of [1, 57, LIST_LIMIT]) expect(JSON.stringify(reply.blocks)).toContain(`*#${k}*`);
    expect(JSON.stringify(reply.blocks)).not.toContain('Home');
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
  });

  it('with every text at its maximum (and escaped), no interview is cut from the list and the card names every interviewer', () => {
    const many = Array.from({ length: LIST_LIMIT }, (_, k) =>
      interview({ id: k + 1, logistics: logistics({ candidateName: '<'.repeat(100), clientCompany: '&'.repeat(150), roleTitle: '>'.repeat(150) }) }),
    );
    const reply = buildUpcomingList(many, LIST_LIMIT, TZ, nl);
    expect(validateBlocks(reply.blocks, 'message')).toEqual([]);
    const json = JSON.stringify(reply.blocks);
    // Every interview is either listed whole or counted in the closing line; none is cut off.
    const shown = Array.from({ length: LIST_LIMIT }, (_, k) => k + 1).filter((k) => json.includes(`*#${k}*`));
    expect(shown).toEqual(Array.from({ length: shown.length }, (_, k) => k + 1));
    expect(json).toContain(`…en nog ${LIST_LIMIT - shown.length} interviews daarna.`);
    expect(shown.length).toBeGreaterThan(40);
    const people = Array.from({ length: MAX_STAKEHOLDERS }, (_, k) => stakeholder({ id: k + 1, name: `${k}${'&'.repeat(99)}`.slice(0, 100), role: '<'.repeat(100) }));
    const card = buildInterviewCard(interview({ stakeholders: people }), TZ, nl);
    expect(validateBlocks(card.blocks, 'message')).toEqual([]);
    for (let k = 0; k < MAX_STAKEHOLDERS; k++) expect(JSON.stringify(card.blocks)).toContain(`*${k}&amp;`);
  });

  it('says so when there is nothing upcoming', () => {
    expect(buildUpcomingList([], 0, TZ, en).text).toMatch(/no upcoming interviews/);
  });
});

describe('modal state and metadata parsing', () => {
  it('reads every field from view.state.values', () => {
    const v = (id: string, value: unknown) => ({ [id]: value });
    const input = logisticsForm.read({
      [logisticsForm.blocks.candidateName]: v(logisticsForm.blocks.candidateName, { type: 'plain_text_input', value: 'Sanne' }),
      [logisticsForm.blocks.startEpochSeconds]: v(logisticsForm.blocks.startEpochSeconds, { type: 'datetimepicker', selected_date_time: 1800000000 }),
      [logisticsForm.blocks.durationMin]: v(logisticsForm.blocks.durationMin, { type: 'number_input', value: '45' }),
      [logisticsForm.blocks.format]: v(logisticsForm.blocks.format, { type: 'static_select', selected_option: { value: 'panel' } }),
      [logisticsForm.blocks.agenda]: v(logisticsForm.blocks.agenda, { type: 'plain_text_input', value: null }),
    });
    expect(input).toMatchObject({ candidateName: 'Sanne', startEpochSeconds: 1800000000, durationMin: '45', format: 'panel' });
    expect(input.agenda).toBeUndefined();
  });

  it('treats missing or odd state as empty input', () => {
    expect(logisticsForm.read(undefined).candidateName).toBeUndefined();
    expect(logisticsForm.read({ [logisticsForm.blocks.candidateName]: { [logisticsForm.blocks.candidateName]: 'not an object' } }).candidateName).toBeUndefined();
  });

  it.each(['{', '[]', '{"interviewId":"7"}', '{"interviewId":-1}', '{"interviewId":1,"admin":true}'])(
    'refuses tampered private_metadata %s',
    (raw) => expect(() => parseInterviewModalMetadata(raw)).toThrow(PayloadError),
  );

  it.each(['', 'abc', '1e3', '-4', '0', '12345678901234'])('refuses interview id %j', (value) => {
    expect(() => parseInterviewId(value)).toThrow(PayloadError);
  });
});

describe('ids', () => {
  it('every callback_id and action_id starts with the app prefix and is unique', async () => {
    const ids = await import('../../src/slack/ids.js');
    const all = [...Object.values(ids.CALLBACK), ...Object.values(ids.ACTION), ...Object.values(ids.ROW_ACTION).map((r) => r.prefix)];
    for (const id of all) expect(id.startsWith(ids.ID_PREFIX), id).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('the catch-up message stays within Slack’s 50 blocks and says so', () => {
  it('cuts at 49 blocks and points to the card', () => {
    const kinds = ['prep_candidate', 'prep_client', 'candidate_checkin', 'client_reminder'] as const;
    const covered = Array.from({ length: 20 }, (_, n) => ({ id: n + 1, kind: kinds[n % 4]!, dueAt: new Date('2026-12-01T08:00:00Z'), plan: 1 }));
    const message = buildCatchUp({
      item: { id: 99, kind: 'catch_up', plan: 1 },
      interview: interview(),
      covered,
      tz: 'Europe/Amsterdam',
      t: nl,
      now: new Date('2026-12-01T09:00:00Z'),
    });
    expect(message.blocks).toHaveLength(50);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('zie de kaart');
  });
});
