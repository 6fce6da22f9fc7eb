import { z } from 'zod';
import type {
  ChangeInput,
  CoachingInput,
  ContextInput,
  CultureInput,
  DebriefInput,
  FeedbackInput,
  LoopInput,
  ExpectationsInput,
  LogisticsInput,
  StakeholderInput,
} from '../../domain/validation.js';
import { PayloadError } from '../../errors.js';
import {
  CHANGE_BLOCK,
  COACHING_BLOCK,
  CONTEXT_BLOCK,
  CULTURE_BLOCK,
  DEBRIEF_BLOCK,
  EXPECTATIONS_BLOCK,
  FEEDBACK_BLOCK,
  LOOP_BLOCK,
  inputActionId,
  LOGISTICS_BLOCK,
  STAKEHOLDER_BLOCK,
} from '../ids.js';

/** `view.state.values` as Slack sends it: block_id → action_id → element state. */
export type StateValues = Record<string, Record<string, unknown>>;

interface ElementState {
  value?: string | null;
  selected_date_time?: number | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string }> | null;
}

export type FieldValue = string | number | string[] | undefined;

/**
 * Reads one form's fields out of state.values, whatever the element type (text, number, select,
 * radio, datetimepicker). Unknown shapes become undefined and then fail validation.
 */
export function readFields<F extends string>(
  values: StateValues | undefined,
  blocks: Record<F, string>,
): Record<F, FieldValue> {
  const out = {} as Record<F, FieldValue>;
  for (const field of Object.keys(blocks) as F[]) {
    const blockId = blocks[field];
    const el = values?.[blockId]?.[inputActionId(blockId)];
    if (!el || typeof el !== 'object') {
      out[field] = undefined;
      continue;
    }
    const e = el as ElementState;
    if (Array.isArray(e.selected_options)) {
      out[field] = e.selected_options.map((o) => o?.value).filter((v): v is string => typeof v === 'string');
    } else if (typeof e.selected_date_time === 'number') out[field] = e.selected_date_time;
    else if (e.selected_option && typeof e.selected_option.value === 'string') out[field] = e.selected_option.value;
    else if (typeof e.value === 'string') out[field] = e.value;
    else out[field] = undefined;
  }
  return out;
}

const asText = (v: FieldValue) => (typeof v === 'string' ? v : undefined);
const asList = (v: FieldValue) => (Array.isArray(v) ? v : undefined);
const asNumber = (v: FieldValue) => (typeof v === 'number' ? v : undefined);

export function readCoachingInput(values: StateValues | undefined): CoachingInput {
  const f = readFields(values, COACHING_BLOCK);
  return {
    done: asList(f.done),
    updatesText: asText(f.updatesText),
    candidateGoal: asText(f.candidateGoal),
    positiveSignals: asList(f.positiveSignals),
    warningSignals: asList(f.warningSignals),
    memorablePoints: asText(f.memorablePoints),
    star1: { situation: asText(f.star1Situation), task: asText(f.star1Task), action: asText(f.star1Action), result: asText(f.star1Result) },
    star2: { situation: asText(f.star2Situation), task: asText(f.star2Task), action: asText(f.star2Action), result: asText(f.star2Result) },
  };
}

export function readExpectationsInput(values: StateValues | undefined): ExpectationsInput {
  const f = readFields(values, EXPECTATIONS_BLOCK);
  return {
    agendaAligned: asList(f.agendaAligned),
    evaluationCriteria: asText(f.evaluationCriteria),
    feedbackExpectedEpochSeconds: asNumber(f.feedbackExpectedEpochSeconds),
    nextSteps: asText(f.nextSteps),
  };
}

export function readChangeInput(values: StateValues | undefined): ChangeInput {
  const f = readFields(values, CHANGE_BLOCK);
  return {
    what: asText(f.what),
    decision: asText(f.decision),
    newStartEpochSeconds: asNumber(f.newStartEpochSeconds),
    note: asText(f.note),
  };
}

export function readDebriefInput(values: StateValues | undefined): DebriefInput {
  const f = readFields(values, DEBRIEF_BLOCK);
  return {
    experience: asText(f.experience),
    concerns: asText(f.concerns),
    interestLevel: asText(f.interestLevel),
    otherProcesses: asText(f.otherProcesses),
    notes: asText(f.notes),
  };
}

export function readFeedbackInput(values: StateValues | undefined): FeedbackInput {
  const f = readFields(values, FEEDBACK_BLOCK);
  return { impression: asText(f.impression), nextSteps: asText(f.nextSteps), concerns: asText(f.concerns), decision: asText(f.decision) };
}

