import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { CALLBACK } from '../src/slack/ids.js';
import { logisticsValues } from '../test/support/flows.js';
import { buildViewSubmission, SlackRequester } from '../test/support/signer.js';
import { DEFAULT_TOKEN } from '../test/support/fakeSlack.js';
import { BENCH_SECRET, BENCH_USERS } from './servers/shared.js';
import { percentile } from './stats.js';

const ROOT = join(import.meta.dirname, '..');

interface Server {
  child: ChildProcess;
  /** The app's port, or for the fake its side door (trigger ids). */
  port: number;
  /** The fake's Web API URL. */
  url: string;
}

function startServer(file: string, env: Record<string, string> = {}, niceness = 0): Promise<Server> {
  const node = [process.execPath, join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'bench', 'servers', file)];
  // Slack's side runs at a lower priority: on this 2-core machine it would otherwise take CPU the
  // app and the clients need, which the real Slack (elsewhere) never does.
  const [cmd, ...args] = niceness > 0 ? ['nice', '-n', String(niceness), ...node] : node;
  const child = spawn(cmd as string, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const app = /READY (\d+)\n/.exec(out);
      const fake = /READY (\S+) (\d+)\n/.exec(out);
      if (fake) resolve({ child, port: Number(fake[2]), url: fake[1] as string });
      else if (app) resolve({ child, port: Number(app[1]), url: '' });
    });
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

async function stop(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.on('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

export type AckKind = 'command' | 'submission';

/** View ids stay unique across every load of a run: a repeated id is a double submit (one save). */
let seq = 0;

/**
 * `clients` loops sending signed requests for `seconds`; returns every latency in ms. Without
 * `perClientPerSecond` each client sends as fast as answers come (closed loop, saturation); with it
 * each client sends at that pace (open loop, the load a team really produces).
 */
async function load(server: Server, fake: Server, kind: AckKind, clients: number, seconds: number, perClientPerSecond?: number): Promise<number[]> {
  const requester = new SlackRequester(`http://127.0.0.1:${server.port}`, BENCH_SECRET);
  const trigger = async (user: string) => (await fetch(`http://127.0.0.1:${fake.port}/?user=${user}`)).text();
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    BENCH_USERS.slice(0, clients).map(async (user, i) => {
      // Paced clients start spread over one interval, as a team's requests do: started together
      // they would stay in lock-step and every beat would be a burst of all 20 at once.
      if (perClientPerSecond) await new Promise((r) => setTimeout(r, (i / clients) * (1000 / perClientPerSecond)));
      while (performance.now() < until) {
        seq += 1;
        const res =
          kind === 'command'
            ? await requester.slashCommand({ user_id: user, text: '', trigger_id: await trigger(user) })
            : await requester.viewSubmission(
                buildViewSubmission({
                  user_id: user,
                  callback_id: CALLBACK.interviewModal,
                  view_id: `VBENCH${seq}`,
                  values: logisticsValues({
                    candidateName: `Kandidaat ${seq}`,
                    clientCompany: 'Bench BV',
                    roleTitle: 'Developer',
                    start: new Date(Date.now() + 3 * 24 * 3_600_000),
                    durationMin: '60',
                    location: 'Utrecht',
                    format: 'panel',
                  }),
                }),
              );
        if (res.status !== 200) throw new Error(`${kind}: HTTP ${res.status}`);
        latencies.push(res.ms);
        if (perClientPerSecond) await new Promise((r) => setTimeout(r, Math.max(0, 1000 / perClientPerSecond - res.ms)));
      }
    }),
  );
  return latencies;
}

export interface AckResult {
  kind: AckKind;
  /** Requests per second in total, or undefined for the closed loop. */
  paced?: number;
  bare: { p50: number; p99: number; requests: number };
  app: { p50: number; p99: number; requests: number };
  ratioP99: number;
}

/**
 * Ack latency of the real app vs a bare Bolt app that only acks, same receiver, same load, run
 * alternately in the same session (this machine is noisy: only the ratio is the result).
 */
export async function benchAck(seconds: number, clients = 20, perClientPerSecond?: number, kinds: readonly AckKind[] = ['command', 'submission']): Promise<AckResult[]> {
  const results: AckResult[] = [];
  for (const kind of kinds) {
    // Slack's side (the fake Web API) runs in its own process, as the real Slack is elsewhere.
    const fake = await startServer('fake.ts', {}, 15);
    const bare = await startServer('bare.ts');
    const app = await startServer('app.ts', { BENCH_SLACK_URL: fake.url, BENCH_TOKEN: DEFAULT_TOKEN,  });
    try {
      await load(bare, fake, kind, clients, 2); // warm-up
      await load(app, fake, kind, clients, 2);
      // Two alternating halves each, so a noisy moment hits both sides.
      const b: number[] = [];
      const a: number[] = [];
      for (let half = 0; half < 2; half++) {
        b.push(...(await load(bare, fake, kind, clients, seconds / 2, perClientPerSecond)));
        a.push(...(await load(app, fake, kind, clients, seconds / 2, perClientPerSecond)));
        await fetch(`http://127.0.0.1:${fake.port}/reset`); // keep the fake's memory flat; users stay
      }
      const summary = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99), requests: xs.length });
      const bs = summary(b);
      const as = summary(a);
      results.push({ kind, paced: perClientPerSecond ? perClientPerSecond * clients : undefined, bare: bs, app: as, ratioP99: as.p99 / bs.p99 });
    } finally {
      await stop(bare);
      await stop(app);
      await stop(fake);
    }
  }
  return results;
}
