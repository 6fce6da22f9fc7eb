import { z } from 'zod';
import {
  BUDGET_STATUSES,
  DECISION_POWERS,
  DIRECTNESS,
  FORMALITIES,
  FORMATS,
  SENIORITIES,
  URGENCIES,
  POSITIVE_SIGNALS,
  WARNING_SIGNALS,
  CHANGE_REASONS,
  CHANGE_DECISIONS,
  IMPRESSIONS,
  type CandidateDebrief,
  type ClientFeedback,
  type LoopClosure,
  type ChangeDecision,
  type ChangeReason,
  type CoachingCheck,
  type ClientExpectations,
  type CultureNotes,
  type InterviewContext,
  type Logistics,
  type Stakeholder,
} from './interview.js';

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

/** Raw form input as it comes out of a modal: strings, possibly empty, never trusted. */
export interface LogisticsInput {
  candidateName?: string | null;
  candidatePhone?: string | null;
  candidateEmail?: string | null;
  clientContactName?: string | null;
  clientContactPhone?: string | null;
  clientContactEmail?: string | null;
  clientCompany?: string | null;
  roleTitle?: string | null;
  /** Unix seconds, from the datetimepicker. */
  startEpochSeconds?: number | null;
  durationMin?: string | number | null;
  location?: string | null;
  format?: string | null;
  agenda?: string | null;
}

// Carries a catalogue key through zod so the UI can speak the user's language.
export const issue = (key: string, params?: Record<string, string | number>) => JSON.stringify({ key, params });

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\r\n/g, '\n') : v);
const blankToUndefined = (v: unknown) => {
  const t = trimmed(v);
  return t === '' || t === null ? undefined : t;
};

export const requiredText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: issue('validation.required') })
      .max(max, { error: issue('validation.tooLong', { max }) })
      .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s), { error: issue('validation.controlChars') }),
  );

export const optionalText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(max, { error: issue('validation.tooLong', { max }) })
      .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s), { error: issue('validation.controlChars') })
      .optional(),
  );

// Built once: constructing zod schemas is far costlier than running them, and this runs on every save.
const phone = (max: number) =>
  optionalText(max).refine((s) => s === undefined || /^\+?[0-9 ()\-.]{6,}$/.test(s), { error: issue('validation.phone') });
const email = (max: number) =>
  optionalText(max).refine((s) => s === undefined || z.email().safeParse(s).success, { error: issue('validation.email') });

const LOGISTICS_SCHEMA = z.object({
  candidateName: requiredText(TEXT_LIMITS.candidateName),
  candidatePhone: phone(TEXT_LIMITS.candidatePhone),
  candidateEmail: email(TEXT_LIMITS.candidateEmail),
  clientCompany: requiredText(TEXT_LIMITS.clientCompany),
  clientContactName: optionalText(TEXT_LIMITS.clientContactName),
  clientContactPhone: phone(TEXT_LIMITS.clientContactPhone),
  clientContactEmail: email(TEXT_LIMITS.clientContactEmail),
  roleTitle: requiredText(TEXT_LIMITS.roleTitle),
  startEpochSeconds: z.number({ error: issue('validation.required') }).int({ error: issue('validation.required') }),
  durationMin: z.preprocess(
    (v) => {
      const t = blankToUndefined(v);
      return t === undefined ? DURATION_DEFAULT : typeof t === 'string' ? Number(t) : t;
    },
    z
      .number({ error: issue('validation.duration', { min: DURATION_MIN, max: DURATION_MAX }) })
      .int({ error: issue('validation.duration', { min: DURATION_MIN, max: DURATION_MAX }) })
      .min(DURATION_MIN, { error: issue('validation.duration', { min: DURATION_MIN, max: DURATION_MAX }) })
      .max(DURATION_MAX, { error: issue('validation.duration', { min: DURATION_MIN, max: DURATION_MAX }) }),
  ),
  location: requiredText(TEXT_LIMITS.location),
  format: z.enum(FORMATS, { error: issue('validation.required') }),
  agenda: optionalText(TEXT_LIMITS.agenda),
});

/**
 * Validates the logistics form against `now`: the start must lie in the future, unless an edit
 * leaves it at `opts.unchangedStart`.
 */
