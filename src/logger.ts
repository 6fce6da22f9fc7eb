import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Personal data (candidate names, contact details, free text) must never be
 * passed to the logger: log ids, kinds, counts and Slack error codes only. The redact list is a
 * second line of defence for fields that might slip in from Slack payloads.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'interview-prep' },
      redact: {
        paths: [
          'candidateName',
          'candidate_name',
          '*.candidateName',
          '*.candidate_name',
          'text',
          '*.text',
          'token',
          '*.token',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? process.stdout,
  );
}
