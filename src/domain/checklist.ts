import { interviewEnd, type Interview } from './interview.js';

/**
 * The playbook's "Quick reference - Interview prep checklist", each item derived from the record.
 * There is no separate tick to store: an item is done exactly when the data says so.
 */
export const CHECKLIST_GROUPS = ['preparation', 'candidate_coaching', 'client_expectations', 'interview_day', 'follow_up'] as const;
export type ChecklistGroup = (typeof CHECKLIST_GROUPS)[number];

const HOUR = 3_600_000;

interface ItemRule {
  id: string;
  group: ChecklistGroup;
  done: (i: Interview) => boolean;
}

const hasText = (s: string | undefined) => s !== undefined && s.trim() !== '';
const within = (at: Date | undefined, deadline: Date) => at !== undefined && at.getTime() <= deadline.getTime();

const RULES: readonly ItemRule[] = [
  {
    id: 'logistics_confirmed',
    group: 'preparation',
    // "tijd, locatie, deelnemers": the form guarantees time and place; participants come from profiles.
    done: (i) => hasText(i.logistics.location) && i.stakeholders.length > 0,
  },
  {
    id: 'stakeholder_profiles',
    group: 'preparation',
    done: (i) =>
      i.stakeholders.some((s) => hasText(s.role) && s.decisionPower !== 'unknown') &&
      i.stakeholders.some((s) => s.decisionPower === 'decision_maker'),
  },
  {
    id: 'context_clear',
    group: 'preparation',
    done: (i) =>
      i.context?.urgency !== undefined &&
      i.context.otherCandidatesCount !== undefined &&
      i.context.budgetStatus !== undefined,
  },
  { id: 'context_shared', group: 'candidate_coaching', done: (i) => i.coaching?.contextShared === true },
  { id: 'client_updates_shared', group: 'candidate_coaching', done: (i) => i.coaching?.updatesShared === true },
  { id: 'coaching_check_done', group: 'candidate_coaching', done: (i) => i.coaching !== undefined },
  {
    id: 'targeted_coaching',
    group: 'candidate_coaching',
    // "indien nodig": with a minimal need nothing more is owed; otherwise the advice must have gone out.
    done: (i) => i.coaching !== undefined && (i.coaching.coachingNeed === 'minimal' || i.coaching.adviceSentAt !== undefined),
  },
  { id: 'gunfactor_discussed', group: 'candidate_coaching', done: (i) => i.coaching?.gunfactorDiscussed === true },
  { id: 'agenda_aligned', group: 'client_expectations', done: (i) => i.clientExpectations?.agendaAligned === true },
  {
    id: 'evaluation_criteria',
    group: 'client_expectations',
    done: (i) => hasText(i.clientExpectations?.evaluationCriteria),
  },
  {
    id: 'timeline_expectations',
    group: 'client_expectations',
    done: (i) => i.clientExpectations?.feedbackExpectedAt !== undefined,
  },
  { id: 'candidate_checkin', group: 'interview_day', done: (i) => i.dayTasks.checkinDoneAt !== undefined },
  { id: 'client_reminder', group: 'interview_day', done: (i) => i.dayTasks.clientReminderDoneAt !== undefined },
  {
    id: 'on_call',
    group: 'interview_day',
    done: (i) => i.timeline.some((t) => t.kind === 'on_call' && t.state === 'sent'),
  },
  {
    id: 'debrief_within_2h',
    group: 'follow_up',
    done: (i) => within(i.debrief?.loggedAt, new Date(interviewEnd(i).getTime() + 2 * HOUR)),
  },
  {
    id: 'client_feedback_within_4h',
    group: 'follow_up',
    done: (i) => within(i.clientFeedback?.loggedAt, new Date(interviewEnd(i).getTime() + 4 * HOUR)),
  },
  {
    id: 'loop_closed_within_24h',
    group: 'follow_up',
    done: (i) => within(i.loop?.closedAt, new Date(interviewEnd(i).getTime() + 24 * HOUR)),
  },
];

export const CHECKLIST_ITEM_IDS = RULES.map((r) => r.id);

export interface ChecklistItem {
  id: string;
  group: ChecklistGroup;
  done: boolean;
}

export interface Checklist {
  items: ChecklistItem[];
  done: number;
  total: number;
  /** The first item not yet done, in playbook order: what to do next. */
  next?: ChecklistItem;
}

export function deriveChecklist(interview: Interview): Checklist {
  const items = RULES.map((r) => ({ id: r.id, group: r.group, done: r.done(interview) }));
  const done = items.filter((i) => i.done).length;
  return { items, done, total: items.length, next: items.find((i) => !i.done) };
}

const PREP_GROUPS: ReadonlySet<ChecklistGroup> = new Set(['preparation', 'candidate_coaching', 'client_expectations']);

/** The part that must be complete by T − 2h (SPEC `prep_incomplete_risk`). */
export function prepComplete(checklist: Checklist): boolean {
  return checklist.items.filter((i) => PREP_GROUPS.has(i.group)).every((i) => i.done);
}
