import type { StatsPeriod } from '../../../domain/stats.js';
import type { SettingsChange } from '../../../domain/workspaceSettings.js';

/** The /interviewprep sub-commands, in Dutch and English. */
export type ParsedCommand =
  | { kind: 'new' }
  | { kind: 'list' }
  | { kind: 'today' }
  | { kind: 'team' }
  | { kind: 'help' }
  | { kind: 'stats'; period: StatsPeriod }
  | { kind: 'erase'; id: number }
  | { kind: 'export'; id: number }
  | { kind: 'handover'; id: number; to?: string }
  | { kind: 'settings'; change?: SettingsChange }
  | { kind: 'needsId'; word: string }
  | { kind: 'unknown'; input: string };

// Maps, not object literals: user text such as "__proto__" must not reach Object.prototype.
const WORDS = new Map<string, 'new' | 'list' | 'today' | 'team' | 'help' | 'stats' | 'erase' | 'export' | 'handover' | 'settings'>(Object.entries({
  '': 'new',
  nieuw: 'new',
  new: 'new',
  lijst: 'list',
  list: 'list',
  vandaag: 'today',
  today: 'today',
  team: 'team',
  help: 'help',
  hulp: 'help',
  '?': 'help',
  stats: 'stats',
  cijfers: 'stats',
  verwijder: 'erase',
  verwijderen: 'erase',
  delete: 'erase',
  export: 'export',
  exporteer: 'export',
  overdragen: 'handover',
  overdracht: 'handover',
  handover: 'handover',
  instellingen: 'settings',
  settings: 'settings',
} as const));

const SETTINGS = new Map<string, 'channel' | 'admins' | 'leads'>([
  ['kanaal', 'channel'],
  ['channel', 'channel'],
  ['admins', 'admins'],
  ['teamleads', 'leads'],
  ['leads', 'leads'],
]);
const NONE = new Set(['geen', 'none']);
// Slack escapes mentions (should_escape): <@U123|name> and <#C123|name>.
const USER = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/;
const CHANNEL = /^<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>$|^([CG][A-Z0-9]{2,})$/;

/** `instellingen [kanaal #c | admins @a … | teamleads @a … ]`, `geen` to clear the channel or the leads. */
function parseSettings(rest: string[], input: string): ParsedCommand {
  if (rest.length === 0) return { kind: 'settings' };
  const what = SETTINGS.get((rest[0] as string).toLowerCase());
  const args = rest.slice(1);
  if (!what || args.length === 0) return { kind: 'unknown', input };
  const none = args.length === 1 && NONE.has((args[0] as string).toLowerCase());
  if (what === 'channel') {
    if (none) return { kind: 'settings', change: { riskAlertChannel: null } };
    const m = args.length === 1 ? CHANNEL.exec(args[0] as string) : null;
    return m ? { kind: 'settings', change: { riskAlertChannel: (m[1] ?? m[2]) as string } } : { kind: 'unknown', input };
  }
  // Nobody left to change the settings: the admins cannot be cleared.
  if (none) return what === 'leads' ? { kind: 'settings', change: { teamLeads: [] } } : { kind: 'unknown', input };
  const users = args.map((a) => USER.exec(a)?.[1]);
  if (users.some((u) => u === undefined)) return { kind: 'unknown', input };
  const unique = [...new Set(users as string[])];
  return { kind: 'settings', change: what === 'admins' ? { admins: unique } : { teamLeads: unique } };
}

const PERIODS = new Map<string, StatsPeriod>([
  ['week', 'week'],
  ['maand', 'month'],
  ['month', 'month'],
]);

export function parseCommand(text: string | undefined): ParsedCommand {
  const input = (text ?? '').trim();
  const [first = '', ...rest] = input.split(/\s+/);
  const word = first.toLowerCase();
  const kind = WORDS.get(word);
  switch (kind) {
    case 'stats': {
      if (rest.length === 0) return { kind: 'stats', period: 'week' };
      const period = rest.length === 1 ? PERIODS.get((rest[0] as string).toLowerCase()) : undefined;
      return period ? { kind: 'stats', period } : { kind: 'unknown', input };
    }
    case 'erase':
    case 'export': {
      if (rest.length === 0) return { kind: 'needsId', word };
      // "#12" as shown on the card, or just "12".
      const match = rest.length === 1 ? /^#?(\d{1,12})$/.exec(rest[0] as string) : null;
      const id = match ? Number(match[1]) : NaN;
      return Number.isSafeInteger(id) && id > 0 ? { kind, id } : { kind: 'unknown', input };
    }
    case 'handover': {
      if (rest.length === 0) return { kind: 'needsId', word };
      const match = /^#?(\d{1,12})$/.exec(rest[0] as string);
      const id = match ? Number(match[1]) : NaN;
      if (!Number.isSafeInteger(id) || id <= 0 || rest.length > 2) return { kind: 'unknown', input };
      if (rest.length === 1) return { kind, id };
      // Slack escapes a mention as <@U123|name> (should_escape); a plain "@naam" is picked in the dialog.
      const mention = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(rest[1] as string);
      return mention ? { kind, id, to: mention[1] } : { kind, id };
    }
    case 'settings':
      return parseSettings(rest, input);
    case undefined:
      return { kind: 'unknown', input };
    default:
      return rest.length > 0 ? { kind: 'unknown', input } : { kind };
  }
}
