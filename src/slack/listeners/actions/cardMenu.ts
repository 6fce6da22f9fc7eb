import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, StaticSelectAction } from '@slack/bolt';
import type { ButtonArgs } from './openForms.js';

type SelectArgs = SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs;

/**
 * The card's "Meer…" menu: the chosen option (`<action id>:<interview id>`) runs the handler of the
 * button it stands for, with the interview id as that button's value — one behaviour per action,
 * wherever it is offered. An option the menu does not know is acknowledged and ignored.
 */
export function cardMenu(handlers: ReadonlyMap<string, (args: ButtonArgs) => Promise<void>>) {
  return async (args: SelectArgs): Promise<void> => {
    const chosen = args.action.selected_option?.value ?? '';
    const cut = chosen.lastIndexOf(':');
    const handler = cut > 0 ? handlers.get(chosen.slice(0, cut)) : undefined;
    if (!handler) {
      await args.ack();
      return;
    }
    const action = {
      type: 'button' as const,
      action_id: chosen.slice(0, cut),
      block_id: args.action.block_id,
      action_ts: args.action.action_ts,
      value: chosen.slice(cut + 1),
      text: args.action.selected_option.text,
    };
    await handler({ ...args, action, payload: action } as unknown as ButtonArgs);
  };
}
