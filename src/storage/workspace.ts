import type { Sql } from './sql.js';

/** The tables whose rows carry their workspace (migrations 0011); sub-records follow their interview. */
export const SCOPED_TABLES = ['interviews', 'timeline_items', 'risk_alerts', 'outbox', 'consultants', 'digests', 'job_runs'] as const;

/**
 * Rows written before workspaces were recorded (team_id '') belong to the workspace this deployment
 * serves: the first start after the upgrade adopts them, in one unit. Afterwards there are none, and
 * a deployment for another workspace on the same database never sees them.
 */
export async function adoptUnscopedRows(sql: Sql, team: string): Promise<number> {
  return sql.atomically(async () => {
    let adopted = 0;
    for (const table of SCOPED_TABLES) adopted += await sql.run(`UPDATE ${table} SET team_id = ? WHERE team_id = ''`, [team]);
    return adopted;
  });
}