export function validateLogistics(
  input: LogisticsInput,
  now: Date,
  opts: { unchangedStart?: Date } = {},
): Validated<Logistics> {
  const parsed = LOGISTICS_SCHEMA.safeParse(input);
  const errors = parsed.success ? [] : toFieldErrors(parsed.error);
  const start = input.startEpochSeconds;
  // An edit that keeps the start as it was may fix a typo after the interview began.
  if (
    typeof start === 'number' &&
    Number.isInteger(start) &&
    start * 1000 <= now.getTime() &&
    start * 1000 !== opts.unchangedStart?.getTime() &&
    !errors.some((e) => e.field === 'startEpochSeconds')
  ) {
    const at = Object.keys(LOGISTICS_SCHEMA.shape).indexOf('startEpochSeconds');
    const before = errors.filter((e) => Object.keys(LOGISTICS_SCHEMA.shape).indexOf(e.field) < at);
    errors.splice(before.length, 0, { field: 'startEpochSeconds', key: 'validation.startInPast' });
  }
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  const v = parsed.data;
  return {
    ok: true,
    value: {
      candidateName: v.candidateName,
      candidatePhone: v.candidatePhone,
      candidateEmail: v.candidateEmail,
      clientCompany: v.clientCompany,
      clientContactName: v.clientContactName,
      clientContactPhone: v.clientContactPhone,
      clientContactEmail: v.clientContactEmail,
      roleTitle: v.roleTitle,
      start: new Date(v.startEpochSeconds * 1000),
      durationMin: v.durationMin,
      location: v.location,
      format: v.format,
      agenda: v.agenda,
    },
  };
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const i of error.issues) {
    const field = String(i.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    let key = 'validation.invalid';
    let params: Record<string, string | number> | undefined;
    try {
      const decoded = JSON.parse(i.message) as { key: string; params?: Record<string, string | number> };
      key = decoded.key;
      params = decoded.params;
    } catch {
      // A zod default message (e.g. a wrong type from a tampered payload): show the generic text.
    }
    out.push({ field, key, ...(params ? { params } : {}) });
  }
  return out;
}

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: issue('validation.invalid') }).optional());

function run<T>(schema: z.ZodType<T>, input: unknown): Validated<T> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: toFieldErrors(parsed.error) };
}

export interface StakeholderInput {
  name?: string | null;
  role?: string | null;
  seniority?: string | null;
  communicationStyle?: string | null;
  keyInterests?: string | null;
  decisionPower?: string | null;
}

const stakeholderSchema = z.object({
  name: requiredText(TEXT_LIMITS.stakeholderName),
  role: optionalText(TEXT_LIMITS.stakeholderRole),
  seniority: optionalEnum(SENIORITIES),
  communicationStyle: optionalText(TEXT_LIMITS.communicationStyle),
  keyInterests: optionalText(TEXT_LIMITS.keyInterests),
  // Not knowing who decides is itself worth recording: "onbekend" is the default, not an error.
  decisionPower: z.preprocess(
    (v) => blankToUndefined(v) ?? 'unknown',
    z.enum(DECISION_POWERS, { error: issue('validation.invalid') }),
  ),
});

export function validateStakeholder(input: StakeholderInput): Validated<Omit<Stakeholder, 'id'>> {
  return run(stakeholderSchema, input);
}

export interface CultureInput {
  formality?: string | null;
  directness?: string | null;
  notes?: string | null;
}

const cultureSchema = z.object({
  formality: optionalEnum(FORMALITIES),
  directness: optionalEnum(DIRECTNESS),
  notes: optionalText(TEXT_LIMITS.cultureNotes),
});

export function validateCulture(input: CultureInput): Validated<CultureNotes> {
  return run(cultureSchema, input);
}

export interface ContextInput {
  urgency?: string | null;
  decisionTimeline?: string | null;
  otherCandidatesCount?: string | number | null;
  otherCandidatesNote?: string | null;
  clientConcerns?: string | null;
  budgetStatus?: string | null;
  commercialTimeline?: string | null;
}

const contextSchema = z.object({
  urgency: optionalEnum(URGENCIES),
  decisionTimeline: optionalText(TEXT_LIMITS.decisionTimeline),
  otherCandidatesCount: z.preprocess(
    (v) => {
      const t = blankToUndefined(v);
      return typeof t === 'string' ? Number(t) : t;
    },
    z
      .number({ error: issue('validation.count', { max: OTHER_CANDIDATES_MAX }) })
      .int({ error: issue('validation.count', { max: OTHER_CANDIDATES_MAX }) })
      .min(0, { error: issue('validation.count', { max: OTHER_CANDIDATES_MAX }) })
      .max(OTHER_CANDIDATES_MAX, { error: issue('validation.count', { max: OTHER_CANDIDATES_MAX }) })
      .optional(),
  ),
  otherCandidatesNote: optionalText(TEXT_LIMITS.otherCandidatesNote),
  clientConcerns: optionalText(TEXT_LIMITS.clientConcerns),
  budgetStatus: optionalEnum(BUDGET_STATUSES),
  commercialTimeline: optionalText(TEXT_LIMITS.commercialTimeline),
});

