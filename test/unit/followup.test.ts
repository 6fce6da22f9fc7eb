import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateInitials, type Interview } from '../../src/domain/interview.js';
import { contextRiskFactors, isRiskResolved } from '../../src/domain/risk.js';
import { computeStats, median, periodRange, type StatsRow } from '../../src/domain/stats.js';
import { debriefForm, feedbackForm, loopForm } from '../../src/slack/forms/index.js';
import { RISK_REASONS } from '../../src/domain/repositories.js';
import { digestMoment } from '../../src/jobs/riskJobs.js';
import { createTranslator } from '../../src/slack/i18n/index.js';
import { buildRiskAlert } from '../../src/slack/views/riskAlert.js';
import { buildDigest } from '../../src/slack/views/stats.js';
import { parseCommand } from '../../src/slack/listeners/commands/parse.js';
import { validateBlocks } from '../support/fakeSlack.js';
import { interview, logistics, stakeholder } from '../support/builders.js';

const nl = createTranslator('nl');
const en = createTranslator('en');
const HOUR = 3_600_000;

describe('follow-up validation', () => {
  it('debrief needs an interest level of 1 to 5', () => {
    expect(debriefForm.validate({ interestLevel: '4', experience: 'Goed gesprek' }, undefined)).toEqual({ ok: true, value: { interestLevel: 4, experience: 'Goed gesprek' } });
    for (const bad of ['', '0', '6', '3.5', 'hoog']) {
      const r = debriefForm.validate({ interestLevel: bad }, undefined);
      expect(r.ok || r.errors[0]).toMatchObject({ field: 'interestLevel', key: 'validation.interest' });
    }
  });
  it('client feedback needs an impression', () => {
    expect(feedbackForm.validate({ impression: 'negative' }, undefined).ok).toBe(true);
    expect(feedbackForm.validate({ impression: 'meh' }, undefined).ok).toBe(false);
  });
  it('a loop closes only with clear next steps; the other indicators are recorded as ticked', () => {
    expect(loopForm.validate({ indicators: ['next_steps_clear', 'no_surprises'] }, undefined)).toEqual({
      ok: true,
      value: { nextStepsClear: true, timelineKept: false, noSurprises: true, bothPositive: false },
    });
    const r = loopForm.validate({ indicators: ['timeline_kept', 'both_positive'] }, undefined);
    expect(r.ok || r.errors[0]).toMatchObject({ key: 'validation.nextStepsRequired' });
  });
});

describe('context risk (T − 24h)', () => {
  const ctx = (o: Partial<NonNullable<Interview['context']>>) => ({ updatedAt: new Date(), ...o });
  it.each<[string, Partial<Interview>, string[]]>([
    ['nothing known: budget unknown, not refused', {}, ['budget_unknown', 'no_decision_maker']],
    ['budget explicitly unknown', { context: ctx({ budgetStatus: 'unknown' }), stakeholders: [stakeholder()] }, ['budget_unknown']],
    ['all clear', { context: ctx({ urgency: 'high', otherCandidatesCount: 0, budgetStatus: 'approved' }), stakeholders: [stakeholder()] }, []],
    ['urgent with competition', { context: ctx({ urgency: 'high', otherCandidatesCount: 2, budgetStatus: 'approved' }), stakeholders: [stakeholder()] }, ['urgent_with_competition']],
    ['medium urgency with competition is fine', { context: ctx({ urgency: 'medium', otherCandidatesCount: 5, budgetStatus: 'approved' }), stakeholders: [stakeholder()] }, []],
    ['budget pending', { context: ctx({ budgetStatus: 'pending' }), stakeholders: [stakeholder()] }, ['budget_pending']],
    ['only advisers known', { context: ctx({ budgetStatus: 'approved' }), stakeholders: [stakeholder({ decisionPower: 'advisory' })] }, ['no_decision_maker']],
  ])('%s', (_n, partial, expected) => {
    expect(contextRiskFactors(interview(partial))).toEqual(expected);
  });

  it('knows when each reason is resolved', () => {
    const i = interview();
    expect(isRiskResolved({ reason: 'debrief_overdue', occurrence: 1 }, i)).toBe(false);
    expect(isRiskResolved({ reason: 'debrief_overdue', occurrence: 1 }, { ...i, debrief: { interestLevel: 3, loggedAt: new Date() } })).toBe(true);
    expect(isRiskResolved({ reason: 'loop_overdue', occurrence: 1 }, { ...i, loop: { nextStepsClear: true, timelineKept: true, noSurprises: true, bothPositive: true, closedAt: new Date() } })).toBe(true);
    expect(isRiskResolved({ reason: 'last_minute_change', occurrence: 3 }, i)).toBe(false);
    expect(isRiskResolved({ reason: 'debrief_overdue', occurrence: 1 }, { ...i, done: { debrief: { at: new Date(), by: 'U1', plan: 1 } } })).toBe(true);
    // An alert of an earlier plan is over once the interview has moved.
    expect(isRiskResolved({ reason: 'debrief_overdue', occurrence: 1 }, { ...i, plan: 2 })).toBe(true);
    expect(isRiskResolved({ reason: 'coaching_intensive', occurrence: 0 }, { ...i, plan: 2 })).toBe(false);
  });
});

