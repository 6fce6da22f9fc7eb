import { describe, expect, it } from 'vitest';
import { CHANGE_DECISIONS, CHANGE_REASONS, type ChangeDecision, type ChangeReason, type Interview, type LastMinuteChange } from '../../src/domain/interview.js';
import { TEXT_LIMITS } from '../../src/domain/validation.js';
import { LIMITS } from '../../src/slack/blocks.js';
import { createTranslator, type Language } from '../../src/slack/i18n/index.js';
import { CHANGE_CONFIRMATION_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { buildChangeConfirmation } from '../../src/slack/views/changeConfirmation.js';
import { validateBlocks } from '../support/fakeSlack.js';
import { interview, logistics, stakeholder } from '../support/builders.js';

const TZ = 'Europe/Amsterdam';
const NOW = new Date('2026-12-02T08:00:00Z'); // Wed 2 Dec, 09:00 in Amsterdam
const START = new Date('2026-12-02T13:00:00Z'); // Wed 2 Dec, 14:00 in Amsterdam (builders' default)
const NEW_START = new Date('2026-12-04T13:30:00Z'); // Fri 4 Dec, 14:30 in Amsterdam

function change(decision: ChangeDecision, what: ChangeReason = 'candidate_ill', overrides: Partial<LastMinuteChange> = {}): LastMinuteChange {
  return {
    id: 3,
    what,
    decision,
    previousStart: START,
    ...(decision === 'reschedule' ? { newStart: NEW_START } : {}),
    createdBy: 'UOWNER',
    createdAt: NOW,
    ...overrides,
  };
}

/** The record as it is after the change was saved: a reschedule has moved the start. */
function recordAfter(decision: ChangeDecision, overrides: Partial<Interview> = {}): Interview {
  return interview({
    logistics: logistics({ start: decision === 'reschedule' ? NEW_START : START }),
    stakeholders: [stakeholder({ id: 1, name: 'Eva Jansen', role: 'HR', decisionPower: 'advisory' }), stakeholder({ id: 2, name: 'Pieter Bakker' })],
    ...overrides,
  });
}

type Section = { type: string; text?: { text: string }; elements?: { text: string }[] };
const texts = (blocks: unknown[]) => (blocks as Section[]).map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text).join('\n'));
/** The two copyable scripts, in order: candidate, client. */
const scripts = (blocks: unknown[]) => texts(blocks).filter((x) => x.startsWith('```'));

function build(decision: ChangeDecision, language: Language, opts: { what?: ChangeReason; record?: Partial<Interview>; change?: Partial<LastMinuteChange> } = {}) {
  const message = buildChangeConfirmation(recordAfter(decision, opts.record), change(decision, opts.what, opts.change), TZ, createTranslator(language), NOW);
  const [candidate, client] = scripts(message.blocks);
  return { message, candidate: candidate ?? '', client: client ?? '', all: texts(message.blocks).join('\n') };
}

/** What each decision must say, per language: the recorded outcome and the moment in words. */
const EXPECTED: Record<Language, Record<ChangeDecision, { recorded: RegExp; moment: string; candidate: RegExp; client: RegExp }>> = {
  nl: {
    reschedule: {
      recorded: /Wijziging vastgelegd.*verzet naar vr 4 dec, 14:30/,
      moment: 'vrijdag 4 december om 14:30',
      candidate: /verzet naar vrijdag 4 december om 14:30, Herengracht 1, Amsterdam/,
      client: /dan informeer ik Sanne direct/,
    },
    cancel: {
      recorded: /Wijziging vastgelegd.*\(wo 2 dec, 14:00\) is geannuleerd/,
      moment: 'woensdag 2 december om 14:00',
      candidate: /gaat helaas niet door\. Geen zorgen.*volgende stap/,
      client: /gaat niet door\. Ik kom snel bij je terug over de volgende stap/,
    },
    go_ahead: {
      recorded: /Wijziging vastgelegd.*gaat door, wo 2 dec, 14:00/,
      moment: 'woensdag 2 december om 14:00',
      candidate: /gaat gewoon door, woensdag 2 december om 14:00, Herengracht 1, Amsterdam/,
      client: /gaat gewoon door/,
    },
  },
  en: {
    reschedule: {
      recorded: /Change recorded.*moved to <!date\^1796391000\^/,
      moment: 'Friday 4 December at 14:30',
      candidate: /has moved to Friday 4 December at 14:30, Herengracht 1, Amsterdam/,
      client: /I'll inform Sanne straight away/,
    },
    cancel: {
      recorded: /Change recorded.*\(<!date\^1796216400\^.*\) is cancelled/,
      moment: 'Wednesday 2 December at 14:00',
      candidate: /is unfortunately off\. Don't worry.*next step/,
      client: /won't go ahead\. I'll get back to you shortly about the next step/,
    },
    go_ahead: {
      recorded: /Change recorded.*goes ahead, <!date\^1796216400\^/,
      moment: 'Wednesday 2 December at 14:00',
      candidate: /is going ahead as planned, Wednesday 2 December at 14:00, Herengracht 1, Amsterdam/,
      client: /is going ahead as planned/,
    },
  },
};

