import { validate } from 'node-cron';

/** Whether node-cron accepts the expression (5 fields, or 6 with seconds). */
export function isValidCron(expression: string): boolean {
  return validate(expression);
}
