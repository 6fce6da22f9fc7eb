import { z } from 'zod';
import type { QuietHours } from './domain/quietHours.js';
import { isValidCron } from './scheduling/cron.js';
import { parseEncryptionKey } from './storage/tokenCipher.js';
import { isHolidayCountry } from './workingCalendar.js';

/**
 * The runtime contract of SPEC "Runtime contract". Parsed once at startup; nothing else in src/
 * reads process.env, so every variable the bot honours is listed here and in .env.example.
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const slackUserIds = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'each id must look like U0123ABCD')));

/** A whole number of minutes from 1 to a day. */
const minutes = (name: string, fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number of minutes (1-1440)' })
    .int({ error: 'must be a whole number of minutes (1-1440)' })
    .min(1, { error: 'must be a whole number of minutes (1-1440)' })
    .max(1440, { error: 'must be a whole number of minutes (1-1440)' })
    .default(fallback)
    .describe(name);

const envSchema = z
  .object({
    // Required unless the app is installed per workspace through OAuth (SLACK_CLIENT_ID…): checked below.
    SLACK_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^xoxb-\S+$/, 'must start with xoxb-').optional()),
    SLACK_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^xapp-\S+$/, 'must start with xapp-').optional()),
    SLACK_SIGNING_SECRET: z.preprocess(emptyToUndefined, z.string().min(8, 'looks too short').optional()),
    // One install per workspace (issue 16): Slack's OAuth v2 flow instead of one SLACK_BOT_TOKEN.
    SLACK_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d+\.\d+$/, 'must be the app\'s Client ID, such as 1234567890.0987654321').optional()),
    SLACK_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'looks too short').optional()),
    SLACK_STATE_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters (any random string)').optional()),
    TOKEN_ENCRYPTION_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s, ctx) => {
          const key = parseEncryptionKey(s);
          if (!key) {
            ctx.addIssue({ code: 'custom', message: 'must be 32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits' });
            return z.NEVER;
          }
          return key;
        })
        .optional(),
    ),
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
    // Set: PostgreSQL (several instances on one database server); unset: SQLite at DATABASE_PATH.
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgres://user:password@host:5432/interviewprep')
        .optional(),
    ),
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
    TEAM_LEAD_USER_IDS: z.preprocess(emptyToUndefined, slackUserIds.optional()),
    NUDGE_AFTER_MINUTES: z.preprocess(emptyToUndefined, minutes('NUDGE_AFTER_MINUTES', 30)),
    ESCALATE_AFTER_MINUTES: z.preprocess(emptyToUndefined, minutes('ESCALATE_AFTER_MINUTES', 30)),
    HOLIDAY_COUNTRY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s) => s.trim().toUpperCase())
        .refine(isHolidayCountry, 'must be a country code such as NL or BE (or "none" for weekends only)')
        .default('NL'),
    ),
    QUIET_HOURS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s, ctx) => {
          const q = parseQuietHours(s);
          if (q === undefined) {
            ctx.addIssue({ code: 'custom', message: 'must be HH:MM-HH:MM such as 20:00-08:00 (or "off")' });
            return z.NEVER;
          }
          return q;
        })
        .default(parseQuietHours('20:00-08:00') as QuietHours),
    ),
  });

/** Every variable of the runtime contract, for docs and the .env.example check. */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export interface Config {
  slack: {
    /** One workspace: its bot token. Unset when workspaces install the app themselves (`oauth`). */
    botToken?: string;
    /** Every workspace installs the app through Slack's OAuth v2 flow; tokens live in the database. */
    oauth?: { clientId: string; clientSecret: string; stateSecret: string; encryptionKey: Buffer };
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
    socketMode: boolean;
  };
  port: number;
  databasePath: string;
  /** PostgreSQL instead of SQLite (DATABASE_PATH is then unused). */
  databaseUrl?: string;
  riskAlertChannel?: string;
  defaultTimezone: string;
  language: 'nl' | 'en';
  schedulerCron: string;
  retentionDays: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  adminUserIds: ReadonlySet<string>;
  playbookUrl?: string;
  /** Who gets unclaimed risk alerts as a DM, and the "Team vandaag" view (admins too). */
  teamLeadUserIds: ReadonlySet<string>;
  nudgeAfterMinutes: number;
  escalateAfterMinutes: number;
  /** ISO country whose public holidays are not working days; 'NONE' = weekends only. */
  holidayCountry: string;
  /** When prep reminders, nudges and overdue DMs wait (the consultant's zone); undefined = never. */
  quietHours?: QuietHours;
}

