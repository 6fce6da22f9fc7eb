import { SIGNING_SECRET, type Harness } from './harness.js';
import { SlackRequester } from './signer.js';

export interface InstallResult {
  /** The status and body of the page the installer's browser ends on. */
  status: number;
  body: string;
  /** Signed requests as Slack sends them for this workspace. */
  requester: SlackRequester;
  /** Replays the redirect (same code, state and cookie), as a reloaded browser tab would. */
  replay(): Promise<{ status: number; body: string }>;
}

/**
 * A person installs the app into `teamId` the way a browser does it: GET /slack/install (the app
 * sets its state cookie and redirects to Slack's consent screen with that state), Allow on Slack's
 * side (`fake.approveInstall`: the code), then GET /slack/oauth_redirect with code, state and the
 * cookie — the app exchanges the code through the fake's oauth.v2.access.
 */
export async function installThroughOAuth(h: Harness, opts: { teamId: string; userId: string; teamName?: string }): Promise<InstallResult> {
  const base = `http://127.0.0.1:${h.runtime.slack.port}`;
  const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`/slack/install answered ${start.status}`);
  const consent = new URL(start.headers.get('location') ?? '');
  const state = consent.searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const code = h.fake.approveInstall(opts);
  const redirect = `${base}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`;
  const go = async () => {
    const res = await fetch(redirect, { headers: { cookie }, redirect: 'manual' });
    return { status: res.status, body: await res.text() };
  };
  const done = await go();
  return { ...done, requester: new SlackRequester(base, SIGNING_SECRET, { teamId: opts.teamId }), replay: go };
}

/** The harness as seen from one installed workspace: its requester and its repositories. */
export function asWorkspace(h: Harness, team: string, requester: SlackRequester): Harness {
  const slice = () => h.runtime.workspace(team);
  return {
    ...h,
    requester,
    get interviews() {
      return slice().interviews;
    },
    get timeline() {
      return slice().timeline;
    },
  };
}
