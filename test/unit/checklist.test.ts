import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEM_IDS, deriveChecklist, prepComplete } from '../../src/domain/checklist.js';
import type { Interview } from '../../src/domain/interview.js';
import { interview, stakeholder } from '../support/builders.js';

const E = new Date('2026-12-02T14:00:00Z'); // end of the default interview (13:00 + 60 min)
const at = (hoursAfterEnd: number) => new Date(E.getTime() + hoursAfterEnd * 3_600_000);

const coaching = (o: Partial<NonNullable<Interview['coaching']>> = {}): Interview['coaching'] => ({
  contextShared: true,
  updatesShared: true,
  positiveSignals: ['questions_prepared', 'clear_goal', 'proactive_examples'],
  warningSignals: [],
  starExamples: [{ situation: 's', task: 't', action: 'a', result: 'r' }],
  gunfactorDiscussed: true,
  coachingNeed: 'minimal',
  loggedAt: new Date('2026-12-01T09:00:00Z'),
  ...o,
});

const done = (i: Interview) => deriveChecklist(i).items.filter((x) => x.done).map((x) => x.id);

describe('deriveChecklist', () => {
  it('has the 17 quick-reference items in playbook order', () => {
    expect(CHECKLIST_ITEM_IDS).toHaveLength(17);
    const c = deriveChecklist(interview());
    expect(c.total).toBe(17);
    expect(c.done).toBe(0);
    expect(c.next?.id).toBe('logistics_confirmed');
  });

  it.each<[string, Partial<Interview>, string[]]>([
    // Issue 14: data alone never confirms the logistics; only the consultant's confirmation does.
    ['a named interviewer does not confirm the logistics', { stakeholders: [stakeholder({ role: undefined, decisionPower: 'unknown' })] }, []],
    ['the consultant confirmed the logistics', { done: { logistics: { at: at(-30), by: 'U1', plan: 1 } } }, ['logistics_confirmed']],
    ['profiles need a role, a known decision power and a decision maker', { stakeholders: [stakeholder({ decisionPower: 'advisory' })] }, []],
    ['a decision maker with a role completes the profiles', { stakeholders: [stakeholder()] }, ['stakeholder_profiles']],
    [
      'context needs urgency, other candidates and budget',
      { context: { urgency: 'high', otherCandidatesCount: 2, updatedAt: E } },
      [],
    ],
    [
      'a full context is clear (budget "unknown" is an answer)',
      { context: { urgency: 'low', otherCandidatesCount: 0, budgetStatus: 'unknown', updatedAt: E } },
      ['context_clear'],
    ],
    [
      'a minimal coaching need owes no targeted coaching',
      { coaching: coaching() },
      ['context_shared', 'client_updates_shared', 'coaching_check_done', 'targeted_coaching', 'gunfactor_discussed'],
    ],
    [
      'an intensive need without advice sent leaves targeted coaching open',
      { coaching: coaching({ coachingNeed: 'intensive', gunfactorDiscussed: false, contextShared: false }) },
      ['client_updates_shared', 'coaching_check_done'],
    ],
    [
      'the bot sending its advice is not coaching: targeted coaching stays open',
      { coaching: coaching({ coachingNeed: 'targeted', adviceSentAt: E }) },
      ['context_shared', 'client_updates_shared', 'coaching_check_done', 'gunfactor_discussed'],
    ],
    [
      'the consultant confirming the coaching completes targeted coaching',
      { coaching: coaching({ coachingNeed: 'intensive', adviceSentAt: E }), done: { coaching: { at: E, by: 'U1', plan: 1 } } },
      ['context_shared', 'client_updates_shared', 'coaching_check_done', 'targeted_coaching', 'gunfactor_discussed'],
    ],
    [
      'client expectations: each item from its own field',
      { clientExpectations: { agendaAligned: true, evaluationCriteria: '  ', loggedAt: E } },
      ['agenda_aligned'],
    ],
    [
      'criteria and feedback moment',
      { clientExpectations: { agendaAligned: false, evaluationCriteria: 'Teamfit', feedbackExpectedAt: at(3), loggedAt: E } },
      ['evaluation_criteria', 'timeline_expectations'],
    ],
    [
      'interview day tasks and the acknowledged on-call message',
      {
        done: { checkin: { at: at(-3), by: 'U1', plan: 1 }, client_reminder: { at: at(-2), by: 'U1', plan: 1 }, on_call: { at: at(-1), by: 'U1', plan: 1 } },
        timeline: [{ kind: 'on_call', plan: 1, dueAt: at(-1), state: 'sent' }],
      },
      ['candidate_checkin', 'client_reminder', 'on_call'],
    ],
    ['an on-call message sent but not acknowledged does not count', { timeline: [{ kind: 'on_call', plan: 1, dueAt: at(-1), state: 'sent' }] }, []],
    [
      'follow-up inside each SLA',
      {
        debrief: { interestLevel: 4, loggedAt: at(2) },
        clientFeedback: { impression: 'positive', loggedAt: at(4) },
        loop: { nextStepsClear: true, timelineKept: true, noSurprises: true, bothPositive: true, closedAt: at(24) },
      },
      ['debrief_within_2h', 'client_feedback_within_4h', 'loop_closed_within_24h'],
    ],
    [
      'follow-up logged late does not tick the SLA items',
      {
        debrief: { interestLevel: 4, loggedAt: at(2.01) },
        clientFeedback: { impression: 'neutral', loggedAt: at(5) },
        loop: { nextStepsClear: true, timelineKept: true, noSurprises: true, bothPositive: true, closedAt: at(25) },
      },
      [],
    ],
  ])('%s', (_name, partial, expected) => {
    expect(done(interview(partial))).toEqual(expected);
  });

  it('counts progress and points at the next open item', () => {
    const c = deriveChecklist(interview({ stakeholders: [stakeholder()], coaching: coaching() }));
    expect(c.done).toBe(6);
    expect(c.next?.id).toBe('logistics_confirmed');
  });

  it('prep is complete only when preparation, coaching and client expectations all are', () => {
    const full = interview({
      stakeholders: [stakeholder()],
      context: { urgency: 'medium', otherCandidatesCount: 1, budgetStatus: 'approved', updatedAt: E },
      coaching: coaching(),
      clientExpectations: { agendaAligned: true, evaluationCriteria: 'Teamfit', feedbackExpectedAt: at(3), loggedAt: E },
      done: { logistics: { at: at(-30), by: 'U1', plan: 1 } },
    });
    expect(prepComplete(deriveChecklist(full))).toBe(true);
    expect(prepComplete(deriveChecklist({ ...full, context: undefined }))).toBe(false);
    expect(prepComplete(deriveChecklist({ ...full, done: {} }))).toBe(false);
    // An intensive need keeps prep incomplete until the consultant confirms the coaching.
    const intensive = { ...full, coaching: coaching({ coachingNeed: 'intensive', adviceSentAt: E }) };
    expect(prepComplete(deriveChecklist(intensive))).toBe(false);
    expect(prepComplete(deriveChecklist({ ...intensive, done: { ...intensive.done, coaching: { at: E, by: 'U1', plan: 1 } } }))).toBe(true);
  });
});
