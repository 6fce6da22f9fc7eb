import { deriveChecklist, prepComplete, type ChecklistItemId } from './checklist.js';
import type { Interview, Logistics, TimelineKind } from './interview.js';
import type { RiskReason } from './repositories.js';

/**
 * The one table of rules (issue 12): for every reminder kind when it is due, until when it is worth
 * sending, what makes it unnecessary, what `Gedaan` on it records and which risk it raises; for every
 * task what a `Gedaan` ticks and whether it survives a reschedule. Timeline, checklist, stats, views
 * and risk alerts all read these tables, so changing an SLA is a one-line change here. Every SLA
 * number of the product appears in this file and nowhere else in src/.
 */

const HOUR_MIN = 60;

/** Local hour of the prep reminders on the last working day before the interview. */
export const PREP_HOUR = 9;

/** Alerts about missing data stay quiet this long after an interview was logged or moved. */
export const QUIET_AFTER_LOGGING_MIN = 60;

/**
 * Moments due within this long after a plan is made are part of its catch-up message rather than a
 * separate DM a minute later (an interview logged exactly at T − 1h gets one message, not two).
 */
export const CATCH_UP_GRACE_MIN = 5;

/** T − 24h: when the context risks (urgency, budget, decision maker) are checked. */
export const CONTEXT_CHECK_BEFORE_START_MIN = 24 * HOUR_MIN;

/** A moment relative to the interview: the prep moment, its start T or its end E. */
export interface Moment {
  anchor: 'prep' | 'start' | 'end' | 'plan';
  minutes: number;
}
const at = (anchor: Moment['anchor'], minutes = 0): Moment => ({ anchor, minutes });

/** The follow-up SLAs of the playbook ("Opvolging"): each task's deadline after E. */
const SLA = {
  debrief: at('end', 2 * HOUR_MIN),
  client_feedback: at('end', 4 * HOUR_MIN),
  loop: at('end', 24 * HOUR_MIN),
} as const;

export const TASKS = [
  'candidate_prep',
  'client_prep',
  'logistics',
  'coaching',
  'checkin',
  'client_reminder',
  'on_call',
  'debrief',
  'client_feedback',
  'loop',
] as const;
/**
 * A piece of work a consultant confirms: `Gedaan` (or ✅) on a reminder, or a confirmation button
 * (card, coaching advice, the T message). The record holds who confirmed it and when.
 */
export type Task = (typeof TASKS)[number];

/** Where the rest of a task's data is entered, when `Gedaan` alone cannot say it. */
export type FormId = 'coaching' | 'expectations' | 'debrief' | 'feedback' | 'loop';

export interface TaskRule {
  /** `plan`: done for one date only (a reschedule resets it); `interview`: done whatever the date. */
  scope: 'plan' | 'interview';
  /** The SLA deadline, if the task has one; its figure counts from the earliest evidence. */
  deadline?: Moment;
  /** Checklist items that `Gedaan` ticks on its own (items that need no data). */
  ticks: readonly ChecklistItemId[];
  /** The form that still wants data after `Gedaan`, and which (field codes, translated by the view). */
  stillWants?: { form: FormId; fields: readonly string[] };
  /** When the record's own data (a form) shows the task was done. */
  loggedAt: (i: Interview) => Date | undefined;
}

export const TASK_RULES: Record<Task, TaskRule> = {
  candidate_prep: {
    scope: 'interview',
    ticks: ['context_shared', 'client_updates_shared'],
    stillWants: { form: 'coaching', fields: ['coaching_need', 'gunfactor'] },
    loggedAt: (i) => i.coaching?.loggedAt,
  },
  client_prep: {
    scope: 'interview',
    ticks: ['agenda_aligned'],
    stillWants: { form: 'expectations', fields: ['evaluation_criteria', 'feedback_moment'] },
    loggedAt: (i) => i.clientExpectations?.loggedAt,
  },
  // Confirmed on the card ("Logistiek bevestigd"): time, place and participants agreed with the
  // candidate and the client. A new date must be confirmed again.
  logistics: { scope: 'plan', ticks: ['logistics_confirmed'], loggedAt: () => undefined },
  // Confirmed on the coaching advice or the card once the targeted coaching was given; only asked
  // when the coaching check found more than a minimal need (checklist.ts).
  coaching: { scope: 'interview', ticks: ['targeted_coaching'], loggedAt: () => undefined },
  checkin: { scope: 'plan', ticks: ['candidate_checkin'], loggedAt: () => undefined },
  client_reminder: { scope: 'plan', ticks: ['client_reminder'], loggedAt: () => undefined },
  // The consultant acknowledged the T message: reachable during the interview.
  on_call: { scope: 'plan', ticks: ['on_call'], loggedAt: () => undefined },
  debrief: {
    scope: 'plan',
    deadline: SLA.debrief,
    ticks: ['debrief_within_2h'],
    stillWants: { form: 'debrief', fields: ['interest_level'] },
    loggedAt: (i) => i.debrief?.loggedAt,
  },
  client_feedback: {
    scope: 'plan',
    deadline: SLA.client_feedback,
    ticks: ['client_feedback_within_4h'],
    stillWants: { form: 'feedback', fields: ['impression'] },
    loggedAt: (i) => i.clientFeedback?.loggedAt,
  },
  loop: {
    scope: 'plan',
    deadline: SLA.loop,
    ticks: ['loop_closed_within_24h'],
    stillWants: { form: 'loop', fields: ['success_indicators'] },
    loggedAt: (i) => i.loop?.closedAt,
  },
};