export function validateContext(input: ContextInput): Validated<Omit<InterviewContext, 'updatedAt'>> {
  return run(contextSchema, input);
}

const flags = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? [] : v),
    z.array(z.enum(values, { error: issue('validation.invalid') }), { error: issue('validation.invalid') }),
  ).transform((xs) => [...new Set(xs)]);

export interface StarInput {
  situation?: string | null;
  task?: string | null;
  action?: string | null;
  result?: string | null;
}

export interface CoachingInput {
  /** Ticked boxes of "what was done": context_shared, updates_shared, gunfactor. */
  done?: string[] | null;
  updatesText?: string | null;
  candidateGoal?: string | null;
  positiveSignals?: string[] | null;
  warningSignals?: string[] | null;
  memorablePoints?: string | null;
  star1?: StarInput;
  star2?: StarInput;
}

export const COACHING_DONE = ['context_shared', 'updates_shared', 'gunfactor'] as const;

const starPart = optionalText(TEXT_LIMITS.starPart);

function star(field: 'star1' | 'star2') {
  return z
    .object({ situation: starPart, task: starPart, action: starPart, result: starPart })
    .superRefine((s, ctx) => {
      const filled = [s.situation, s.task, s.action, s.result].filter((x) => x !== undefined).length;
      // STAR examples are optional (issue 14: a five-minute coaching call is logged by its signals and
      // need); one that is started must be complete, so the briefing never quotes half an example.
      if (filled > 0 && filled < 4) ctx.addIssue({ code: 'custom', message: issue('validation.starIncomplete'), path: [] });
    })
    .transform((s) => (s.situation && s.task && s.action && s.result ? { situation: s.situation, task: s.task, action: s.action, result: s.result } : undefined))
    .describe(field);
}

const coachingSchema = z.object({
  done: flags(COACHING_DONE),
  updatesText: optionalText(TEXT_LIMITS.updatesText),
  candidateGoal: optionalText(TEXT_LIMITS.candidateGoal),
  positiveSignals: flags(POSITIVE_SIGNALS),
  warningSignals: flags(WARNING_SIGNALS),
  memorablePoints: optionalText(TEXT_LIMITS.memorablePoints),
  star1: z.preprocess((v) => v ?? {}, star('star1')),
  star2: z.preprocess((v) => v ?? {}, star('star2')),
});

export type CoachingFields = Omit<CoachingCheck, 'coachingNeed' | 'loggedAt' | 'adviceSentAt'>;

export function validateCoaching(input: CoachingInput): Validated<CoachingFields> {
  const r = run(coachingSchema, input);
  if (!r.ok) return r;
  const v = r.value;
  return {
    ok: true,
    value: {
      contextShared: v.done.includes('context_shared'),
      updatesShared: v.done.includes('updates_shared'),
      gunfactorDiscussed: v.done.includes('gunfactor'),
      updatesText: v.updatesText,
      candidateGoal: v.candidateGoal,
      positiveSignals: v.positiveSignals,
      warningSignals: v.warningSignals,
      memorablePoints: v.memorablePoints,
      starExamples: [v.star1, v.star2].filter((x): x is NonNullable<typeof x> => x !== undefined),
    },
  };
}

export interface ExpectationsInput {
  agendaAligned?: string[] | null;
  evaluationCriteria?: string | null;
  feedbackExpectedEpochSeconds?: number | null;
  nextSteps?: string | null;
}

export type ExpectationsFields = Omit<ClientExpectations, 'loggedAt'>;

/** The client's promised feedback moment must come after the interview starts. */
export function validateExpectations(input: ExpectationsInput, interviewStart: Date): Validated<ExpectationsFields> {
  const schema = z.object({
    agendaAligned: flags(['yes'] as const),
    evaluationCriteria: optionalText(TEXT_LIMITS.evaluationCriteria),
    feedbackExpectedEpochSeconds: z.preprocess(
      (v) => (v === null ? undefined : v),
      z
        .number({ error: issue('validation.invalid') })
        .int({ error: issue('validation.invalid') })
        .refine((s) => s * 1000 > interviewStart.getTime(), { error: issue('validation.feedbackAfterStart') })
        .optional(),
    ),
    nextSteps: optionalText(TEXT_LIMITS.nextSteps),
  });
  const r = run(schema, input);
  if (!r.ok) return r;
  return {
    ok: true,
    value: {
      agendaAligned: r.value.agendaAligned.includes('yes'),
      evaluationCriteria: r.value.evaluationCriteria,
      feedbackExpectedAt:
        r.value.feedbackExpectedEpochSeconds === undefined ? undefined : new Date(r.value.feedbackExpectedEpochSeconds * 1000),
      nextSteps: r.value.nextSteps,
    },
  };
}

