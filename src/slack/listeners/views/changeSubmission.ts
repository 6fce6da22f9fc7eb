import type { Interview, LastMinuteChange } from '../../../domain/interview.js';
import { validateChange } from '../../../domain/validation.js';
import type { ListenerDeps } from '../../context.js';
import { CHANGE_BLOCK } from '../../ids.js';
import { ReminderGateway } from '../../services/reminderGateway.js';
import { classifySlackError } from '../../slackErrors.js';
import { buildChangeConfirmation } from '../../views/changeConfirmation.js';
import { METADATA_SCHEMAS, readChangeInput } from '../../views/state.js';
import { formSubmission } from './submission.js';

/**
 * A last-minute change: recorded (history on the card, a risk moment for the team), and then
 * `verzetten` moves every timer, `annuleren` stops them, `gaat door` changes nothing else. The
 * consultant gets a DM confirming it, with the messages for the candidate and the client ready.
 */
export function changeSubmission(deps: ListenerDeps) {
  return formSubmission(deps, {
    metadata: METADATA_SCHEMAS.forInterview,
    blocks: CHANGE_BLOCK,
    refusalBlock: CHANGE_BLOCK.what,
    validate: (values, _interview, now) => validateChange(readChangeInput(values), now),
    save: (interview, change, _m, now, userId) => {
      const updated = deps.interviews.recordChange(interview.id, { ...change, createdBy: userId }, now);
      if (change.decision === 'reschedule') deps.timelineService.plan(updated, now);
      deps.riskAlerts.record(updated, 'last_minute_change', `${change.what}:${change.decision}`, now);
      deps.logger.info({ interviewId: interview.id, what: change.what, decision: change.decision }, 'last-minute change recorded');
    },
    after: async (interview, _m, { body }, now) => {
      const latest = deps.interviews.get(interview.id);
      // This user's change, just saved (another change may have landed since).
      const change = [...(latest?.changes ?? [])].reverse().find((c) => c.createdBy === body.user.id) ?? latest?.changes.at(-1);
      if (latest && change?.decision === 'cancel') await deps.timelineService.cancel(latest, body.user.id, now);
      await deps.refresher.refresh(interview.id, now);
      // Last, so that what it says ("herinneringen verplaatst / gestopt") is already true.
      if (latest && change) await sendConfirmation(deps, latest, change, body.user.id, now);
    },
  });
}

/** Attempts at the confirmation DM: the first and up to two retries on a retryable Slack error. */
const CONFIRMATION_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [500, 2_000];
const MAX_RETRY_AFTER_MS = 5_000;

/**
 * The confirmation DM to whoever recorded the change. It is not a timeline item: a failure is
 * retried briefly here, then logged (ids and Slack's error code only) — the change itself is saved
 * and shown on the card either way.
 */
async function sendConfirmation(deps: ListenerDeps, interview: Interview, change: LastMinuteChange, userId: string, now: Date): Promise<void> {
  const ids = { interviewId: interview.id, changeId: change.id };
  try {
    const tz = await deps.timezones.resolve(userId, now);
    const message = buildChangeConfirmation(interview, change, tz, deps.t, now);
    const gateway = new ReminderGateway(deps.client, deps.consultants);
    for (let attempt = 1; ; attempt++) {
      try {
        await gateway.post(await gateway.dmChannel(userId), message);
        deps.logger.info({ ...ids, decision: change.decision, attempt }, 'change confirmation sent');
        return;
      } catch (error) {
        const failure = classifySlackError(error);
        if (!failure.retryable || attempt >= CONFIRMATION_ATTEMPTS) throw error;
        deps.logger.warn({ ...ids, slackError: failure.code, attempt }, 'change confirmation not sent; retrying');
        const wait = failure.retryAfterSeconds !== undefined ? failure.retryAfterSeconds * 1000 : (RETRY_DELAYS_MS[attempt - 1] ?? 2_000);
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_RETRY_AFTER_MS)));
      }
    }
  } catch (error) {
    deps.logger.error({ ...ids, slackError: classifySlackError(error).code }, 'change confirmation not delivered');
  }
}
