import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/storage/db.js';
import { PostgresSql } from '../../src/storage/postgres/pgSql.js';
import { SqliteSql, type Sql } from '../../src/storage/sql.js';
import { SCOPED_TABLES } from '../../src/storage/workspace.js';
import { CALLBACK } from '../../src/slack/ids.js';
import { createPostgresDatabase, testEngine } from '../support/database.js';
import { createInterview, eventually } from '../support/flows.js';
import { OWNER, startHarness, type Harness } from '../support/harness.js';
import { buildViewSubmission } from '../support/signer.js';

/**
 * Issue 16: every row carries its workspace, and a deployment reads and writes only its own. Two
 * workspaces (two Slacks, two bot tokens) share one database — a SQLite file, or one PostgreSQL
 * database in the postgres project — with the same consultant user id in both (Enterprise Grid).
 * Workspace A is driven through everything a deployment does (commands, forms, a week of ticks with
 * reminders, alerts and the digest, retention, erasure, export); B's rows stay exactly as they
 * were, none of B's personal data reaches A's Slack, and B's own bot still does its work.
 */

const TEAM_A = 'TAGENCYA1';
const TEAM_B = 'TAGENCYB2';
const HOUR = 3_600_000;

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** One database, opened twice (as two deployments would). */
async function sharedDatabase(): Promise<() => Promise<Sql>> {
  if (testEngine() === 'postgres') {
    const database = await createPostgresDatabase();
    cleanup.push(() => database.drop());
    return async () => {
      const sql = PostgresSql.connect(database.url, { max: 4 });
      cleanup.push(() => sql.close());
      return sql;
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ip-workspaces-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'shared.db');
  return async () => {
    const db = openDatabase(path);
    migrate(db);
    const sql = new SqliteSql(db);
    cleanup.push(() => sql.close());
    return sql;
  };
}

async function deployment(open: () => Promise<Sql>, team: string, now: Date): Promise<Harness> {
  const h = await startHarness({ sql: await open(), now, slack: { teamId: team, token: `xoxb-${team.toLowerCase()}-token` } });
  cleanup.push(() => h.close());
  return h;
}

/** Every row of workspace `team` in every scoped table, and the sub-records of its interviews. */
async function rowsOf(sql: Sql, team: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of SCOPED_TABLES) out[table] = await sql.all(`SELECT * FROM ${table} WHERE team_id = ? ORDER BY 1, 2`, [team]);
  for (const table of ['stakeholders', 'interview_context', 'candidate_debriefs', 'task_done', 'interview_owners', 'last_minute_changes']) {
    out[table] = await sql.all(`SELECT * FROM ${table} WHERE interview_id IN (SELECT id FROM interviews WHERE team_id = ?) ORDER BY 1`, [team]);
  }
  return out;
}

const everythingSaidTo = (h: Harness) => JSON.stringify(h.fake.calls.map((c) => c.args));

