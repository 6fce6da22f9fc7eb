import type { Interview } from './interview.js';
import { TASK_RULES, TASKS, taskDeadline, taskDoneAt, type Task } from './rules.js';

/**
 * The playbook's "Quick reference - Interview prep checklist", each item derived from the record.
 * There is no separate tick to store: an item is done exactly when the data says so.
 */
export const CHECKLIST_GROUPS = ['preparation', 'candidate_coaching', 'client_expectations', 'interview_day', 'follow_up'] as const;
export type ChecklistGroup = (typeof CHECKLIST_GROUPS)[number];

export const CHECKLIST_ITEM_IDS = [
  'logistics_confirmed',
  'stakeholder_profiles',
  'context_clear',
  'context_shared',
  'client_updates_shared',
  'coaching_check_done',
  'targeted_coaching',
  'gunfactor_discussed',
  'agenda_aligned',
  'evaluation_criteria',
  'timeline_expectations',
  'candidate_checkin',
  'client_reminder',
  'on_call',
  'debrief_within_2h',
  'client_feedback_within_4h',
  'loop_closed_within_24h',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

interface ItemRule {
  id: ChecklistItemId;
  group: ChecklistGroup;
  /** What the record's data says (a `Gedaan` that ticks this item is added from TASK_RULES). */
  done: (i: Interview) => boolean;
}

const hasText = (s: string | undefined) => s !== undefined && s.trim() !== '';
const within = (at: Date | undefined, deadline: Date | undefined) =>
  at !== undefined && deadline !== undefined && at.getTime() <= deadline.getTime();
/** A follow-up task done (by form or `Gedaan`) within its SLA (rules.ts). */
const onTime = (task: Task) => (i: Interview) => within(taskDoneAt(i, task), taskDeadline(task, i.logistics));

const RULES: readonly ItemRule[] = [
  {
    id: 'logistics_confirmed',
    group: 'preparation',
    // "100% bevestigd" is something the consultant does with the candidate and the client: only
    // their confirmation (task `logistics`, per date) ticks it, never the data alone.
    done: () => false,
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
    // "indien nodig": with a minimal need nothing more is owed; otherwise the consultant confirms the
    // coaching was given (task `coaching`) — the bot sending its advice is not coaching.
    done: (i) => i.coaching?.coachingNeed === 'minimal',
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
  { id: 'candidate_checkin', group: 'interview_day', done: () => false },
  { id: 'client_reminder', group: 'interview_day', done: () => false },
  // Acknowledged on the T message (task `on_call`); the bot sending it proves nothing.
  { id: 'on_call', group: 'interview_day', done: () => false },
  {
    id: 'debrief_within_2h',
    group: 'follow_up',
    done: onTime('debrief'),
  },
  {
    id: 'client_feedback_within_4h',
    group: 'follow_up',
    done: onTime('client_feedback'),
  },
  {
    id: 'loop_closed_within_24h',
    group: 'follow_up',
    done: onTime('loop'),
  },
];

/**
 * Ticked by a `Gedaan` on its own: items that need no data. Follow-up items are time-bound and
 * already read the `Gedaan` moment through taskDoneAt.
 */
function tickedByGedaan(id: ChecklistItemId, i: Interview): boolean {
  return TASKS.some((task) => i.done[task] !== undefined && TASK_RULES[task].ticks.includes(id) && TASK_RULES[task].deadline === undefined);
}

export interface ChecklistItem {
  id: ChecklistItemId;
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
  const items = RULES.map((r) => ({ id: r.id, group: r.group, done: r.done(interview) || tickedByGedaan(r.id, interview) }));
  const done = items.filter((i) => i.done).length;
  return { items, done, total: items.length, next: items.find((i) => !i.done) };
}

const PREP_GROUPS: ReadonlySet<ChecklistGroup> = new Set(['preparation', 'candidate_coaching', 'client_expectations']);

/** The part that must be complete by T − 2h (SPEC `prep_incomplete_risk`). */
export function prepComplete(checklist: Checklist): boolean {
  return missingPrep(checklist).length === 0;
}

/** The preparation items still open, in playbook order: what the T − 2h check names. */
export function missingPrep(checklist: Checklist): ChecklistItemId[] {
  return checklist.items.filter((i) => PREP_GROUPS.has(i.group) && !i.done).map((i) => i.id);
}

/**
 * The coaching check found more than a minimal need and nobody has confirmed giving the targeted
 * coaching yet: the card and the coaching advice ask for that confirmation.
 */
export function coachingToConfirm(i: Pick<Interview, 'coaching' | 'done'>): boolean {
  return i.coaching !== undefined && i.coaching.coachingNeed !== 'minimal' && i.done.coaching === undefined;
}
