import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { MAX_STAKEHOLDERS, type Interview } from '../../src/domain/interview.js';
import { agendaParts, playbookMinutes } from '../../src/domain/briefing.js';
import { TEXT_LIMITS } from '../../src/domain/validation.js';
import { createTranslator } from '../../src/slack/i18n/index.js';
import { ACTION, CALLBACK, ROW_ACTION } from '../../src/slack/ids.js';
import { contextForm, cultureForm, stakeholderForm } from '../../src/slack/forms/index.js';
import { buildBriefingModal, contextConversationScript } from '../../src/slack/views/briefing.js';
import { buildReminder } from '../../src/slack/views/reminders.js';
import { buildContextModal } from '../../src/slack/views/contextModal.js';
import { buildHome, HOME_MAX_UPCOMING } from '../../src/slack/views/home.js';
import { buildStakeholderModal, buildStakeholdersModal } from '../../src/slack/views/stakeholders.js';
import { validateBlocks, validateView } from '../support/fakeSlack.js';
import { interview, logistics, stakeholder } from '../support/builders.js';

const nl = createTranslator('nl');
const en = createTranslator('en');
const TZ = 'Europe/Amsterdam';

describe('validateStakeholder', () => {
  it('needs a name and defaults decision power to unknown', () => {
    const r = stakeholderForm.validate({ name: ' Pieter ', decisionPower: '' }, undefined);
    expect(r).toEqual({ ok: true, value: { name: 'Pieter', decisionPower: 'unknown' } });
  });
  it.each([
    [{ name: '' }, 'name', 'validation.required'],
    [{ name: 'x'.repeat(TEXT_LIMITS.stakeholderName + 1) }, 'name', 'validation.tooLong'],
    [{ name: 'P', seniority: 'intern' }, 'seniority', 'validation.invalid'],
    [{ name: 'P', decisionPower: 'king' }, 'decisionPower', 'validation.invalid'],
    [{ name: 'P', keyInterests: 'k'.repeat(TEXT_LIMITS.keyInterests + 1) }, 'keyInterests', 'validation.tooLong'],
  ])('rejects case %# on its field', (input, field, key) => {
    const r = stakeholderForm.validate(input, undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field, key });
  });
});

describe('validateContext and validateCulture', () => {
  it('accepts an empty context (every field optional) and a full one', () => {
    expect(contextForm.validate({}, undefined).ok).toBe(true);
    const r = contextForm.validate({ urgency: 'high', otherCandidatesCount: '3', budgetStatus: 'pending', decisionTimeline: 'Q1' }, undefined);
    expect(r).toEqual({ ok: true, value: { urgency: 'high', otherCandidatesCount: 3, budgetStatus: 'pending', decisionTimeline: 'Q1' } });
  });
  it.each([
    [{ otherCandidatesCount: '-1' }, 'otherCandidatesCount', 'validation.count'],
    [{ otherCandidatesCount: '100' }, 'otherCandidatesCount', 'validation.count'],
    [{ otherCandidatesCount: '2.5' }, 'otherCandidatesCount', 'validation.count'],
    [{ urgency: 'urgent' }, 'urgency', 'validation.invalid'],
    [{ budgetStatus: 'maybe' }, 'budgetStatus', 'validation.invalid'],
    [{ clientConcerns: 'c'.repeat(TEXT_LIMITS.clientConcerns + 1) }, 'clientConcerns', 'validation.tooLong'],
  ])('rejects context case %#', (input, field, key) => {
    const r = contextForm.validate(input, undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field, key });
  });
  it('validates culture notes', () => {
    expect(cultureForm.validate({ formality: 'formal', directness: 'diplomatic', notes: 'Stropdas' }, undefined)).toEqual({
      ok: true,
      value: { formality: 'formal', directness: 'diplomatic', notes: 'Stropdas' },
    });
    expect(cultureForm.validate({ formality: 'casual' }, undefined).ok).toBe(false);
  });
});

