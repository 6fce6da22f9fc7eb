import { afterEach, describe, expect, it } from 'vitest';
import { SCOPED_TABLES } from '../../src/storage/workspace.js';
import { TokenCipher } from '../../src/storage/tokenCipher.js';
import { createInterview, eventually } from '../support/flows.js';
import { testEngine } from '../support/database.js';
import { ENCRYPTION_KEY, SIGNING_SECRET, startHarness, type Harness } from '../support/harness.js';
import { SlackRequester } from '../support/signer.js';
import { asWorkspace, installThroughOAuth } from '../support/oauth.js';
import type { RecordedCall } from '../support/fakeSlack.js';

/**
 * Issue 16, one deployment for many agencies: each workspace installs the app through Slack's OAuth
 * v2 flow (Bolt's /slack/install and /slack/oauth_redirect, the fake's oauth.v2.access), its bot
 * token kept encrypted in the database. Every listener and job works for the workspace it belongs
 * to, with that workspace's token; an uninstall stops the workspace and its data is erased after
 * RETENTION_DAYS. On both engines.
 */

const TEAM_A = 'TAGENCYA1';
const TEAM_B = 'TAGENCYB2';
const ALICE = 'UALICE001';
const BRAM = 'UBRAM0002';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.close();
  harnesses = [];
});

async function oauthApp(env: Record<string, string> = {}): Promise<Harness> {
  const h = await startHarness({ oauth: true, env });
  harnesses.push(h);
  h.fake.setUser(ALICE, { tz: 'Europe/Amsterdam', real_name: 'Alice Agent' });
  h.fake.setUser(BRAM, { tz: 'Europe/Amsterdam', real_name: 'Bram Broker' });
  return h;
}

/** Both agencies install the app; each logs one interview through its own Slack. */
async function twoAgencies(h: Harness) {
  const installA = await installThroughOAuth(h, { teamId: TEAM_A, userId: ALICE, teamName: 'Agency A' });
  const installB = await installThroughOAuth(h, { teamId: TEAM_B, userId: BRAM, teamName: 'Agency B' });
  const a = asWorkspace(h, TEAM_A, installA.requester);
  const b = asWorkspace(h, TEAM_B, installB.requester);
  const { id: idA } = await createInterview(a, ALICE, { candidateName: 'Anna Alders' });
  const { id: idB } = await createInterview(b, BRAM, { candidateName: 'Bram Bakker' });
  return { installA, installB, a, b, idA, idB };
}

const said = (calls: RecordedCall[]) => JSON.stringify(calls.map((c) => c.args));
const callsOf = (h: Harness, team: string, since = 0) => h.fake.calls.slice(since).filter((c) => c.team === team);

async function tickThrough(h: Harness, hours: number): Promise<void> {
  for (let i = 0; i < hours; i += 1) {
    h.clock.advance(HOUR);
    await h.tick();
  }
}

