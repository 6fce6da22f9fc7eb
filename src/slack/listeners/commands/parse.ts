/** The /interviewprep sub-commands, in Dutch and English. */
export type ParsedCommand =
  | { kind: 'new' }
  | { kind: 'list' }
  | { kind: 'help' }
  | { kind: 'unknown'; input: string };

const WORDS: Record<string, ParsedCommand['kind']> = {
  '': 'new',
  nieuw: 'new',
  new: 'new',
  lijst: 'list',
  list: 'list',
  help: 'help',
  hulp: 'help',
  '?': 'help',
};

export function parseCommand(text: string | undefined): ParsedCommand {
  const input = (text ?? '').trim();
  const word = input.split(/\s+/)[0]?.toLowerCase() ?? '';
  const kind = WORDS[word];
  if (kind === undefined || (kind !== 'new' && input.split(/\s+/).length > 1)) return { kind: 'unknown', input };
  return { kind } as ParsedCommand;
}
