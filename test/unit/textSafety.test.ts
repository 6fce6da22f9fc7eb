import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candidateInitials,
  CHANGE_DECISIONS,
  CHANGE_REASONS,
  POSITIVE_SIGNALS,
  TIMELINE_KINDS,
  WARNING_SIGNALS,
  type ChangeDecision,
  type CoachingNeed,
  type Interview,
  type LastMinuteChange,
  type TimelineKind,
} from '../../src/domain/interview.js';
import { RISK_REASONS, type RiskAlert, type RiskReason } from '../../src/domain/repositories.js';
import { computeStats } from '../../src/domain/stats.js';
import { esc, plainText } from '../../src/slack/blocks.js';
import { catalogues, createTranslator, type Language, type MessageKey, type Translator } from '../../src/slack/i18n/index.js';
import { buildChangeConfirmation } from '../../src/slack/views/changeConfirmation.js';
import { buildCoachingAdvice } from '../../src/slack/views/coachingAdvice.js';
import { buildHelp, buildUpcomingList } from '../../src/slack/views/commandResponses.js';
import { buildToday } from '../../src/slack/views/today.js';
import { buildInterviewCard } from '../../src/slack/views/interviewCard.js';
import { buildCatchUp, buildMissedSummary, buildReminder, type ReminderStatus } from '../../src/slack/views/reminders.js';
import { buildRiskAlert } from '../../src/slack/views/riskAlert.js';
import { buildDigest } from '../../src/slack/views/stats.js';
import { interview, logistics, stakeholder } from '../support/builders.js';

/**
 * Issue 13 item 5: the plain-text `text` of every message the bot posts or updates is Slack's
 * notification text, and Slack parses `<!channel>`, `<@U…>` and `<url|label>` there as well. User
 * text in it must arrive escaped, exactly like in the blocks.
 */

const TZ = 'Europe/Amsterdam';
const NOW = new Date('2026-12-01T08:00:00Z'); // a day before the builders' start (Wed 2 Dec 13:00Z)
const LANGUAGES: Language[] = ['nl', 'en'];
const T: Record<Language, Translator> = { nl: createTranslator('nl'), en: createTranslator('en') };

/** Every kind of live Slack token a user could type into a field. */
const TOKENS = ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<#C123>', '<!subteam^S123>', '<https://evil.example|klik>', '<mailto:a@evil.example|mail>'];

/** Hostile values for every free-text field that can reach a message. */
const HOSTILE = {
  candidateName: '<!channel> Sanne & <@U123>',
  clientCompany: '<https://evil.example|Acme> <!here> & Co',
  roleTitle: '<!everyone> developer',
  location: '<https://evil.example/loc|hier>',
  agenda: '<!subteam^S123> agenda',
  candidateEmail: 'x@example.org',
  interviewer: '<!everyone> Pieter <#C123>',
  style: '<@U999> direct',
  interests: '<mailto:a@evil.example|mail> geld',
  note: '<!here> heeft burn-out',
};

/** A record with hostile text in every corner: logistics, interviewers, coaching, a change. */
function hostileInterview(overrides: Partial<Interview> = {}): Interview {
  const change: LastMinuteChange = {
    id: 1,
    what: 'candidate_ill',
    decision: 'go_ahead',
    previousStart: new Date('2026-12-02T13:00:00Z'),
    note: HOSTILE.note,
    createdBy: 'UOWNER',
    createdAt: NOW,
  };
  return interview({
    logistics: logistics({
      candidateName: HOSTILE.candidateName,
      clientCompany: HOSTILE.clientCompany,
      roleTitle: HOSTILE.roleTitle,
      location: HOSTILE.location,
      agenda: HOSTILE.agenda,
      candidateEmail: HOSTILE.candidateEmail,
    }),
    stakeholders: [stakeholder({ name: HOSTILE.interviewer, communicationStyle: HOSTILE.style, keyInterests: HOSTILE.interests })],
    changes: [change],
    ...overrides,
  });
}

type Message = { text: string; blocks: unknown[] };

/** The mrkdwn strings of a message's blocks (plain_text is never parsed for tokens by Slack). */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.entries(o).filter(([k]) => k !== 'text' || typeof o.text !== 'string').flatMap(([, v]) => mrkdwnTexts(v))];
}