describe('one install per workspace (OAuth)', () => {
  it('two workspaces installed through the OAuth flow: each consultant sees and is reminded of only their own interviews', async () => {
    const h = await oauthApp();
    const { installA, installB, idA, idB } = await twoAgencies(h);
    expect(installA.status).toBe(200);
    expect(installA.body).toContain('Interview Prep is geïnstalleerd in Agency A');
    expect(installB.status).toBe(200);

    // Each workspace's token is stored encrypted, bound to its row.
    const rows = await h.sql.all<{ team_id: string; bot_token: string }>('SELECT team_id, bot_token FROM installations ORDER BY team_id');
    expect(rows.map((r) => r.team_id)).toEqual([TEAM_A, TEAM_B]);
    const cipher = TokenCipher.fromKey(Buffer.from(ENCRYPTION_KEY, 'base64'));
    for (const row of rows) {
      const token = h.fake.tokenOf(row.team_id)!;
      expect(row.bot_token).not.toContain(token);
      expect(row.bot_token).toMatch(/^v1\./);
      expect(cipher.decrypt(row.bot_token, row.team_id)).toBe(token);
    }

    // Two days of ticks: the prep reminder, the interview day, the follow-up.
    await tickThrough(h, 60);

    for (const [team, user, own, other, otherId] of [
      [TEAM_A, ALICE, 'Anna', 'Bram Bakker', idB],
      [TEAM_B, BRAM, 'Bram Bakker', 'Anna', idA],
    ] as const) {
      const calls = callsOf(h, team);
      // Everything the app said in this workspace went with this workspace's token …
      expect(calls.every((c) => c.token === h.fake.tokenOf(team))).toBe(true);
      expect(said(calls)).toContain(own);
      // … and nothing of the other workspace's interview, by name or number.
      expect(said(calls)).not.toContain(other);
      expect(said(calls)).not.toContain(`#${otherId}`);
      // The consultant got their card and their reminders.
      const reminders = h.fake.dmsTo(user).filter((m) => m.metadata?.event_type === 'interviewprep_reminder');
      expect(reminders.length).toBeGreaterThan(1);
      expect(h.fake.dmsTo(user).some((m) => JSON.stringify(m).includes(other))).toBe(false);
    }
    // The rows carry their workspace.
    const owners = await h.sql.all<{ team_id: string; owner_id: string }>('SELECT team_id, owner_id FROM interviews ORDER BY team_id');
    expect(owners).toEqual([
      { team_id: TEAM_A, owner_id: ALICE },
      { team_id: TEAM_B, owner_id: BRAM },
    ]);
    // Owed messages: one in each workspace, and one of a workspace that is not installed (left out).
    const owe = `UPDATE outbox SET state = 'pending' WHERE id = (SELECT MIN(id) FROM outbox WHERE team_id = ? AND state = 'sent')`;
    for (const team of [TEAM_A, TEAM_B, TEAM_B]) expect(await h.sql.run(owe, [team])).toBe(1);
    await h.sql.run(`UPDATE outbox SET team_id = 'TGONE' WHERE id = (SELECT MIN(id) FROM outbox WHERE team_id = ? AND state = 'pending')`, [TEAM_B]);
    const health = (await (await fetch(`http://127.0.0.1:${h.runtime.slack.port}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, install: 'oauth', workspaces: 2, outbox: { pending: 2, erasuresPending: 0 } });
  }, 120_000);

  it('a workspace that never installed the app is refused; the install flow refuses a forged state and a used code', async () => {
    const h = await oauthApp();
    await installThroughOAuth(h, { teamId: TEAM_A, userId: ALICE });
    // A forged state (no cookie of ours, not signed by us): nothing stored.
    const base = `http://127.0.0.1:${h.runtime.slack.port}`;
    const forged = await fetch(`${base}/slack/oauth_redirect?code=${h.fake.approveInstall({ teamId: TEAM_B, userId: BRAM })}&state=forged`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Installeren is niet gelukt');
    // The same redirect again (a reloaded tab): Slack refuses the used code, nothing changes.
    const first = await installThroughOAuth(h, { teamId: TEAM_B, userId: BRAM });
    const before = await h.sql.all('SELECT * FROM installations ORDER BY team_id');
    const again = await first.replay();
    expect(again.status).toBe(400);
    expect(h.fake.calls.filter((c) => c.method === 'oauth.v2.access').at(-1)?.response).toMatchObject({ ok: false, error: 'invalid_code' });
    expect(await h.sql.all('SELECT * FROM installations ORDER BY team_id')).toEqual(before);

    // A request signed by Slack for a workspace without an installation: refused, nothing stored.
    const mark = h.fake.calls.length;
    const stranger = new SlackRequester(base, SIGNING_SECRET, { teamId: 'TNOTINSTALLED' });
    // Bolt acknowledges it (Slack must not retry) and runs no listener: nothing said, nothing stored.
    expect((await stranger.slashCommand({ user_id: ALICE, text: '', trigger_id: h.fake.issueTriggerId(ALICE) })).status).toBe(200);
    expect(h.fake.calls.slice(mark)).toEqual([]);
    expect(h.logs.some((l) => l.msg === 'ignored a request from a workspace that has not installed the app' && l.team === 'TNOTINSTALLED')).toBe(true);
    expect(await h.sql.get('SELECT COUNT(*) AS n FROM interviews')).toMatchObject({ n: 0 });
  }, 60_000);

  it('each workspace’s admins set its own risk channel and team leads; alerts and escalations follow them', async () => {
    const h = await oauthApp();
    const CAROL = 'UCAROL003';
    h.fake.setUser(CAROL, { tz: 'Europe/Amsterdam', real_name: 'Carol Coach' });
    const { installA, installB } = await twoAgencies(h);
    const say = async (install: typeof installA, user: string, text: string) =>
      (await install.requester.slashCommand({ user_id: user, text, trigger_id: h.fake.issueTriggerId(user) })).body;

    // The person who installed is the admin until the settings say otherwise; others may look, not change.
    expect(await say(installA, ALICE, 'instellingen')).toContain(`Admins: <@${ALICE}>`);
    expect(await say(installA, CAROL, 'instellingen kanaal <#C0RISKA1|risico>')).toContain('Alleen de admins');
    expect(await say(installA, ALICE, 'instellingen kanaal <#C0RISKA1|risico>')).toContain('Opgeslagen');
    expect(await say(installA, ALICE, `instellingen teamleads <@${CAROL}|carol>`)).toContain(`Teamleads: <@${CAROL}>`);
    expect(await say(installA, ALICE, 'instellingen admins geen')).toContain('Dat begreep ik niet');
    // B's settings are B's own.
    expect(await say(installB, BRAM, 'instellingen')).toMatch(/Risicokanaal: geen[\s\S]*Admins: <@UBRAM0002>/);

    await tickThrough(h, 60);
    const toChannel = (team: string) => callsOf(h, team).filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('C'));
    expect(toChannel(TEAM_A).length).toBeGreaterThan(0);
    expect(toChannel(TEAM_A).every((c) => c.args.channel === 'C0RISKA1')).toBe(true);
    expect(toChannel(TEAM_B)).toEqual([]);
    // A's unclaimed alerts reached A's team lead; nobody in B was named, so nothing was escalated there.
    expect(h.fake.dmsTo(CAROL).length).toBeGreaterThan(0);
    expect(await h.sql.all('SELECT team_id, risk_alert_channel, team_lead_user_ids FROM workspace_settings ORDER BY team_id')).toEqual([
      { team_id: TEAM_A, risk_alert_channel: 'C0RISKA1', team_lead_user_ids: CAROL },
    ]);
  }, 120_000);

  it('warns at start that the environment’s channel, admins and leads are ignored with the OAuth install', async () => {
    const h = await oauthApp({ RISK_ALERT_CHANNEL: 'C0RISK001', TEAM_LEAD_USER_IDS: ALICE });
    const warning = h.logs.find((l) => String(l.msg).startsWith('with the OAuth install these are ignored'));
    expect(warning?.variables).toEqual(['RISK_ALERT_CHANNEL', 'TEAM_LEAD_USER_IDS']);
    const plain = await oauthApp();
    expect(plain.logs.some((l) => String(l.msg).startsWith('with the OAuth install these are ignored'))).toBe(false);
  });

  it('a workspace whose tick fails does not hold up the others; the tick still reports the failure', async () => {
    const h = await oauthApp();
    await twoAgencies(h);
    // Workspace A's database writes to its timeline fail (a trigger: as a broken row or a full disk would).
    if (testEngine() === 'postgres') {
      await h.sql.run(`CREATE FUNCTION refuse_a() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$ LANGUAGE plpgsql`);
      await h.sql.run(`CREATE TRIGGER refuse_a BEFORE UPDATE ON timeline_items FOR EACH ROW WHEN (NEW.team_id = '${TEAM_A}') EXECUTE FUNCTION refuse_a()`);
    } else {
      await h.sql.run(`CREATE TRIGGER refuse_a BEFORE UPDATE ON timeline_items WHEN NEW.team_id = '${TEAM_A}' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`);
    }
    const mark = h.fake.calls.length;
    const posts = (team: string) => callsOf(h, team, mark).filter((c) => c.method === 'chat.postMessage').length;
    // Three moments with a reminder due in both workspaces (interviews Wednesday 09:00 Amsterdam):
    // the prep reminders, the check-in (T − 2 h), the client reminder (T − 1 h). The order in which
    // workspaces take their turn rotates, so A goes first in at least one of these ticks.
    for (const at of ['2026-12-01T08:30:00Z', '2026-12-02T06:30:00Z', '2026-12-02T07:30:00Z']) {
      h.clock.current = new Date(at);
      const before = posts(TEAM_B);
      await expect(h.tick()).rejects.toThrow();
      expect(posts(TEAM_B), at).toBeGreaterThan(before);
    }
    expect(posts(TEAM_A)).toBe(0);
    expect(h.logs.filter((l) => l.msg === 'a workspace’s tick failed; the others went on').map((l) => l.team)).toEqual([TEAM_A, TEAM_A, TEAM_A]);
  }, 60_000);

  it('an uninstall stops that workspace at once and erases its data after RETENTION_DAYS; the other goes on; reinstalling before then resumes', async () => {
    const h = await oauthApp({ RETENTION_DAYS: '30' });
    const { installA, installB, b, idB } = await twoAgencies(h);

    // Agency A removes the app: Slack revokes its token and sends app_uninstalled (then tokens_revoked).
    h.fake.revoke(TEAM_A);
    expect((await installA.requester.event({ type: 'app_uninstalled' })).status).toBe(200);
    expect((await installA.requester.event({ type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOTNCYA'] } })).status).toBe(200);
    await eventually(async () => (await h.sql.get<{ stopped_at: number | null }>('SELECT stopped_at FROM installations WHERE team_id = ?', [TEAM_A]))?.stopped_at != null);
    const stopped = await h.sql.get<{ bot_token: string | null; stop_reason: string }>('SELECT bot_token, stop_reason FROM installations WHERE team_id = ?', [TEAM_A]);
    expect(stopped).toEqual({ bot_token: null, stop_reason: 'app_uninstalled' });

    // From now on nothing is attempted for A (not even with its dead token); B is reminded as before.
    const mark = h.fake.calls.length;
    await tickThrough(h, 60);
    expect(h.fake.calls.slice(mark).filter((c) => c.token !== undefined && c.token === h.fake.tokenOf(TEAM_B)).length).toBeGreaterThan(0);
    expect(h.fake.calls.slice(mark).filter((c) => c.team === TEAM_A)).toEqual([]);
    expect(said(callsOf(h, TEAM_B, mark))).toContain('Bram Bakker');
    // A's requests are ignored (no installation), its rows are still there within the retention period.
    const beforeCommand = h.fake.calls.length;
    expect((await installA.requester.slashCommand({ user_id: ALICE, text: 'lijst', trigger_id: h.fake.issueTriggerId(ALICE) })).status).toBe(200);
    expect(h.fake.calls.slice(beforeCommand)).toEqual([]);
    expect(await h.sql.get('SELECT COUNT(*) AS n FROM interviews WHERE team_id = ?', [TEAM_A])).toMatchObject({ n: 1 });

    // B revokes its bot token too, then installs again within the period: its data and work resume.
    expect((await installB.requester.event({ type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOTNCYB'] } })).status).toBe(200);
    h.fake.revoke(TEAM_B);
    await eventually(async () => (await h.sql.get<{ stop_reason: string | null }>('SELECT stop_reason FROM installations WHERE team_id = ?', [TEAM_B]))?.stop_reason === 'tokens_revoked');
    h.clock.advance(10 * DAY);
    await h.tick();
    const reinstall = await installThroughOAuth(h, { teamId: TEAM_B, userId: BRAM, teamName: 'Agency B' });
    expect(reinstall.status).toBe(200);
    await h.tick();
    expect(h.runtime.workspace(TEAM_B).token).toBe(h.fake.tokenOf(TEAM_B));
    expect(await b.interviews.get(idB)).toBeDefined();
    const bRows = await h.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM timeline_items WHERE team_id = ?', [TEAM_B]);

    // Past A's retention period: every row of A is gone, B's are untouched.
    h.clock.advance(21 * DAY);
    await h.tick();
    for (const table of SCOPED_TABLES) {
      expect(await h.sql.get(`SELECT COUNT(*) AS n FROM ${table} WHERE team_id = ?`, [TEAM_A]), table).toMatchObject({ n: 0 });
    }
    expect(await h.sql.get('SELECT COUNT(*) AS n FROM installations WHERE team_id = ?', [TEAM_A])).toMatchObject({ n: 0 });
    expect(await h.sql.get('SELECT COUNT(*) AS n FROM timeline_items WHERE team_id = ?', [TEAM_B])).toEqual(bRows);
    // (B's interview itself is kept; its personal data went the normal way: finished 30 days ago.)
    expect((await b.interviews.get(idB))?.id).toBe(idB);
    expect(h.logs.some((l) => l.msg === 'erased the data of a workspace that uninstalled the app' && l.team === TEAM_A)).toBe(true);
  }, 120_000);
});
