import { describe, expect, it } from 'vitest';
import type { RiskAlert } from '../../src/domain/repositories.js';
import { createTranslator } from '../../src/slack/i18n/index.js';
import { buildHome } from '../../src/slack/views/home.js';
import { teamBlocks, type TeamData } from '../../src/slack/views/team.js';
import { validateBlocks } from '../support/fakeSlack.js';
import { interview, logistics } from '../support/builders.js';

const t = createTranslator('nl');
const AMS = 'Europe/Amsterdam';
const now = new Date('2026-12-01T06:00:00Z');

function data(count: number, alerts: number, client = (k: number) => `Klant ${k}`): TeamData {
  const interviews = Array.from({ length: count }, (_, k) =>
    interview({ id: k + 1, ownerId: `UCONS${k % 10}`, logistics: logistics({ clientCompany: client(k), start: new Date(now.getTime() + (k % 2) * 86_400_000 + k * 60_000) }) }),
  );
  const alertRows = Array.from({ length: alerts }, (_, k): { alert: RiskAlert; interview: (typeof interviews)[number] } => ({
    alert: { id: k + 1, interviewId: (k % count) + 1, reason: 'prep_incomplete', occurrence: 1, state: 'posted', attempts: 1, createdAt: new Date(now.getTime() - (alerts - k) * 60_000) },
    interview: interviews[k % count]!,
  }));
  return { interviews, alerts: alertRows, now };
}

describe('"Team vandaag"', () => {
  it.each([
    ['40 interviews, 12 alerts', 40, 12, (k: number) => `Klant ${k}`],
    ['200 interviews with long client names and 100 alerts', 200, 100, (k: number) => `${'Zeer Lange Klantnaam '.repeat(6)}${k}`],
  ])('%s: a few blocks, and what does not fit is counted', (_name, count, alerts, client) => {
    const blocks = teamBlocks(data(count, alerts, client), AMS, t);
    expect(blocks.length).toBeLessThanOrEqual(2 + 4 + 4 + 4);
    expect(validateBlocks(blocks, 'home')).toEqual([]);
    const home = buildHome({ team: data(count, alerts, client), upcoming: [], upcomingTotal: 0, followUp: [] }, AMS, t);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(blocks);
    if (count === 200) expect(text).toMatch(/…en nog \d+\./);
    else expect(text).not.toContain('…en nog');
  });

  it('says so when there is nothing', () => {
    const text = JSON.stringify(teamBlocks({ interviews: [], alerts: [], now }, AMS, t));
    expect(text).toContain('*Vandaag* (0)');
    expect(text).toContain('Geen interviews');
    expect(text).toContain('Geen open risicomomenten');
  });
});
