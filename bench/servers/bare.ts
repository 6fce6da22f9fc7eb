/**
 * The baseline: a bare Bolt app on the same HTTP receiver whose handlers only acknowledge.
 * Prints `READY <port> 0`.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Server } from 'node:http';
import { CALLBACK, COMMAND } from '../../src/slack/ids.js';
import { BENCH_SECRET } from './shared.js';

const receiver = new HTTPReceiver({ signingSecret: BENCH_SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const app = new App({
  receiver,
  logLevel: LogLevel.ERROR,
  // No Slack to ask: a fixed authorization, as a single-workspace app without token checks.
  authorize: async () => ({ botToken: 'xoxb-bare', botId: 'B0', botUserId: 'UBOT' }),
});
app.command(COMMAND, async ({ ack }) => ack());
app.view(CALLBACK.interviewModal, async ({ ack }) => ack());
const server = (await app.start(0)) as unknown as Server;
process.stdout.write(`READY ${(server.address() as { port: number }).port}\n`);
process.on('SIGTERM', async () => {
  await app.stop();
  process.exit(0);
});
