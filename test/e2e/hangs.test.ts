import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineKind } from '../../src/domain/interview.js';
import { CARD_KIND, METADATA_EVENT } from '../../src/slack/ids.js';
import type { StoredMessage } from '../support/fakeSlack.js';
import { createInterview } from '../support/flows.js';
import { OTHER, OWNER, startHarness, type Harness } from '../support/harness.js';

/**
 * Issue 13 "Nothing waits forever": a Slack call that never answers times out, holds up nobody
 * else, is never sent blindly a second time, and shows on /healthz; so does a scheduler that has
 * not finished a tick for three cron beats.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const RISK_CHANNEL = 'C0RISK01';
type Meta = { event_type?: string; event_payload?: { kind?: string; reason?: string } };
const metaOf = (m: { metadata?: unknown }) => (m.metadata ?? {}) as Meta;
const harness = () => h as Harness;
/** Reminder kinds in a consultant's DM (not the card, not risk alerts). */
const sentKinds = (user: string) =>
  harness()
    .fake.dmsTo(user)
    .flatMap((m: StoredMessage) => {
      const meta = metaOf(m);
      return meta.event_type === METADATA_EVENT.reminder && meta.event_payload?.kind !== CARD_KIND ? [meta.event_payload?.kind] : [];
    });
const count = (user: string, kind: TimelineKind) => sentKinds(user).filter((k) => k === kind).length;
/** A chat.postMessage of `kind` into the user's DM. */
const postOf = (user: string, kind: TimelineKind) => (args: Record<string, unknown>) =>
  args.channel === harness().fake.dmChannelOf(user) && metaOf(args).event_payload?.kind === kind;