describe('SLA figures', () => {
  const E = (h: number) => new Date(Date.parse('2026-11-23T10:00:00Z') + h * HOUR);
  // Four interviews ending at E(0) (start 09:00, 60 min), hand-computed below.
  const rows: StatsRow[] = [
    { interviewId: 1, ownerId: 'U1', start: E(-1), durationMin: 60, prepOnTime: true, debriefAt: E(1), feedbackAt: E(3), loopClosedAt: E(20) },
    { interviewId: 2, ownerId: 'U1', start: E(-1), durationMin: 60, prepOnTime: true, debriefAt: E(3), feedbackAt: E(5), loopClosedAt: E(30) },
    { interviewId: 3, ownerId: 'U2', start: E(-1), durationMin: 60, prepOnTime: false, debriefAt: E(0.5) },
    { interviewId: 4, ownerId: 'U2', start: E(-1), durationMin: 60, prepOnTime: false },
  ];
  it('counts within each SLA, percentages and median delays', () => {
    expect(computeStats(rows)).toEqual({
      interviews: 4,
      prepOnTime: { count: 2, total: 4, pct: 50, medianDelayMin: null },
      debriefWithin2h: { count: 2, total: 4, pct: 50, medianDelayMin: 60 }, // 30, 60, 180 min
      feedbackWithin4h: { count: 1, total: 4, pct: 25, medianDelayMin: 240 }, // 180, 300 min
      loopWithin24h: { count: 1, total: 4, pct: 25, medianDelayMin: 1500 }, // 1200, 1800 min
    });
  });
  it('has no percentages without interviews', () => {
    expect(computeStats([]).debriefWithin2h).toEqual({ count: 0, total: 0, pct: null, medianDelayMin: null });
    expect(median([3, 1, 2])).toBe(2);
  });
  it('uses the last 7 or 30 days', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(periodRange('week', now).from.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(periodRange('month', now).from.toISOString()).toBe('2026-10-31T12:00:00.000Z');
  });
  it.each([
    ['stats', { kind: 'stats', period: 'week' }],
    ['stats maand', { kind: 'stats', period: 'month' }],
    ['STATS Month', { kind: 'stats', period: 'month' }],
    ['stats jaar', { kind: 'unknown', input: 'stats jaar' }],
    ['team', { kind: 'team' }],
    ['overdragen 12 <@U0COLLEGA|eva>', { kind: 'handover', id: 12, to: 'U0COLLEGA' }],
    ['handover #12 <@U0COLLEGA>', { kind: 'handover', id: 12, to: 'U0COLLEGA' }],
    ['overdragen 12 @eva', { kind: 'handover', id: 12 }],
    ['overdragen 12', { kind: 'handover', id: 12 }],
    ['overdragen', { kind: 'needsId', word: 'overdragen' }],
    ['overdragen eva 12', { kind: 'unknown', input: 'overdragen eva 12' }],
    ['overdragen 12 <@U0A> <@U0B>', { kind: 'unknown', input: 'overdragen 12 <@U0A> <@U0B>' }],
    ['instellingen', { kind: 'settings' }],
    ['settings channel <#C0RISK1|risico>', { kind: 'settings', change: { riskAlertChannel: 'C0RISK1' } }],
    ['instellingen kanaal C0RISK1', { kind: 'settings', change: { riskAlertChannel: 'C0RISK1' } }],
    ['instellingen kanaal geen', { kind: 'settings', change: { riskAlertChannel: null } }],
    ['instellingen kanaal #risico', { kind: 'unknown', input: 'instellingen kanaal #risico' }],
    ['instellingen admins <@U0A|a> <@U0B> <@U0A>', { kind: 'settings', change: { admins: ['U0A', 'U0B'] } }],
    ['instellingen admins geen', { kind: 'unknown', input: 'instellingen admins geen' }],
    ['instellingen teamleads geen', { kind: 'settings', change: { teamLeads: [] } }],
    ['settings leads <@U0L>', { kind: 'settings', change: { teamLeads: ['U0L'] } }],
    ['instellingen teamleads @eva', { kind: 'unknown', input: 'instellingen teamleads @eva' }],
    ['instellingen kleur', { kind: 'unknown', input: 'instellingen kleur' }],
    ['instellingen kanaal', { kind: 'unknown', input: 'instellingen kanaal' }],
  ])('parses %j', (text, expected) => expect(parseCommand(text)).toEqual(expected));
});

