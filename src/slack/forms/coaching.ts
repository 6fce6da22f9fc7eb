import { POSITIVE_SIGNALS, WARNING_SIGNALS, type CoachingCheck, type StarExample } from '../../domain/interview.js';
import { TEXT_LIMITS, type CoachingFields } from '../../domain/validation.js';
import { CALLBACK } from '../ids.js';
import { defineForm, flags, text, type FormFieldError, type FormOutput } from './form.js';

/** What the consultant ticks as done in the call. */
export const COACHING_DONE = ['context_shared', 'updates_shared', 'gunfactor'] as const;

const L = TEXT_LIMITS;
const PARTS = ['Situation', 'Task', 'Action', 'Result'] as const;
const part = (block: string, label: 'situation' | 'task' | 'action' | 'result', heading?: 'coaching.star1' | 'coaching.star2') =>
  text(block, `field.star.${label}`, L.starPart, { multiline: true, ...(heading ? { heading, divider: heading === 'coaching.star1' } : {}) });

const fields = {
  positiveSignals: flags('coaching_positive', 'field.coaching.positive', POSITIVE_SIGNALS, (p, t) => t(`signal.${p}`)),
  warningSignals: flags('coaching_warning', 'field.coaching.warning', WARNING_SIGNALS, (w, t) => t(`signal.${w}`)),
  done: flags('coaching_done', 'field.coaching.done', COACHING_DONE, (d, t) => t(`coachingDone.${d}`)),
  updatesText: text('coaching_updates_text', 'field.coaching.updatesText', L.updatesText, { multiline: true }),
  candidateGoal: text('coaching_goal', 'field.coaching.goal', L.candidateGoal, { multiline: true }),
  memorablePoints: text('coaching_memorable', 'field.coaching.memorable', L.memorablePoints, { multiline: true }),
  // STAR examples are optional (a five-minute coaching call is logged by its signals and need).
  star1Situation: part('coaching_star1_situation', 'situation', 'coaching.star1'),
  star1Task: part('coaching_star1_task', 'task'),
  star1Action: part('coaching_star1_action', 'action'),
  star1Result: part('coaching_star1_result', 'result'),
  star2Situation: part('coaching_star2_situation', 'situation', 'coaching.star2'),
  star2Task: part('coaching_star2_task', 'task'),
  star2Action: part('coaching_star2_action', 'action'),
  star2Result: part('coaching_star2_result', 'result'),
};
type Fields = typeof fields;

const starOf = (v: Partial<FormOutput<Fields>>, n: 1 | 2) => PARTS.map((p) => v[`star${n}${p}`]);

/** A started example must be complete, so the briefing never quotes half of one. */
function incompleteStars(v: Partial<FormOutput<Fields>>): Array<FormFieldError<Fields>> {
  return ([1, 2] as const).flatMap((n) => {
    // Judged only when all four parts passed their own checks (a too long part says so itself).
    if (!PARTS.every((p) => `star${n}${p}` in v)) return [];
    const filled = starOf(v, n).filter((x) => x !== undefined).length;
    return filled > 0 && filled < 4 ? [{ field: `star${n}Situation` as const, key: 'validation.starIncomplete' }] : [];
  });
}

function star(v: FormOutput<Fields>, n: 1 | 2): StarExample | undefined {
  const [situation, task, action, result] = starOf(v, n);
  return situation && task && action && result ? { situation, task, action, result } : undefined;
}

/** Phase 1: the coaching check. The need is derived from the signals, not asked. */
export const coachingForm = defineForm({
  callbackId: CALLBACK.coachingModal,
  fields,
  check: (v) => incompleteStars(v),
  toValue: (v): CoachingFields => ({
    contextShared: v.done.includes('context_shared'),
    updatesShared: v.done.includes('updates_shared'),
    gunfactorDiscussed: v.done.includes('gunfactor'),
    updatesText: v.updatesText,
    candidateGoal: v.candidateGoal,
    positiveSignals: v.positiveSignals,
    warningSignals: v.warningSignals,
    memorablePoints: v.memorablePoints,
    starExamples: [star(v, 1), star(v, 2)].filter((x): x is StarExample => x !== undefined),
  }),
  fromRecord: (c: CoachingCheck) => {
    const [s1, s2] = c.starExamples;
    return {
      ...c,
      done: COACHING_DONE.filter((d) => ({ context_shared: c.contextShared, updates_shared: c.updatesShared, gunfactor: c.gunfactorDiscussed })[d]),
      star1Situation: s1?.situation,
      star1Task: s1?.task,
      star1Action: s1?.action,
      star1Result: s1?.result,
      star2Situation: s2?.situation,
      star2Task: s2?.task,
      star2Action: s2?.action,
      star2Result: s2?.result,
    };
  },
});
