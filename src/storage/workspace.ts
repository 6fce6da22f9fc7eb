import type { Sql } from './sql.js';

/** The tables whose rows carry their workspace (migrations 0011); sub-records follow their interview. */
export const SCOPED_TABLES = ['interviews', 'timeline_items', 'risk_alerts', 'outbox', 'consultants', 'digests', 'job_runs'] as const;

/** Recorded (in no workspace) once the rows from before 0011 have an owner. */
const ADOPTED = `SELECT 1 AS done FROM job_runs WHERE team_id = '' AND name = 'workspace_adoption'`;

/**
 * Rows written before workspaces were recorded (team_id '') belong to the workspace this deployment
 * serves: the first start after the upgrade adopts them, in one unit, and records that it did; later
 * starts only read that record (scanning a million rows on every start costs time and memory). A
 * deployment for another workspace on the same database never sees them.
 */
export async function adoptUnscopedRows(sql: Sql, team: string, now: Date): Promise<number> {
  if (await sql.get(ADOPTED)) return 0;
  return sql.atomically(async () => {
    if (await sql.get(ADOPTED)) return 0;
    let adopted = 0;
    for (const table of SCOPED_TABLES) adopted += await sql.run(`UPDATE ${table} SET team_id = ? WHERE team_id = ''`, [team]);
    await sql.run(`INSERT INTO job_runs (team_id, name, last_run_at) VALUES ('', 'workspace_adoption', ?)`, [now.getTime()]);
    return adopted;
  });
}

/**
 * Every row of one workspace, gone in one unit (a workspace that uninstalled the app, after the
 * retention period): its interviews with their sub-records (foreign keys cascade), then the rows
 * that belong to the workspace directly. Nothing of another workspace is touched. The number of rows.
 */
export async function eraseWorkspaceRows(sql: Sql, team: string): Promise<number> {
  if (team === '') throw new Error('refusing to erase the rows of no workspace');
  return sql.atomically(async () => {
    let erased = 0;
    for (const table of SCOPED_TABLES) erased += await sql.run(`DELETE FROM ${table} WHERE team_id = ?`, [team]);
    return erased;
  });
}
