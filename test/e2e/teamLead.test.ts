import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, METADATA_EVENT } from '../../src/slack/ids.js';
import { ADMIN, OTHER, OWNER, startHarness, type Harness } from '../support/harness.js';
import { clickButton, createInterview, eventually } from '../support/flows.js';
import type { StoredMessage } from '../support/fakeSlack.js';

const RISK = 'C0RISK01';
const LEAD1 = 'ULEAD0001';
const LEAD2 = 'ULEAD0002';
let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function start(env: Record<string, string> = {}) {
  h = await startHarness({ env: { RISK_ALERT_CHANNEL: RISK, TEAM_LEAD_USER_IDS: `${LEAD1},${LEAD2}`, ...env } });
  h.fake.setUser(LEAD1, { tz: 'Europe/Amsterdam', real_name: 'Lea Lead' });
  h.fake.setUser(LEAD2, { tz: 'Europe/London', real_name: 'Liam Lead' });
}
const payload = (m: StoredMessage) => (m.metadata?.event_payload ?? {}) as Record<string, unknown>;
const copiesFor = (lead: string) => h.fake.dmsTo(lead).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk);
const channelAlerts = (reason: string) => h.fake.messages(RISK).filter((m) => m.metadata?.event_type === METADATA_EVENT.risk && payload(m).reason === reason);
const kindOf = (m: StoredMessage) => payload(m).kind as string | undefined;
const nudges = () => h.fake.dmsTo(OWNER).filter((m) => m.metadata?.event_type === METADATA_EVENT.nudge);
const reminder = (kind: string) => h.fake.dmsTo(OWNER).find((m) => m.metadata?.event_type === METADATA_EVENT.reminder && kindOf(m) === kind)!;
const at = async (iso: string) => {
  h.clock.current = new Date(iso);
  await h.tick();
};

describe('nag, then escalate', () => {
  it('an unclaimed debrief-overdue alert reaches each lead’s DM once after 30 minutes; one claim updates both copies and the channel', async () => {
    await start();
    // Wednesday 2 December 09:00-10:00 Amsterdam: the debrief is overdue at 12:00 (11:00Z).
    await createInterview(h, OWNER);
    await h.sql.run('UPDATE interviews SET context_checked_at = 0');
    await at('2026-12-02T11:00:00Z');
    expect(channelAlerts('debrief_overdue')).toHaveLength(1);
    await at('2026-12-02T11:29:00Z');
    expect([copiesFor(LEAD1), copiesFor(LEAD2)].map((c) => c.length)).toEqual([0, 0]);

    await at('2026-12-02T11:30:00Z');
    await at('2026-12-02T11:31:00Z');
    await at('2026-12-02T12:30:00Z');
    const [copy1, copy2] = [copiesFor(LEAD1), copiesFor(LEAD2)];
    expect([copy1.length, copy2.length]).toEqual([1, 1]);
    expect(JSON.stringify(copy1[0]!.blocks)).toContain('binnen 30 min opgepakt');
    expect(payload(copy1[0]!)).toMatchObject({ reason: 'debrief_overdue', escalation: true });
    // The same Opgepakt as in the channel, and the same facts, each lead's in their own zone.
    expect(JSON.stringify(copy1[0]!.blocks)).toContain(ACTION.claimRisk);
    expect(JSON.stringify(copy1[0]!.blocks)).toContain('wo 2 dec, 09:00');
    expect(JSON.stringify(copy2[0]!.blocks)).toContain('wo 2 dec, 08:00');

    void clickButton(h, LEAD2, copy2[0]!, ACTION.claimRisk).response;
    const claimedEverywhere = () =>
      [copiesFor(LEAD1)[0]!, copiesFor(LEAD2)[0]!, channelAlerts('debrief_overdue')[0]!].every(
        (m) => JSON.stringify(m.blocks).includes(`Opgepakt door <@${LEAD2}>`) && !JSON.stringify(m.blocks).includes(ACTION.claimRisk),
      );
    await eventually(claimedEverywhere);
    await at('2026-12-02T13:30:00Z');
    expect([copiesFor(LEAD1).length, copiesFor(LEAD2).length]).toEqual([1, 1]);
  });

  it('a claim within the 30 minutes means no escalation; nor for an alert whose cause was taken care of', async () => {
    await start({ ADMIN_USER_IDS: 'UADMIN03' });
    await createInterview(h, OWNER);
    await h.sql.run('UPDATE interviews SET context_checked_at = 0');
    await at('2026-12-02T11:00:00Z');
    void clickButton(h, LEAD1, channelAlerts('debrief_overdue')[0]!, ACTION.claimRisk).response;
    await eventually(() => JSON.stringify(channelAlerts('debrief_overdue')[0]!.blocks).includes(`<@${LEAD1}>`));
    // Client feedback overdue at 14:00 (13:00Z): the consultant ticks it off (✅) at 13:10.
    await at('2026-12-02T13:00:00Z');
    const feedback = h.fake.dmsTo(OWNER).find((m) => m.metadata?.event_type === METADATA_EVENT.reminder && kindOf(m) === 'client_feedback_overdue')!;
    h.clock.current = new Date('2026-12-02T13:10:00Z');
    await h.requester.event({ type: 'reaction_added', user: OWNER, reaction: 'white_check_mark', item_user: 'UBOT', item: { type: 'message', channel: feedback.channel, ts: feedback.ts } });
    await eventually(async () => (await h.timeline.forInterview(1)).some((i) => i.kind === 'client_feedback_overdue' && i.doneAt !== undefined));
    await at('2026-12-02T14:00:00Z');
    expect([copiesFor(LEAD1).length, copiesFor(LEAD2).length, copiesFor('UADMIN03').length]).toEqual([0, 0, 0]);
  });

  it('an erasure reaches the leads’ copies: nothing of the client or candidate stays', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    await h.sql.run('UPDATE interviews SET context_checked_at = 0');
    for (const iso of ['2026-12-02T06:00:00Z', '2026-12-02T06:30:00Z', '2026-12-02T11:00:00Z', '2026-12-02T11:30:00Z']) await at(iso);
    // Prep incomplete at T − 2h and the debrief overdue at E + 2h, both unclaimed.
    expect(copiesFor(LEAD1).map((m) => payload(m).reason)).toEqual(['prep_incomplete', 'debrief_overdue']);
    await h.runtime.workspace().deps.privacy.erase((await h.interviews.get(id))!, h.clock.now());
    await at('2026-12-02T11:31:00Z');
    for (const m of [...copiesFor(LEAD1), ...copiesFor(LEAD2)]) {
      expect(JSON.stringify(m.blocks ?? []) + (m.text ?? '')).not.toMatch(/Acme|S\.d\.V\.|Sanne/);
    }
  });

  it('without TEAM_LEAD_USER_IDS the admins are the leads', async () => {
    h = await startHarness({ env: { RISK_ALERT_CHANNEL: RISK, ADMIN_USER_IDS: 'UADMIN03' } });
    await createInterview(h, OWNER);
    await h.sql.run('UPDATE interviews SET context_checked_at = 0');
    await at('2026-12-02T11:00:00Z');
    await at('2026-12-02T11:30:00Z');
    expect(h.fake.dmsTo('UADMIN03').filter((m) => m.metadata?.event_type === METADATA_EVENT.risk)).toHaveLength(1);
  });

  it('without leads or admins: no escalation, and startup says so', async () => {
    h = await startHarness({ env: { RISK_ALERT_CHANNEL: RISK } });
    expect(h.logs.some((l) => String(l.msg).includes('not escalated'))).toBe(true);
  });
});

