import type { Interview } from '../domain/interview.js';
import type { InterviewRepository, JobRunRepository } from '../domain/repositories.js';
import type { Logger } from '../logger.js';

const DAY = 24 * 3_600_000;
const JOB = 'retention';

export interface RetentionDeps {
  interviews: InterviewRepository;
  runs: JobRunRepository;
  /** Erases one interview (database first; its Slack rewrites become outbox rows for the tick). */
  erase: (interview: Interview, now: Date) => Promise<boolean>;
  retentionDays: number;
  logger: Logger;
}

/**
 * Daily: erase the personal data of interviews that ended more than RETENTION_DAYS ago. The last
 * completed run is stored, so a restart neither repeats nor skips a day; a run the tick's budget
 * cut short is not complete, and the next tick goes on with what is left. Returns how many were erased.
 */
export async function runRetention(deps: RetentionDeps, now: Date, shouldStop: () => boolean): Promise<number> {
  const last = await deps.runs.lastRun(JOB);
  if (last !== undefined && now.getTime() - last.getTime() < DAY) return 0;
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY);
  let erased = 0;
  let complete = true;
  for (const id of await deps.interviews.dueForErasure(cutoff, 1000)) {
    if (shouldStop()) {
      complete = false;
      break;
    }
    const interview = await deps.interviews.get(id);
    if (interview && (await deps.erase(interview, now))) erased += 1;
  }
  if (complete) await deps.runs.recordRun(JOB, now);
  deps.logger.info({ erased, retentionDays: deps.retentionDays, complete }, 'retention run');
  return erased;
}
