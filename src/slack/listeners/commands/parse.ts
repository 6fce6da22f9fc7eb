import type { StatsPeriod } from '../../../domain/stats.js';

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
  | { kind: 'needsId'; word: string }
  | { kind: 'unknown'; input: string };

// Maps, not object literals: user text such as "__proto__" must not reach Object.prototype.
const WORDS = new Map<string, 'new' | 'list' | 'today' | 'team' | 'help' | 'stats' | 'erase' | 'export' | 'handover'>(Object.entries({
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
} as const));

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
    case undefined:
      return { kind: 'unknown', input };
    default:
      return rest.length > 0 ? { kind: 'unknown', input } : { kind };
  }
}
