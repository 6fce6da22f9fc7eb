/**
 * Slack's side for the ack benchmark, in a process of its own (as the real Slack is elsewhere):
 * the fake Web API plus a small side door for the load generator to get trigger_ids.
 * Prints `READY <webApiUrl> <sidePort>`.
 */
import { createServer } from 'node:http';
import { startFakeSlack } from '../../test/support/fakeSlack.js';
import { BENCH_USERS } from './shared.js';

const fake = await startFakeSlack();
for (const u of BENCH_USERS) fake.setUser(u, { tz: 'Europe/Amsterdam' });
const side = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/reset') {
    fake.reset();
    res.end('ok');
    return;
  }
  res.end(fake.issueTriggerId(url.searchParams.get('user') ?? (BENCH_USERS[0] as string)));
});
side.keepAliveTimeout = 60_000;
await new Promise<void>((r) => side.listen(0, '127.0.0.1', () => r()));
process.stdout.write(`READY ${fake.url} ${(side.address() as { port: number }).port}\n`);
process.on('SIGTERM', async () => {
  side.close();
  await fake.close();
  process.exit(0);
});
