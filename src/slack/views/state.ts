import { z } from 'zod';
import { PayloadError } from '../../errors.js';

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
