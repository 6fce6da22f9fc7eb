import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.js';
import { classifySlackError } from '../slackErrors.js';

/**
 * Tells one user something outside a modal: ephemeral where they clicked, else a DM. Used for
 * refusals and failures after the request was already acknowledged.
 */
export async function notifyUser(
  client: WebClient,
  logger: Logger,
  target: { user: string; channel?: string },
  text: string,
): Promise<void> {
  try {
    if (target.channel) {
      await client.chat.postEphemeral({ channel: target.channel, user: target.user, text });
      return;
    }
  } catch (error) {
    logger.info({ slackError: classifySlackError(error).code }, 'ephemeral notice failed; sending a DM');
  }
  try {
    await client.chat.postMessage({ channel: target.user, text });
  } catch (error) {
    logger.warn({ slackError: classifySlackError(error).code }, 'could not notify user');
  }
}