describe('two workspaces on one database', () => {
  it('a deployment never reads or writes the other workspace’s rows, and each is reminded of only its own', async () => {
    const start = new Date('2026-11-30T08:00:00Z');
    const open = await sharedDatabase();
    const b = await deployment(open, TEAM_B, start);
    const { id: idB } = await createInterview(b, OWNER, { candidateName: 'Bram Bakker' });
    const before = await rowsOf(b.sql, TEAM_B);
    expect(before.interviews).toHaveLength(1);
    expect(before.timeline_items!.length).toBeGreaterThan(0);

    const a = await deployment(open, TEAM_A, start);
    const { id: idA } = await createInterview(a, OWNER, { candidateName: 'Anna Alders' });
    expect(idA).not.toBe(idB);

    // A's commands know nothing of B's interview, even by its number.
    for (const text of ['lijst', 'vandaag', 'team', 'cijfers', `verwijder ${idB}`, `export ${idB}`, `overdragen ${idB} <@UOTHER02>`]) {
      const trigger = a.fake.issueTriggerId(OWNER);
      expect((await a.requester.slashCommand({ user_id: OWNER, text, trigger_id: trigger })).status).toBe(200);
    }
    expect(await a.interviews.get(idB)).toBeUndefined();
    expect((await a.interviews.listUpcoming({ from: start, limit: 100 })).map((i) => i.id)).toEqual([idA]);

    // A week of A's ticks: every reminder of A's interview, its risk moments, the weekly digest.
    for (let hour = 0; hour < 24 * 8; hour += 1) {
      a.clock.advance(HOUR);
      await a.tick();
    }
    // A's retention and erasure: A's interview only.
    const trigger = a.fake.issueTriggerId(OWNER);
    await a.requester.slashCommand({ user_id: OWNER, text: `verwijder ${idA}`, trigger_id: trigger });
    await a.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
    const confirm = a.fake.topViewOf(OWNER)!.view;
    expect(confirm.callback_id).toBe(CALLBACK.eraseModal);
    await a.requester.viewSubmission(buildViewSubmission({ user_id: OWNER, view: confirm, values: {} }));
    await eventually(async () => (await a.interviews.get(idA))?.erased === true);
    await a.tick();

    // A did its work: reminders for its own interview reached A's Slack.
    expect(a.fake.callsTo('chat.postMessage').length).toBeGreaterThan(3);
    // B's rows are exactly as they were, and nothing of B's reached A's Slack.
    expect(await rowsOf(a.sql, TEAM_B)).toEqual(before);
    expect(everythingSaidTo(a)).not.toContain('Bram');
    expect(everythingSaidTo(a)).not.toContain(`#${idB}`);
    // Nothing A wrote is B's: every row A's deployment made carries A.
    for (const table of ['interviews', 'timeline_items', 'outbox']) {
      const teams = await a.sql.all<{ team_id: string }>(`SELECT DISTINCT team_id FROM ${table} ORDER BY team_id`);
      expect(teams.map((t) => t.team_id)).toEqual([TEAM_A, TEAM_B]);
    }

    // B's own bot still reminds B's consultant of B's interview, in B's Slack only.
    const sentByBBefore = b.fake.callsTo('chat.postMessage').length;
    b.clock.current = new Date(start.getTime() + 3 * 24 * HOUR);
    await b.tick();
    const fromB = b.fake.callsTo('chat.postMessage').slice(sentByBBefore);
    expect(fromB.length).toBeGreaterThan(0);
    expect(JSON.stringify(fromB.map((c) => c.args))).not.toContain('Anna');
    expect(JSON.stringify(fromB.map((c) => c.args))).not.toContain(`#${idA}`);
  }, 120_000);

  it('the same consultant in two workspaces has a timezone and a DM channel in each', async () => {
    const open = await sharedDatabase();
    const now = new Date('2026-11-30T08:00:00Z');
    const a = await deployment(open, TEAM_A, now);
    const b = await deployment(open, TEAM_B, now);
    await a.runtime.workspace().consultants.saveTimezone(OWNER, 'Europe/Amsterdam', now);
    await b.runtime.workspace().consultants.saveTimezone(OWNER, 'America/New_York', now);
    await a.runtime.workspace().consultants.saveDmChannel(OWNER, 'DAAAA');
    await b.runtime.workspace().consultants.saveDmChannel(OWNER, 'DBBBB');
    expect((await a.runtime.workspace().consultants.get(OWNER))?.tz).toBe('Europe/Amsterdam');
    expect((await b.runtime.workspace().consultants.get(OWNER))?.tz).toBe('America/New_York');
    expect(await a.runtime.workspace().consultants.dmChannel(OWNER)).toBe('DAAAA');
    expect(await b.runtime.workspace().consultants.dmChannel(OWNER)).toBe('DBBBB');
  });

  it('rows from before workspaces were recorded belong to the first deployment that starts on the upgraded database', async () => {
    const open = await sharedDatabase();
    const sql = await open();
    await sql.run(
      `INSERT INTO interviews (owner_id, candidate_name, client_company, role_title, start_at, duration_min, location, format, created_at, updated_at)
       VALUES (?, 'Oud Record', 'Oud BV', 'Dev', ?, 60, 'Utrecht', 'panel', ?, ?)`,
      [OWNER, Date.parse('2026-12-10T10:00:00Z'), 0, 0],
    );
    const a = await deployment(open, TEAM_A, new Date('2026-11-30T08:00:00Z'));
    expect((await a.interviews.listUpcoming({ from: new Date('2026-11-30T08:00:00Z'), limit: 10 })).map((i) => i.logistics.candidateName)).toEqual(['Oud Record']);
    const b = await deployment(open, TEAM_B, new Date('2026-11-30T08:00:00Z'));
    expect(await b.interviews.listUpcoming({ from: new Date('2026-11-30T08:00:00Z'), limit: 10 })).toEqual([]);
  });
});
