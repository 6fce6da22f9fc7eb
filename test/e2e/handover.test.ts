import { afterEach, describe, expect, it } from 'vitest';
import { computeStats } from '../../src/domain/stats.js';
import { CARD_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import { handoverForm } from '../../src/slack/forms/index.js';
import { ADMIN, OTHER, OWNER, startHarness, type Harness } from '../support/harness.js';
import { createInterview, eventually, formValues } from '../support/flows.js';
import { buildViewSubmission, stateValue } from '../support/signer.js';
import type { StoredMessage } from '../support/fakeSlack.js';

const COLLEAGUE = 'UCOLL0004';
let h: Harness;
afterEach(async () => {
  await h?.close();
});
async function start() {
  h = await startHarness({ env: { ADMIN_USER_IDS: ADMIN } });
  h.fake.setUser(COLLEAGUE, { tz: 'Europe/London', real_name: 'Cora Collega' });
}
const kindOf = (m: StoredMessage) => (m.metadata?.event_payload as { kind?: string } | undefined)?.kind;
const reminderKinds = (user: string) =>
  h.fake.dmsTo(user).filter((m) => m.metadata?.event_type === METADATA_EVENT.reminder && kindOf(m) !== CARD_KIND).map(kindOf);
const cards = (user: string) => h.fake.dmsTo(user).filter((m) => m.metadata?.event_type === METADATA_EVENT.reminder && kindOf(m) === CARD_KIND);
const text = (v: unknown) => JSON.stringify(v);

/** `/interviewprep overdragen <id> <@to>` by `by`, confirmed in the dialog (optionally picking someone else). */
async function handOver(by: string, id: number, to: string, pick?: string) {
  const trigger = h.fake.issueTriggerId(by);
  const res = await h.requester.slashCommand({ user_id: by, text: `overdragen ${id} <@${to}|naam>`, trigger_id: trigger });
  expect(res.status).toBe(200);
  if (res.json && text(res.json).length > 2) return { refused: text(res.json) };
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  const view = h.fake.topViewOf(by)!.view;
  expect(text(view.blocks)).toContain(`"initial_user":"${to}"`);
  const values = formValues(handoverForm.blocks, { colleague: stateValue.usersSelect(pick ?? to) });
  const submitted = await h.requester.viewSubmission(buildViewSubmission({ user_id: by, view, values }));
  return { submitted };
}

describe('/interviewprep overdragen', () => {
  it('the colleague gets the card and the T − 2h check-in in their own zone; the old owner’s card says "Overgedragen aan …" without buttons and they get nothing more', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    await h.sql.run('UPDATE interviews SET context_checked_at = 0');
    const { submitted } = await handOver(OWNER, id, COLLEAGUE);
    expect(submitted!.status).toBe(200);
    expect(submitted!.body).toBe('');
    await eventually(() => cards(COLLEAGUE).length === 1 && text(cards(OWNER)[0]!.blocks).includes('Overgedragen aan'));
    const old = cards(OWNER)[0]!;
    expect(text(old.blocks)).toContain(`Overgedragen aan <@${COLLEAGUE}> door <@${OWNER}>`);
    expect(text(old.blocks)).not.toContain('"type":"button"');
    expect(text(old.blocks)).not.toContain('"type":"static_select"');
    expect(text(cards(COLLEAGUE)[0]!.blocks)).toContain(`Overgenomen van <@${OWNER}>`);
    expect((await h.interviews.get(id))!.ownerId).toBe(COLLEAGUE);

    // Prep (Tuesday 09:00 in London = 09:00Z), check-in at T − 2h (06:00Z): all to the colleague.
    for (const iso of ['2026-12-01T08:00:00Z', '2026-12-01T09:00:00Z', '2026-12-02T06:00:00Z', '2026-12-02T07:00:00Z']) {
      h.clock.current = new Date(iso);
      await h.tick();
    }
    expect(reminderKinds(COLLEAGUE)).toEqual(expect.arrayContaining(['prep_candidate', 'prep_client', 'candidate_checkin', 'client_reminder']));
    expect(reminderKinds(OWNER)).toEqual([]);
    const prep = (await h.timeline.forInterview(id)).find((i) => i.kind === 'prep_candidate')!;
    expect(prep.dueAt.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('by an admin too; refused to anyone else, and for a cancelled, erased or own-colleague handover', async () => {
    await start();
    const a = await createInterview(h, OWNER);
    const other = await handOver(OTHER, a.id, COLLEAGUE);
    expect(other.refused).toBeDefined();
    expect((await h.interviews.get(a.id))!.ownerId).toBe(OWNER);

    const self = await handOver(OWNER, a.id, OWNER);
    expect(self.submitted!.json).toMatchObject({ response_action: 'errors', errors: { [handoverForm.blocks.colleague]: expect.stringContaining('al van die persoon') } });

    const byAdmin = await handOver(ADMIN, a.id, COLLEAGUE);
    expect(byAdmin.submitted!.body).toBe('');
    expect((await h.interviews.get(a.id))!.ownerId).toBe(COLLEAGUE);

    const b = await createInterview(h, OWNER);
    await h.sql.run("UPDATE interviews SET status = 'cancelled' WHERE id = ?", [b.id]);
    const cancelled = await handOver(OWNER, b.id, COLLEAGUE);
    expect(cancelled.refused).toContain('afgerond of geannuleerd');

    const c = await createInterview(h, OWNER);
    await h.sql.run('UPDATE interviews SET erased_at = 1 WHERE id = ?', [c.id]);
    const erased = await handOver(OWNER, c.id, COLLEAGUE);
    expect(erased.refused).toBeDefined();
    expect((await h.interviews.get(c.id))!.ownerId).toBe(OWNER);
  });

  it('figures count for whoever owned the interview when each task was due', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    // The debrief (due 12:00 Amsterdam) is the old owner's; handed over at 12:30, the client
    // feedback (due 14:00) and the loop (due next day) are the colleague's.
    h.clock.current = new Date('2026-12-02T11:30:00Z');
    await handOver(OWNER, id, COLLEAGUE);
    await eventually(async () => (await h.interviews.get(id))!.ownerId === COLLEAGUE);
    const rows = await h.interviews.statsRows({ ownerId: OWNER, from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-03T00:00:00Z') });
    expect(rows).toHaveLength(1);
    const mine = computeStats(rows, OWNER);
    const theirs = computeStats(await h.interviews.statsRows({ ownerId: COLLEAGUE, from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-03T00:00:00Z') }), COLLEAGUE);
    expect([mine.debriefWithin2h.total, mine.feedbackWithin4h.total, mine.loopWithin24h.total]).toEqual([1, 0, 0]);
    expect([theirs.debriefWithin2h.total, theirs.feedbackWithin4h.total, theirs.loopWithin24h.total]).toEqual([0, 1, 1]);
  });
});

describe('/interviewprep overdragen, edge cases', () => {
  it('no nudge reaches the old owner about a reminder that went out before the handover', async () => {
    await start();
    // Wednesday 2 December 14:00 Amsterdam: the check-in goes out at 12:00, its nudge would come at 12:30.
    const { id } = await createInterview(h, OWNER, { start: new Date('2026-12-02T13:00:00Z') });
    h.clock.current = new Date('2026-12-02T11:00:00Z');
    await h.tick();
    expect((await h.timeline.forInterview(id)).find((i) => i.kind === 'candidate_checkin')!.state).toBe('sent');
    h.clock.current = new Date('2026-12-02T11:10:00Z');
    await handOver(OWNER, id, COLLEAGUE);
    await eventually(async () => (await h.interviews.get(id))!.ownerId === COLLEAGUE);
    for (const iso of ['2026-12-02T11:30:00Z', '2026-12-02T11:45:00Z']) {
      h.clock.current = new Date(iso);
      await h.tick();
    }
    const nudges = (user: string) => h.fake.dmsTo(user).filter((m) => m.metadata?.event_type === METADATA_EVENT.nudge);
    expect([nudges(OWNER).length, nudges(COLLEAGUE).length]).toEqual([0, 0]);
  });

  it('the old owner’s reminders that went out before say who has them now, and keep no buttons', async () => {
    await start();
    const { id } = await createInterview(h, OWNER);
    h.clock.current = new Date('2026-12-01T08:00:00Z'); // prep reminders, 09:00 Amsterdam
    await h.tick();
    const prep = h.fake.dmsTo(OWNER).filter((m) => m.metadata?.event_type === METADATA_EVENT.reminder && kindOf(m) === 'prep_candidate');
    expect(prep).toHaveLength(1);
    expect(text(prep[0]!.blocks)).toContain('"type":"button"');
    await handOver(OWNER, id, COLLEAGUE);
    await eventually(() => text(h.fake.dmsTo(OWNER).find((m) => m.ts === prep[0]!.ts)!.blocks).includes(`Overgedragen aan <@${COLLEAGUE}>`));
    const after = h.fake.dmsTo(OWNER).find((m) => m.ts === prep[0]!.ts)!;
    expect(text(after.blocks)).not.toContain('"type":"button"');
  });

  it('handed over before its first card reached Slack: the colleague gets the only card', async () => {
    await start();
    h.fake.failNext('chat.postMessage', { error: 'internal_error' });
    const { id } = await createInterviewWithoutCard();
    await handOver(OWNER, id, COLLEAGUE);
    // Slack has the card; the bot records it when the answer arrives.
    await eventually(async () => cards(COLLEAGUE).length === 1 && (await h.interviews.get(id))!.card !== undefined);
    h.clock.advance(5 * 60_000);
    await h.tick();
    await h.tick();
    expect(cards(OWNER)).toHaveLength(0);
    expect(cards(COLLEAGUE)).toHaveLength(1);
    expect((await h.interviews.get(id))!.card?.ts).toBe(cards(COLLEAGUE)[0]!.ts);
  });
});

/** Logs an interview whose card post fails once (Slack hiccup): the card row waits for a retry. */
async function createInterviewWithoutCard() {
  const { openNewInterviewModal, submitModal, validForm } = await import('../support/flows.js');
  const view = await openNewInterviewModal(h, OWNER);
  await submitModal(h, OWNER, view, validForm(h));
  await eventually(() => h.fake.callsTo('chat.postMessage').length >= 1);
  const interview = (await h.interviews.listUpcoming({ ownerId: OWNER, from: new Date(0), limit: 10 }))[0]!;
  expect(cards(OWNER)).toHaveLength(0);
  return { id: interview.id };
}