export interface KindRule {
  due: Moment;
  /** The last instant worth sending (and the limit of a snooze); `never` for alerts that stay true. */
  usefulUntil: Moment | 'never';
  to: { dm: boolean; riskChannel: boolean };
  /** The data (or a `Gedaan`) shows the work is done: the reminder is not needed. */
  satisfiedBy: (i: Interview) => boolean;
  /** What `Gedaan` / ✅ on this reminder records; none = nothing to tick off. */
  gedaan?: Task;
  /** `acknowledge`: the button confirms the consultant is there ("Ik ben bereikbaar"), not work done. */
  gedaanMeans?: 'done' | 'acknowledge';
  risk?: RiskReason;
  /** Whether the message asks the consultant to do something (else: no snooze). */
  asks: boolean;
  /** Alert about missing data: quiet within QUIET_AFTER_LOGGING_MIN of logging. */
  aboutMissingData: boolean;
  /** Passed when the plan was made but still worth doing: part of the one catch-up message. */
  catchUp: boolean;
  /** Offers the `Last-minute wijziging` form (interview-day moments). */
  offersChange: boolean;
  /**
   * The DM waits for the end of QUIET_HOURS (prep reminders, overdue DMs); interview-day messages
   * never wait, the team channel never waits, and no deadline moves for it.
   */
  waitsForQuietHours: boolean;
  /** Not done after NUDGE_AFTER_MINUTES (and before its deadline): one nudge in the message's thread. */
  nudges: boolean;
  /** The form `Openen` shows; none = the interview overview. */
  form?: FormId;
}

/** Whether `task` is done: by `Gedaan` in the current plan (or any plan for interview-wide tasks) or by its form. */
export function taskDoneAt(i: Pick<Interview, 'done'> & Partial<Interview>, task: Task): Date | undefined {
  const ticked = i.done[task]?.at;
  const logged = TASK_RULES[task].loggedAt(i as Interview);
  if (ticked && logged) return ticked.getTime() <= logged.getTime() ? ticked : logged;
  return ticked ?? logged;
}

const doneBy = (task: Task) => (i: Interview) => taskDoneAt(i, task) !== undefined;

export const KIND_RULES: Record<TimelineKind, KindRule> = {
  prep_candidate: {
    due: at('prep'),
    usefulUntil: at('start'),
    to: { dm: true, riskChannel: false },
    satisfiedBy: (i) => i.coaching !== undefined || i.done.candidate_prep !== undefined,
    gedaan: 'candidate_prep',
    asks: true,
    aboutMissingData: false,
    catchUp: true,
    offersChange: false,
    waitsForQuietHours: true,
    nudges: false,
    form: 'coaching',
  },
  prep_client: {
    due: at('prep'),
    usefulUntil: at('start'),
    to: { dm: true, riskChannel: false },
    satisfiedBy: (i) => i.clientExpectations !== undefined || i.done.client_prep !== undefined,
    gedaan: 'client_prep',
    asks: true,
    aboutMissingData: false,
    catchUp: true,
    offersChange: false,
    waitsForQuietHours: true,
    nudges: false,
    form: 'expectations',
  },
  candidate_checkin: {
    due: at('start', -2 * HOUR_MIN),
    usefulUntil: at('start'),
    to: { dm: true, riskChannel: false },
    satisfiedBy: doneBy('checkin'),
    gedaan: 'checkin',
    asks: true,
    aboutMissingData: false,
    catchUp: true,
    offersChange: true,
    waitsForQuietHours: false,
    nudges: true,
  },
  prep_incomplete_risk: {
    due: at('start', -2 * HOUR_MIN),
    usefulUntil: at('start'),
    to: { dm: true, riskChannel: true },
    satisfiedBy: (i) => prepComplete(deriveChecklist(i)),
    risk: 'prep_incomplete',
    asks: true,
    aboutMissingData: true,
    catchUp: false,
    offersChange: false,
    waitsForQuietHours: false,
    nudges: false,
  },
  client_reminder: {
    due: at('start', -1 * HOUR_MIN),
    usefulUntil: at('start'),
    to: { dm: true, riskChannel: false },
    satisfiedBy: doneBy('client_reminder'),
    gedaan: 'client_reminder',
    asks: true,
    aboutMissingData: false,
    catchUp: true,
    offersChange: true,
    waitsForQuietHours: false,
    nudges: true,
  },
  on_call: {
    due: at('start'),
    usefulUntil: at('end'),
    to: { dm: true, riskChannel: false },
    satisfiedBy: doneBy('on_call'),
    gedaan: 'on_call',
    gedaanMeans: 'acknowledge',
    asks: false,
    aboutMissingData: false,
    catchUp: false,
    offersChange: true,
    waitsForQuietHours: false,
    nudges: false,
  },
  candidate_debrief_due: {
    due: at('end'),
    usefulUntil: SLA.debrief,
    to: { dm: true, riskChannel: false },
    satisfiedBy: doneBy('debrief'),
    gedaan: 'debrief',
    asks: true,
    aboutMissingData: false,
    catchUp: true,
    offersChange: false,
    waitsForQuietHours: false,
    nudges: true,
    form: 'debrief',
  },
  candidate_debrief_overdue: {
    due: SLA.debrief,
    usefulUntil: 'never',
    to: { dm: true, riskChannel: true },
    satisfiedBy: doneBy('debrief'),
    gedaan: 'debrief',
    risk: 'debrief_overdue',
    asks: true,
    aboutMissingData: true,
    catchUp: false,
    offersChange: false,
    waitsForQuietHours: true,
    nudges: false,
    form: 'debrief',
  },
  client_feedback_overdue: {
    due: SLA.client_feedback,
    usefulUntil: 'never',
    to: { dm: true, riskChannel: true },
    satisfiedBy: doneBy('client_feedback'),
    gedaan: 'client_feedback',
    risk: 'client_feedback_overdue',
    asks: true,
    aboutMissingData: true,
    catchUp: false,
    offersChange: false,
    waitsForQuietHours: true,
    nudges: false,
    form: 'feedback',
  },
  loop_overdue: {
    due: SLA.loop,
    usefulUntil: 'never',
    to: { dm: true, riskChannel: true },
    satisfiedBy: doneBy('loop'),
    gedaan: 'loop',
    risk: 'loop_overdue',
    asks: true,
    aboutMissingData: true,
    catchUp: false,
    offersChange: false,
    waitsForQuietHours: true,
    nudges: false,
    form: 'loop',
  },
  catch_up: {
    // Made with the plan, for the moments that had passed by then; its content lists them.
    due: at('plan'),
    usefulUntil: 'never',
    to: { dm: true, riskChannel: false },
    satisfiedBy: () => false,
    asks: true,
    aboutMissingData: false,
    catchUp: false,
    offersChange: false,
    waitsForQuietHours: false,
    nudges: false,
  },
};