describe('context-conversation script', () => {
  it('without an agenda follows the playbook\'s three parts scaled to the real duration; only a missing interviewer stays a placeholder', () => {
    const s = contextConversationScript(interview(), TZ, nl);
    expect(s).toContain('Het gesprek heeft 3 onderdelen: persoonlijke kennismaking (15 min), inhoudelijke check (35 min), afsluiting met vervolgstappen (10 min).');
    expect(s).toContain('Je spreekt met [naam + functie].');
    expect(s).not.toContain('Hij/zij');
    expect(s).not.toContain('[specifieke focus]');
  });

  it.each([
    [30, { intro: 10, check: 15, close: 5 }],
    [35, { intro: 10, check: 20, close: 5 }],
    [45, { intro: 15, check: 25, close: 5 }],
    [60, { intro: 15, check: 35, close: 10 }],
    [90, { intro: 25, check: 50, close: 15 }],
    [120, { intro: 35, check: 70, close: 15 }],
  ])('%i minutes: the playbook parts take %o (steps of 5, adding up)', (minutes, expected) => {
    expect(playbookMinutes(minutes)).toEqual(expected);
    expect(expected.intro + expected.check + expected.close).toBe(minutes);
  });

  it.each([
    ['Kennismaking; Technische case; Vragen van de kandidaat', ['Kennismaking', 'Technische case', 'Vragen van de kandidaat']],
    ['- Intro (10 min)\n- Case (25 min)\n\n- Afsluiting', ['Intro (10 min)', 'Case (25 min)', 'Afsluiting']],
    ['1. Rondleiding\n2) Gesprek', ['Rondleiding', 'Gesprek']],
    ['Alleen een kennismaking', ['Alleen een kennismaking']],
    ['', []],
  ])('agenda %j has the parts %j', (agenda, parts) => {
    expect(agendaParts(agenda)).toEqual(parts);
  });

  it('a 45-minute panel with a three-part agenda and two interviewers: follows the agenda and names both', () => {
    const i = interview({
      logistics: logistics({ format: 'panel', durationMin: 45, agenda: 'Kennismaking\nTechnische case met het team\nVragen en vervolg' }),
      stakeholders: [stakeholder({ keyInterests: 'schaalbaarheid' }), stakeholder({ id: 2, name: 'Anna de Jong', role: 'HR-manager', keyInterests: 'teamfit' })],
      clientExpectations: { agendaAligned: true, evaluationCriteria: 'ervaring met Kubernetes, communicatie', loggedAt: new Date('2026-11-30T10:00:00Z') },
      context: { clientConcerns: 'weinig leidinggevende ervaring', updatedAt: new Date('2026-11-30T10:00:00Z') },
    });
    const s = contextConversationScript(i, TZ, nl);
    expect(s).toContain('Het gesprek heeft 3 onderdelen: Kennismaking, Technische case met het team en Vragen en vervolg.');
    expect(s).not.toContain('persoonlijke kennismaking (');
    expect(s).toContain('(Panel, 45 minuten)');
    expect(s).toContain('Je spreekt met Pieter Bakker (CTO) en Anna de Jong (HR-manager).');
    expect(s).toContain('Pieter Bakker is vooral geïnteresseerd in schaalbaarheid. Anna de Jong is vooral geïnteresseerd in teamfit.');
    expect(s).toContain('Waar ze vooral op letten: ervaring met Kubernetes, communicatie.');
    expect(s).toContain('Bereid je ook voor op vragen over: weinig leidinggevende ervaring.');
    expect(s).not.toMatch(/\[[a-z +]+\]/);
  });

  it('fills in one interviewer with role and focus, by name', () => {
    const s = contextConversationScript(interview({ stakeholders: [stakeholder({ keyInterests: 'schaalbaarheid' })] }), TZ, nl);
    expect(s).toContain('Je spreekt met Pieter Bakker (CTO). Pieter Bakker is vooral geïnteresseerd in schaalbaarheid.');
    expect(s).toContain('Het gesprek is op wo 2 dec, 14:00, Herengracht 1, Amsterdam (1-op-1, 60 minuten).');
  });

  it('names each of several interviewers, and the culture; an unknown focus is left out, not a placeholder', () => {
    const i = interview({
      stakeholders: [
        stakeholder({ keyInterests: 'architectuur' }),
        stakeholder({ id: 2, name: 'Anna de Jong', role: 'HR', keyInterests: undefined }),
        stakeholder({ id: 3, name: 'Kees', role: undefined }),
      ],
      culture: { formality: 'informal', directness: 'direct' },
    });
    const s = contextConversationScript(i, TZ, nl);
    expect(s).toContain('Je spreekt met Pieter Bakker (CTO), Anna de Jong (HR) en Kees.');
    expect(s).toContain('Pieter Bakker is vooral geïnteresseerd in architectuur.');
    expect(s).not.toContain('Anna de Jong is vooral');
    expect(s).toContain('De sfeer bij Acme BV is informeel en direct.');
    expect(contextConversationScript(i, TZ, en)).toContain('You will meet Pieter Bakker (CTO), Anna de Jong (HR) and Kees.');
  });

  it('offers the script as copyable text in a valid modal', () => {
    const view = buildBriefingModal(interview({ stakeholders: [stakeholder()] }), TZ, nl);
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe(CALLBACK.briefingModal);
    expect(JSON.stringify(view.blocks)).toContain('```Het gesprek heeft 3 onderdelen');
  });
});

