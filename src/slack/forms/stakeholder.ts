import { DECISION_POWERS, SENIORITIES, type Stakeholder } from '../../domain/interview.js';
import { TEXT_LIMITS } from '../../domain/validation.js';
import { CALLBACK } from '../ids.js';
import { choice, defineForm, text } from './form.js';

/** One interviewer (the pushed add/edit form of `Gesprekspartners`). */
export const stakeholderForm = defineForm({
  callbackId: CALLBACK.stakeholderModal,
  fields: {
    name: text('stakeholder_name', 'field.stakeholder.name', TEXT_LIMITS.stakeholderName, { required: true }),
    role: text('stakeholder_role', 'field.stakeholder.role', TEXT_LIMITS.stakeholderRole),
    seniority: choice('stakeholder_seniority', 'field.stakeholder.seniority', SENIORITIES, (x, t) => t(`seniority.${x}`), { kind: 'select' }),
    // Not knowing who decides is itself worth recording: "onbekend" is the default, not an error.
    decisionPower: choice('stakeholder_decision_power', 'field.stakeholder.decisionPower', DECISION_POWERS, (d, t) => t(`decisionPower.${d}`), {
      kind: 'radio',
      required: true,
      default: 'unknown',
    }),
    communicationStyle: text('stakeholder_style', 'field.stakeholder.style', TEXT_LIMITS.communicationStyle, {
      placeholder: 'field.stakeholder.style.placeholder',
    }),
    keyInterests: text('stakeholder_interests', 'field.stakeholder.interests', TEXT_LIMITS.keyInterests, {
      multiline: true,
      placeholder: 'field.stakeholder.interests.placeholder',
    }),
  },
  toValue: (v): Omit<Stakeholder, 'id'> => v,
  fromRecord: (s: Stakeholder) => s,
});
