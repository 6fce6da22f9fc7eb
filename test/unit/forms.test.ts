import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Interview } from '../../src/domain/interview.js';
import {
  changeForm,
  coachingForm,
  contextForm,
  cultureForm,
  debriefForm,
  expectationsForm,
  feedbackForm,
  logisticsForm,
  loopForm,
  stakeholderForm,
  type StateValues,
} from '../../src/slack/forms/index.js';
import { issueMessage } from '../../src/slack/forms/form.js';
import { createTranslator } from '../../src/slack/i18n/index.js';
import { buildContextModal } from '../../src/slack/views/contextModal.js';
import { buildDebriefModal, buildFeedbackModal, buildLoopModal } from '../../src/slack/views/followUpModals.js';
import { buildInterviewModal } from '../../src/slack/views/interviewModal.js';
import { buildChangeModal, buildCoachingModal, buildExpectationsModal } from '../../src/slack/views/phaseModals.js';
import { buildStakeholderModal, buildStakeholdersModal } from '../../src/slack/views/stakeholders.js';
import { validateView } from '../support/fakeSlack.js';
import { interview, logistics, stakeholder } from '../support/builders.js';

const t = createTranslator('nl');
const now = new Date('2026-11-30T08:00:00Z');
const start = new Date('2026-12-02T13:00:00Z');
const star = (n: string) => ({ situation: `S${n}`, task: `T${n}`, action: `A${n}`, result: `R${n}` });

/** What Slack sends back for a form submitted as it was opened: every initial value as the answer. */
function submittedUnchanged(blocks: KnownBlock[]): StateValues {
  const values: StateValues = {};
  for (const b of blocks) {
    if (b.type !== 'input') continue;
    const el = (b as InputBlock).element as unknown as Record<string, unknown>;
    const id = el.action_id as string;
    const state: Record<string, unknown> = { type: el.type };
    if ('initial_value' in el) state.value = el.initial_value;
    else if (el.type === 'plain_text_input' || el.type === 'number_input') state.value = null;
    if ('initial_option' in el) state.selected_option = el.initial_option;
    if (el.type === 'checkboxes') state.selected_options = el.initial_options ?? [];
    if ('initial_date_time' in el) state.selected_date_time = el.initial_date_time;
    values[b.block_id as string] = { [id]: state };
  }
  return values;
}

const inputIds = (view: ModalView) => view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);