/**
 * `fields` are the user values the builder names in its notification text: each must appear there,
 * escaped (so a test cannot pass by a builder dropping the name).
 */
interface Case {
  name: string;
  build: (t: Translator) => Message;
  fields: string[];
}

const item = (kind: TimelineKind, id = 11) => ({ id, kind, dueAt: NOW, plan: 1 });
const STATUSES: ReminderStatus[] = [
  { type: 'open' },
  { type: 'done', by: 'UOWNER', at: NOW },
  { type: 'snoozed', until: new Date(NOW.getTime() + 15 * 60_000) },
  { type: 'cancelled' },
  { type: 'superseded' },
  { type: 'moved', to: new Date('2026-12-04T13:00:00Z') },
];
const riskAlert = (reason: RiskReason, extra: Partial<RiskAlert> = {}) => ({ id: 3, reason, detail: undefined, createdAt: NOW, ...extra });
const withCoaching = (coachingNeed: CoachingNeed) =>
  hostileInterview({
    coaching: {
      contextShared: true,
      updatesShared: true,
      positiveSignals: [],
      warningSignals: coachingNeed === 'minimal' ? [] : ['passive'],
      candidateGoal: '<!channel> doel',
      starExamples: [],
      gunfactorDiscussed: true,
      coachingNeed,
      loggedAt: NOW,
    },
  });
const changeOf = (decision: ChangeDecision): LastMinuteChange => ({
  id: 2,
  what: 'technical',
  decision,
  previousStart: new Date('2026-12-02T13:00:00Z'),
  ...(decision === 'reschedule' ? { newStart: new Date('2026-12-04T13:00:00Z') } : {}),
  note: HOSTILE.note,
  createdBy: 'UOWNER',
  createdAt: NOW,
});

const NAME_AND_CLIENT = [HOSTILE.candidateName, HOSTILE.clientCompany];

const CASES: Case[] = [
  { name: 'interview card', build: (t) => buildInterviewCard(hostileInterview(), TZ, t), fields: NAME_AND_CLIENT },
  { name: 'interview card, cancelled', build: (t) => buildInterviewCard(hostileInterview({ status: 'cancelled', cancelled: { by: 'UOWNER', at: NOW } }), TZ, t), fields: NAME_AND_CLIENT },
  { name: 'interview card, erased', build: (t) => buildInterviewCard(hostileInterview({ erased: true }), TZ, t), fields: [] },
  ...TIMELINE_KINDS.filter((k) => k !== 'catch_up').flatMap((kind) =>
    STATUSES.map((status) => ({
      name: `reminder ${kind}, ${status.type}`,
      build: (t: Translator) => buildReminder({ item: item(kind), interview: hostileInterview(), tz: TZ, t, now: NOW, status }),
      fields: status.type === 'moved' ? [] : NAME_AND_CLIENT,
    })),
  ),
  { name: 'reminder, erased', build: (t) => buildReminder({ item: item('prep_client'), interview: hostileInterview({ erased: true }), tz: TZ, t, now: NOW }), fields: [] },
  ...(['open', 'moved', 'cancelled'] as const).map((type) => ({
    name: `catch-up, ${type}`,
    build: (t: Translator) =>
      buildCatchUp({
        item: item('catch_up', 20),
        interview: hostileInterview(),
        covered: [item('prep_candidate', 21), item('prep_client', 22), item('candidate_checkin', 23)],
        tz: TZ,
        t,
        now: NOW,
        status: STATUSES.find((s) => s.type === type)!,
      }),
    fields: type === 'open' ? NAME_AND_CLIENT : [],
  })),
  { name: 'catch-up, erased', build: (t) => buildCatchUp({ item: item('catch_up'), interview: hostileInterview({ erased: true }), covered: [], tz: TZ, t, now: NOW }), fields: [] },
  { name: 'missed summary', build: (t) => buildMissedSummary(hostileInterview(), [item('prep_candidate'), item('candidate_checkin')], TZ, t), fields: NAME_AND_CLIENT },
  ...RISK_REASONS.flatMap((reason) => [
    { name: `risk alert ${reason}`, build: (t: Translator) => buildRiskAlert(riskAlert(reason), hostileInterview(), TZ, t), fields: [HOSTILE.clientCompany, candidateInitials(HOSTILE.candidateName)] },
    {
      name: `risk alert ${reason}, claimed and resolved`,
      build: (t: Translator) => buildRiskAlert(riskAlert(reason, { claimedBy: 'ULEAD', claimedAt: NOW, resolvedAt: NOW }), hostileInterview(), TZ, t, { now: NOW, slaHours: { debrief_overdue: 2 } }),
      fields: [HOSTILE.clientCompany, candidateInitials(HOSTILE.candidateName)],
    },
  ]),
  { name: 'risk alert, erased', build: (t) => buildRiskAlert(riskAlert('prep_incomplete'), hostileInterview({ erased: true }), TZ, t), fields: [] },
  ...(['minimal', 'targeted', 'intensive'] as const).map((need) => ({
    name: `coaching advice ${need}`,
    build: (t: Translator) => buildCoachingAdvice(withCoaching(need), t, 'Europe/Amsterdam', 'https://playbook.example/e'),
    fields: [HOSTILE.candidateName],
  })),
  ...CHANGE_DECISIONS.map((decision) => ({
    name: `change confirmation ${decision}`,
    build: (t: Translator) => buildChangeConfirmation(hostileInterview(), changeOf(decision), TZ, t, NOW),
    fields: NAME_AND_CLIENT,
  })),
  { name: 'change confirmation, erased', build: (t) => buildChangeConfirmation(hostileInterview({ erased: true }), changeOf('cancel'), TZ, t, NOW), fields: [] },
  { name: 'weekly digest', build: (t) => buildDigest(computeStats([]), [hostileInterview(), hostileInterview({ id: 8 })], TZ, t), fields: [] },
  { name: '/interviewprep help, not understood', build: (t) => buildHelp(t, '<!channel> <@U123> <https://evil.example|x>'), fields: [] },
  { name: '/interviewprep lijst', build: (t) => buildUpcomingList([hostileInterview()], 1, TZ, t), fields: [] },
  { name: '/interviewprep vandaag', build: (t) => buildToday([hostileInterview()], TZ, t, NOW), fields: [] },
];

