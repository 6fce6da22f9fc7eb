import { expect } from 'vitest';
import { ACTION, CALLBACK } from '../../src/slack/ids.js';
import { logisticsForm } from '../../src/slack/forms/index.js';
import type { StoredMessage } from './fakeSlack.js';
import type { Harness } from './harness.js';
import { buildBlockAction, buildViewSubmission, stateValue, type StateValues } from './signer.js';

export interface LogisticsForm {
  candidateName?: string | null;
  candidatePhone?: string | null;
  candidateEmail?: string | null;
  clientCompany?: string | null;
  clientContactName?: string | null;
  clientContactPhone?: string | null;
  clientContactEmail?: string | null;
  roleTitle?: string | null;
  start?: Date | null;
  durationMin?: string | null;
  location?: string | null;
  format?: string | null;
  agenda?: string | null;
}

/** What a consultant types into the logistics modal, as Slack's state.values. */
export function logisticsValues(form: LogisticsForm): StateValues {
  const entries: Array<[string, unknown]> = [
    [logisticsForm.blocks.candidateName, stateValue.plainText(form.candidateName ?? null)],
    [logisticsForm.blocks.candidatePhone, stateValue.plainText(form.candidatePhone ?? null)],
    [logisticsForm.blocks.candidateEmail, stateValue.plainText(form.candidateEmail ?? null)],
    [logisticsForm.blocks.clientCompany, stateValue.plainText(form.clientCompany ?? null)],
    [logisticsForm.blocks.clientContactName, stateValue.plainText(form.clientContactName ?? null)],
    [logisticsForm.blocks.clientContactPhone, stateValue.plainText(form.clientContactPhone ?? null)],
    [logisticsForm.blocks.clientContactEmail, stateValue.plainText(form.clientContactEmail ?? null)],
    [logisticsForm.blocks.roleTitle, stateValue.plainText(form.roleTitle ?? null)],
    [logisticsForm.blocks.startEpochSeconds, {
      type: 'datetimepicker',
      selected_date_time: form.start ? Math.floor(form.start.getTime() / 1000) : null,
    }],
    [logisticsForm.blocks.durationMin, { type: 'number_input', value: form.durationMin ?? null }],
    [logisticsForm.blocks.location, stateValue.plainText(form.location ?? null)],
    [logisticsForm.blocks.format, stateValue.staticSelect(form.format ?? null)],
    [logisticsForm.blocks.agenda, stateValue.plainText(form.agenda ?? null)],
  ];
  return Object.fromEntries(entries.map(([id, value]) => [id, { [id]: value as Record<string, unknown> }]));
}

export function validForm(h: Harness, overrides: LogisticsForm = {}): LogisticsForm {
  return {
    candidateName: 'Sanne de Vries',
    candidatePhone: '+31 6 12345678',
    clientCompany: 'Acme BV',
    roleTitle: 'Backend developer',
    start: new Date(h.clock.now().getTime() + 2 * 24 * 3_600_000),
    durationMin: '60',
    location: 'Herengracht 1, Amsterdam',
    format: 'panel',
    ...overrides,
  };
}

/** `/interviewprep` by `user`, returning the modal the fake opened. */
export async function openNewInterviewModal(h: Harness, user: string) {
  const trigger = h.fake.issueTriggerId(user);
  const res = await h.requester.slashCommand({ user_id: user, text: '', trigger_id: trigger });
  expect(res.status).toBe(200);
  await h.fake.waitForCall('views.open', (c) => c.args.trigger_id === trigger);
  const view = h.fake.topViewOf(user);
  expect(view?.view.callback_id).toBe(CALLBACK.interviewModal);
  return view!.view;
}

export async function submitModal(h: Harness, user: string, view: Record<string, unknown>, form: LogisticsForm) {
  return h.requester.viewSubmission(buildViewSubmission({ user_id: user, view, values: logisticsValues(form) }));
}

/** The full happy path: command, modal, valid submit, card DM. Returns the stored id and card. */
export async function createInterview(h: Harness, user: string, overrides: LogisticsForm = {}) {
  const view = await openNewInterviewModal(h, user);
  const before = h.fake.dmsTo(user).length;
  const res = await submitModal(h, user, view, validForm(h, overrides));
  expect(res.status).toBe(200);
  expect(res.body).toBe('');
  await h.fake.waitFor(() => h.fake.dmsTo(user).length > before);
  const card = h.fake.dmsTo(user).at(-1) as StoredMessage;
  const id = Number((card.metadata?.event_payload as { interview_id: number }).interview_id);
  // The fake stores the message before the app has read the reply and remembered the card.
  await eventually(async () => (await h.interviews.get(id))?.card !== undefined);
  return { id, card, view };
}

export function clickButton(h: Harness, user: string, message: StoredMessage, actionId: string) {
  const trigger = h.fake.issueTriggerId(user);
  return { trigger, response: h.requester.blockActions(actionOn(message, user, actionId, trigger)) };
}

/**
 * The block_actions payload for using `actionId` on a message: its button, or — for an action the
 * card offers in its "Meer…" menu — choosing that option, as a consultant would.
 */
export function actionOn(message: StoredMessage, user: string, actionId: string, trigger: string) {
  const menuValue = menuOptionFor(message, actionId);
  return menuValue
    ? buildBlockAction({ user_id: user, action_id: ACTION.cardMore, trigger_id: trigger, message, value: menuValue })
    : buildBlockAction({ user_id: user, action_id: actionId, trigger_id: trigger, message });
}

/** The "Meer…" option value for `actionId` when the message has no button for it. */
function menuOptionFor(message: StoredMessage, actionId: string): string | undefined {
  const elements = (message.blocks ?? []).flatMap((b) => ((b as { elements?: unknown[] }).elements ?? []) as Array<{ action_id?: string; options?: Array<{ value: string }> }>);
  if (elements.some((e) => e.action_id === actionId)) return undefined;
  const menu = elements.find((e) => e.action_id === ACTION.cardMore);
  return menu?.options?.find((o) => o.value.startsWith(`${actionId}:`))?.value;
}

/** Polls until `check` holds (effects that happen after the ack), failing after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A click on a button inside an open view (modal or Home) as Slack sends it, with the view's hash. */
export function clickInView(h: Harness, user: string, view: Record<string, unknown> & { id: string }, actionId: string) {
  const trigger = h.fake.issueTriggerId(user);
  const payload = buildBlockAction({ user_id: user, action_id: actionId, trigger_id: trigger, view });
  return { trigger, response: h.requester.blockActions(payload) };
}

/** Fills a form's state.values: field → element state, keyed by the form's block ids. */
export function formValues(blocks: Record<string, string>, fields: Record<string, unknown>): StateValues {
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => {
      const blockId = blocks[field];
      if (!blockId) throw new Error(`no block for field ${field}`);
      return [blockId, { [blockId]: value as Record<string, unknown> }];
    }),
  );
}
