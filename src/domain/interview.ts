import type { Task } from './rules.js';

/**
 * The interview record of SPEC "The interview record". Pure data: no Slack, no SQLite, no clock.
 * Instants are JavaScript Dates (UTC underneath); durations are minutes.
 */

export const FORMATS = ['one_on_one', 'panel', 'presentation', 'technical_test'] as const;
export type InterviewFormat = (typeof FORMATS)[number];

export const DECISION_POWERS = ['decision_maker', 'veto', 'advisory', 'unknown'] as const;
export type DecisionPower = (typeof DECISION_POWERS)[number];

export const SENIORITIES = ['junior', 'medior', 'senior', 'lead', 'manager', 'director', 'c_level'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const FORMALITIES = ['formal', 'informal'] as const;
export const DIRECTNESS = ['direct', 'diplomatic'] as const;

/** Keeps an interview's stakeholders screen within Slack's 100-block modal limit. */
export const MAX_STAKEHOLDERS = 20;

export const URGENCIES = ['low', 'medium', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const BUDGET_STATUSES = ['approved', 'pending', 'unknown'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

export const POSITIVE_SIGNALS = ['questions_prepared', 'clear_goal', 'proactive_examples', 'plans_follow_up'] as const;
export type PositiveSignal = (typeof POSITIVE_SIGNALS)[number];

export const WARNING_SIGNALS = ['no_questions', 'unsure_positioning', 'passive', 'vague_goal'] as const;
export type WarningSignal = (typeof WARNING_SIGNALS)[number];

export type CoachingNeed = 'minimal' | 'targeted' | 'intensive';

export const CHANGE_REASONS = ['candidate_ill', 'client_emergency', 'technical', 'other'] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

export const CHANGE_DECISIONS = ['reschedule', 'cancel', 'go_ahead'] as const;
export type ChangeDecision = (typeof CHANGE_DECISIONS)[number];

export const IMPRESSIONS = ['positive', 'neutral', 'negative'] as const;
export type Impression = (typeof IMPRESSIONS)[number];

/** What the logistics form captures (SPEC "Logistics"). */
export interface Logistics {
  candidateName: string;
  candidatePhone?: string;
  candidateEmail?: string;
  clientCompany: string;
  /** The client's contact person for this interview: who the reminder and the feedback call go to. */
  clientContactName?: string;
  clientContactPhone?: string;
  clientContactEmail?: string;
  roleTitle: string;
  start: Date;
  durationMin: number;
  location: string;
  format: InterviewFormat;
  agenda?: string;
}

export interface Stakeholder {
  id: number;
  name: string;
  role?: string;
  seniority?: Seniority;
  communicationStyle?: string;
  keyInterests?: string;
  decisionPower: DecisionPower;
}

export interface CultureNotes {
  formality?: (typeof FORMALITIES)[number];
  directness?: (typeof DIRECTNESS)[number];
  notes?: string;
}

export interface InterviewContext {
  urgency?: Urgency;
  decisionTimeline?: string;
  otherCandidatesCount?: number;
  otherCandidatesNote?: string;
  clientConcerns?: string;
  budgetStatus?: BudgetStatus;
  commercialTimeline?: string;
  updatedAt: Date;
}

export interface StarExample {
  situation: string;
  task: string;
  action: string;
  result: string;
}

export interface CoachingCheck {
  contextShared: boolean;
  updatesShared: boolean;
  updatesText?: string;
  candidateGoal?: string;
  positiveSignals: PositiveSignal[];
  warningSignals: WarningSignal[];
  memorablePoints?: string;
  starExamples: StarExample[];
  gunfactorDiscussed: boolean;
  coachingNeed: CoachingNeed;
  adviceSentAt?: Date;
  loggedAt: Date;
}

export interface ClientExpectations {
  agendaAligned: boolean;
  evaluationCriteria?: string;
  feedbackExpectedAt?: Date;
  nextSteps?: string;
  loggedAt: Date;
}

/** A task ticked off with `Gedaan` (or ✅): when, by whom, in which plan. */
export interface TaskDone {
  at: Date;
  by: string;
  plan: number;
}

export interface LastMinuteChange {
  id: number;
  what: ChangeReason;
  decision: ChangeDecision;
  previousStart: Date;
  newStart?: Date;
  note?: string;
  createdBy: string;
  createdAt: Date;
}

export interface CandidateDebrief {
  experience?: string;
  concerns?: string;
  interestLevel: number;
  otherProcesses?: string;
  notes?: string;
  loggedAt: Date;
}

export interface ClientFeedback {
  impression: Impression;
  nextSteps?: string;
  concerns?: string;
  decision?: string;
  loggedAt: Date;
}

export interface LoopClosure {
  nextStepsClear: boolean;
  timelineKept: boolean;
  noSurprises: boolean;
  bothPositive: boolean;
  closedAt: Date;
}

export type InterviewStatus = 'scheduled' | 'cancelled';

/** Timeline kinds of SPEC "Timeline"; the domain timeline module gives their due instants. */
export const TIMELINE_KINDS = [
  'prep_candidate',
  'prep_client',
  'candidate_checkin',
  'prep_incomplete_risk',
  'client_reminder',
  'on_call',
  'candidate_debrief_due',
  'candidate_debrief_overdue',
  'client_feedback_overdue',
  'loop_overdue',
  // One message for the moments that had already passed when the plan was made (late logging).
  'catch_up',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelineState = 'pending' | 'sending' | 'sent' | 'skipped' | 'cancelled' | 'failed';

export interface TimelineItemSummary {
  kind: TimelineKind;
  plan: number;
  dueAt: Date;
  state: TimelineState;
  sentAt?: Date;
  doneAt?: Date;
}

/** One interview with everything the playbook asks for; sub-records are absent until logged. */
export interface Interview {
  id: number;
  ownerId: string;
  status: InterviewStatus;
  cancelled?: { by: string; at: Date };
  /** Personal data is erased after retention or on request; the anonymous shape stays for figures. */
  erased: boolean;
  logistics: Logistics;
  stakeholders: Stakeholder[];
  culture: CultureNotes;
  context?: InterviewContext;
  coaching?: CoachingCheck;
  clientExpectations?: ClientExpectations;
  /**
   * Tasks ticked off by `Gedaan`, as they count now: day-of and follow-up tasks of the current plan,
   * preparation tasks of any plan (rules.ts TASK_RULES scope).
   */
  done: Partial<Record<Task, TaskDone>>;
  changes: LastMinuteChange[];
  debrief?: CandidateDebrief;
  clientFeedback?: ClientFeedback;
  loop?: LoopClosure;
  /** The current plan's timeline items. */
  timeline: TimelineItemSummary[];
  /** Moving the start makes a new plan (1, 2, …); reminders are sent once per plan. */
  plan: number;
  /** When the current plan was made (logged or moved). */
  planStartedAt: Date;
  card?: { channel: string; ts: string };
  /** The latest handover (`overdragen`): from whom, and when. */
  handedOver?: { from: string; at: Date };
  createdAt: Date;
  updatedAt: Date;
  revision: number;
}

export function interviewEnd(i: Pick<Interview, 'logistics'>): Date {
  return new Date(i.logistics.start.getTime() + i.logistics.durationMin * 60_000);
}

/** "Jan van der Berg" → "J.v.d.B." — the only form of a candidate's name a channel may see. */
export function candidateInitials(name: string): string {
  const parts = name.trim().split(/[\s-]+/).filter(Boolean);
  if (parts.length === 0) return '?';
  return parts.map((p) => `${[...p][0] ?? ''}.`).join('');
}
