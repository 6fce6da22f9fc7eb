/** Every form of the app, one definition each (fields, block ids, schema): see form.ts. */
export { changeForm } from './change.js';
export { coachingForm, COACHING_DONE } from './coaching.js';
export { contextForm } from './context.js';
export { cultureForm } from './culture.js';
export { expectationsForm } from './expectations.js';
export { debriefForm, feedbackForm, loopForm, LOOP_INDICATORS } from './followUp.js';
export { logisticsForm, type LogisticsInput } from './logistics.js';
export { stakeholderForm } from './stakeholder.js';
export { handoverForm } from './handover.js';
export { inlineErrors, type FormInput, type StateValues } from './form.js';
