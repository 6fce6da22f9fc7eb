import { MAX_STAKEHOLDERS } from '../../../domain/interview.js';
import type { ListenerDeps } from '../../context.js';
import { stakeholderForm } from '../../forms/index.js';
import { classifySlackError } from '../../slackErrors.js';
import { METADATA_SCHEMAS } from '../../views/state.js';
import { buildStakeholdersModal } from '../../views/stakeholders.js';
import { formSubmission } from './submission.js';

/**
 * Save of the pushed interviewer form. Closing it returns the user to the `Gesprekspartners`
 * screen below, which is then updated in place (views.update with hash, see ViewUpdater).
 */
export function stakeholderSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.stakeholder,
    form: stakeholderForm,
    context: () => undefined,
    save: async (interview, fields, m, now) => {
      if (m.stakeholderId === undefined) {
        if (interview.stakeholders.length >= MAX_STAKEHOLDERS) {
          return { ok: false, errors: [{ field: 'name', key: 'error.tooManyStakeholders', params: { max: MAX_STAKEHOLDERS } }] };
        }
        const added = await deps.interviews.addStakeholder(interview.id, fields, now);
        deps.logger.info({ interviewId: interview.id, stakeholderId: added.id }, 'stakeholder added');
        return undefined;
      }
      if (!(await deps.interviews.updateStakeholder(interview.id, m.stakeholderId, fields, now))) {
        return { ok: false, errors: [{ field: 'name', key: 'error.stakeholderGone' }] };
      }
      deps.logger.info({ interviewId: interview.id, stakeholderId: m.stakeholderId }, 'stakeholder updated');
      return undefined;
    },
    after: async (interview, m, { view }, now) => {
      const parent = m.parentViewId ?? (typeof view.previous_view_id === 'string' ? view.previous_view_id : undefined);
      if (parent) {
        try {
          const tz = await deps.timezones.cached(interview.ownerId);
          // Read in the build: a hash_conflict retry rebuilds from the latest state.
          await deps.views.update(parent, async () => buildStakeholdersModal((await deps.interviews.get(interview.id)) ?? interview, tz, deps.t));
        } catch (error) {
          deps.logger.warn({ interviewId: interview.id, slackError: classifySlackError(error).code }, 'could not refresh the interviewers screen');
        }
      }
      await deps.refresher.refresh(interview.id, now);
    },
  });
}
