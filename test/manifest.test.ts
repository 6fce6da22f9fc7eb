import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_SCOPES, REQUIRED_SCOPES } from '../src/slack/app.js';

// The official Slack app-manifest schema 1.0.0 (slackapi/manifest-schema), copied into fixtures so
// the test never reads outside the repo. It declares draft-07 (Ajv's default draft) and uses
// non-standard keywords (`regex`, `_note`) plus `format: "uri"`, hence `strict: false` and a
// permissive `uri` format (ajv-formats is not a dependency; `$schema` is the only field using it).
const manifestPath = fileURLToPath(new URL('../manifest.yml', import.meta.url));
const schemaPath = fileURLToPath(new URL('./fixtures/manifest.schema.1.0.0.json', import.meta.url));

type Json = Record<string, unknown>;

interface Manifest {
  display_information: { name: string; description?: string; background_color?: string };
  features: {
    bot_user: { display_name: string; always_online?: boolean };
    app_home: {
      home_tab_enabled?: boolean;
      messages_tab_enabled?: boolean;
      messages_tab_read_only_enabled?: boolean;
    };
    slash_commands: Array<{
      command: string;
      description: string;
      usage_hint?: string;
      should_escape?: boolean;
      url?: string;
    }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled?: boolean;
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

function loadManifest(): Manifest {
  return parse(readFileSync(manifestPath, 'utf8')) as Manifest;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}

let schema: Json;
let validate: ValidateFunction;

beforeAll(() => {
  schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { uri: true } });
  validate = ajv.compile(schema);
});

describe('manifest.yml', () => {
  it('uses the draft the validator implements (draft-07)', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('is valid against Slack app-manifest schema 1.0.0', () => {
    const manifest = loadManifest();
    const ok = validate(manifest);
    if (!ok) console.error(formatErrors(validate.errors));
    expect(formatErrors(validate.errors)).toBe('');
    expect(ok).toBe(true);
  });

  it('has a background_color matching the schema `regex` (a keyword Ajv does not enforce)', () => {
    const defs = schema.definitions as Record<string, { properties: Record<string, { regex?: string }> }>;
    const regex = defs['app-manifests.v1.display_information.schema']?.properties.background_color?.regex;
    expect(regex).toBeDefined();
    expect(loadManifest().display_information.background_color).toMatch(new RegExp(regex as string));
  });

  it('names the app and bot user as the spec says', () => {
    const m = loadManifest();
    expect(m.display_information.name).toBe('Interview Prep');
    expect(m.features.bot_user.display_name).toBe('interviewprep');
    expect(m.features.bot_user.always_online).toBe(true);
  });

  it('declares the /interviewprep slash command with its usage hint', () => {
    const cmd = loadManifest().features.slash_commands.find((c) => c.command === '/interviewprep');
    expect(cmd).toBeDefined();
    expect(cmd?.usage_hint).toBe('[nieuw | vandaag | lijst | team | stats | overdragen <id> @collega | verwijder <id> | export <id> | help]');
    // `overdragen 12 @collega` needs the colleague's user id: Slack only sends it (<@U…|naam>) when escaped.
    expect(cmd?.should_escape).toBe(true);
    expect(cmd?.url).toBe('https://example.com/slack/events');
  });

  it('subscribes to app_home_opened, reaction_added, user_change and the app lifecycle events', () => {
    const events = loadManifest().settings.event_subscriptions.bot_events;
    expect(events).toEqual(expect.arrayContaining(['app_home_opened', 'reaction_added', 'user_change', 'app_uninstalled', 'tokens_revoked']));
  });

  it('requests every bot scope the startup check requires', () => {
    const scopes = loadManifest().oauth_config.scopes.bot;
    // The same list the bot verifies at startup: a manifest-installed app always passes that check.
    expect(scopes).toEqual(expect.arrayContaining([...REQUIRED_SCOPES]));
    // The OAuth install asks a workspace for exactly the manifest's bot scopes.
    expect([...INSTALL_SCOPES].sort()).toEqual([...scopes].sort());
    expect(REQUIRED_SCOPES).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:write', 'im:history', 'reactions:read', 'users:read']));
  });

  it('enables Socket Mode, interactivity and the Home tab', () => {
    const m = loadManifest();
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.features.app_home.messages_tab_enabled).toBe(true);
    expect(m.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('routes HTTP-mode requests to /slack/events', () => {
    const m = loadManifest();
    expect(m.settings.event_subscriptions.request_url).toBe('https://example.com/slack/events');
    expect(m.settings.interactivity.request_url).toBe('https://example.com/slack/events');
  });
});

describe('the validator rejects broken manifests', () => {
  const cases: Array<[string, (m: Manifest) => void, string]> = [
    [
      'a display name longer than 35 characters',
      (m) => {
        m.display_information.name = 'I'.repeat(36);
      },
      '/display_information/name',
    ],
    [
      'a scope that is not a string',
      (m) => {
        (m.oauth_config.scopes.bot as unknown[]).push(42);
      },
      '/oauth_config/scopes/bot/',
    ],
    [
      'a slash command without a leading slash',
      (m) => {
        const cmd = m.features.slash_commands[0];
        if (cmd) cmd.command = 'interviewprep';
      },
      '/features/slash_commands/0/command',
    ],
    [
      'an unknown settings field',
      (m) => {
        (m.settings as unknown as Json).bad_param = false;
      },
      '/settings',
    ],
    [
      'a description longer than 140 characters',
      (m) => {
        m.display_information.description = 'x'.repeat(141);
      },
      '/display_information/description',
    ],
  ];

  it.each(cases)('rejects %s', (_label, mutate, path) => {
    const m = loadManifest();
    mutate(m);
    expect(validate(m)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath.startsWith(path))).toBe(true);
  });
});
