import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatInTimeZone } from 'date-fns-tz';
import { describe, expect, it } from 'vitest';
import { deriveChecklist, prepComplete } from '../../src/domain/checklist.js';
import { TIMELINE_KINDS, type TimelineKind } from '../../src/domain/interview.js';
import { KIND_RULES, TASK_RULES, TASKS, taskDeadline, taskDoneAt, TICKABLE_KINDS, type Task } from '../../src/domain/rules.js';
import { decide, planTimeline } from '../../src/domain/timeline.js';
import { interview, logistics } from '../support/builders.js';

const AMS = 'Europe/Amsterdam';
const local = (d: Date) => formatInTimeZone(d, AMS, 'EEE yyyy-MM-dd HH:mm');
const done = (task: Task, at = new Date('2026-12-02T10:30:00Z')) => ({ [task]: { at, by: 'U1', plan: 1 } });

describe('the rule table', () => {
  it('has one rule for every timeline kind and nothing else', () => {
    expect(Object.keys(KIND_RULES).sort()).toEqual([...TIMELINE_KINDS].sort());
  });

  it.each(Object.entries(KIND_RULES) as Array<[TimelineKind, (typeof KIND_RULES)[TimelineKind]]>)('%s is consistent', (kind, rule) => {
    // A risk moment reaches the channel; a kind that can be ticked off asks something, unless its
    // button only acknowledges (the on-call note: "Ik ben bereikbaar", nothing to snooze).
    if (rule.risk) expect(rule.to.riskChannel).toBe(true);
    if (rule.gedaan) expect(rule.asks).toBe(rule.gedaanMeans !== 'acknowledge');
    // Only moments that are still worth doing late can be caught up, and they have a deadline.
    if (rule.catchUp) expect(rule.usefulUntil).not.toBe('never');
    expect(TICKABLE_KINDS.has(kind)).toBe(rule.gedaan !== undefined);
  });

  it.each(TASKS)('Gedaan on %s ticks exactly its items and stops the kinds that wait for it', (task) => {
    const start = new Date('2026-12-02T08:00:00Z');
    const base = interview({ logistics: logistics({ start, durationMin: 60 }) });
    const withDone = { ...base, done: done(task) };
    const before = deriveChecklist(base).items.filter((i) => i.done).map((i) => i.id);
    const after = deriveChecklist(withDone).items.filter((i) => i.done).map((i) => i.id);
    const ticked = after.filter((id) => !before.includes(id));
    // A follow-up item ticks only within its SLA (10:30Z is within 2h and 4h and 24h after E = 09:00Z).
    expect(ticked.sort()).toEqual([...TASK_RULES[task].ticks].sort());
    for (const kind of TIMELINE_KINDS.filter((k) => KIND_RULES[k].gedaan === task)) {
      expect(decide(kind, withDone, start), kind).toEqual({ action: 'skip', reason: 'satisfied' });
    }
  });

  it('Gedaan after the SLA records the work but does not tick the "within" item', () => {
    const start = new Date('2026-12-02T08:00:00Z');
    const late = { ...interview({ logistics: logistics({ start, durationMin: 60 }) }), done: done('debrief', new Date('2026-12-02T11:30:00Z')) };
    expect(deriveChecklist(late).items.find((i) => i.id === 'debrief_within_2h')!.done).toBe(false);
    expect(taskDoneAt(late, 'debrief')).toEqual(new Date('2026-12-02T11:30:00Z'));
  });

  it('the earliest evidence counts: a Gedaan before the form', () => {
    const i = { ...interview(), done: done('debrief', new Date('2026-12-02T09:10:00Z')), debrief: { interestLevel: 4, loggedAt: new Date('2026-12-02T12:00:00Z') } };
    expect(taskDoneAt(i, 'debrief')).toEqual(new Date('2026-12-02T09:10:00Z'));
  });

  it('prep Gedaan alone never completes the preparation: data items stay open', () => {
    const i = { ...interview(), done: { ...done('candidate_prep'), ...done('client_prep') } };
    expect(prepComplete(deriveChecklist(i))).toBe(false);
  });

  it('the SLA deadlines come from the table', () => {
    const l = logistics({ start: new Date('2026-12-02T08:00:00Z'), durationMin: 60 });
    expect(taskDeadline('debrief', l)?.toISOString()).toBe('2026-12-02T11:00:00.000Z');
    expect(taskDeadline('client_feedback', l)?.toISOString()).toBe('2026-12-02T13:00:00.000Z');
    expect(taskDeadline('loop', l)?.toISOString()).toBe('2026-12-03T09:00:00.000Z');
    expect(taskDeadline('checkin', l)).toBeUndefined();
  });
});

describe('plans across weekends and DST', () => {
  const states = (startIso: string, nowIso: string) =>
    Object.fromEntries(planTimeline({ logistics: logistics({ start: new Date(startIso) }) }, AMS, new Date(nowIso)).map((p) => [p.kind, `${p.state} ${local(p.dueAt)}`]));

  it.each([
    ['logged Friday 17:00 for Monday 10:00: prep (Friday 09:00) is caught up, the rest is due', '2026-12-07T09:00:00Z', '2026-12-04T16:00:00Z', 'caught_up Fri 2026-12-04 09:00', 'pending Mon 2026-12-07 08:00'],
    ['logged Thursday for Monday: prep on Friday as usual', '2026-12-07T09:00:00Z', '2026-12-03T16:00:00Z', 'pending Fri 2026-12-04 09:00', 'pending Mon 2026-12-07 08:00'],
    ['moved on the Saturday of fall-back to the Monday after', '2026-10-26T09:00:00Z', '2026-10-24T10:00:00Z', 'caught_up Fri 2026-10-23 09:00', 'pending Mon 2026-10-26 08:00'],
    ['moved on the Friday before spring-forward to the Monday after', '2026-03-30T08:00:00Z', '2026-03-27T06:00:00Z', 'pending Fri 2026-03-27 09:00', 'pending Mon 2026-03-30 08:00'],
  ])('%s', (_name, start, now, prep, checkin) => {
    const s = states(start, now);
    expect(s.prep_candidate).toBe(prep);
    expect(s.candidate_checkin).toBe(checkin);
    expect(s.catch_up !== undefined).toBe(prep.startsWith('caught_up'));
  });
});

describe('every SLA number lives in the rule table', () => {
  const SRC = resolve(import.meta.dirname, '..', '..', 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });

  it.each([
    // A day constant (24 h as "a calendar day") is not an SLA; 2 and 4 hours always are.
    ['hour arithmetic for 2 or 4 hours', /\b(?:2|4)\s*\*\s*(?:HOUR|60\s*\*\s*60_?000|3_?600_?000|HOUR_MIN)\b/],
    ['a 24-hour deadline after the interview end', /interviewEnd\(.*\b24\b/],
    ['"2u", "4 uur", "24 hours" in a text', /\b(?:2|4|24)\s?(?:u|uur|h|hours)\b(?![\w-])/],
  ])('no %s outside src/domain/rules.ts', (_name, pattern) => {
    const offenders = files(SRC)
      .filter((f) => !f.endsWith(join('domain', 'rules.ts')))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, n) => ({ line, n }))
          // Comments may explain; only code and catalogue texts count.
          .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && pattern.test(line))
          .map(({ n, line }) => `${f.slice(SRC.length + 1)}:${n + 1}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