describe('one nudge in the thread', () => {
  it('a check-in not done 30 minutes later gets one nudge as a thread reply; a client reminder ticked off with Gedaan gets none', async () => {
    await start();
    // Wednesday 2 December 14:00 Amsterdam (13:00Z): check-in at 12:00, client reminder at 13:00.
    await createInterview(h, OWNER, { start: new Date('2026-12-02T13:00:00Z') });
    await at('2026-12-02T11:00:00Z');
    const checkin = reminder('candidate_checkin');
    await at('2026-12-02T11:29:00Z');
    expect(nudges()).toHaveLength(0);
    await at('2026-12-02T11:30:00Z');
    expect(nudges()).toHaveLength(1);
    expect(nudges()[0]!.thread_ts).toBe(checkin.ts);
    expect(nudges()[0]!.text).toContain('Check-in kandidaat');
    expect(payload(nudges()[0]!)).toMatchObject({ kind: 'candidate_checkin' });
    await at('2026-12-02T11:45:00Z');
    expect(nudges()).toHaveLength(1);

    await at('2026-12-02T12:00:00Z');
    const clientReminder = reminder('client_reminder');
    void clickButton(h, OWNER, clientReminder, ACTION.reminderDone).response;
    await eventually(async () => (await h.timeline.forInterview(1)).some((i) => i.kind === 'client_reminder' && i.doneAt !== undefined));
    await at('2026-12-02T12:30:00Z');
    await at('2026-12-02T12:45:00Z');
    expect(nudges().map((m) => payload(m).kind)).toEqual(['candidate_checkin']);
  });

  it('never after the task’s deadline: with 90 minutes of grace the check-in (T − 2h) is nudged, the client reminder (T − 1h) not', async () => {
    await start({ NUDGE_AFTER_MINUTES: '90' });
    await createInterview(h, OWNER, { start: new Date('2026-12-02T13:00:00Z') });
    for (const iso of ['2026-12-02T11:00:00Z', '2026-12-02T12:00:00Z', '2026-12-02T12:30:00Z', '2026-12-02T13:00:00Z', '2026-12-02T13:30:00Z']) await at(iso);
    expect(nudges().map((m) => payload(m).kind)).toEqual(['candidate_checkin']);
  });

  it('quiet hours hold a nudge until they end, if that is still before the deadline', async () => {
    await start({ NUDGE_AFTER_MINUTES: '30' });
    // Thursday 3 December 09:00 Amsterdam: check-in at 07:00, its nudge at 07:30 waits until 08:00.
    await createInterview(h, OWNER, { start: new Date('2026-12-03T08:00:00Z') });
    await at('2026-12-03T06:00:00Z');
    await at('2026-12-03T06:30:00Z');
    expect(nudges()).toHaveLength(0);
    await at('2026-12-03T06:59:00Z');
    expect(nudges()).toHaveLength(0);
    await at('2026-12-03T07:00:00Z');
    expect(nudges().map((m) => payload(m).kind)).toEqual(['candidate_checkin']);
  });
});

