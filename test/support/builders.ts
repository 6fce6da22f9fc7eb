import type { Interview, Logistics, Stakeholder } from '../../src/domain/interview.js';

/** A complete, valid record to vary in tests: every sub-record absent unless given. */
export function logistics(overrides: Partial<Logistics> = {}): Logistics {
  return {
    candidateName: 'Sanne de Vries',
    clientCompany: 'Acme BV',
    roleTitle: 'Backend developer',
    start: new Date('2026-12-02T13:00:00Z'),
    durationMin: 60,
    location: 'Herengracht 1, Amsterdam',
    format: 'one_on_one',
    ...overrides,
  };
}

export function interview(overrides: Partial<Interview> = {}): Interview {
  return {
    id: 7,
    ownerId: 'UOWNER',
    status: 'scheduled',
    erased: false,
    logistics: logistics(),
    stakeholders: [],
    culture: {},
    done: {},
    plan: 1,
    planStartedAt: new Date('2026-11-29T09:00:00Z'),
    changes: [],
    timeline: [],
    createdAt: new Date('2026-11-29T09:00:00Z'),
    updatedAt: new Date('2026-11-29T09:00:00Z'),
    revision: 1,
    ...overrides,
  };
}

export function stakeholder(overrides: Partial<Stakeholder> = {}): Stakeholder {
  return { id: 1, name: 'Pieter Bakker', role: 'CTO', decisionPower: 'decision_maker', ...overrides };
}
