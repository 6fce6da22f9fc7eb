import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { deriveCoachingNeed } from '../../src/domain/coaching.js';
import type { PositiveSignal, WarningSignal } from '../../src/domain/interview.js';
import { createTranslator } from '../../src/slack/i18n/index.js';
import { CALLBACK } from '../../src/slack/ids.js';
import { changeForm, coachingForm, expectationsForm } from '../../src/slack/forms/index.js';
import { buildCoachingAdvice } from '../../src/slack/views/coachingAdvice.js';
import { buildChangeModal, buildCoachingModal, buildExpectationsModal } from '../../src/slack/views/phaseModals.js';
import { validateBlocks, validateView } from '../support/fakeSlack.js';
import { interview, logistics } from '../support/builders.js';

const nl = createTranslator('nl');
const P: PositiveSignal[] = ['questions_prepared', 'clear_goal', 'proactive_examples', 'plans_follow_up'];
const W: WarningSignal[] = ['no_questions', 'unsure_positioning', 'passive', 'vague_goal'];

describe('coaching need (SPEC thresholds)', () => {
  it.each<[number, number, string]>([
    [4, 0, 'minimal'],
    [3, 0, 'minimal'],
    [2, 0, 'targeted'],
    [0, 0, 'targeted'],
    [4, 1, 'targeted'],
    [0, 1, 'targeted'],
    [4, 2, 'intensive'],
    [3, 2, 'intensive'],
    [0, 4, 'intensive'],
  ])('%d positive and %d warning signals → %s', (p, w, expected) => {
    expect(deriveCoachingNeed(P.slice(0, p), W.slice(0, w))).toBe(expected);
  });

  it('counts a signal ticked twice once', () => {
    expect(deriveCoachingNeed(['clear_goal', 'clear_goal', 'clear_goal'], [])).toBe('targeted');
  });
});

const star = { situation: 'Migratie naar de cloud', task: 'Leiden', action: 'Plan gemaakt', result: '30% kosten bespaard' };
/** The form's flat fields for STAR example 1 (or 2). */
const starFields = (s: Partial<typeof star>, n: 1 | 2 = 1) => ({
  [`star${n}Situation`]: s.situation,
  [`star${n}Task`]: s.task,
  [`star${n}Action`]: s.action,
  [`star${n}Result`]: s.result,
});

describe('the coaching form', () => {
  it('maps the ticked boxes and keeps complete STAR examples', () => {
    const r = coachingForm.validate({ done: ['context_shared', 'gunfactor'], positiveSignals: ['clear_goal'], warningSignals: ['passive'], ...starFields(star) }, undefined);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        contextShared: true,
        updatesShared: false,
        gunfactorDiscussed: true,
        positiveSignals: ['clear_goal'],
        warningSignals: ['passive'],
        starExamples: [star],
      }),
    });
  });
  it('accepts a check without STAR examples: signals and need are what a five-minute call logs', () => {
    const r = coachingForm.validate({ positiveSignals: ['clear_goal'], warningSignals: ['passive'] }, undefined);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.starExamples).toEqual([]);
  });

  it.each([
    ['a STAR example without result', { ...starFields({ ...star, result: ' ' }) }, 'star1Situation', 'validation.starIncomplete'],
    ['half a second STAR example', { ...starFields(star), ...starFields({ situation: 'x' }, 2) }, 'star2Situation', 'validation.starIncomplete'],
    ['an unknown signal', { ...starFields(star), warningSignals: ['lazy'] }, 'warningSignals', 'validation.invalid'],
    ['a too long goal', { ...starFields(star), candidateGoal: 'g'.repeat(501) }, 'candidateGoal', 'validation.tooLong'],
  ])('rejects %s', (_n, input, field, key) => {
    const r = coachingForm.validate(input, undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field, key });
  });
});

describe('the expectations and change forms', () => {
  const start = new Date('2026-12-02T08:00:00Z');
  it('needs the feedback moment after the interview start', () => {
    expect(expectationsForm.validate({ feedbackExpectedEpochSeconds: start.getTime() / 1000 + 3600, agendaAligned: ['yes'] }, { interviewStart: start })).toMatchObject({
      ok: true,
      value: { agendaAligned: true, feedbackExpectedAt: new Date(start.getTime() + 3_600_000) },
    });
    const r = expectationsForm.validate({ feedbackExpectedEpochSeconds: start.getTime() / 1000 - 60 }, { interviewStart: start });
    expect(r.ok || r.errors[0]).toMatchObject({ field: 'feedbackExpectedEpochSeconds', key: 'validation.feedbackAfterStart' });
  });

  const now = new Date('2026-12-02T07:30:00Z');
  it.each([
    ['reschedule without a new start', { what: 'candidate_ill', decision: 'reschedule' }, 'newStartEpochSeconds', 'validation.newStartRequired'],
    ['reschedule into the past', { what: 'technical', decision: 'reschedule', newStartEpochSeconds: now.getTime() / 1000 - 1 }, 'newStartEpochSeconds', 'validation.startInPast'],
    ['no reason', { decision: 'go_ahead' }, 'what', 'validation.required'],
    ['no decision', { what: 'other' }, 'decision', 'validation.required'],
  ])('rejects %s', (_n, input, field, key) => {
    const r = changeForm.validate(input, { now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field, key });
  });
  it('ignores a new start unless rescheduling', () => {
    expect(changeForm.validate({ what: 'client_emergency', decision: 'go_ahead', newStartEpochSeconds: 1 }, { now })).toEqual({
      ok: true,
      value: { what: 'client_emergency', decision: 'go_ahead', newStart: undefined, note: undefined },
    });
  });
});