describe('weekly digest moment', () => {
  it.each([
    ['Monday 08:59 local → this Monday 09:00, not yet', '2026-11-30T07:59:00Z', '2026-11-30T08:00:00.000Z', '2026-W49'],
    ['Sunday → the Monday before', '2026-12-06T20:00:00Z', '2026-11-30T08:00:00.000Z', '2026-W49'],
    ['Monday after the autumn switch (CET)', '2026-10-26T12:00:00Z', '2026-10-26T08:00:00.000Z', '2026-W44'],
    ['Monday after the spring switch (CEST)', '2026-03-30T12:00:00Z', '2026-03-30T07:00:00.000Z', '2026-W14'],
  ])('%s', (_n, now, at, week) => {
    expect(digestMoment(new Date(now), 'Europe/Amsterdam')).toEqual({ at: new Date(at), week });
  });
});

/** First name, optional Dutch tussenvoegsel, last name; accents included. */
const namePart = fc.stringMatching(/^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{1,11}$/);
const fullName = fc
  .tuple(namePart, fc.constantFrom('', 'van', 'de', 'van der', 'van den', 'ter', "'t", 'el'), namePart)
  .map(([first, infix, last]) => [first, infix, last].filter(Boolean).join(' '));

describe('privacy in the channel', () => {
  it('a risk alert names the candidate by initials only, for any name (property)', () => {
    fc.assert(
      fc.property(fullName, fc.constantFrom(...RISK_REASONS), fc.boolean(), (name, reason, english) => {
        const i = interview({ logistics: logistics({ candidateName: name, clientCompany: 'Acme BV' }) });
        const message = buildRiskAlert({ id: 3, reason, detail: 'passive,vague_goal', createdAt: new Date('2026-12-02T11:00:00Z') }, i, 'Europe/Amsterdam', english ? en : nl);
        const everything = JSON.stringify(message);
        expect(everything).not.toContain(name);
        expect(everything).toContain(candidateInitials(name));
        expect(validateBlocks(message.blocks, 'message')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the weekly digest does too (property)', () => {
    fc.assert(
      fc.property(fc.array(fullName, { minLength: 1, maxLength: 60 }), (names) => {
        const loops = names.map((n, k) => interview({ id: k + 1, logistics: logistics({ candidateName: n }) }));
        const digest = buildDigest(computeStats([]), loops, 'Europe/Amsterdam', nl);
        const everything = JSON.stringify(digest);
        for (const n of names) expect(everything).not.toContain(n);
        expect(validateBlocks(digest.blocks, 'message')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('initials keep tussenvoegsels lower case: "Jan van der Berg" → J.v.d.B.', () => {
    expect(candidateInitials('Jan van der Berg')).toBe('J.v.d.B.');
    expect(candidateInitials('Émile-Zoë d’Arc')).toBe('É.Z.d.');
  });
});
