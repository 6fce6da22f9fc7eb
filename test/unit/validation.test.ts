import { describe, expect, it } from 'vitest';
import { logisticsForm, type LogisticsInput } from '../../src/slack/forms/index.js';

const now = new Date('2026-11-29T10:00:00Z');
const inOneHour = now.getTime() / 1000 + 3600;

const valid: LogisticsInput = {
  candidateName: 'Sanne de Vries',
  clientCompany: 'Acme BV',
  roleTitle: 'Backend developer',
  startEpochSeconds: inOneHour,
  durationMin: '45',
  location: 'https://teams.example/meet/1',
  format: 'panel',
};

describe('validateLogistics', () => {
  it('accepts a complete form, trims text and parses the duration', () => {
    const r = logisticsForm.validate({ ...valid, candidateName: '  Sanne de Vries  ' }, { now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.candidateName).toBe('Sanne de Vries');
    expect(r.value.durationMin).toBe(45);
    expect(r.value.start.toISOString()).toBe('2026-11-29T11:00:00.000Z');
    expect(r.value.candidatePhone).toBeUndefined();
  });

  it('defaults an empty duration to 60 minutes', () => {
    const r = logisticsForm.validate({ ...valid, durationMin: '' }, { now });
    expect(r.ok && r.value.durationMin).toBe(60);
  });

  it.each([
    ['candidateName', { candidateName: '   ' }, 'validation.required'],
    ['candidateName', { candidateName: 'x'.repeat(101) }, 'validation.tooLong'],
    ['candidateName', { candidateName: 'Sanne\u0000' }, 'validation.controlChars'],
    ['clientCompany', { clientCompany: undefined }, 'validation.required'],
    ['roleTitle', { roleTitle: 'r'.repeat(151) }, 'validation.tooLong'],
    ['startEpochSeconds', { startEpochSeconds: undefined }, 'validation.required'],
    ['startEpochSeconds', { startEpochSeconds: now.getTime() / 1000 - 60 }, 'validation.startInPast'],
    ['startEpochSeconds', { startEpochSeconds: now.getTime() / 1000 }, 'validation.startInPast'],
    ['durationMin', { durationMin: '14' }, 'validation.duration'],
    ['durationMin', { durationMin: '481' }, 'validation.duration'],
    ['durationMin', { durationMin: '60.5' }, 'validation.duration'],
    ['durationMin', { durationMin: 'een uur' }, 'validation.duration'],
    ['location', { location: '' }, 'validation.required'],
    ['location', { location: 'l'.repeat(501) }, 'validation.tooLong'],
    ['format', { format: 'speed_date' }, 'validation.invalid'],
    ['format', { format: undefined }, 'validation.required'],
    ['candidateEmail', { candidateEmail: 'sanne@' }, 'validation.email'],
    ['candidatePhone', { candidatePhone: 'bel me' }, 'validation.phone'],
    ['agenda', { agenda: 'a'.repeat(1501) }, 'validation.tooLong'],
  ])('rejects %s with %j', (field, change, key) => {
    const r = logisticsForm.validate({ ...valid, ...change }, { now });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([expect.objectContaining({ field, key })]);
  });

  it('accepts durations at both bounds', () => {
    expect(logisticsForm.validate({ ...valid, durationMin: '15' }, { now }).ok).toBe(true);
    expect(logisticsForm.validate({ ...valid, durationMin: 480 }, { now }).ok).toBe(true);
  });

  it('lets an edit keep a start that has passed, but not move it into the past', () => {
    const past = now.getTime() / 1000 - 600;
    const unchangedStart = new Date(past * 1000);
    expect(logisticsForm.validate({ ...valid, startEpochSeconds: past }, { now, unchangedStart }).ok).toBe(true);
    expect(logisticsForm.validate({ ...valid, startEpochSeconds: past - 60 }, { now, unchangedStart }).ok).toBe(false);
  });

  it('reports one error per field, every bad field at once', () => {
    const r = logisticsForm.validate({}, { now });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual(
      ['candidateName', 'clientCompany', 'format', 'location', 'roleTitle', 'startEpochSeconds'].sort(),
    );
  });

  it('survives values of the wrong type from a tampered payload', () => {
    const r = logisticsForm.validate({ ...valid, candidateName: 42 as unknown as string, startEpochSeconds: 'soon' as unknown as number }, { now });
    expect(r.ok).toBe(false);
  });
});
