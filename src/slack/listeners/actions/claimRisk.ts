import type { ListenerDeps } from '../../context.js';
import { notifyUser } from '../../services/notify.js';
import { parseButtonId } from '../../views/state.js';
import { withRefusals } from '../../services/access.js';
import type { ButtonArgs } from './openForms.js';
import { ackNow } from '../../ack.js';

/**
 * `Opgepakt` on a risk alert: a team lead claims it; the message shows who. Anyone in the channel
 * may, except the consultant the alert is about (unless an admin): they get a polite ephemeral
 * refusal and nothing is recorded.
 */
export function claimRisk(deps: ListenerDeps) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ackNow(ack);
    const target = { user: body.user.id, channel: body.channel?.id };
    await withRefusals(deps, target, async () => {
      const result = await deps.riskAlerts.claim(parseButtonId(action.value, 'risk alert'), body.user.id, deps.now(), deps.admins.has(body.user.id));
      if (result.refused === 'own') {
        await notifyUser(deps.client, deps.logger, target, deps.t('risk.claimOwn'));
      } else if (!result.claimed && result.by && result.by !== body.user.id) {
        await notifyUser(deps.client, deps.logger, target, deps.t('risk.alreadyClaimed', { user: result.by }));
      }
    });
  };
}
