/**
 * Only the ack-latency benchmark, for working on the ack path (the full run is `npm run bench`).
 * Usage: npx tsx bench/ack-only.ts [command,submission] [sat]   (BENCH_SECONDS, default 10)
 * Prints per kind: mode, p99 ratio, app p50/p99 ms, bare p50/p99 ms, requests app/bare.
 */
import { benchAck, type AckKind } from './ack.js';

const kinds = (process.argv[2] ?? 'command,submission').split(',') as AckKind[];
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const results = process.argv[3] === 'sat' ? await benchAck(seconds, 20, undefined, kinds) : await benchAck(seconds, 20, 5, kinds);
for (const a of results) {
  console.log(a.kind, a.paced ?? 'saturated', `${a.ratioP99.toFixed(2)}×`, `app ${Math.round(a.app.p50)}/${Math.round(a.app.p99)} ms`, `bare ${Math.round(a.bare.p50)}/${Math.round(a.bare.p99)} ms`, `${a.app.requests}/${a.bare.requests} req`);
}
