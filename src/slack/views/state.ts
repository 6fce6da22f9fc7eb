import { z } from 'zod';
import type { LogisticsInput } from '../../domain/validation.js';
import { PayloadError } from '../../errors.js';
import { inputActionId, LOGISTICS_BLOCK } from '../ids.js';
import type { InterviewModalMetadata } from './interviewModal.js';

/** `view.state.values` as Slack sends it: block_id → action_id → element state. */
export type StateValues = Record<string, Record<string, unknown>>;

interface ElementState {
  value?: string | null;
  selected_date_time?: number | null;
  selected_option?: { value?: string } | null;
}

function element(values: StateValues | undefined, blockId: string): ElementState | undefined {
  const block = values?.[blockId];
  const el = block?.[inputActionId(blockId)];
  return el && typeof el === 'object' ? (el as ElementState) : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Reads the logistics modal's state; unknown shapes become undefined and fail validation. */
export function readLogisticsInput(values: StateValues | undefined): LogisticsInput {
  const get = (field: keyof typeof LOGISTICS_BLOCK) => element(values, LOGISTICS_BLOCK[field]);
  const start = get('startEpochSeconds')?.selected_date_time;
  return {
    candidateName: str(get('candidateName')?.value),
    candidatePhone: str(get('candidatePhone')?.value),
    candidateEmail: str(get('candidateEmail')?.value),
    clientCompany: str(get('clientCompany')?.value),
    roleTitle: str(get('roleTitle')?.value),
    startEpochSeconds: typeof start === 'number' ? start : undefined,
    durationMin: str(get('durationMin')?.value),
    location: str(get('location')?.value),
    format: str(get('format')?.selected_option?.value),
    agenda: str(get('agenda')?.value),
  };
}

const metadataSchema = z
  .object({
    interviewId: z.number().int().positive().optional(),
    revision: z.number().int().positive().optional(),
  })
  .strict();

/** private_metadata comes back from the client: treat it as untrusted input. */
export function parseInterviewModalMetadata(raw: string | undefined): InterviewModalMetadata {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new PayloadError('private_metadata is not JSON');
  }
  const parsed = metadataSchema.safeParse(data);
  if (!parsed.success) throw new PayloadError('private_metadata has an unexpected shape');
  return parsed.data;
}

/** An interview id carried in a button value: digits only. */
export function parseInterviewId(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) throw new PayloadError('not an interview id');
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new PayloadError('not an interview id');
  return id;
}