export interface ChangeInput {
  what?: string | null;
  decision?: string | null;
  newStartEpochSeconds?: number | null;
  note?: string | null;
}

export interface ChangeFields {
  what: ChangeReason;
  decision: ChangeDecision;
  newStart?: Date;
  note?: string;
}

/** A last-minute change; rescheduling needs a new start in the future. */
export function validateChange(input: ChangeInput, now: Date): Validated<ChangeFields> {
  const schema = z
    .object({
      what: z.enum(CHANGE_REASONS, { error: issue('validation.required') }),
      decision: z.enum(CHANGE_DECISIONS, { error: issue('validation.required') }),
      newStartEpochSeconds: z.preprocess((v) => (v === null ? undefined : v), z.number().int().optional()),
      note: optionalText(TEXT_LIMITS.changeNote),
    })
    .superRefine((v, ctx) => {
      if (v.decision !== 'reschedule') return;
      if (v.newStartEpochSeconds === undefined) {
        ctx.addIssue({ code: 'custom', path: ['newStartEpochSeconds'], message: issue('validation.newStartRequired') });
      } else if (v.newStartEpochSeconds * 1000 <= now.getTime()) {
        ctx.addIssue({ code: 'custom', path: ['newStartEpochSeconds'], message: issue('validation.startInPast') });
      }
    });
  const r = run(schema, input);
  if (!r.ok) return r;
  return {
    ok: true,
    value: {
      what: r.value.what,
      decision: r.value.decision,
      newStart: r.value.decision === 'reschedule' && r.value.newStartEpochSeconds !== undefined ? new Date(r.value.newStartEpochSeconds * 1000) : undefined,
      note: r.value.note,
    },
  };
}

export interface DebriefInput {
  experience?: string | null;
  concerns?: string | null;
  interestLevel?: string | null;
  otherProcesses?: string | null;
  notes?: string | null;
}

export type DebriefFields = Omit<CandidateDebrief, 'loggedAt'>;

const debriefSchema = z.object({
  experience: optionalText(TEXT_LIMITS.followUpText),
  concerns: optionalText(TEXT_LIMITS.followUpText),
  interestLevel: z.preprocess(
    (v) => {
      const t = blankToUndefined(v);
      return typeof t === 'string' ? Number(t) : t;
    },
    z
      .number({ error: issue('validation.interest') })
      .int({ error: issue('validation.interest') })
      .min(1, { error: issue('validation.interest') })
      .max(5, { error: issue('validation.interest') }),
  ),
  otherProcesses: optionalText(TEXT_LIMITS.followUpText),
  notes: optionalText(TEXT_LIMITS.followUpText),
});

export function validateDebrief(input: DebriefInput): Validated<DebriefFields> {
  return run(debriefSchema, input);
}

export interface FeedbackInput {
  impression?: string | null;
  nextSteps?: string | null;
  concerns?: string | null;
  decision?: string | null;
}

export type FeedbackFields = Omit<ClientFeedback, 'loggedAt'>;

const feedbackSchema = z.object({
  impression: z.enum(IMPRESSIONS, { error: issue('validation.required') }),
  nextSteps: optionalText(TEXT_LIMITS.nextSteps),
  concerns: optionalText(TEXT_LIMITS.followUpText),
  decision: optionalText(TEXT_LIMITS.decision),
});

export function validateFeedback(input: FeedbackInput): Validated<FeedbackFields> {
  return run(feedbackSchema, input);
}

export const LOOP_INDICATORS = ['next_steps_clear', 'timeline_kept', 'no_surprises', 'both_positive'] as const;

export interface LoopInput {
  indicators?: string[] | null;
}

export type LoopFields = Omit<LoopClosure, 'closedAt'>;

/**
 * Closing the loop confirms that next steps are clear (the playbook's point of the loop); the other
 * success indicators are recorded as ticked. "Closed within 24h" is computed, never ticked.
 */
export function validateLoop(input: LoopInput): Validated<LoopFields> {
  const r = run(z.object({ indicators: flags(LOOP_INDICATORS) }), input);
  if (!r.ok) return r;
  const has = (x: (typeof LOOP_INDICATORS)[number]) => r.value.indicators.includes(x);
  if (!has('next_steps_clear')) return { ok: false, errors: [{ field: 'indicators', key: 'validation.nextStepsRequired' }] };
  return {
    ok: true,
    value: { nextStepsClear: true, timelineKept: has('timeline_kept'), noSurprises: has('no_surprises'), bothPositive: has('both_positive') },
  };
}
