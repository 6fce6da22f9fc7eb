import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGE_DECISIONS, CHANGE_REASONS, POSITIVE_SIGNALS, WARNING_SIGNALS } from '../../src/domain/interview.js';
import { RISK_REASONS, type RiskAlert, type RiskReason } from '../../src/domain/repositories.js';
import { catalogues, createTranslator } from '../../src/slack/i18n/index.js';
import { formatDuration, relativeTo } from '../../src/slack/views/durations.js';
import { buildRiskAlert, type RiskAlertOptions } from '../../src/slack/views/riskAlert.js';
import { validateBlocks } from '../support/fakeSlack.js';
import { interview } from '../support/builders.js';

const nl = createTranslator('nl');
const en = createTranslator('en');
const TZ = 'Europe/Amsterdam';
const MINUTE = 60_000;
/** The builders' interview: T = Wed 2 Dec 2026 13:00Z, 60 min, so E = 14:00Z. */
const T = Date.parse('2026-12-02T13:00:00Z');
const E = T + 60 * MINUTE;
const at = (ms: number) => new Date(ms);

const alert = (reason: RiskReason, createdAt: Date, detail?: string): Pick<RiskAlert, 'id' | 'reason' | 'detail' | 'createdAt'> => ({
  id: 3,
  reason,
  detail,
  createdAt,
});
const title = (reason: string, lang: 'nl' | 'en' = 'nl') => (lang === 'nl' ? `🚨 Risicomoment: ${reason}` : `🚨 Risk moment: ${reason}`);

describe('formatDuration and relativeTo', () => {
  it.each([
    [0, '0 min'],
    [29_999, '0 min'],
    [59 * MINUTE, '59 min'],
    [60 * MINUTE, '1 uur'],
    [(2 * 24 + 3) * 60 * MINUTE, '2 d 3 u'],
    [-5 * MINUTE, '0 min'],
  ])('formatDuration(%d) = %j', (ms, text) => {
    expect(formatDuration(ms, nl)).toBe(text);
  });

  it.each([
    [59 * MINUTE, { when: 'future', duration: '59 min' }],
    [29_999, { when: 'now' }],
    [-29_999, { when: 'now' }],
    [-30_001, { when: 'past', duration: '1 min' }],
    [-(25 * 60) * MINUTE, { when: 'past', duration: '1 d 1 u' }],
  ])('start − from = %d ms → %j', (ms, expected) => {
    expect(relativeTo(at(T), at(T - ms), nl)).toEqual(expected);
  });

  it('never gives a distance that reads "0 min" (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3 * 24 * 60 * MINUTE, max: 3 * 24 * 60 * MINUTE }), (ms) => {
        const r = relativeTo(at(T + ms), at(T), nl);
        if (r.when !== 'now') expect(r.duration).not.toBe('0 min');
      }),
      { numRuns: 500 },
    );
  });
});