/** Any opener of a live token: no builder's notification text has one of its own. */
const LIVE_TOKEN = /<[!@#]|<(?:https?|mailto):/;

describe('the plain-text `text` of every message escapes user input (hostile names everywhere)', () => {
  it('covers every timeline kind and every risk reason', () => {
    for (const kind of TIMELINE_KINDS) expect(CASES.some((c) => c.name.includes(kind === 'catch_up' ? 'catch-up' : `reminder ${kind}`))).toBe(true);
    for (const reason of RISK_REASONS) expect(CASES.some((c) => c.name === `risk alert ${reason}`)).toBe(true);
  });

  describe.each(LANGUAGES)('%s', (language) => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const message = c.build(T[language]);
      const { text } = message;
      expect(text.length).toBeGreaterThan(0);
      // No live token at all, so none of the user's.
      expect(text).not.toMatch(LIVE_TOKEN);
      for (const token of TOKENS) expect(text).not.toContain(token);
      // Dates are plain text, not an escaped `<!date…>` token; nothing is escaped twice.
      expect(text).not.toContain('&lt;!date');
      expect(text).not.toMatch(/&amp;(?:amp|lt|gt);/);
      // The values it names are there, escaped once.
      for (const value of c.fields) expect(text).toContain(esc(value).replace(/\*/g, ''));
      // The blocks' mrkdwn (the bot's own `<@U…>` and date tokens are fine there) carries none of the user's.
      const mrkdwn = mrkdwnTexts(message.blocks).join('\n');
      for (const token of TOKENS) expect(mrkdwn).not.toContain(token);
    });
  });
});

