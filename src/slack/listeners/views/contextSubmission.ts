import { validateContext } from '../../../domain/validation.js';
import type { ListenerDeps } from '../../context.js';
import { CONTEXT_BLOCK } from '../../ids.js';
import { METADATA_SCHEMAS, readContextInput } from '../../views/state.js';
import { formSubmission } from './submission.js';

/** Save of the `Context` form. */
export function contextSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: CONTEXT_BLOCK,
    refusalBlock: CONTEXT_BLOCK.urgency,
    validate: (values) => validateContext(readContextInput(values)),
    save: (interview, context, _m, now) => {
      deps.interviews.saveContext(interview.id, context, now);
      deps.logger.info({ interviewId: interview.id }, 'context saved');
    },
    after: (interview, _m, _args, now) => deps.refresher.refresh(interview.id, now),
  });
}