/**
 * How often a risk reason may alert: once per plan for the moments a reschedule repeats, once per
 * last-minute change, or once for the interview.
 */
export const RISK_OCCURRENCE: Record<RiskReason, 'plan' | 'change' | 'once'> = {
  coaching_intensive: 'once',
  prep_incomplete: 'plan',
  last_minute_change: 'change',
  debrief_overdue: 'plan',
  client_feedback_overdue: 'plan',
  loop_overdue: 'plan',
  context_risk: 'plan',
};

/** The occurrence key a new alert of `reason` gets for the interview as it is now. */
export function riskOccurrence(reason: RiskReason, i: Pick<Interview, 'plan' | 'changes'>): number {
  switch (RISK_OCCURRENCE[reason]) {
    case 'plan':
      return i.plan;
    case 'change':
      return i.changes.at(-1)?.id ?? 0;
    case 'once':
      return 0;
  }
}

/** The kind whose moment raises `reason`, if any (the alert is resolved when that kind is satisfied). */
export function kindOfRisk(reason: RiskReason): TimelineKind | undefined {
  return (Object.keys(KIND_RULES) as TimelineKind[]).find((k) => KIND_RULES[k].risk === reason);
}

export interface PlanTimes {
  prep: Date;
  planStartedAt: Date;
}

/** The instant of a moment for an interview's logistics (T, E) and its prep moment. */
export function momentAt(m: Moment, l: Pick<Logistics, 'start' | 'durationMin'>, times?: Partial<PlanTimes>): Date {
  const base = (() => {
    switch (m.anchor) {
      case 'start':
        return l.start.getTime();
      case 'end':
        return l.start.getTime() + l.durationMin * 60_000;
      case 'prep':
        if (!times?.prep) throw new Error('prep moment needed');
        return times.prep.getTime();
      case 'plan':
        if (!times?.planStartedAt) throw new Error('plan start needed');
        return times.planStartedAt.getTime();
    }
  })();
  return new Date(base + m.minutes * 60_000);
}

/** A task's SLA deadline for these logistics (undefined: the task has none). */
export function taskDeadline(task: Task, l: Pick<Logistics, 'start' | 'durationMin'>): Date | undefined {
  const d = TASK_RULES[task].deadline;
  return d ? momentAt(d, l) : undefined;
}

/** A task's SLA in minutes after E (for texts: "binnen 2 uur"). */
export function slaMinutes(task: 'debrief' | 'client_feedback' | 'loop'): number {
  return SLA[task].minutes;
}

/** The kinds `Gedaan` can tick off. */
export const TICKABLE_KINDS: ReadonlySet<TimelineKind> = new Set(
  (Object.keys(KIND_RULES) as TimelineKind[]).filter((k) => KIND_RULES[k].gedaan !== undefined),
);