describe('the lead’s view', () => {
  const CONSULTANTS = Array.from({ length: 10 }, (_, k) => `UCONS${String(k).padStart(4, '0')}`);
  /** 40 team interviews today and tomorrow (20 each), 4 per consultant, and one alert per interview on the first 12. */
  async function team(): Promise<void> {
    const base = Date.parse('2026-12-01T07:00:00Z'); // Tuesday 08:00 Amsterdam
    for (let k = 0; k < 40; k++) {
      const day = k < 20 ? 0 : 1;
      const start = new Date(base + day * 86_400_000 + (k % 20) * 30 * 60_000);
      const created = await h.interviews.create(CONSULTANTS[k % 10]!, {
        candidateName: `Kandidaat Nummer${k}`, clientCompany: `Klant ${k}`, roleTitle: 'Dev', start, durationMin: 60, location: 'Online', format: 'panel',
      }, new Date('2026-11-30T08:00:00Z'));
      if (k < 12) await h.runtime.workspace().risks.record(created.id, 'coaching_intensive', 0, 'passive', new Date(Date.parse('2026-11-30T09:00:00Z') + k * 60_000));
    }
  }
  const blocksText = (blocks: unknown) => JSON.stringify(blocks);

  it('a lead’s Home starts with "Team vandaag": 40 team interviews and the open alerts, within Slack’s 100 blocks', async () => {
    await start();
    h.clock.current = new Date('2026-12-01T06:00:00Z');
    await team();
    await h.requester.event({ type: 'app_home_opened', user: LEAD1, channel: 'DLEAD1', tab: 'home' });
    const call = await h.fake.waitForCall('views.publish');
    expect(call.response).toMatchObject({ ok: true });
    const blocks = h.fake.homeOf(LEAD1)!.view.blocks;
    expect(blocks.length).toBeLessThanOrEqual(100);
    const text = blocksText(blocks);
    expect(text.indexOf('Team vandaag')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Team vandaag')).toBeLessThan(text.indexOf('"text":"Interview Prep"'));
    expect(text).toContain('*Vandaag* (20)');
    expect(text).toContain('*Morgen* (20)');
    // Every interview is there, by client and candidate initials (never the name), with its consultant.
    for (let k = 0; k < 40; k++) expect(text).toContain(`Klant ${k} · K.N.`);
    expect(text).not.toContain('Kandidaat Nummer');
    expect(text).toContain(`<@${CONSULTANTS[3]}>`);
    expect(text).toContain('⚠️ Intensieve coaching');
    // Open, unclaimed alerts, oldest first.
    expect(text).toContain('Open risicomomenten, nog niet opgepakt* (12)');
    expect(text.indexOf('#1 Klant 0')).toBeLessThan(text.indexOf('#12 Klant 11'));
  });

  it('a consultant’s Home has no team part; `/interviewprep team` answers a lead and refuses a consultant', async () => {
    await start({ ADMIN_USER_IDS: ADMIN });
    h.clock.current = new Date('2026-12-01T06:00:00Z');
    await team();
    await h.requester.event({ type: 'app_home_opened', user: OTHER, channel: 'DOTHER', tab: 'home' });
    await h.fake.waitForCall('views.publish');
    expect(blocksText(h.fake.homeOf(OTHER)!.view.blocks)).not.toContain('Team vandaag');

    const lead = await h.requester.slashCommand({ user_id: LEAD2, text: 'team', trigger_id: h.fake.issueTriggerId(LEAD2) });
    expect(lead.status).toBe(200);
    expect(blocksText(lead.json)).toContain('*Vandaag* (20)');
    const admin = await h.requester.slashCommand({ user_id: ADMIN, text: 'team', trigger_id: h.fake.issueTriggerId(ADMIN) });
    expect(blocksText(admin.json)).toContain('Team vandaag');
    const consultant = await h.requester.slashCommand({ user_id: OTHER, text: 'team', trigger_id: h.fake.issueTriggerId(OTHER) });
    expect(blocksText(consultant.json)).toContain('voor teamleads en admins');
    expect(blocksText(consultant.json)).not.toContain('Klant 0');
  });
});
