import type { Interview, Logistics } from './interview.js';

/**
 * Storage ports the domain and the Slack layer depend on; src/storage implements them with SQLite.
 * Every method is synchronous (better-sqlite3) and atomic.
 */
export interface InterviewRepository {
  /**
   * Stores a new interview. The same `originViewId` twice (a double-submitted modal) returns the
   * interview stored the first time instead of a duplicate.
   */
  create(ownerId: string, logistics: Logistics, now: Date, originViewId?: string): Interview;
  /**
   * Replaces the logistics. With `expectedRevision`, a concurrent change (a double submit, a second
   * tab) is refused with RevisionConflictError instead of silently overwriting.
   */
  updateLogistics(id: number, logistics: Logistics, now: Date, expectedRevision?: number): Interview;
  get(id: number): Interview | undefined;
  setCard(id: number, card: { channel: string; ts: string }): void;
  /** Scheduled interviews starting at or after `from`, soonest first; `ownerId` undefined = everyone. */
  listUpcoming(query: { ownerId?: string; from: Date; until?: Date; limit: number }): Interview[];
  countUpcoming(query: { ownerId?: string; from: Date; until?: Date }): number;
}

export interface ConsultantRepository {
  get(userId: string): { tz?: string; fetchedAt?: Date } | undefined;
  saveTimezone(userId: string, tz: string | undefined, fetchedAt: Date): void;
}

export class RevisionConflictError extends Error {
  override readonly name = 'RevisionConflictError';
  constructor(readonly interviewId: number) {
    super(`Interview ${interviewId} was changed concurrently`);
  }
}
