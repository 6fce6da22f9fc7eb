import { canAccess } from '../../domain/access.js';
import type { Interview } from '../../domain/interview.js';
import { ForbiddenError, InterviewErasedError, NotFoundError, PayloadError, UserFacingError } from '../../errors.js';
import type { ListenerDeps } from '../context.js';
import { isMessageKey } from '../i18n/index.js';
import { notifyUser } from './notify.js';

export interface AccessOptions {
  /**
   * The caller is about to change the interview (or open a form that does): an erased interview is
   * read-only, so this refuses it with {@link InterviewErasedError}. Reading (card, export) omits it.
   */
  write?: boolean;
}

/** The interview, if `userId` may see it; otherwise a refusal the listener turns into a polite reply. */
export async function loadAccessible(deps: ListenerDeps, interviewId: number, userId: string, options: AccessOptions = {}): Promise<Interview> {
  const interview = await deps.interviews.get(interviewId);
  if (!interview) throw new NotFoundError(interviewId);
  if (!canAccess(interview, userId, deps.admins)) {
    deps.logger.warn({ interviewId, userId }, 'refused access to a foreign interview');
    throw new ForbiddenError(interviewId);
  }
  if (options.write && interview.erased) {
    deps.logger.info({ interviewId }, 'refused a change to an erased interview');
    throw new InterviewErasedError(interviewId);
  }
  return interview;
}

/**
 * The interview, if `userId` may change it: accessible and not erased. Call it inside the same
 * `atomically` unit as the write, so an erasure cannot land in between.
 */
export function loadWritable(deps: ListenerDeps, interviewId: number, userId: string): Promise<Interview> {
  return loadAccessible(deps, interviewId, userId, { write: true });
}

/** The text to show for a refusal or a malformed payload. */
export function refusalText(deps: ListenerDeps, error: unknown): string | undefined {
  if (error instanceof UserFacingError) {
    return isMessageKey(error.messageKey) ? deps.t(error.messageKey, error.params) : deps.t('error.generic');
  }
  if (error instanceof PayloadError) {
    deps.logger.warn({ reason: error.message }, 'malformed interaction payload');
    return deps.t('error.stale');
  }
  return undefined;
}

/**
 * Runs an already-acknowledged interaction; refusals and malformed payloads become a notice to the
 * user (ephemeral where they clicked, else DM). Anything else goes on to app.error.
 */
export async function withRefusals(
  deps: ListenerDeps,
  target: { user: string; channel?: string },
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const text = refusalText(deps, error);
    if (text === undefined) throw error;
    await notifyUser(deps.client, deps.logger, target, text);
  }
}
