import { setImmediate as nextTurn } from 'node:timers/promises';

type Ack<R> = (response?: R) => Promise<void>;

/**
 * Acknowledges, then yields one turn of the event loop before the listener goes on. Node flushes the
 * HTTP response only when the current chain of promise callbacks is done; without this yield the
 * work after the ack (building a card, preparing a Web API call) would sit in front of the
 * response and Slack would wait for it.
 */
export async function ackNow<R>(ack: Ack<R>, response?: R): Promise<void> {
  await (response === undefined ? ack() : ack(response));
  await nextTurn();
}
