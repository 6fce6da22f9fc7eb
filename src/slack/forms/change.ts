import { CHANGE_DECISIONS, CHANGE_REASONS } from '../../domain/interview.js';
import { TEXT_LIMITS, type ChangeFields } from '../../domain/validation.js';
import { CALLBACK } from '../ids.js';
import { choice, dateTime, defineForm, text } from './form.js';

/** Phase 3: what happened at the last minute and what was decided; rescheduling needs a new start ahead. */
export const changeForm = defineForm({
  callbackId: CALLBACK.changeModal,
  fields: {
    what: choice('change_what', 'field.change.what', CHANGE_REASONS, (r, t) => t(`changeWhat.${r}`), { kind: 'radio', required: true }),
    decision: choice('change_decision', 'field.change.decision', CHANGE_DECISIONS, (d, t) => t(`changeDecision.${d}`), {
      kind: 'radio',
      required: true,
    }),
    newStartEpochSeconds: dateTime('change_new_start', 'field.change.newStart'),
    note: text('change_note', 'field.change.note', TEXT_LIMITS.changeNote, { multiline: true }),
  },
  check: (v, ctx: { now: Date }) => {
    if (v.decision !== 'reschedule' || !('newStartEpochSeconds' in v)) return [];
    const at = v.newStartEpochSeconds;
    if (at === undefined) return [{ field: 'newStartEpochSeconds', key: 'validation.newStartRequired' }];
    return at * 1000 <= ctx.now.getTime() ? [{ field: 'newStartEpochSeconds', key: 'validation.startInPast' }] : [];
  },
  toValue: (v): ChangeFields => ({
    what: v.what,
    decision: v.decision,
    newStart: v.decision === 'reschedule' && v.newStartEpochSeconds !== undefined ? new Date(v.newStartEpochSeconds * 1000) : undefined,
    note: v.note,
  }),
});