const blockIds = (blocks: KnownBlock[]) => blocks.map((b) => b.block_id).filter(Boolean);

const maxedStakeholders = Array.from({ length: MAX_STAKEHOLDERS }, (_, k) =>
  stakeholder({
    id: k + 1,
    name: 'N'.repeat(TEXT_LIMITS.stakeholderName),
    role: 'R'.repeat(TEXT_LIMITS.stakeholderRole),
    seniority: 'c_level',
    communicationStyle: '<'.repeat(TEXT_LIMITS.communicationStyle),
    keyInterests: 'K'.repeat(TEXT_LIMITS.keyInterests),
  }),
);

describe('Gesprekspartners modal', () => {
  it('lists interviewers with per-row edit/remove (with a confirm) and the add button', () => {
    const i = interview({ stakeholders: [stakeholder(), stakeholder({ id: 9, name: 'Anna', decisionPower: 'veto' })] });
    const view = buildStakeholdersModal(i, TZ, nl);
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe(CALLBACK.stakeholdersModal);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain(`"action_id":"${ROW_ACTION.editStakeholder.prefix}9","value":"7:9"`);
    expect(json).toContain(`"action_id":"${ROW_ACTION.removeStakeholder.prefix}9"`);
    expect(json).toContain('Gesprekspartner verwijderen?');
    expect(json).toContain(`"action_id":"${ACTION.addStakeholder}"`);
    expect(json).toContain('"text":"Toevoegen"');
    expect(json).toContain('_Beslisser_');
    expect(blockIds(view.blocks as KnownBlock[])).toEqual(expect.arrayContaining(Object.values(cultureForm.blocks)));
    for (const pattern of Object.values(ROW_ACTION)) expect(pattern.pattern.test(`${pattern.prefix}9`)).toBe(true);
  });

  it('prefills the culture notes', () => {
    const view = buildStakeholdersModal(interview({ culture: { formality: 'formal', notes: 'Pak en das' } }), TZ, nl);
    expect(JSON.stringify(view.blocks)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Formeel","emoji":true},"value":"formal"}');
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Pak en das"');
  });

  it(`stays within Slack's limits with ${MAX_STAKEHOLDERS} interviewers at maximum length, and hides Toevoegen`, () => {
    const view = buildStakeholdersModal(interview({ stakeholders: maxedStakeholders }), TZ, nl);
    expect(validateView(view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).not.toContain(ACTION.addStakeholder);
    const ids = blockIds(view.blocks as KnownBlock[]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('builds the add and the prefilled edit form', () => {
    const add = buildStakeholderModal(7, undefined, nl, 'V123');
    expect(validateView(add)).toEqual([]);
    expect(JSON.parse(add.private_metadata ?? '')).toEqual({ interviewId: 7, parentViewId: 'V123' });
    expect(blockIds(add.blocks as KnownBlock[])).toEqual([
      stakeholderForm.blocks.name, stakeholderForm.blocks.role, stakeholderForm.blocks.seniority, stakeholderForm.blocks.decisionPower,
      stakeholderForm.blocks.communicationStyle, stakeholderForm.blocks.keyInterests,
    ]);
    const edit = buildStakeholderModal(7, stakeholder({ seniority: 'senior', keyInterests: 'cijfers' }), en);
    expect(validateView(edit)).toEqual([]);
    expect(JSON.parse(edit.private_metadata ?? '')).toEqual({ interviewId: 7, stakeholderId: 1 });
    const json = JSON.stringify(edit.blocks);
    expect(json).toContain('"initial_value":"Pieter Bakker"');
    expect(json).toContain('"value":"senior"}');
    expect(json).toContain('"initial_value":"cijfers"');
  });
});

describe('Context modal', () => {
  it('is valid, in form order, and prefilled', () => {
    const i = interview({ context: { urgency: 'high', otherCandidatesCount: 2, budgetStatus: 'approved', clientConcerns: 'Te weinig ervaring', updatedAt: new Date() } });
    const view = buildContextModal(i, nl);
    expect(validateView(view)).toEqual([]);
    expect(blockIds(view.blocks as KnownBlock[])).toEqual(Object.values(contextForm.blocks));
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('"initial_value":"2"');
    expect(json).toContain('"value":"high"}');
    expect(json).toContain('"initial_value":"Te weinig ervaring"');
  });
});

describe('App Home', () => {
  const many = (n: number, startMs: number, firstId: number) =>
    Array.from({ length: n }, (_, k) =>
      interview({ id: firstId + k, logistics: logistics({ start: new Date(startMs + k * 3_600_000), candidateName: `Kandidaat ${k + 1}` }) }),
    );

  it('says so when there is nothing', () => {
    const home = buildHome({ upcoming: [], upcomingTotal: 0, followUp: [] }, TZ, nl);
    expect(validateBlocks(home.blocks, 'home')).toEqual([]);
    expect(JSON.stringify(home.blocks)).toContain('Geen interviews in de komende 14 dagen');
  });

  it('puts open follow-up first, then upcoming with progress, next item and form buttons', () => {
    const past = interview({ id: 3, logistics: logistics({ candidateName: 'Oud' }) });
    const soon = interview({ id: 4, stakeholders: [stakeholder()], logistics: logistics({ candidateName: 'Nieuw' }) });
    const home = buildHome({ upcoming: [soon], upcomingTotal: 1, followUp: [past] }, TZ, nl);
    expect(validateBlocks(home.blocks, 'home')).toEqual([]);
    const json = JSON.stringify(home.blocks);
    expect(json.indexOf('Opvolging open')).toBeLessThan(json.indexOf('Komende interviews'));
    expect(json.indexOf('Oud')).toBeLessThan(json.indexOf('Nieuw'));
    expect(json).toContain('afgelopen, opvolging open');
    expect(json).toContain('*Checklist 1/17* · Volgende stap: Logistiek 100% bevestigd');
    for (const a of [ACTION.openStakeholders, ACTION.openContext, ACTION.editInterview]) expect(json).toContain(`"action_id":"${a}","value":"4"`);
  });

  it('stays within 100 blocks with 60 upcoming interviews and says how many are not shown', () => {
    const upcoming = many(HOME_MAX_UPCOMING, Date.parse('2026-12-01T08:00:00Z'), 100);
    const followUp = many(10, Date.parse('2026-11-20T08:00:00Z'), 1);
    const home = buildHome({ upcoming, upcomingTotal: 60, followUp }, TZ, nl);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(validateBlocks(home.blocks, 'home')).toEqual([]);
    const shown = home.blocks.filter((b) => b.block_id?.startsWith('home_row_')).length - 10;
    expect(JSON.stringify(home.blocks)).toContain(`…en nog ${60 - shown} interviews in deze 14 dagen: \`/interviewprep lijst\` toont ze allemaal.`);
  });
});

export type { Interview };

describe('"Actuele updates" in the candidate prep reminder', () => {
  const item = { id: 1, kind: 'prep_candidate' as const, dueAt: new Date('2026-12-01T08:00:00Z'), plan: 1 };
  const now = new Date('2026-12-01T08:00:00Z');
  const withNews = (updatesText?: string) =>
    interview({
      coaching: {
        contextShared: false, updatesShared: false, updatesText, positiveSignals: [], warningSignals: [], starExamples: [],
        gunfactorDiscussed: false, coachingNeed: 'minimal', loggedAt: now,
      },
    });

  it.each([
    ['nl', 'Acme opent een kantoor in Berlijn.', 'Ter voorbereiding op het gesprek morgen: Acme opent een kantoor in Berlijn.'],
    ['en', 'Acme opens an office in Berlin.', 'Ahead of the interview tomorrow: Acme opens an office in Berlin.'],
  ] as const)('(%s) says the recorded client news, as it was entered', (lang, news, expected) => {
    const m = buildReminder({ item, interview: withNews(news), tz: TZ, t: lang === 'nl' ? nl : en, now });
    expect(JSON.stringify(m.blocks)).toContain(expected);
  });

  it('without news: no script with [placeholders], a pointer to where news is recorded', () => {
    const json = JSON.stringify(buildReminder({ item, interview: withNews('   '), tz: TZ, t: nl, now }).blocks);
    expect(json).not.toMatch(/\[[a-z ]+\]/);
    expect(json).not.toContain('Ter voorbereiding op');
    expect(json).toContain('Nieuws over Acme BV om te delen?');
  });
});
