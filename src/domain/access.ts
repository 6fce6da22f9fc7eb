import type { Interview } from './interview.js';

/** Only the owner, or a configured admin, may open or change an interview (SPEC "Security"). */
export function canAccess(interview: Pick<Interview, 'ownerId'>, userId: string, admins: ReadonlySet<string>): boolean {
  return interview.ownerId === userId || admins.has(userId);
}
