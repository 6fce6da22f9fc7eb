import { DIRECTNESS, FORMALITIES, type CultureNotes } from '../../domain/interview.js';
import { TEXT_LIMITS } from '../../domain/validation.js';
import { CALLBACK } from '../ids.js';
import type { Translator } from '../i18n/index.js';
import { choice, defineForm, text } from './form.js';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const cultureOption = (x: string, t: Translator) => capitalised(t(`culture.${x as (typeof FORMALITIES)[number] | (typeof DIRECTNESS)[number]}`));

/** The client's culture, saved with the `Gesprekspartners` modal. */
export const cultureForm = defineForm({
  callbackId: CALLBACK.stakeholdersModal,
  fields: {
    formality: choice('culture_formality', 'field.culture.formality', FORMALITIES, cultureOption, { kind: 'radio' }),
    directness: choice('culture_directness', 'field.culture.directness', DIRECTNESS, cultureOption, { kind: 'radio' }),
    notes: text('culture_notes', 'field.culture.notes', TEXT_LIMITS.cultureNotes, { multiline: true }),
  },
  toValue: (v): CultureNotes => v,
  fromRecord: (c: CultureNotes) => c,
});
