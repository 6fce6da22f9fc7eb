import type { Db } from './db.js';
import type { RiskReason, RiskRepository } from '../domain/repositories.js';

export class SqliteRiskRepository implements RiskRepository {
  private readonly insert;
  private readonly reasons;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO risk_alerts (interview_id, reason, detail, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (interview_id, reason) DO NOTHING`);
    this.reasons = db.prepare('SELECT reason FROM risk_alerts WHERE interview_id = ? ORDER BY id');
  }

  record(interviewId: number, reason: RiskReason, detail: string | undefined, now: Date): boolean {
    return this.insert.run(interviewId, reason, detail ?? null, now.getTime()).changes === 1;
  }

  reasonsFor(interviewId: number): RiskReason[] {
    return (this.reasons.all(interviewId) as { reason: RiskReason }[]).map((r) => r.reason);
  }
}
