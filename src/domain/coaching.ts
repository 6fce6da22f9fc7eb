import type { CoachingNeed, PositiveSignal, WarningSignal } from './interview.js';

/**
 * SPEC "coaching need": minimaal (no warning and at least 3 positive signals), gericht (1 warning,
 * or fewer than 3 positives), intensief (2 or more warnings). Warnings weigh first: two warnings
 * are intensive however many positives there are.
 */
export function deriveCoachingNeed(positives: readonly PositiveSignal[], warnings: readonly WarningSignal[]): CoachingNeed {
  const w = new Set(warnings).size;
  const p = new Set(positives).size;
  if (w >= 2) return 'intensive';
  if (w === 1 || p < 3) return 'targeted';
  return 'minimal';
}
