import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PayloadError } from '../../src/errors.js';
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
} from '../../src/slack/forms/index.js';
import { sanitizeLibraryMessage } from '../../src/slack/boltLogger.js';
import { parseCommand } from '../../src/slack/listeners/commands/parse.js';
import {
  METADATA_SCHEMAS,
  parseInterviewId,
  parseMetadata,
  parseRowValue,
} from '../../src/slack/views/state.js';

const now = new Date('2026-11-30T08:00:00Z');
/** Any JSON-ish value Slack (or an attacker) could put in a payload. */
const anything = fc.anything({ maxDepth: 4, withBigInt: false, withDate: false, withMap: false, withSet: false, withTypedArray: false });

describe('payload parsers never throw anything but PayloadError (fuzzed)', () => {
  it.each(Object.entries(METADATA_SCHEMAS))('private_metadata for %s', (_name, schema) => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), anything.map((v) => JSON.stringify(v) ?? '')), (raw) => {
        try {
          const parsed = parseMetadata(raw, schema) as Record<string, unknown>;
          if ('interviewId' in parsed && parsed.interviewId !== undefined) expect(Number.isSafeInteger(parsed.interviewId)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(PayloadError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('button values', () => {
    fc.assert(
      fc.property(anything, (value) => {
        for (const parse of [parseInterviewId, parseRowValue]) {
          try {
            parse(value);
          } catch (error) {
            expect(error).toBeInstanceOf(PayloadError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('state.values of every form: read and validated into a result, never a crash', () => {
    const start = new Date('2026-12-02T08:00:00Z');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.dictionary(fc.string(), anything)), anything, (values, junk) => {
        const state = Math.random() < 0.5 ? values : (junk as never);
        const results = [
          logisticsForm.validate(logisticsForm.read(state), { now }),
          stakeholderForm.validate(stakeholderForm.read(state), undefined),
          cultureForm.validate(cultureForm.read(state), undefined),
          contextForm.validate(contextForm.read(state), undefined),
          coachingForm.validate(coachingForm.read(state), undefined),
          expectationsForm.validate(expectationsForm.read(state), { interviewStart: start }),
          changeForm.validate(changeForm.read(state), { now }),
          debriefForm.validate(debriefForm.read(state), undefined),
          feedbackForm.validate(feedbackForm.read(state), undefined),
          loopForm.validate(loopForm.read(state), undefined),
        ];
        for (const r of results) expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('slash command text of any shape parses to a known kind', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'stats __proto__', 'export #0')), (text) => {
        expect(['new', 'list', 'today', 'team', 'handover', 'help', 'stats', 'erase', 'export', 'needsId', 'unknown']).toContain(parseCommand(text).kind);
      }),
      { numRuns: 1000 },
    );
  });

  it('oversized text is refused by validation, not stored', () => {
    const r = logisticsForm.validate({ candidateName: 'x'.repeat(100_000), clientCompany: 'A', roleTitle: 'B', startEpochSeconds: now.getTime() / 1000 + 60, location: 'L', format: 'panel' }, { now });
    expect(r.ok).toBe(false);
  });
});

describe('library log lines lose their payloads', () => {
  it.each([
    ['http request body: {"text":"Zoë"}', 'http request [payload redacted]'],
    ['{"token":"x","user":"U1"}', '[payload redacted]'],
    ['ack() call begins (body: {"x":1})', 'ack() call begins ( [payload redacted]'],
    ['Received a message on the WebSocket: {"a":1}', 'Received a message on the WebSocket: [payload redacted]'],
    ["apiCall('chat.postMessage') start", "apiCall('chat.postMessage') start"],
    ['API Call failed due to rate limiting. Will retry in 3 seconds.', 'API Call failed due to rate limiting. Will retry in 3 seconds.'],
  ])('%j', (input, expected) => {
    expect(sanitizeLibraryMessage(input)).toBe(expected);
  });
});
