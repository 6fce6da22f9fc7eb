import type {
  CandidateDebrief,
  ChangeDecision,
  ChangeReason,
  ClientExpectations,
  ClientFeedback,
  CoachingCheck,
  LoopClosure,
} from './interview.js';

/**
 * What the forms may hold and what they produce. The forms themselves (fields, block ids, zod
 * schemas) are defined once each in `src/slack/forms/`; the domain states the limits and the shapes
 * the repositories store.
 */

/**
 * Limits for every free-text field: inside Slack's plain_text_input max (3000) and small enough
 * that a card section (3000 chars) holds all logistics at once.
 */
export const TEXT_LIMITS = {
  candidateName: 100,
  candidatePhone: 40,
  candidateEmail: 254,
  clientContactName: 200,
  clientContactPhone: 40,
  clientContactEmail: 254,
  clientCompany: 150,
  roleTitle: 150,
  location: 500,
  agenda: 1500,
  stakeholderName: 100,
  stakeholderRole: 100,
  communicationStyle: 300,
  keyInterests: 500,
  cultureNotes: 1000,
  decisionTimeline: 300,
  otherCandidatesNote: 500,
  clientConcerns: 1000,
  commercialTimeline: 300,
  updatesText: 1000,
  candidateGoal: 500,
  memorablePoints: 1000,
  starPart: 500,
  evaluationCriteria: 1500,
  nextSteps: 1000,
  changeNote: 1000,
  followUpText: 1500,
  decision: 300,
} as const;

export const OTHER_CANDIDATES_MAX = 99;

export const DURATION_MIN = 15;
export const DURATION_MAX = 480;
export const DURATION_DEFAULT = 60;

/** A validation problem: which field, and the catalogue key (plus params) of the message to show. */
export interface FieldError {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };


export type CoachingFields = Omit<CoachingCheck, 'coachingNeed' | 'loggedAt' | 'adviceSentAt'>;
export type ExpectationsFields = Omit<ClientExpectations, 'loggedAt'>;
export type DebriefFields = Omit<CandidateDebrief, 'loggedAt'>;
export type FeedbackFields = Omit<ClientFeedback, 'loggedAt'>;
export type LoopFields = Omit<LoopClosure, 'closedAt'>;

export interface ChangeFields {
  what: ChangeReason;
  decision: ChangeDecision;
  newStart?: Date;
  note?: string;
}