describe('risk alert reason: the time is computed, never a fixed phrase', () => {
  it.each<[string, RiskReason, number, RiskAlertOptions, string, 'nl' | 'en']>([
    ['prep at T − 2h', 'prep_incomplete', T - 120 * MINUTE, {}, 'Voorbereiding niet compleet, nog 2 uur tot het interview', 'nl'],
    ['prep raised late', 'prep_incomplete', T - 59 * MINUTE, {}, 'Voorbereiding niet compleet, nog 59 min tot het interview', 'nl'],
    ['prep at the start', 'prep_incomplete', T - 20_000, {}, 'Voorbereiding niet compleet, het interview begint nu', 'nl'],
    ['prep just after the start', 'prep_incomplete', T + 20_000, {}, 'Voorbereiding niet compleet, het interview begint nu', 'nl'],
    ['prep after the start', 'prep_incomplete', T + 5 * MINUTE, {}, 'Voorbereiding niet compleet, het interview is 5 min geleden begonnen', 'nl'],
    ['context at T − 24h', 'context_risk', T - 24 * 60 * MINUTE, {}, 'Contextrisico, nog 1 d tot het interview', 'nl'],
    ['context two days ahead', 'context_risk', T - (51 * 60) * MINUTE, {}, 'Contextrisico, nog 2 d 3 u tot het interview', 'nl'],
    ['posted later than raised', 'prep_incomplete', T - 120 * MINUTE, { now: at(T - 59 * MINUTE) }, 'Voorbereiding niet compleet, nog 59 min tot het interview', 'nl'],
    ['debrief with its SLA', 'debrief_overdue', E + 120 * MINUTE, { slaHours: { debrief_overdue: 2 } }, 'Debrief kandidaat niet binnen 2 uur', 'nl'],
    ['feedback with its SLA', 'client_feedback_overdue', E + 240 * MINUTE, { slaHours: { client_feedback_overdue: 5 } }, 'Klantfeedback niet binnen 5 uur', 'nl'],
    ['loop with its SLA', 'loop_overdue', E + 24 * 60 * MINUTE, { slaHours: { loop_overdue: 24 } }, 'Feedback loop niet binnen 24 uur gesloten', 'nl'],
    ['debrief without SLA', 'debrief_overdue', E + 125 * MINUTE, {}, 'Debrief kandidaat nog niet gedaan, 2 u 5 min na het interview', 'nl'],
    ['feedback without SLA', 'client_feedback_overdue', E + 240 * MINUTE, {}, 'Klantfeedback nog niet ontvangen, 4 uur na het interview', 'nl'],
    ['loop without SLA', 'loop_overdue', E + 25 * 60 * MINUTE, {}, 'Feedback loop nog niet gesloten, 1 d 1 u na het interview', 'nl'],
    ['loop SLA of another reason ignored', 'loop_overdue', E + 25 * 60 * MINUTE, { slaHours: { debrief_overdue: 2 } }, 'Feedback loop nog niet gesloten, 1 d 1 u na het interview', 'nl'],
    ['overdue right at the end', 'debrief_overdue', E + 10_000, {}, 'Debrief kandidaat nog niet gedaan, direct na het interview', 'nl'],
    ['English prep', 'prep_incomplete', T - 59 * MINUTE, {}, 'Preparation incomplete, 59 min before the interview', 'en'],
    ['English past', 'context_risk', T + 90 * MINUTE, {}, 'Context risk, the interview started 1 h 30 min ago', 'en'],
    ['English SLA', 'client_feedback_overdue', E + 240 * MINUTE, { slaHours: { client_feedback_overdue: 4 } }, 'Client feedback not within 4 h', 'en'],
    ['English without SLA', 'debrief_overdue', E + 120 * MINUTE, {}, 'Candidate debrief not done yet, 2 h after the interview', 'en'],
    ['fixed reason', 'last_minute_change', T - 300 * MINUTE, {}, 'Last-minute wijziging', 'nl'],
  ])('%s', (_name, reason, createdAt, options, expected, lang) => {
    const message = buildRiskAlert(alert(reason, at(createdAt)), interview(), TZ, lang === 'nl' ? nl : en, options);
    expect(message.text).toBe(`${title(expected, lang)} · Acme BV · S.d.V.`);
    expect(JSON.stringify(message.blocks)).toContain(`*${title(expected, lang)}*`);
  });

  it('a claim or resolve redraw without `now` keeps the text of the moment it was raised', () => {
    const raised = alert('prep_incomplete', at(T - 120 * MINUTE));
    const claimed = { ...raised, claimedBy: 'ULEAD', claimedAt: at(T + 3 * 60 * MINUTE) };
    expect(buildRiskAlert(claimed, interview(), TZ, nl).text).toBe(buildRiskAlert(raised, interview(), TZ, nl).text);
  });

  it('never says "0 min" to or from the interview, whenever it is raised (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<RiskReason>(...RISK_REASONS),
        fc.integer({ min: -3 * 24 * 60 * MINUTE, max: 3 * 24 * 60 * MINUTE }),
        fc.boolean(),
        (reason, offset, english) => {
          const t = english ? en : nl;
          const message = buildRiskAlert(alert(reason, at(T + offset)), interview(), TZ, t);
          // "0 min" as a whole distance; "1 u 0 min" is fine.
          expect(message.text).not.toMatch(/(?<![uh] )(?<!\d)0 min/);
          expect(message.text).not.toMatch(/\{\w+\}/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each(['nl', 'en'] as const)('no %s reason text restates a number: SLAs come in as parameters', (lang) => {
    const reasons = Object.entries(catalogues[lang]).filter(([key]) => key.startsWith('risk.reason.'));
    expect(reasons.length).toBeGreaterThanOrEqual(RISK_REASONS.length);
    for (const [key, text] of reasons) expect(text, key).not.toMatch(/\d/);
  });
});

describe('risk alert details', () => {
  const detailOf = (reason: RiskReason, detail: string | undefined, lang: 'nl' | 'en' = 'nl') => {
    const message = buildRiskAlert(alert(reason, at(T - 24 * 60 * MINUTE), detail), interview(), TZ, lang === 'nl' ? nl : en);
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    const contexts = message.blocks.filter((b) => b.type === 'context').map((b) => JSON.stringify(b));
    // The last context is the footer; a detail line comes before it.
    return contexts.length > 1 ? (JSON.parse(contexts[0]!) as { elements: { text: string }[] }).elements[0]!.text : undefined;
  };

  it.each<[RiskReason, string | undefined, string | undefined, 'nl' | 'en']>([
    ['context_risk', 'budget_pending,no_decision_maker', 'Details: budget nog niet goedgekeurd; geen beslisser bekend', 'nl'],
    ['context_risk', 'budget_unknown', 'Details: budget nog onbekend', 'nl'],
    ['context_risk', 'urgent_with_competition,budget_unknown', 'Details: high urgency with other candidates in the pipeline; budget still unknown', 'en'],
    ['context_risk', 'budget_pending', 'Details: budget not approved yet', 'en'],
    // Alerts stored before the split keep their text.
    ['context_risk', 'budget_not_approved', 'Details: budget niet goedgekeurd', 'nl'],
    ['prep_incomplete', 'stakeholder_profiles,evaluation_criteria', 'Nog open: Stakeholder profielen bekend; Evaluatiecriteria verduidelijkt', 'nl'],
    ['prep_incomplete', 'context_clear', 'Still open: Interview context clear (urgency, other candidates, budget)', 'en'],
    ['prep_incomplete', 'stakeholder_profiles,not_an_item', 'Nog open: Stakeholder profielen bekend', 'nl'],
    ['last_minute_change', 'technical:go_ahead', 'Details: Gaat door', 'nl'],
    ['last_minute_change', 'candidate_ill:cancel', 'Details: Annuleren', 'nl'],
    ['coaching_intensive', 'passive,vague_goal', undefined, 'nl'],
    ['context_risk', 'passive,candidate_ill', undefined, 'nl'],
    ['prep_incomplete', undefined, undefined, 'nl'],
    ['debrief_overdue', 'stakeholder_profiles', undefined, 'nl'],
  ])('%s with %j → %j (%s)', (reason, detail, expected, lang) => {
    expect(detailOf(reason, detail, lang)).toBe(expected);
  });

  it('carries no coaching judgement and no health fact, whatever detail is stored (property)', () => {
    const codes = [...WARNING_SIGNALS, ...POSITIVE_SIGNALS, ...CHANGE_REASONS.map((w) => `${w}:${CHANGE_DECISIONS[0]}`)];
    const forbidden = (t: typeof nl) => [
      ...WARNING_SIGNALS.map((s) => t(`signal.${s}`)),
      ...POSITIVE_SIGNALS.map((s) => t(`signal.${s}`)),
      ...CHANGE_REASONS.map((w) => t(`changeWhat.${w}`)),
    ];
    fc.assert(
      fc.property(fc.constantFrom<RiskReason>(...RISK_REASONS), fc.subarray(codes, { minLength: 1 }), fc.boolean(), (reason, detail, english) => {
        const t = english ? en : nl;
        const json = JSON.stringify(buildRiskAlert(alert(reason, at(T - 60 * MINUTE), detail.join(',')), interview(), TZ, t));
        for (const text of forbidden(t)) expect(json).not.toContain(JSON.stringify(text).slice(1, -1));
      }),
      { numRuns: 300 },
    );
  });
});