const ids = (blocks: KnownBlock[]) => blocks.map((b) => b.block_id).filter(Boolean);

describe('phase modals', () => {
  it('coaching check: valid, every field, prefilled from an earlier check', () => {
    const i = interview({
      coaching: { contextShared: true, updatesShared: false, positiveSignals: ['clear_goal'], warningSignals: ['passive'], starExamples: [star], gunfactorDiscussed: true, coachingNeed: 'targeted', memorablePoints: 'Teamspeler', loggedAt: new Date() },
    });
    const view = buildCoachingModal(i, 'Europe/Amsterdam', nl);
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe(CALLBACK.coachingModal);
    expect(ids(view.blocks as KnownBlock[])).toEqual(expect.arrayContaining(Object.values(coachingForm.blocks)));
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('Het gesprek heeft 3 onderdelen');
    expect(json).toContain('"initial_value":"Migratie naar de cloud"');
    expect(json).toContain('"initial_value":"Teamspeler"');
    expect(json).toContain('Onzeker over positionering');
  });

  it('client expectations and last-minute change: valid with their blocks', () => {
    const e = buildExpectationsModal(interview({ clientExpectations: { agendaAligned: true, feedbackExpectedAt: new Date('2026-12-03T10:00:00Z'), loggedAt: new Date() } }), nl);
    expect(validateView(e)).toEqual([]);
    expect(ids(e.blocks as KnownBlock[])).toEqual(Object.values(expectationsForm.blocks));
    expect(JSON.stringify(e.blocks)).toContain('"initial_date_time":1796292000');
    const c = buildChangeModal(interview({ logistics: logistics() }), 'Europe/Amsterdam', nl);
    expect(validateView(c)).toEqual([]);
    expect(ids(c.blocks as KnownBlock[])).toEqual(Object.values(changeForm.blocks));
    expect(JSON.stringify(c.blocks)).toContain('Kandidaat ziek/verhinderd');
  });
});

describe('coaching advice', () => {
  const withNeed = (coachingNeed: 'minimal' | 'targeted' | 'intensive', warningSignals: WarningSignal[] = []) =>
    interview({ coaching: { contextShared: true, updatesShared: true, positiveSignals: [], warningSignals, starExamples: [star], gunfactorDiscussed: true, coachingNeed, loggedAt: new Date() } });

  it('confirms briefly when the need is minimal', () => {
    const m = buildCoachingAdvice(withNeed('minimal'), nl, 'Europe/Amsterdam');
    expect(m.blocks).toHaveLength(1);
    expect(m.text).toContain('Coachingbehoefte: minimaal');
  });

  it('gives the principles aimed at the ticked warnings, the gunfactor points and Addendum E', () => {
    const m = buildCoachingAdvice(withNeed('targeted', ['vague_goal']), nl, 'Europe/Amsterdam');
    expect(validateBlocks(m.blocks, 'message')).toEqual([]);
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('*Let vooral op*: _Vage antwoorden op doelvraag_');
    expect(json).toContain('*Read the room*');
    expect(json).toContain('*Eigenaarschap benadrukken*');
    expect(json).toContain('welke 2-3 punten moeten ze absoluut onthouden over jou?');
    expect(json).toContain('5. *Complimenten geeft* waar oprecht en relevant');
    expect(json).toContain('Addendum E, Scripts E32-E36');
    expect(json).not.toContain('risicomoment');
  });

  it('links Addendum E with PLAYBOOK_URL and flags an intensive need as a risk moment', () => {
    const json = JSON.stringify(buildCoachingAdvice(withNeed('intensive', ['passive', 'no_questions']), nl, 'Europe/Amsterdam', 'https://wiki.example/playbook').blocks);
    expect(json).toContain('<https://wiki.example/playbook|Addendum E, Scripts E32-E36>');
    expect(json).toContain('risicomoment');
  });
});
