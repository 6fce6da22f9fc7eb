import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { ConfigError, ENV_VARIABLES, loadConfig } from '../../src/config.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret-123456' };

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the SPEC defaults in HTTP mode', () => {
    const c = loadConfig(base);
    expect(c.slack.socketMode).toBe(false);
    expect(c.port).toBe(3000);
    expect(c.databasePath).toBe('./data/interviewprep.db');
    expect(c.defaultTimezone).toBe('Europe/Amsterdam');
    expect(c.language).toBe('nl');
    expect(c.schedulerCron).toBe('* * * * *');
    expect(c.retentionDays).toBe(365);
    expect(c.logLevel).toBe('info');
    expect([...c.adminUserIds]).toEqual([]);
    expect(c.riskAlertChannel).toBeUndefined();
    expect([...c.teamLeadUserIds]).toEqual([]);
    expect(c.nudgeAfterMinutes).toBe(30);
    expect(c.escalateAfterMinutes).toBe(30);
    expect(c.holidayCountry).toBe('NL');
    expect(c.quietHours).toEqual({ fromMinute: 20 * 60, untilMinute: 8 * 60 });
  });

  it('runs in Socket Mode with an app token and no signing secret', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(c.slack.socketMode).toBe(true);
  });

  it('reads every variable of the runtime contract', () => {
    const c = loadConfig({
      ...base,
      PORT: '8080',
      DATABASE_PATH: '/var/lib/ip/db.sqlite',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      RISK_ALERT_CHANNEL: 'C0123ABCD',
      DEFAULT_TIMEZONE: 'America/New_York',
      APP_LANGUAGE: 'en',
      SCHEDULER_CRON: '*/30 * * * * *',
      RETENTION_DAYS: '30',
      LOG_LEVEL: 'debug',
      ADMIN_USER_IDS: 'U01ADMIN, U02LEAD',
      PLAYBOOK_URL: 'https://intranet.example/playbook',
      TEAM_LEAD_USER_IDS: 'U03LEAD',
      NUDGE_AFTER_MINUTES: '45',
      ESCALATE_AFTER_MINUTES: '60',
      HOLIDAY_COUNTRY: 'be',
      QUIET_HOURS: '22:30-07:00',
      DATABASE_URL: 'postgres://ip:secret@db.example:5432/interviewprep',
    });
    expect(c.databaseUrl).toBe('postgres://ip:secret@db.example:5432/interviewprep');
    expect([...c.teamLeadUserIds]).toEqual(['U03LEAD']);
    expect(c.nudgeAfterMinutes).toBe(45);
    expect(c.escalateAfterMinutes).toBe(60);
    expect(c.holidayCountry).toBe('BE');
    expect(c.quietHours).toEqual({ fromMinute: 22 * 60 + 30, untilMinute: 7 * 60 });
    expect(c.port).toBe(8080);
    expect(c.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(c.riskAlertChannel).toBe('C0123ABCD');
    expect(c.language).toBe('en');
    expect(c.retentionDays).toBe(30);
    expect([...c.adminUserIds]).toEqual(['U01ADMIN', 'U02LEAD']);
    expect(c.playbookUrl).toBe('https://intranet.example/playbook');
  });

  it('names each missing variable once', () => {
    const p = problems({});
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^SLACK_BOT_TOKEN /);
    expect(p[1]).toMatch(/^SLACK_SIGNING_SECRET .*SLACK_APP_TOKEN/);
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token'],
    ['SLACK_APP_TOKEN', 'not-an-app-token'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['SLACK_API_URL', 'not a url'],
    ['RISK_ALERT_CHANNEL', '#recruitment'],
    ['DEFAULT_TIMEZONE', 'Mars/Olympus'],
    ['APP_LANGUAGE', 'fr'],
    ['SCHEDULER_CRON', 'every minute'],
    ['RETENTION_DAYS', '0'],
    ['LOG_LEVEL', 'loud'],
    ['ADMIN_USER_IDS', 'alice,bob'],
    ['PLAYBOOK_URL', 'playbook'],
    ['TEAM_LEAD_USER_IDS', 'lead'],
    ['NUDGE_AFTER_MINUTES', '0'],
    ['ESCALATE_AFTER_MINUTES', 'half an hour'],
    ['HOLIDAY_COUNTRY', 'Nederland'],
    ['QUIET_HOURS', '20-8'],
    ['QUIET_HOURS', '25:00-08:00'],
    ['QUIET_HOURS', '08:00-08:00'],
    ['DATABASE_URL', 'mysql://db.example/interviewprep'],
    ['DATABASE_URL', '/var/lib/ip/db.sqlite'],
  ])('rejects a malformed %s (%s) by name', (name, value) => {
    const p = problems({ ...base, [name]: value });
    expect(p).toHaveLength(1);
    expect(p[0]?.startsWith(`${name} `)).toBe(true);
  });

  it.each([['off'], ['none']])('QUIET_HOURS=%s: nothing waits', (value) => {
    expect(loadConfig({ ...base, QUIET_HOURS: value }).quietHours).toBeUndefined();
  });

  it('HOLIDAY_COUNTRY=none: weekends only', () => {
    expect(loadConfig({ ...base, HOLIDAY_COUNTRY: 'none' }).holidayCountry).toBe('NONE');
  });

  it('reports several bad variables together', () => {
    const p = problems({ ...base, PORT: 'x', APP_LANGUAGE: 'de', LOG_LEVEL: 'loud' });
    expect(p.map((x) => x.split(' ')[0]).sort()).toEqual(['APP_LANGUAGE', 'LOG_LEVEL', 'PORT']);
  });

  it('treats empty values as unset (a blank line in .env)', () => {
    const c = loadConfig({ ...base, SLACK_APP_TOKEN: '', RISK_ALERT_CHANNEL: ' ', PORT: '' });
    expect(c.slack.socketMode).toBe(false);
    expect(c.riskAlertChannel).toBeUndefined();
    expect(c.port).toBe(3000);
  });
});

