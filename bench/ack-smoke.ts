/**
 * Quick ack-latency probe for /interviewprep through the real HTTP receiver (sequential requests).
 * The full benchmark with a bare-Bolt baseline and concurrency lives in bench/run.ts (issue 8).
 * Usage: npx tsx bench/ack-smoke.ts [requests]
 */
import { startHarness, OWNER } from '../test/support/harness.js';

const n = Number(process.argv[2] ?? 300);
const h = await startHarness({ env: { LOG_LEVEL: 'warn' } });
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const measure = async (text: string) => {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await h.requester.slashCommand({ user_id: OWNER, text, trigger_id: h.fake.issueTriggerId(OWNER) });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    ms.push(res.ms);
  }
  return { p50: pct(ms, 50).toFixed(2), p99: pct(ms, 99).toFixed(2), max: Math.max(...ms).toFixed(2) };
};
await measure('help'); // warm-up
console.log(JSON.stringify({ requests: n, nieuw: await measure(''), lijst: await measure('lijst'), help: await measure('help') }));
await h.close();
