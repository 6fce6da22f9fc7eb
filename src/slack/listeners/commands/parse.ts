import type { StatsPeriod } from '../../../domain/stats.js';

/** The /interviewprep sub-commands, in Dutch and English. */
export type ParsedCommand =
  | { kind: 'new' }
  | { kind: 'list' }
  | { kind: 'help' }
  | { kind: 'stats'; period: StatsPeriod }
  | { kind: 'unknown'; input: string };

const WORDS: Record<string, 'new' | 'list' | 'help' | 'stats'> = {
  '': 'new',
  nieuw: 'new',
  new: 'new',
  lijst: 'list',
  list: 'list',
  help: 'help',
  hulp: 'help',
  '?': 'help',
  stats: 'stats',
  cijfers: 'stats',
};

const PERIODS: Record<string, StatsPeriod> = { week: 'week', maand: 'month', month: 'month' };

export function parseCommand(text: string | undefined): ParsedCommand {
  const input = (text ?? '').trim();
  const [first = '', ...rest] = input.split(/\s+/);
  const kind = WORDS[first.toLowerCase()];
  if (kind === 'stats') {
    if (rest.length === 0) return { kind: 'stats', period: 'week' };
    const period = rest.length === 1 ? PERIODS[(rest[0] as string).toLowerCase()] : undefined;
    return period ? { kind: 'stats', period } : { kind: 'unknown', input };
  }
  if (kind === undefined || rest.length > 0) return { kind: 'unknown', input };
  return { kind };
}
