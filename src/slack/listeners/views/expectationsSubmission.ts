import type { ListenerDeps } from '../../context.js';
import { expectationsForm } from '../../forms/index.js';
import { METADATA_SCHEMAS } from '../../views/state.js';
import { formSubmission } from './submission.js';

/** Save of `Klantverwachtingen`; the promised feedback moment then shows on the card. */
export function expectationsSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    form: expectationsForm,
    context: (interview) => ({ interviewStart: interview.logistics.start }),
    refusalField: 'evaluationCriteria',
    save: async (interview, fields, _m, now) => {
      await deps.interviews.saveExpectations(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'client expectations saved');
    },
    after: (interview, _m, _args, now) => deps.refresher.refresh(interview.id, now),
  });
}
