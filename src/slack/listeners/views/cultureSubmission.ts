import type { ListenerDeps } from '../../context.js';
import { cultureForm } from '../../forms/index.js';
import { METADATA_SCHEMAS } from '../../views/state.js';
import { formSubmission } from './submission.js';

/** Save of the `Gesprekspartners` screen: its own inputs are the culture notes. */
export function cultureSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    form: cultureForm,
    context: () => undefined,
    refusalField: 'notes',
    save: async (interview, culture, _m, now) => {
      await deps.interviews.saveCulture(interview.id, culture, now);
      deps.logger.info({ interviewId: interview.id }, 'culture notes saved');
    },
    after: (interview, _m, _args, now) => deps.refresher.refresh(interview.id, now),
  });
}
