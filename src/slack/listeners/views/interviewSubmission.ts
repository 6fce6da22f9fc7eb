import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Interview } from '../../../domain/interview.js';
import { RevisionConflictError } from '../../../domain/repositories.js';
import type { ListenerDeps } from '../../context.js';
import { loadWritable, refusalText } from '../../services/access.js';
import { inlineErrors, logisticsForm } from '../../forms/index.js';
import { parseInterviewModalMetadata } from '../../views/state.js';
import { ackNow } from '../../ack.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Save of the logistics modal: validate, store, acknowledge, then post or update the card.
 * Nothing is stored unless every field is valid; the card is sent after the ack so Slack's 3 s
 * budget is spent on the database write only.
 */
export function interviewSubmission(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const { t } = deps;
    const userId = body.user.id;
    const now = deps.now();
    const firstBlock = logisticsForm.blocks.candidateName;

    // The same refusals as every other form (tampered metadata, deleted, foreign or erased interview).
    let metadata;
    let existing: Interview | undefined;
    try {
      metadata = parseInterviewModalMetadata(view.private_metadata);
      if (metadata.interviewId !== undefined) existing = await loadWritable(deps, metadata.interviewId, userId);
    } catch (error) {
      const text = refusalText(deps, error);
      if (text === undefined) throw error;
      await ackNow(ack, { response_action: 'errors', errors: { [firstBlock]: text } });
      return;
    }

    const result = logisticsForm.validate(logisticsForm.read(view.state?.values), {
      now,
      unchangedStart: existing?.logistics.start,
    });
    if (!result.ok) {
      await ackNow(ack, { response_action: 'errors', errors: inlineErrors(result.errors, logisticsForm.blocks, t) });
      return;
    }

    let saved: Interview;
    try {
      // One transaction: the interview, its reminders and its card's outbox row exist together or
      // not at all (a crash right after the ack loses nothing; a double submit finds the same rows).
      saved = await deps.atomically(async () => {
        const s = existing
          ? await deps.interviews.updateLogistics(existing.id, result.value, now, metadata.revision)
          : await deps.interviews.create(userId, result.value, now, view.id);
        await deps.timelineService.plan(s, now);
        if (!s.card) await deps.outbox.card(s, now);
        return s;
      });
    } catch (error) {
      if (!(error instanceof RevisionConflictError)) throw error;
      await ackNow(ack, { response_action: 'errors', errors: { [firstBlock]: t('validation.conflict') } });
      return;
    }
    await ackNow(ack);
    deps.logger.info({ interviewId: saved.id, userId, action: existing ? 'updated' : 'created' }, 'interview saved');

    await deps.timelineService.planWithFreshTimezone(saved, now);
    if (existing) {
      await deps.refresher.refresh(saved.id, now);
      if (saved.plan !== existing.plan) await deps.calendar.resendIfTaken(saved, now);
    } else {
      // A new interview has no card to update and no alert to resolve yet: post its card, show it Home.
      deps.home.publishSoon(saved.ownerId);
      await deps.outbox.kick(deps.now);
    }
  };
}