describe('.env.example and README', () => {
  const example = parse(readFileSync(new URL('../../.env.example', import.meta.url)));
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('lists every variable of the runtime contract, and no other', () => {
    expect(Object.keys(example).sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('is a valid configuration once the Slack secrets are filled in', () => {
    const c = loadConfig({ ...example, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefghij' });
    expect(c.port).toBe(3000);
    expect(c.language).toBe('nl');
  });

  it('documents every variable in the README configuration table', () => {
    for (const name of ENV_VARIABLES) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});

describe('one install per workspace (OAuth)', () => {
  const oauth = {
    SLACK_CLIENT_ID: '1111111111.2222222222',
    SLACK_CLIENT_SECRET: 'abcdef0123456789abcdef',
    SLACK_STATE_SECRET: 'state-secret-0123456789',
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    SLACK_SIGNING_SECRET: 'secret-123456',
  };

  it('takes the four variables instead of SLACK_BOT_TOKEN', () => {
    const c = loadConfig(oauth);
    expect(c.slack.botToken).toBeUndefined();
    expect(c.slack.oauth).toMatchObject({ clientId: oauth.SLACK_CLIENT_ID, clientSecret: oauth.SLACK_CLIENT_SECRET, stateSecret: oauth.SLACK_STATE_SECRET });
    expect(c.slack.oauth?.encryptionKey.equals(Buffer.alloc(32, 9))).toBe(true);
    expect(loadConfig(base).slack.oauth).toBeUndefined();
  });

  it.each([
    ['a missing secret', { SLACK_CLIENT_SECRET: '' }, /^SLACK_CLIENT_SECRET is required when workspaces install/],
    ['a missing key', { TOKEN_ENCRYPTION_KEY: undefined }, /^TOKEN_ENCRYPTION_KEY is required/],
    ['a short key', { TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' }, /^TOKEN_ENCRYPTION_KEY must be 32 random bytes/],
    ['a bot token as well', { SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_BOT_TOKEN must be empty when SLACK_CLIENT_ID is set/],
    ['Socket Mode', { SLACK_APP_TOKEN: 'xapp-1-abc' }, /^SLACK_APP_TOKEN must be empty when workspaces install the app/],
    ['a client id that is not one', { SLACK_CLIENT_ID: 'my-app' }, /^SLACK_CLIENT_ID must be the app's Client ID/],
    ['only a client id', { SLACK_CLIENT_SECRET: undefined, SLACK_STATE_SECRET: undefined, TOKEN_ENCRYPTION_KEY: undefined }, /^SLACK_CLIENT_SECRET /],
  ])('names the problem with %s, once per variable', (_what, change, message) => {
    const p = problems({ ...oauth, ...change });
    expect(p.some((line) => message.test(line))).toBe(true);
    expect(new Set(p.map((line) => line.split(' ')[0])).size).toBe(p.length);
  });
});
