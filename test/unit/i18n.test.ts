import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_GROUPS, CHECKLIST_ITEM_IDS } from '../../src/domain/checklist.js';
import { FORMATS } from '../../src/domain/interview.js';
import { catalogues, createTranslator, isMessageKey } from '../../src/slack/i18n/index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?:\|[^|}]*\|[^}]*)?\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('nl and en have exactly the same keys', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.nl).sort());
  });

  it('use the same placeholders in both languages, and no empty text', () => {
    for (const key of Object.keys(catalogues.nl) as (keyof typeof catalogues.nl)[]) {
      expect(placeholders(catalogues.en[key]), key).toEqual(placeholders(catalogues.nl[key]));
      expect(catalogues.nl[key].trim(), key).not.toBe('');
      expect(catalogues.en[key].trim(), key).not.toBe('');
    }
  });

  it('cover every checklist item, group and format', () => {
    for (const id of CHECKLIST_ITEM_IDS) expect(isMessageKey(`checklist.${id}`), id).toBe(true);
    for (const g of CHECKLIST_GROUPS) expect(isMessageKey(`checklist.group.${g}`), g).toBe(true);
    for (const f of FORMATS) expect(isMessageKey(`format.${f}`), f).toBe(true);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = createTranslator('nl');
    expect(t('validation.tooLong', { max: 100 })).toBe('Maximaal 100 tekens.');
    expect(t('validation.tooLong')).toBe('Maximaal {max} tekens.');
    expect(createTranslator('en')('validation.tooLong', { max: 5 })).toBe('At most 5 characters.');
  });

  it.each([
    ['button.edit', 'Bewerken'],
    ['button.stakeholders', 'Gesprekspartners'],
    ['button.add', 'Toevoegen'],
    ['button.context', 'Context'],
    ['button.done', 'Gedaan'],
    // Renamed by issue 14: "Later", in the words a Dutch colleague uses.
    ['button.snooze15', 'Over 15 min'],
    ['button.snooze60', 'Over 1 uur'],
    ['button.open', 'Openen'],
    // Renamed by issue 14: not the same word as every form's close button.
    ['button.cancelInterview', 'Interview annuleren'],
    ['button.logisticsConfirmed', 'Logistiek bevestigd'],
    ['button.coachingGiven', 'Coaching gegeven'],
    ['button.onCallAck', 'Ik ben bereikbaar'],
    ['button.coaching', 'Coaching check'],
    ['button.expectations', 'Klantverwachtingen'],
    ['button.change', 'Last-minute wijziging'],
    ['button.debrief', 'Debrief kandidaat'],
    ['button.feedback', 'Klantfeedback'],
    ['button.closeLoop', 'Loop sluiten'],
    ['button.claim', 'Opgepakt'],
  ] as const)('keeps the Dutch button label %s = %j that the issues name and users know', (key, label) => {
    expect(catalogues.nl[key]).toBe(label);
  });
});

describe('the catalogue holds only what the product says', () => {
  it('every key is used by some code in src/ (literally, or through a `prefix.${…}` key)', () => {
    const root = join(import.meta.dirname, '..', '..', 'src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.includes('i18n'));
    const code = files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    const literal = new Set([...code.matchAll(/['"`]([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)['"`]/g)].map((m) => m[1]));
    const prefixes = [
      ...[...code.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*\.)\$\{/g)].map((m) => m[1] as string),
      // A prefix handed to a helper that appends the code ('risk.detail.context.' + code).
      ...[...code.matchAll(/'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*\.)'/g)].map((m) => m[1] as string),
    ];
    const unused = Object.keys(catalogues.nl).filter((key) => !literal.has(key) && !prefixes.some((p) => key.startsWith(p)));
    expect(unused).toEqual([]);
  });
});
