import { FORMATS, type Logistics } from '../../domain/interview.js';
import { DURATION_DEFAULT, DURATION_MAX, DURATION_MIN, TEXT_LIMITS } from '../../domain/validation.js';
import { CALLBACK } from '../ids.js';
import { choice, dateTime, defineForm, text, wholeNumber, type FormInput } from './form.js';

const L = TEXT_LIMITS;

/** SPEC "Logistics": who, where, when. The start must lie ahead, unless an edit keeps it as it was. */
export const logisticsForm = defineForm({
  callbackId: CALLBACK.interviewModal,
  fields: {
    candidateName: text('logistics_candidate_name', 'field.candidateName', L.candidateName, {
      required: true,
      placeholder: 'field.candidateName.placeholder',
    }),
    candidatePhone: text('logistics_candidate_phone', 'field.candidatePhone', L.candidatePhone, { check: 'phone' }),
    candidateEmail: text('logistics_candidate_email', 'field.candidateEmail', L.candidateEmail, { check: 'email' }),
    clientCompany: text('logistics_client_company', 'field.clientCompany', L.clientCompany, { required: true }),
    clientContactName: text('logistics_client_contact_name', 'field.clientContactName', L.clientContactName, {
      hint: 'field.clientContactName.hint',
    }),
    clientContactPhone: text('logistics_client_contact_phone', 'field.clientContactPhone', L.clientContactPhone, { check: 'phone' }),
    clientContactEmail: text('logistics_client_contact_email', 'field.clientContactEmail', L.clientContactEmail, { check: 'email' }),
    roleTitle: text('logistics_role_title', 'field.roleTitle', L.roleTitle, { required: true }),
    startEpochSeconds: dateTime('logistics_start', 'field.start', { required: true }),
    durationMin: wholeNumber('logistics_duration', 'field.durationMin', {
      required: true,
      min: DURATION_MIN,
      max: DURATION_MAX,
      default: DURATION_DEFAULT,
      error: 'validation.duration',
    }),
    location: text('logistics_location', 'field.location', L.location, { required: true, placeholder: 'field.location.placeholder' }),
    format: choice('logistics_format', 'field.format', FORMATS, (f, t) => t(`format.${f}`), { kind: 'select', required: true }),
    agenda: text('logistics_agenda', 'field.agenda', L.agenda, { multiline: true }),
  },
  check: (v, ctx: { now: Date; unchangedStart?: Date }) => {
    const start = v.startEpochSeconds;
    // An edit that keeps the start as it was may fix a typo after the interview began.
    if (start !== undefined && start * 1000 <= ctx.now.getTime() && start * 1000 !== ctx.unchangedStart?.getTime()) {
      return [{ field: 'startEpochSeconds', key: 'validation.startInPast' }];
    }
    return [];
  },
  toValue: ({ startEpochSeconds, ...v }): Logistics => ({ ...v, start: new Date(startEpochSeconds * 1000) }),
  fromRecord: (l: Logistics) => ({ ...l, startEpochSeconds: Math.floor(l.start.getTime() / 1000) }),
});

export type LogisticsInput = FormInput<typeof logisticsForm.fields>;