/** `20:00-08:00` → minutes after local midnight; `off` → null (never quiet); undefined = malformed. */
export function parseQuietHours(value: string): QuietHours | null | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'off' || v === 'none') return null;
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return undefined;
  const from = h1 * 60 + m1;
  const until = h2 * 60 + m2;
  return from === until ? undefined : { fromMinute: from, untilMinute: until };
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
  // Checked outside the schema so they are reported together with every other problem.
  checkInstallMode(env, problems);
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  if (blank(env.SLACK_APP_TOKEN) && blank(env.SLACK_SIGNING_SECRET) && !problems.has('SLACK_SIGNING_SECRET')) {
    problems.set(
      'SLACK_SIGNING_SECRET',
      'SLACK_SIGNING_SECRET is required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  if (!parsed.success || problems.size > 0) throw new ConfigError([...problems.values()]);
  const e = parsed.data;
  const oauth =
    e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET && e.TOKEN_ENCRYPTION_KEY
      ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET, encryptionKey: e.TOKEN_ENCRYPTION_KEY }
      : undefined;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      ...(oauth ? { oauth } : {}),
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      socketMode: Boolean(e.SLACK_APP_TOKEN),
    },
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    riskAlertChannel: e.RISK_ALERT_CHANNEL,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    language: e.APP_LANGUAGE,
    schedulerCron: e.SCHEDULER_CRON,
    retentionDays: e.RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    adminUserIds: new Set(e.ADMIN_USER_IDS ?? []),
    playbookUrl: e.PLAYBOOK_URL,
    teamLeadUserIds: new Set(e.TEAM_LEAD_USER_IDS ?? []),
    nudgeAfterMinutes: e.NUDGE_AFTER_MINUTES,
    escalateAfterMinutes: e.ESCALATE_AFTER_MINUTES,
    holidayCountry: e.HOLIDAY_COUNTRY,
    quietHours: e.QUIET_HOURS ?? undefined,
  };
}

/**
 * One workspace (SLACK_BOT_TOKEN) or one install per workspace (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET,
 * SLACK_STATE_SECRET, TOKEN_ENCRYPTION_KEY), never both or neither; the OAuth redirect needs HTTP mode.
 */
function checkInstallMode(env: Record<string, string | undefined>, problems: Map<string, string>): void {
  const set = (name: string) => env[name] !== undefined && env[name].trim() !== '';
  const oauthVariables = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'TOKEN_ENCRYPTION_KEY'] as const;
  const anyOauth = oauthVariables.some(set);
  if (!anyOauth) {
    if (!set('SLACK_BOT_TOKEN') && !problems.has('SLACK_BOT_TOKEN')) {
      problems.set(
        'SLACK_BOT_TOKEN',
        'SLACK_BOT_TOKEN is required (xoxb-…), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and TOKEN_ENCRYPTION_KEY to let each workspace install the app',
      );
    }
    return;
  }
  if (set('SLACK_BOT_TOKEN')) {
    problems.set('SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN must be empty when SLACK_CLIENT_ID is set: each workspace gets its token by installing the app');
  }
  for (const name of oauthVariables) {
    if (!set(name) && !problems.has(name)) problems.set(name, `${name} is required when workspaces install the app (SLACK_CLIENT_ID is set)`);
  }
  if (set('SLACK_APP_TOKEN') && !problems.has('SLACK_APP_TOKEN')) {
    problems.set('SLACK_APP_TOKEN', 'SLACK_APP_TOKEN must be empty when workspaces install the app: the install flow needs HTTP mode (a public URL for /slack/oauth_redirect)');
  }
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
