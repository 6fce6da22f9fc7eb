/**
 * The shape of the candidate's briefing (playbook "Context gesprek"), from the record: the agenda's
 * own parts when the consultant entered them, otherwise the playbook's three parts — personal
 * introduction, the content check, closing with next steps (10/20/5 minutes for a 35-minute
 * conversation) — scaled to the interview's real duration.
 */

/** The playbook's parts and their weights (10 : 20 : 5). */
export const PLAYBOOK_PARTS = [
  { part: 'intro', weight: 10 },
  { part: 'check', weight: 20 },
  { part: 'close', weight: 5 },
] as const;
export type PlaybookPart = (typeof PLAYBOOK_PARTS)[number]['part'];

/** Minutes per playbook part, in steps of 5 (at least 5 each), adding up to the duration. */
export function playbookMinutes(durationMin: number): Record<PlaybookPart, number> {
  const total = PLAYBOOK_PARTS.reduce((s, p) => s + p.weight, 0);
  const round5 = (m: number) => Math.max(5, Math.round(m / 5) * 5);
  const intro = round5((durationMin * PLAYBOOK_PARTS[0].weight) / total);
  const check = round5((durationMin * PLAYBOOK_PARTS[1].weight) / total);
  // The closing part takes what is left, so the parts add up to the real duration when they can.
  const close = Math.max(5, durationMin - intro - check);
  return { intro, check, close };
}

/**
 * The agenda's parts, one per line or separated by ";" (a leading "-", "•" or "1." is dropped).
 * Fewer than two parts is a description, not a structure: the playbook's parts are used then.
 */
export function agendaParts(agenda: string | undefined): string[] {
  if (!agenda) return [];
  return agenda
    .split(/\r?\n|;/)
    .map((p) => p.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
    .filter((p) => p !== '');
}