describe('plainText', () => {
  const t = T.nl;

  it('escapes every string value and keeps the catalogue text and numbers as written', () => {
    expect(plainText(t, 'card.notification', { id: 12, candidate: '<!channel>', client: 'A&B <@U1>', when: 'wo 2 dec 2026 14:00 (CET)' })).toBe(
      'Interview #12 met &lt;!channel&gt; bij A&amp;B &lt;@U1&gt;, wo 2 dec 2026 14:00 (CET)',
    );
    // The catalogue's own mention stays a mention.
    expect(plainText(t, 'risk.alreadyClaimed', { user: 'ULEAD' })).toBe('Deze melding is al opgepakt door <@ULEAD>.');
    // Emphasis is dropped.
    expect(plainText(t, 'missed.title', { id: 1, candidate: 'Sanne', client: 'Acme' })).not.toContain('*');
  });

  it('no value can put a live token in the text, whatever it holds (property)', () => {
    const token = fc.constantFrom(...TOKENS, '<', '>', '&', '<!date^1^{date}|x>');
    const value = fc.array(fc.oneof(token, fc.string({ maxLength: 8 })), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(value, value, (candidate, client) => {
        const text = plainText(t, 'card.notification', { id: 1, candidate, client, when: 'x' });
        expect(text).not.toMatch(/[<>]/);
        // Unescaping gives the values back (minus emphasis): escaped exactly once.
        const unescaped = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        expect(unescaped).toBe(`Interview #1 met ${candidate.replace(/\*/g, '')} bij ${client.replace(/\*/g, '')}, x`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('channel alerts carry no coaching judgement and no health fact (issue 13 item 5)', () => {
  /** Every label of a warning/positive signal and of a change cause, from the catalogue itself. */
  const forbidden = (language: Language) =>
    (Object.keys(catalogues[language]) as MessageKey[])
      .filter((k) => k.startsWith('signal.') || k.startsWith('changeWhat.'))
      .map((k) => catalogues[language][k]);

  it('the forbidden list is complete: every signal and change cause has its label', () => {
    for (const language of LANGUAGES) {
      expect(forbidden(language)).toHaveLength(WARNING_SIGNALS.length + POSITIVE_SIGNALS.length + CHANGE_REASONS.length);
    }
  });

  it('no signal label and no change cause label in any alert, for every reason, state, stored detail and record (property)', () => {
    const codes = [
      ...WARNING_SIGNALS,
      ...POSITIVE_SIGNALS,
      ...CHANGE_REASONS,
      ...CHANGE_REASONS.flatMap((w) => CHANGE_DECISIONS.map((d) => `${w}:${d}`)),
      ...CHANGE_DECISIONS.map((d) => `:${d}`),
      'signal.passive',
      'changeWhat.candidate_ill',
      'urgent_with_competition',
      'coaching_check_done',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom<RiskReason>(...RISK_REASONS),
        fc.option(fc.subarray(codes, { minLength: 1 }), { nil: undefined }),
        fc.subarray([...WARNING_SIGNALS]),
        fc.constantFrom(...CHANGE_REASONS),
        fc.constantFrom(...CHANGE_DECISIONS),
        fc.constantFrom('raised', 'claimed', 'resolved', 'erased'),
        fc.constantFrom(...LANGUAGES),
        (reason, detail, warningSignals, what, decision, state, language) => {
          const record = hostileInterview({
            erased: state === 'erased',
            coaching: { contextShared: false, updatesShared: false, positiveSignals: [...POSITIVE_SIGNALS], warningSignals, starExamples: [], gunfactorDiscussed: false, coachingNeed: 'intensive', loggedAt: NOW },
            changes: [{ ...changeOf(decision), what }],
          });
          const stored = riskAlert(reason, {
            detail: detail?.join(','),
            ...(state === 'claimed' ? { claimedBy: 'ULEAD', claimedAt: NOW } : {}),
            ...(state === 'resolved' ? { resolvedAt: NOW } : {}),
          });
          const message = buildRiskAlert(stored, record, TZ, T[language], { now: NOW });
          const shown = `${message.text}\n${mrkdwnTexts(message.blocks).join('\n')}\n${JSON.stringify(message.blocks)}`;
          for (const label of forbidden(language)) {
            expect(shown).not.toContain(label);
            expect(shown).not.toContain(JSON.stringify(label).slice(1, -1));
          }
          // Nor the free-text note of a change, nor the candidate's full name.
          expect(shown).not.toContain('burn-out');
          expect(shown).not.toContain('Sanne');
        },
      ),
      { numRuns: 400 },
    );
  });
});