/** The current plan's item of that kind. */
const itemOf = async (id: number, kind: TimelineKind) => {
  const plan = (await harness().interviews.get(id))!.plan;
  return (await harness().timeline.forInterview(id)).find((i) => i.kind === kind && i.plan === plan)!;
};
/** No context-risk alerts: the tests count chat.postMessage calls of their own. */
const skipContextCheck = () => harness().sql.run('UPDATE interviews SET context_checked_at = 0');
const at = (iso: string) => {
  harness().clock.current = new Date(iso);
};
async function healthz(): Promise<{ status: number; body: { ok: boolean; problems?: string[]; scheduler: Record<string, unknown> } }> {
  const res = await fetch(`http://127.0.0.1:${harness().slack.port}/healthz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; problems?: string[]; scheduler: Record<string, unknown> } };
}

describe('a Slack call that never answers', () => {
  it('holds up no other consultant in the same tick; the unanswered reminder is looked up, then sent exactly once', async () => {
    // The Web API timeout (10 s in production) shortened so the test does not wait for it.
    h = await startHarness({ runtime: { clientOptions: { timeout: 3000 } } });
    const a = await createInterview(h, OWNER);
    await createInterview(h, OTHER);
    await skipContextCheck();
    h.fake.hangNext('chat.postMessage', postOf(OWNER, 'prep_candidate'));

    at('2026-12-01T08:00:00Z'); // both consultants' prep reminders are due
    let tickDone = false;
    const tick = h.tick().then((report) => {
      tickDone = true;
      return report;
    });
    // B's reminders arrive while A's call is still unanswered: B does not wait for A.
    await h.fake.waitFor(() => count(OTHER, 'prep_candidate') === 1 && count(OTHER, 'prep_client') === 1, 2500);
    expect(tickDone).toBe(false);
    expect(h.fake.calls.some((c) => c.method === 'chat.postMessage' && c.status === 0)).toBe(true);
    await tick;
    expect(count(OWNER, 'prep_client')).toBe(1);
    expect(count(OWNER, 'prep_candidate')).toBe(0);
    // It timed out: it may have reached Slack, so it is not simply due again but in doubt.
    expect(await itemOf(a.id, 'prep_candidate')).toMatchObject({ state: 'sending', lastError: 'timeout' });
    expect(h.logs.some((l) => l.msg === 'reminder send got no answer; the DM history is checked before it is sent again')).toBe(true);

    // The next beat: the DM history is read first (nothing there), then it is sent.
    h.clock.advance(MIN);
    const historyBefore = h.fake.callsTo('conversations.history').length;
    await h.tick();
    const lookups = h.fake.callsTo('conversations.history').slice(historyBefore);
    expect(lookups.some((c) => c.args.channel === h!.fake.dmChannelOf(OWNER))).toBe(true);
    expect(count(OWNER, 'prep_candidate')).toBe(1);
    expect((await itemOf(a.id, 'prep_candidate')).state).toBe('sent');

    h.clock.advance(HOUR);
    await h.tick();
    expect(count(OWNER, 'prep_candidate')).toBe(1);
    expect(count(OTHER, 'prep_candidate')).toBe(1);
  });

  it('when Slack posted the message but the answer never came, the history check finds it: no second message', async () => {
    // Short, so the hung call times out quickly; not so short that startup calls on a loaded CI
    // machine (auth.test, views.open) time out before the test begins.
    h = await startHarness({ runtime: { clientOptions: { timeout: 1500 } } });
    const a = await createInterview(h, OWNER);
    await skipContextCheck();
    h.fake.hangNext('chat.postMessage', postOf(OWNER, 'prep_candidate'), { afterHandling: true });

    at('2026-12-01T08:00:00Z');
    await h.tick();
    expect(count(OWNER, 'prep_candidate')).toBe(1); // Slack has it; the bot does not know
    expect((await itemOf(a.id, 'prep_candidate')).state).toBe('sending');

    for (const step of [MIN, MIN, HOUR]) {
      h.clock.advance(step);
      await h.tick();
    }
    expect(count(OWNER, 'prep_candidate')).toBe(1);
    const item = await itemOf(a.id, 'prep_candidate');
    expect(item.state).toBe('sent');
    expect(item.ts).toBe(h.fake.dmsTo(OWNER).find((m) => metaOf(m).event_payload?.kind === 'prep_candidate')!.ts);
  });

  it('a tick past its budget takes no new work: the risk alert recorded in it waits for a later tick', async () => {
    h = await startHarness({ env: { RISK_ALERT_CHANNEL: RISK_CHANNEL }, runtime: { clientOptions: { timeout: 1500 }, tickBudgetMs: 300 } });
    await createInterview(h, OWNER);
    await skipContextCheck();
    const alerts = () => h!.fake.messages(RISK_CHANNEL).filter((m) => metaOf(m).event_payload?.reason === 'prep_incomplete');
    at('2026-12-02T05:59:00Z');
    await h.tick(); // nothing due yet; the DM channel is known from here on
    h.fake.hangNext('chat.postMessage', postOf(OWNER, 'candidate_checkin'));

    at('2026-12-02T06:00:00Z'); // T − 2h: check-in DM, prep-incomplete DM and channel alert
    await h.tick();
    expect(h.fake.calls.some((c) => c.method === 'chat.postMessage' && c.status === 0)).toBe(true);
    // The unanswered check-in used up the budget: neither the DM queued behind it nor the alert went out.
    expect(alerts()).toHaveLength(0);
    expect((await h.runtime.workspace().risks.pending(h.clock.now(), 10)).map((x) => x.reason)).toEqual(['prep_incomplete']);
    expect(count(OWNER, 'prep_incomplete_risk')).toBe(0);
    expect(h.logs.some((l) => l.msg === 'reminder tick used its whole budget; the rest waits for the next tick')).toBe(true);

    // Later ticks (each within its budget on a quiet machine; a slow one leaves the rest again).
    for (let i = 0; i < 5 && alerts().length === 0; i++) {
      h.clock.advance(MIN);
      await h.tick();
    }
    expect(alerts()).toHaveLength(1);
    expect(count(OWNER, 'prep_incomplete_risk')).toBe(1);
    expect(count(OWNER, 'candidate_checkin')).toBe(1);
  });
});

describe('GET /healthz watches the scheduler', () => {
  it('answers 503 while a tick runs past its budget, and 200 again once it has finished', async () => {
    // A budget long enough that the tick reaches the hung call even on a loaded machine (it then
    // hangs well past the budget, until the call's timeout).
    h = await startHarness({ runtime: { clientOptions: { timeout: 5000 }, tickBudgetMs: 1000 } });
    await createInterview(h, OWNER);
    await skipContextCheck();
    at('2026-12-01T07:59:00Z');
    await h.runtime.scheduler.tick(); // nothing due yet: a good tick a minute ago
    h.fake.hangNext('chat.postMessage', postOf(OWNER, 'prep_candidate'));
    at('2026-12-01T08:00:00Z');
    expect((await healthz()).status).toBe(200);

    let tickDone = false;
    const tick = h.runtime.scheduler.tick().then(() => {
      tickDone = true;
    });
    let seen: Awaited<ReturnType<typeof healthz>> | undefined;
    while (!tickDone && !seen) {
      const res = await healthz();
      if (res.status === 503) seen = res;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen, '503 seen while the tick was still running').toBeDefined();
    expect(tickDone).toBe(false);
    expect(seen!.body).toMatchObject({ ok: false, database: 'ok', scheduler: { running: true, budgetMs: 1000 } });
    expect(seen!.body.scheduler.runningForMs).toBeGreaterThan(1000);
    expect(seen!.body.problems).toEqual([expect.stringContaining('longer than its budget of 1000 ms')]);

    await tick;
    const after = await healthz();
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ ok: true, scheduler: { running: false, overBudgetTicks: 1 } });
    expect(after.body.problems).toBeUndefined();
  });

  it('answers 503 when no tick has finished for three cron intervals, and 200 after the next good tick', async () => {
    h = await startHarness(); // SCHEDULER_CRON every minute
    await h.runtime.scheduler.tick();
    const finished = h.clock.now();
    expect(await healthz()).toMatchObject({ status: 200, body: { ok: true, scheduler: { lastFinishedAt: finished.toISOString() } } });

    h.clock.advance(3 * MIN - 1000); // two beats missed: not yet
    expect((await healthz()).status).toBe(200);
    h.clock.advance(1000); // the third beat since the last finished tick
    const stale = await healthz();
    expect(stale.status).toBe(503);
    expect(stale.body).toMatchObject({ ok: false, scheduler: { running: false, staleAt: new Date(finished.getTime() + 3 * MIN).toISOString() } });
    expect(stale.body.problems).toEqual([expect.stringContaining(`no reminder tick has finished since ${finished.toISOString()}`)]);

    await h.runtime.scheduler.tick();
    const healed = await healthz();
    expect(healed.status).toBe(200);
    expect(healed.body.scheduler.lastFinishedAt).toBe(h.clock.now().toISOString());
  });

  it('a tick that throws does not count as finished', async () => {
    h = await startHarness();
    await h.runtime.scheduler.tick();
    const finished = h.clock.now().toISOString();
    h.clock.advance(3 * MIN);
    await h.sql.run('DROP TABLE timeline_items'); // every tick now fails
    await h.runtime.scheduler.tick();
    const res = await healthz();
    expect(res.status).toBe(503);
    expect(res.body.scheduler).toMatchObject({ lastError: expect.any(String), lastFinishedAt: finished });
  });
});