const CASES = CHANGE_DECISIONS.flatMap((decision) => (['nl', 'en'] as const).map((language) => [decision, language] as const));

describe('buildChangeConfirmation', () => {
  it.each(CASES)('%s (%s): confirms what was recorded, with the moment in words', (decision, language) => {
    const { message, candidate, client, all } = build(decision, language);
    const want = EXPECTED[language][decision];
    expect(all).toMatch(want.recorded);
    expect(candidate).toContain(want.moment);
    expect(client).toContain(want.moment);
    expect(candidate).toMatch(want.candidate);
    expect(client).toMatch(want.client);
    // Slack has no Dutch UI: in Dutch no date token anywhere, the bot writes the date itself.
    if (language === 'nl') expect(JSON.stringify(message)).not.toContain('<!date');
    // The scripts are copied out of Slack: never a date token there, in any language.
    expect(candidate + client).not.toContain('<!date');
    expect(message.text).not.toContain('<!date');
    expect(message.text).toMatch(language === 'nl' ? /^Wijziging vastgelegd: / : /^Change recorded: /);
  });

  it.each(CASES)('%s (%s): the candidate script greets the candidate by first name', (decision, language) => {
    const { candidate } = build(decision, language);
    expect(candidate).toMatch(language === 'nl' ? /^```Hoi Sanne,\n/ : /^```Hi Sanne,\n/);
    expect(candidate).not.toContain('de Vries');
  });

  it.each(CASES)('%s (%s): the client script goes to the decision maker and names the candidate', (decision, language) => {
    const { client, all } = build(decision, language);
    expect(client).toMatch(language === 'nl' ? /^```Hoi Pieter,\n/ : /^```Hi Pieter,\n/);
    expect(client).toContain('Sanne de Vries');
    expect(all).toContain(language === 'nl' ? '*Aan Pieter Bakker* (Acme BV):' : '*To Pieter Bakker* (Acme BV):');
  });

  const HEALTH = /ziek|griep|koorts|beterschap|gezond|\bill\b|sick|flu|fever|get well|health/i;
  it.each(CASES)('%s (%s): no health facts in the client script, whatever the reason or the note', (decision, language) => {
    for (const what of CHANGE_REASONS) {
      const { message, client, all } = build(decision, language, { what, change: { note: 'Sanne heeft griep en koorts' } });
      expect(client, what).not.toMatch(HEALTH);
      expect(client, what).not.toContain(createTranslator(language)(`changeWhat.${what}`));
      // The note is the consultant's own record: it stays in the DM summary, not in any script.
      expect(all, what).toContain(`${language === 'nl' ? 'Toelichting' : 'Note'}: Sanne heeft griep en koorts`);
      expect(scripts(message.blocks).join('\n'), what).not.toContain('griep');
    }
  });

  it.each(['nl', 'en'] as const)('candidate ill (%s): the client hears "verhinderd", the candidate a thank-you', (language) => {
    const { candidate, client } = build('reschedule', language, { what: 'candidate_ill' });
    expect(client).toContain(language === 'nl' ? 'Sanne is helaas verhinderd.' : 'Unfortunately Sanne is unable to make it.');
    expect(candidate).toContain(language === 'nl' ? 'Fijn dat je het op tijd liet weten.' : 'Thanks for letting me know in time.');
  });

  it.each(['nl', 'en'] as const)('go ahead after a technical problem (%s): a short "it simply goes ahead", no reason repeated', (language) => {
    const { candidate, client } = build('go_ahead', language, { what: 'technical' });
    for (const script of [candidate, client]) expect(script).not.toMatch(/technisch|technical/i);
  });

  it.each(CASES)('%s (%s): stays within Slack limits, even with every field at its maximum', (decision, language) => {
    const long = (n: number) => 'Ä<&>'.repeat(Math.ceil(n / 4)).slice(0, n);
    const { message } = build(decision, language, {
      record: {
        logistics: logistics({
          start: decision === 'reschedule' ? NEW_START : START,
          candidateName: long(TEXT_LIMITS.candidateName),
          clientCompany: long(TEXT_LIMITS.clientCompany),
          location: long(TEXT_LIMITS.location),
        }),
        stakeholders: [stakeholder({ name: long(TEXT_LIMITS.stakeholderName) })],
      },
      change: { note: long(TEXT_LIMITS.changeNote) },
    });
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    const textObjects = (message.blocks as Section[]).flatMap((b) => (b.text ? [b.text] : (b.elements ?? [])));
    for (const { text } of textObjects) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(scripts(message.blocks)).toHaveLength(2);
    for (const script of scripts(message.blocks)) expect(script).toMatch(/^```[\s\S]*```$/);
  });

  it.each(CASES)('%s (%s): carries the interview id and kind as metadata', (decision, language) => {
    const { message } = build(decision, language);
    expect(message.metadata).toEqual({ event_type: METADATA_EVENT.reminder, event_payload: { interview_id: 7, kind: CHANGE_CONFIRMATION_KIND } });
    expect(CHANGE_CONFIRMATION_KIND).toBe('change_confirmation');
  });

  it.each(CASES)('%s (%s): user text is escaped, in the blocks and in the notification text', (decision, language) => {
    const { message } = build(decision, language, {
      record: {
        logistics: logistics({ start: decision === 'reschedule' ? NEW_START : START, candidateName: '<!channel> Sanne', clientCompany: 'A&B <@U123>', location: '<https://evil.example|hier>' }),
        stakeholders: [stakeholder({ name: '<!here> Pieter' })],
      },
      change: { note: '<!everyone>' },
    });
    const json = JSON.stringify(message);
    for (const raw of ['<!channel>', '<@U123>', '<!here>', '<!everyone>', '<https://evil']) expect(json).not.toContain(raw);
    expect(message.text).toContain('&lt;!channel&gt; Sanne');
    expect(message.text).toContain('A&amp;B &lt;@U123&gt;');
  });

  it.each([
    ['the decision maker', [stakeholder({ id: 1, name: 'Eva Jansen', decisionPower: 'veto' }), stakeholder({ id: 2, name: 'Pieter Bakker', decisionPower: 'decision_maker' })], '*Aan Pieter Bakker* (Acme BV):', 'Hoi Pieter,'],
    ['else the first interviewer', [stakeholder({ id: 1, name: 'Eva Jansen', decisionPower: 'veto' }), stakeholder({ id: 2, name: 'Kees Smit', decisionPower: 'advisory' })], '*Aan Eva Jansen* (Acme BV):', 'Hoi Eva,'],
    ['else the company', [], '*Aan Acme BV*:', 'Hallo,'],
  ] as const)('the client message goes to %s', (_label, stakeholders, heading, greeting) => {
    const { client, all } = build('cancel', 'nl', { record: { stakeholders: [...stakeholders] } });
    expect(all).toContain(heading);
    expect(client).toMatch(new RegExp(`^\`\`\`${greeting}\\n`));
  });

  it('a formal client culture gets "Beste"', () => {
    const { client } = build('reschedule', 'nl', { record: { culture: { formality: 'formal' } } });
    expect(client).toMatch(/^```Beste Pieter,\n/);
  });

  it('writes the year when the moment is not in the current year', () => {
    const { candidate } = build('reschedule', 'nl', { change: { newStart: new Date('2027-01-05T09:00:00Z') } });
    expect(candidate).toContain('dinsdag 5 januari 2027 om 10:00');
  });

  it('an erased interview gets no scripts and no personal data', () => {
    const { message } = build('cancel', 'nl', { record: { erased: true } });
    expect(scripts(message.blocks)).toEqual([]);
    expect(JSON.stringify(message)).not.toContain('Sanne');
  });
});