export function readLoopInput(values: StateValues | undefined): LoopInput {
  return { indicators: asList(readFields(values, LOOP_BLOCK).indicators) };
}

export function readLogisticsInput(values: StateValues | undefined): LogisticsInput {
  const f = readFields(values, LOGISTICS_BLOCK);
  return {
    candidateName: asText(f.candidateName),
    candidatePhone: asText(f.candidatePhone),
    candidateEmail: asText(f.candidateEmail),
    clientCompany: asText(f.clientCompany),
    clientContactName: asText(f.clientContactName),
    clientContactPhone: asText(f.clientContactPhone),
    clientContactEmail: asText(f.clientContactEmail),
    roleTitle: asText(f.roleTitle),
    startEpochSeconds: asNumber(f.startEpochSeconds),
    durationMin: asText(f.durationMin),
    location: asText(f.location),
    format: asText(f.format),
    agenda: asText(f.agenda),
  };
}

export function readStakeholderInput(values: StateValues | undefined): StakeholderInput {
  const f = readFields(values, STAKEHOLDER_BLOCK);
  return {
    name: asText(f.name),
    role: asText(f.role),
    seniority: asText(f.seniority),
    communicationStyle: asText(f.communicationStyle),
    keyInterests: asText(f.keyInterests),
    decisionPower: asText(f.decisionPower),
  };
}

export function readCultureInput(values: StateValues | undefined): CultureInput {
  const f = readFields(values, CULTURE_BLOCK);
  return { formality: asText(f.formality), directness: asText(f.directness), notes: asText(f.notes) };
}

export function readContextInput(values: StateValues | undefined): ContextInput {
  const f = readFields(values, CONTEXT_BLOCK);
  return {
    urgency: asText(f.urgency),
    decisionTimeline: asText(f.decisionTimeline),
    otherCandidatesCount: asText(f.otherCandidatesCount),
    otherCandidatesNote: asText(f.otherCandidatesNote),
    clientConcerns: asText(f.clientConcerns),
    budgetStatus: asText(f.budgetStatus),
    commercialTimeline: asText(f.commercialTimeline),
  };
}

const id = z.number().int().positive();

/** What each modal carries between open and submit (private_metadata, max 3000 chars). */
export const METADATA_SCHEMAS = {
  interview: z.object({ interviewId: id.optional(), revision: id.optional() }).strict(),
  /** Forms about one existing interview (stakeholders screen, context, briefing). */
  forInterview: z.object({ interviewId: id }).strict(),
  stakeholder: z.object({ interviewId: id, stakeholderId: id.optional(), parentViewId: z.string().max(64).optional() }).strict(),
} as const;

export type InterviewModalMetadata = z.infer<typeof METADATA_SCHEMAS.interview>;
export type ForInterviewMetadata = z.infer<typeof METADATA_SCHEMAS.forInterview>;
export type StakeholderModalMetadata = z.infer<typeof METADATA_SCHEMAS.stakeholder>;

/** private_metadata comes back from the client: treat it as untrusted input. */
export function parseMetadata<S extends z.ZodType>(raw: string | undefined, schema: S): z.infer<S> {
  let data: unknown = {};
  if (raw) {
    try {
      data = JSON.parse(raw);
    } catch {
      throw new PayloadError('private_metadata is not JSON');
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new PayloadError('private_metadata has an unexpected shape');
  return parsed.data;
}

export function parseInterviewModalMetadata(raw: string | undefined): InterviewModalMetadata {
  return parseMetadata(raw, METADATA_SCHEMAS.interview);
}

/** An interview id carried in a button value: digits only. */
/**
 * A database id carried in a button value (an interview, a reminder, a risk alert, a row): a
 * positive integer, or the payload was tampered with. `what` names it in the error (no user data).
 */
export function parseButtonId(value: unknown, what: 'interview' | 'reminder' | 'risk alert' | 'row'): number {
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) throw new PayloadError(`not a ${what} id`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new PayloadError(`not a ${what} id`);
  return n;
}

/** An interview id from a card or form button. */
export const parseInterviewId = (value: unknown): number => parseButtonId(value, 'interview');

/** `interviewId:stakeholderId` from a row button. */
export function parseRowValue(value: unknown): { interviewId: number; rowId: number } {
  if (typeof value !== 'string') throw new PayloadError('not a row value');
  const [a, b, ...rest] = value.split(':');
  if (rest.length > 0) throw new PayloadError('not a row value');
  return { interviewId: parseInterviewId(a), rowId: parseButtonId(b, 'row') };
}
