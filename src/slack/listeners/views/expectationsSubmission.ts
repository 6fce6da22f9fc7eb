import { validateExpectations } from '../../../domain/validation.js';
import type { ListenerDeps } from '../../context.js';
import { EXPECTATIONS_BLOCK } from '../../ids.js';
import { METADATA_SCHEMAS, readExpectationsInput } from '../../views/state.js';
import { formSubmission } from './submission.js';

/** Save of `Klantverwachtingen`; the promised feedback moment then shows on the card. */
export function expectationsSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: EXPECTATIONS_BLOCK,
    refusalBlock: EXPECTATIONS_BLOCK.evaluationCriteria,
    validate: (values, interview) => validateExpectations(readExpectationsInput(values), interview.logistics.start),
    save: (interview, fields, _m, now) => {
      deps.interviews.saveExpectations(interview.id, fields, now);
      deps.logger.info({ interviewId: interview.id }, 'client expectations saved');
    },
    after: (interview, _m, _args, now) => deps.refresher.refresh(interview.id, now),
  });
}
