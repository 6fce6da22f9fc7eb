import { MAX_STAKEHOLDERS } from '../../../domain/interview.js';
import { UserFacingError } from '../../../errors.js';
import type { ListenerDeps } from '../../context.js';
import { loadWritable, withRefusals } from '../../services/access.js';
import { classifySlackError } from '../../slackErrors.js';
import { parseInterviewId, parseRowValue } from '../../views/state.js';
import { buildStakeholderModal, buildStakeholdersModal } from '../../views/stakeholders.js';
import type { ButtonArgs } from './openForms.js';
import { ackNow } from '../../ack.js';

/** Buttons inside the `Gesprekspartners` modal; `body.view` is that modal. */

/** `Toevoegen`: pushes an empty interviewer form on top. */
export function addStakeholder(deps: ListenerDeps) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    deps.views.remember(body.view);
    await withRefusals(deps, { user: body.user.id }, async () => {
      const interview = await loadWritable(deps, parseInterviewId(action.value), body.user.id);
      if (interview.stakeholders.length >= MAX_STAKEHOLDERS) {
        throw new UserFacingError('error.tooManyStakeholders', { max: MAX_STAKEHOLDERS });
      }
      await push(deps, body.trigger_id, buildStakeholderModal(interview.id, undefined, deps.t, body.view?.id));
    });
  };
}

/** `Bewerken` on a row: pushes the interviewer's form, prefilled. */
export function editStakeholder(deps: ListenerDeps) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    deps.views.remember(body.view);
    await withRefusals(deps, { user: body.user.id }, async () => {
      const { interviewId, rowId } = parseRowValue(action.value);
      const interview = await loadWritable(deps, interviewId, body.user.id);
      const stakeholder = interview.stakeholders.find((s) => s.id === rowId);
      if (!stakeholder) throw new UserFacingError('error.stakeholderGone');
      await push(deps, body.trigger_id, buildStakeholderModal(interview.id, stakeholder, deps.t, body.view?.id));
    });
  };
}

/** `Verwijderen` on a row (after Slack's confirm dialog): removes and redraws the screen. */
export function removeStakeholder(deps: ListenerDeps) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    deps.views.remember(body.view);
    await withRefusals(deps, { user: body.user.id }, async () => {
      const now = deps.now();
      const { interviewId, rowId } = parseRowValue(action.value);
      // One unit: an erasure cannot land between the access check and the removal.
      const interview = await deps.atomically(async () => {
        const writable = await loadWritable(deps, interviewId, body.user.id);
        if (!(await deps.interviews.removeStakeholder(writable.id, rowId, now))) throw new UserFacingError('error.stakeholderGone');
        return writable;
      });
      deps.logger.info({ interviewId, stakeholderId: rowId }, 'stakeholder removed');
      const viewId = body.view?.id;
      if (viewId) {
        const tz = await deps.timezones.cached(interview.ownerId);
        // Read in the build: a hash_conflict retry rebuilds from the latest state.
        await deps.views.update(viewId, async () => buildStakeholdersModal((await deps.interviews.get(interviewId)) ?? interview, tz, deps.t));
      }
      await deps.refresher.refresh(interview.id, now);
    });
  };
}

async function push(deps: ListenerDeps, triggerId: string, view: ReturnType<typeof buildStakeholderModal>) {
  try {
    await deps.client.views.push({ trigger_id: triggerId, view });
  } catch (error) {
    deps.logger.warn({ slackError: classifySlackError(error).code }, 'views.push failed');
    throw new UserFacingError('command.openFailed');
  }
}
