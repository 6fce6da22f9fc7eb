import type { ListenerDeps } from '../../context.js';
import { contextForm } from '../../forms/index.js';
import { METADATA_SCHEMAS } from '../../views/state.js';
import { formSubmission } from './submission.js';

/** Save of the `Context` form. */
export function contextSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    form: contextForm,
    context: () => undefined,
    save: async (interview, context, _m, now) => {
      await deps.interviews.saveContext(interview.id, context, now);
      deps.logger.info({ interviewId: interview.id }, 'context saved');
    },
    after: (interview, _m, _args, now) => deps.refresher.refresh(interview.id, now),
  });
}
