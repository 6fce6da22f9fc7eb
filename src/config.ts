import { z } from 'zod';
import { isValidCron } from './scheduling/cron.js';

/**
 * The runtime contract of SPEC "Runtime contract". Parsed once at startup; nothing else in src/
 * reads process.env, so every variable the bot honours is listed here and in .env.example.
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const slackUserIds = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'each id must look like U0123ABCD')));

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string({ error: 'is required (xoxb-…)' }).regex(/^xoxb-\S+$/, 'must start with xoxb-'),
    SLACK_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^xapp-\S+$/, 'must start with xapp-').optional()),
    SLACK_SIGNING_SECRET: z.preprocess(emptyToUndefined, z.string().min(8, 'looks too short').optional()),
    PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: 'must be a port number (0-65535)' })
        .int({ error: 'must be a port number (0-65535)' })
        .min(0, { error: 'must be a port number (0-65535)' })
        .max(65535, { error: 'must be a port number (0-65535)' })
        .default(3000),
    ),
    DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default('./data/interviewprep.db')),
    SLACK_API_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ message: 'must be a URL such as https://slack.com/api/' })
        .transform((u) => (u.endsWith('/') ? u : `${u}/`))
        .optional(),
    ),
    RISK_ALERT_CHANNEL: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel ID such as C0123ABCD (not a #name)').optional(),
    ),
    DEFAULT_TIMEZONE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isTimeZone, 'must be an IANA timezone such as Europe/Amsterdam')
        .default('Europe/Amsterdam'),
    ),
    APP_LANGUAGE: z.preprocess(emptyToUndefined, z.enum(['nl', 'en'], { error: 'must be nl or en' }).default('nl')),
    SCHEDULER_CRON: z.preprocess(
      emptyToUndefined,
      z.string().refine(isValidCron, 'must be a node-cron expression of 5 or 6 fields, such as * * * * *').default('* * * * *'),
    ),
    RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3650).default(365)),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    ADMIN_USER_IDS: z.preprocess(emptyToUndefined, slackUserIds.optional()),
    PLAYBOOK_URL: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL' }).optional()),
  });

/** Every variable of the runtime contract, for docs and the .env.example check. */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export interface Config {
  slack: {
    botToken: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
    socketMode: boolean;
  };
  port: number;
  databasePath: string;
  riskAlertChannel?: string;
  defaultTimezone: string;
  language: 'nl' | 'en';
  schedulerCron: string;
  retentionDays: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  adminUserIds: ReadonlySet<string>;
  playbookUrl?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const problems = new Map<string, string>();
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const name = String(issue.path[0] ?? 'environment');
    // One line per variable: the first problem is the one to fix first.
    if (!problems.has(name)) problems.set(name, `${name} ${issue.message}`);
  }
  // Checked outside the schema so it is reported together with every other problem.
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  if (blank(env.SLACK_APP_TOKEN) && blank(env.SLACK_SIGNING_SECRET) && !problems.has('SLACK_SIGNING_SECRET')) {
    problems.set(
      'SLACK_SIGNING_SECRET',
      'SLACK_SIGNING_SECRET is required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  if (!parsed.success || problems.size > 0) throw new ConfigError([...problems.values()]);
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      socketMode: Boolean(e.SLACK_APP_TOKEN),
    },
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    riskAlertChannel: e.RISK_ALERT_CHANNEL,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    language: e.APP_LANGUAGE,
    schedulerCron: e.SCHEDULER_CRON,
    retentionDays: e.RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    adminUserIds: new Set(e.ADMIN_USER_IDS ?? []),
    playbookUrl: e.PLAYBOOK_URL,
  };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** DATABASE_PATH alone, for tools that need no Slack token (backup). */
export function databasePathFrom(env: Record<string, string | undefined>): string {
  const value = env.DATABASE_PATH?.trim();
  return value ? value : './data/interviewprep.db';
}