describe('one definition per form: what the modal shows is what the form reads back', () => {
  // Each stored record, rendered into its form, submitted unchanged, read and validated: the same record.
  const cases: Array<[string, () => unknown, unknown]> = [
    [
      'logistics',
      () => {
        const l = logistics({ candidatePhone: '+31 6 12345678', clientContactName: 'Eva Jansen', clientContactEmail: 'eva@acme.nl', agenda: 'Kennismaking; case' });
        const v = logisticsForm.validate(logisticsForm.read(submittedUnchanged(logisticsForm.inputs(l, t))), { now });
        return [v, l];
      },
      undefined,
    ],
    [
      'stakeholder',
      () => {
        const s = stakeholder({ seniority: 'senior', communicationStyle: 'to-the-point', keyInterests: 'architectuur' });
        const v = stakeholderForm.validate(stakeholderForm.read(submittedUnchanged(stakeholderForm.inputs(s, t))), undefined);
        const { id: _id, ...expected } = s;
        return [v, expected];
      },
      undefined,
    ],
    [
      'culture',
      () => {
        const c = { formality: 'formal', directness: 'diplomatic', notes: 'Stropdas' } as const;
        return [cultureForm.validate(cultureForm.read(submittedUnchanged(cultureForm.inputs(c, t))), undefined), c];
      },
      undefined,
    ],
    [
      'context',
      () => {
        const c = {
          urgency: 'high',
          decisionTimeline: 'binnen 2 weken',
          otherCandidatesCount: 3,
          otherCandidatesNote: 'twee in de laatste ronde',
          clientConcerns: 'Weinig ervaring met Kubernetes',
          budgetStatus: 'pending',
          commercialTimeline: 'Q1',
          updatedAt: now,
        } as const;
        const { updatedAt: _u, ...expected } = c;
        return [contextForm.validate(contextForm.read(submittedUnchanged(contextForm.inputs(c, t))), undefined), expected];
      },
      undefined,
    ],
    [
      'coaching',
      () => {
        const c = {
          contextShared: true,
          updatesShared: false,
          gunfactorDiscussed: true,
          updatesText: 'Nieuwe CTO sinds oktober',
          candidateGoal: 'Rol scherp krijgen',
          positiveSignals: ['questions_prepared', 'clear_goal'], // in the form's order of options
          warningSignals: ['passive'],
          memorablePoints: 'Vraag naar het team',
          starExamples: [star('1'), star('2')],
          coachingNeed: 'targeted',
          loggedAt: now,
        } as const;
        const { coachingNeed: _n, loggedAt: _l, ...expected } = c;
        const record = { ...c, positiveSignals: [...c.positiveSignals], warningSignals: [...c.warningSignals], starExamples: [...c.starExamples] };
        return [coachingForm.validate(coachingForm.read(submittedUnchanged(coachingForm.inputs(record, t))), undefined), expected];
      },
      undefined,
    ],
    [
      'expectations',
      () => {
        const e = { agendaAligned: true, evaluationCriteria: 'Cultuurfit', feedbackExpectedAt: new Date('2026-12-03T09:00:00Z'), nextSteps: 'Tweede ronde', loggedAt: now };
        const { loggedAt: _l, ...expected } = e;
        const v = expectationsForm.validate(expectationsForm.read(submittedUnchanged(expectationsForm.inputs(e, t))), { interviewStart: start });
        return [v, expected];
      },
      undefined,
    ],
    [
      'debrief',
      () => {
        const d = { experience: 'Goed', concerns: 'Reistijd', interestLevel: 4, otherProcesses: 'Eén ander', notes: 'n', loggedAt: now };
        const { loggedAt: _l, ...expected } = d;
        return [debriefForm.validate(debriefForm.read(submittedUnchanged(debriefForm.inputs(d, t))), undefined), expected];
      },
      undefined,
    ],
    [
      'feedback',
      () => {
        const f = { impression: 'positive', nextSteps: 'Aanbod', concerns: 'Salaris', decision: 'Door', loggedAt: now } as const;
        const { loggedAt: _l, ...expected } = f;
        return [feedbackForm.validate(feedbackForm.read(submittedUnchanged(feedbackForm.inputs(f, t))), undefined), expected];
      },
      undefined,
    ],
    [
      'loop',
      () => {
        const l = { nextStepsClear: true, timelineKept: false, noSurprises: true, bothPositive: true, closedAt: now };
        const { closedAt: _c, ...expected } = l;
        return [loopForm.validate(loopForm.read(submittedUnchanged(loopForm.inputs(l, t))), undefined), expected];
      },
      undefined,
    ],
  ];

  it.each(cases)('%s: stored → modal → submitted unchanged → the same record', (_name, run) => {
    const [result, expected] = run() as [{ ok: boolean; value?: unknown; errors?: unknown }, unknown];
    expect(result).toEqual({ ok: true, value: expected });
  });

  const i: Interview = interview({ logistics: logistics({ start }), stakeholders: [stakeholder()] });
  it.each([
    ['logistics', buildInterviewModal(i, t), logisticsForm.blocks],
    ['stakeholder', buildStakeholderModal(i.id, stakeholder(), t), stakeholderForm.blocks],
    ['culture (Gesprekspartners)', buildStakeholdersModal(i, 'Europe/Amsterdam', t), cultureForm.blocks],
    ['context', buildContextModal(i, t), contextForm.blocks],
    ['coaching', buildCoachingModal(i, 'Europe/Amsterdam', t), coachingForm.blocks],
    ['expectations', buildExpectationsModal(i, t), expectationsForm.blocks],
    ['change', buildChangeModal(i, 'Europe/Amsterdam', t), changeForm.blocks],
    ['debrief', buildDebriefModal(i, t), debriefForm.blocks],
    ['feedback', buildFeedbackModal(i, t), feedbackForm.blocks],
    ['loop', buildLoopModal(i, t, now), loopForm.blocks],
  ] as const)('the %s modal has exactly its form’s inputs, in order, and Slack accepts it', (_name, view, blocks) => {
    expect(inputIds(view)).toEqual(Object.values(blocks));
    expect(validateView(view)).toEqual([]);
  });

  it('no two forms share a block id', () => {
    const all = [logisticsForm, stakeholderForm, cultureForm, contextForm, coachingForm, expectationsForm, changeForm, debriefForm, feedbackForm, loopForm].flatMap(
      (f) => Object.values(f.blocks) as string[],
    );
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('the one error map: a zod issue becomes a catalogue key', () => {
  const issueOf = (schema: z.ZodType, input: unknown) => {
    const r = schema.safeParse(input);
    if (r.success) throw new Error('expected a failure');
    return r.error.issues[0] as z.core.$ZodIssue;
  };
  it.each([
    ['nothing given for a text', z.string(), undefined, { key: 'validation.required' }],
    ['a blank answer where an option belongs', z.enum(['a', 'b']), ' ', { key: 'validation.required' }],
    ['null for an option', z.enum(['a', 'b']), null, { key: 'validation.required' }],
    ['a value outside the options', z.enum(['a', 'b']), 'c', { key: 'validation.invalid' }],
    ['a number where text belongs (tampered)', z.string(), 42, { key: 'validation.invalid' }],
    ['too long', z.string().max(3), 'abcd', { key: 'validation.tooLong', params: { max: 3 } }],
    ['a rule with its own key', z.string().refine(() => false, { params: { key: 'validation.phone' } }), 'x', { key: 'validation.phone' }],
    [
      'a rule with its own key and values',
      z.number().refine(() => false, { params: { key: 'validation.count', values: { max: 99 } } }),
      1,
      { key: 'validation.count', params: { max: 99 } },
    ],
    ['a rule naming a key the catalogue lacks', z.string().refine(() => false, { params: { key: 'validation.nope' } }), 'x', { key: 'validation.invalid' }],
  ])('%s', (_name, schema, input, expected) => {
    expect(issueMessage(issueOf(schema, input), input)).toEqual(expected);
  });

  it.each([
    ['an empty required text', { candidateName: '   ' }, 'candidateName', 'validation.required', undefined],
    ['a too long name', { candidateName: 'x'.repeat(101) }, 'candidateName', 'validation.tooLong', { max: 100 }],
    ['a duration out of range', { durationMin: '5' }, 'durationMin', 'validation.duration', { min: 15, max: 480 }],
    ['a bad phone', { candidatePhone: 'bel me' }, 'candidatePhone', 'validation.phone', undefined],
    ['a bad e-mail', { clientContactEmail: 'eva@' }, 'clientContactEmail', 'validation.email', undefined],
    ['a start in the past', { startEpochSeconds: now.getTime() / 1000 - 60 }, 'startEpochSeconds', 'validation.startInPast', undefined],
  ])('logistics, %s: the error lands on its field with the catalogue key', (_name, change, field, key, params) => {
    const valid = { candidateName: 'Sanne', clientCompany: 'Acme', roleTitle: 'Dev', startEpochSeconds: start.getTime() / 1000, location: 'Online', format: 'panel' };
    const r = logisticsForm.validate({ ...valid, ...change }, { now });
    expect(r).toEqual({ ok: false, errors: [{ field, key, ...(params ? { params } : {}) }] });
  });

  it('lists every problem at once, in the order of the form', () => {
    const r = logisticsForm.validate({ format: 'speed_date', startEpochSeconds: now.getTime() / 1000 - 60 }, { now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['candidateName', 'clientCompany', 'roleTitle', 'startEpochSeconds', 'location', 'format']);
  });
});
