import { describe, expect, it } from 'vitest';
import { formatInTimeZone } from 'date-fns-tz';
import { decide, planTimeline, prepMoment, retryDelayMs, snoozeUntil, usefulUntil } from '../../src/domain/timeline.js';
import type { TimelineKind } from '../../src/domain/interview.js';
import { interview, logistics } from '../support/builders.js';

const AMS = 'Europe/Amsterdam';
const local = (d: Date, tz = AMS) => formatInTimeZone(d, tz, 'EEE yyyy-MM-dd HH:mm');
const plan = (startIso: string, tz = AMS, nowIso = '2026-01-01T00:00:00Z', durationMin = 60) =>
  Object.fromEntries(
    planTimeline({ logistics: logistics({ start: new Date(startIso), durationMin }) }, tz, new Date(nowIso)).map((p) => [p.kind, local(p.dueAt, tz)]),
  ) as Record<TimelineKind, string>;

describe('prep moment: 09:00 local on the last working day before the interview', () => {
  it.each([
    ['Tuesday interview → Monday', '2026-12-08T13:00:00Z', AMS, 'Mon 2026-12-07 09:00'],
    ['Monday interview → Friday', '2026-12-07T13:00:00Z', AMS, 'Fri 2026-12-04 09:00'],
    ['early Monday (08:00) → Friday', '2026-12-07T07:00:00Z', AMS, 'Fri 2026-12-04 09:00'],
    ['Saturday interview → Friday', '2026-12-05T10:00:00Z', AMS, 'Fri 2026-12-04 09:00'],
    ['Sunday interview → Friday', '2026-12-06T10:00:00Z', AMS, 'Fri 2026-12-04 09:00'],
    ['Monday after spring-forward → Friday (CET)', '2026-03-30T08:00:00Z', AMS, 'Fri 2026-03-27 09:00'],
    ['Sunday of spring-forward → Friday', '2026-03-29T08:00:00Z', AMS, 'Fri 2026-03-27 09:00'],
    ['Monday after fall-back → Friday (CEST)', '2026-10-26T09:00:00Z', AMS, 'Fri 2026-10-23 09:00'],
    ['Sunday of fall-back → Friday', '2026-10-25T09:00:00Z', AMS, 'Fri 2026-10-23 09:00'],
    ['New York consultant across US fall-back', '2026-11-02T15:00:00Z', 'America/New_York', 'Fri 2026-10-30 09:00'],
    ['Tokyo consultant: local Monday is still Sunday in UTC', '2026-12-06T23:30:00Z', 'Asia/Tokyo', 'Fri 2026-12-04 09:00'],
  ])('%s', (_name, start, tz, expected) => {
    expect(local(prepMoment(new Date(start), tz), tz)).toBe(expected);
  });

  it('is an instant: 09:00 CET is 08:00 UTC, 09:00 CEST is 07:00 UTC', () => {
    expect(prepMoment(new Date('2026-03-30T08:00:00Z'), AMS).toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(prepMoment(new Date('2026-10-26T09:00:00Z'), AMS).toISOString()).toBe('2026-10-23T07:00:00.000Z');
  });
});

describe('planTimeline', () => {
  it('puts every SPEC moment at its place (T = 14:00, E = 15:00)', () => {
    expect(plan('2026-12-08T13:00:00Z')).toEqual({
      prep_candidate: 'Mon 2026-12-07 09:00',
      prep_client: 'Mon 2026-12-07 09:00',
      candidate_checkin: 'Tue 2026-12-08 12:00',
      prep_incomplete_risk: 'Tue 2026-12-08 12:00',
      client_reminder: 'Tue 2026-12-08 13:00',
      on_call: 'Tue 2026-12-08 14:00',
      candidate_debrief_due: 'Tue 2026-12-08 15:00',
      candidate_debrief_overdue: 'Tue 2026-12-08 17:00',
      client_feedback_overdue: 'Tue 2026-12-08 19:00',
      loop_overdue: 'Wed 2026-12-09 15:00',
    });
  });

  it.each([
    ['the Sunday after spring-forward', '2026-03-29T08:00:00Z'],
    ['the Monday after spring-forward', '2026-03-30T08:00:00Z'],
    ['the Sunday of fall-back', '2026-10-25T09:00:00Z'],
    ['the Monday after fall-back', '2026-10-26T09:00:00Z'],
  ])('an interview at 10:00 on %s gets its check-in at 08:00 local', (_name, start) => {
    const p = plan(start);
    expect(p.candidate_checkin.slice(-5)).toBe('08:00');
    expect(p.client_reminder.slice(-5)).toBe('09:00');
    expect(p.on_call.slice(-5)).toBe('10:00');
  });

  const states = (startIso: string, nowIso: string) =>
    Object.fromEntries(
      planTimeline({ logistics: logistics({ start: new Date(startIso) }) }, AMS, new Date(nowIso)).map((p) => [p.kind, `${p.state} ${local(p.dueAt)}`]),
    ) as Record<TimelineKind, string>;

  it('short notice (logged 90 min ahead): what passed goes into one catch-up, the rest stays due', () => {
    expect(states('2026-12-08T13:00:00Z', '2026-12-08T11:30:00Z')).toEqual({
      prep_candidate: 'caught_up Mon 2026-12-07 09:00',
      prep_client: 'caught_up Mon 2026-12-07 09:00',
      candidate_checkin: 'caught_up Tue 2026-12-08 12:00',
      // An alert about missing data waits an hour after logging (T − 2h had passed).
      prep_incomplete_risk: 'pending Tue 2026-12-08 13:30',
      client_reminder: 'pending Tue 2026-12-08 13:00',
      on_call: 'pending Tue 2026-12-08 14:00',
      candidate_debrief_due: 'pending Tue 2026-12-08 15:00',
      candidate_debrief_overdue: 'pending Tue 2026-12-08 17:00',
      client_feedback_overdue: 'pending Tue 2026-12-08 19:00',
      loop_overdue: 'pending Wed 2026-12-09 15:00',
      catch_up: 'pending Tue 2026-12-08 12:30',
    });
  });

  it('logged at T − 1h: the prep-incomplete alert would come after T, so it stays quiet', () => {
    expect(states('2026-12-08T13:00:00Z', '2026-12-08T12:00:00Z').prep_incomplete_risk.split(' ')[0]).toBe('quiet');
  });

  it.each([
    ['logged exactly at T − 1h: the client reminder joins the catch-up', '2026-12-08T12:00:00Z', 'caught_up'],
    ['logged at T − 1h 03m: within the grace, still one message', '2026-12-08T11:57:00Z', 'caught_up'],
    ['logged at T − 1h 30m: the client reminder comes on its own', '2026-12-08T11:30:00Z', 'pending'],
  ])('%s', (_name, nowIso, expected) => {
    expect(states('2026-12-08T13:00:00Z', nowIso).client_reminder.split(' ')[0]).toBe(expected);
  });

  it('logged after the interview ended: only the debrief prompt is worth catching up; overdue alerts wait an hour', () => {
    const s = states('2026-12-08T13:00:00Z', '2026-12-08T15:00:00Z');
    expect(s.on_call.split(' ')[0]).toBe('quiet');
    expect(s.candidate_checkin.split(' ')[0]).toBe('quiet');
    expect(s.candidate_debrief_due.split(' ')[0]).toBe('caught_up');
    expect(s.candidate_debrief_overdue).toBe('pending Tue 2026-12-08 17:00');
    expect(s.catch_up).toBe('pending Tue 2026-12-08 16:00');
  });

  it('a plan made well ahead has no catch-up and nothing quiet', () => {
    const s = states('2026-12-08T13:00:00Z', '2026-12-01T10:00:00Z');
    expect(s.catch_up).toBeUndefined();
    expect(Object.values(s).every((v) => v.startsWith('pending'))).toBe(true);
  });

  it('keeps loop_overdue 24h of real time after the end, across a DST switch', () => {
    expect(plan('2026-10-24T13:00:00Z').loop_overdue).toBe('Sun 2026-10-25 15:00');
  });
});

describe('decide', () => {
  const T = new Date('2026-12-08T13:00:00Z');
  const i = interview({ logistics: logistics({ start: T, durationMin: 60 }) });
  const at = (minutesFromT: number) => new Date(T.getTime() + minutesFromT * 60_000);

  it.each<[string, TimelineKind, number, string]>([
    ['interview in 90 min: overdue check-in still goes out', 'candidate_checkin', -90, 'send'],
    ['interview in 30 min: client reminder still goes out', 'client_reminder', -30, 'send'],
    ['interview in 30 min: prep still goes out', 'prep_candidate', -30, 'send'],
    ['already started: check-in is stale', 'candidate_checkin', 10, 'stale'],
    ['already started: prep is stale', 'prep_client', 1, 'stale'],
    ['already started: on-call note still goes out', 'on_call', 10, 'send'],
    ['after the end: on-call note is stale', 'on_call', 61, 'stale'],
    ['debrief prompt until the debrief is overdue', 'candidate_debrief_due', 60 + 119, 'send'],
    ['debrief prompt after that is stale', 'candidate_debrief_due', 60 + 121, 'stale'],
    ['overdue alerts are never stale', 'loop_overdue', 60 * 24 * 7, 'send'],
  ])('%s', (_name, kind, minutes, expected) => {
    const d = decide(kind, i, at(minutes));
    expect(d.action === 'send' ? 'send' : d.reason).toBe(expected);
  });

  it.each<[TimelineKind, Partial<Parameters<typeof interview>[0]>]>([
    ['prep_candidate', { coaching: { contextShared: true, updatesShared: true, positiveSignals: [], warningSignals: [], starExamples: [], gunfactorDiscussed: true, coachingNeed: 'minimal', loggedAt: T } }],
    ['prep_client', { clientExpectations: { agendaAligned: true, loggedAt: T } }],
    ['candidate_checkin', { done: { checkin: { at: T, by: 'U1', plan: 1 } } }],
    ['client_reminder', { done: { client_reminder: { at: T, by: 'U1', plan: 1 } } }],
    ['candidate_debrief_due', { done: { debrief: { at: T, by: 'U1', plan: 1 } } }],
    ['candidate_debrief_overdue', { done: { debrief: { at: T, by: 'U1', plan: 1 } } }],
    ['client_feedback_overdue', { done: { client_feedback: { at: T, by: 'U1', plan: 1 } } }],
    ['loop_overdue', { done: { loop: { at: T, by: 'U1', plan: 1 } } }],
    ['prep_candidate', { done: { candidate_prep: { at: T, by: 'U1', plan: 1 } } }],
    ['candidate_debrief_overdue', { debrief: { interestLevel: 3, loggedAt: T } }],
    ['client_feedback_overdue', { clientFeedback: { impression: 'neutral', loggedAt: T } }],
    ['loop_overdue', { loop: { nextStepsClear: true, timelineKept: true, noSurprises: true, bothPositive: true, closedAt: T } }],
  ])('%s stops once its task is logged', (kind, partial) => {
    expect(decide(kind, interview({ ...partial, logistics: logistics({ start: T }) }), at(-300))).toEqual({ action: 'skip', reason: 'satisfied' });
  });

  it('skips everything of a cancelled interview', () => {
    expect(decide('on_call', { ...i, status: 'cancelled' }, at(0))).toEqual({ action: 'skip', reason: 'cancelled' });
  });
});

describe('snooze and retry', () => {
  const i = { logistics: logistics({ start: new Date('2026-12-08T13:00:00Z') }) };
  it.each<[string, TimelineKind, string, number, string | undefined]>([
    ['15 min well before the deadline', 'candidate_checkin', '2026-12-08T11:00:00Z', 15, '2026-12-08T11:15:00.000Z'],
    ['1 h capped at the interview start', 'client_reminder', '2026-12-08T12:30:00Z', 60, '2026-12-08T13:00:00.000Z'],
    ['no room left at the deadline', 'client_reminder', '2026-12-08T13:00:00Z', 15, undefined],
    ['an overdue alert cannot be snoozed', 'candidate_debrief_overdue', '2026-12-08T16:00:00Z', 15, undefined],
  ])('%s', (_n, kind, now, minutes, expected) => {
    expect(snoozeUntil(kind, i, new Date(now), minutes)?.toISOString()).toBe(expected);
  });

  it('backs off exponentially, honours Retry-After, caps at 30 minutes', () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(1, 120)).toBe(120_000);
    expect(retryDelayMs(20)).toBe(30 * 60_000);
  });

  it('gives no deadline to overdue alerts', () => {
    expect(usefulUntil('client_feedback_overdue', i)).toBeUndefined();
  });
});
