import type { Button, KnownBlock, MessageMetadata, ModalView, StaticSelect } from '@slack/types';
import { CHECKLIST_GROUPS, coachingToConfirm, deriveChecklist, type Checklist, type ChecklistItemId } from '../../domain/checklist.js';
import type { Interview } from '../../domain/interview.js';
import { actions, button, context, dangerButton, esc, fields, header, lineSections, option, plain, plainText, section } from '../blocks.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { ACTION, BLOCK, CALLBACK, CARD_KIND, METADATA_EVENT } from '../ids.js';
import { interviewModal } from './formModal.js';
import { fallbackDate, slackDate } from '../format.js';
import { checklistText } from './ruleText.js';
import { confirmationButtons } from './confirmations.js';
import { clientContact, emailLink, locationText, phoneLink } from './contact.js';

export interface CardMessage {
  text: string;
  blocks: KnownBlock[];
  metadata: MessageMetadata;
}

export const checklistLabel = (id: string): MessageKey => `checklist.${id}` as MessageKey;

/**
 * The interview card: one DM per interview, kept current with chat.update. `tz` is the consultant's
 * timezone, used for the fallback text of date tokens.
 */
export function buildInterviewCard(interview: Interview, tz: string, t: Translator): CardMessage {
  const metadata: MessageMetadata = {
    event_type: METADATA_EVENT.reminder,
    event_payload: { interview_id: interview.id, kind: CARD_KIND },
  };
  if (interview.erased) {
    const text = t('erased.card', { id: interview.id, when: slackDate(interview.updatedAt, tz, t.language) });
    return { text: plainText(t, 'erased.message', { id: interview.id }), blocks: [section(text)], metadata };
  }
  const l = interview.logistics;
  const checklist = deriveChecklist(interview);
  const contact = [l.candidatePhone ? phoneLink(l.candidatePhone) : undefined, l.candidateEmail ? emailLink(l.candidateEmail) : undefined].filter(Boolean).join(' · ');
  const client = l.clientContactName || l.clientContactPhone || l.clientContactEmail ? clientContact(l, t) ?? esc(l.clientContactName as string) : undefined;
  const blocks: KnownBlock[] = [
    header(t('card.title', { id: interview.id, candidate: l.candidateName })),
    fields([
      [t('card.client'), esc(l.clientCompany)],
      [t('card.role'), esc(l.roleTitle)],
      [t('card.start'), slackDate(l.start, tz, t.language)],
      [t('card.duration'), t('card.durationValue', { minutes: l.durationMin })],
      [t('card.location'), locationText(l.location)],
      [t('card.format'), t(`format.${l.format}`)],
      ...(contact ? ([[t('card.contact'), contact]] as Array<[string, string]>) : []),
      ...(client ? ([[t('card.clientContact'), client]] as Array<[string, string]>) : []),
    ]),
  ];
  const finished = isFinished(interview);
  const outcome = outcomeLine(interview, tz, t);
  if (outcome) blocks.splice(1, 0, context(outcome));
  if (interview.handedOver) blocks.splice(1, 0, context(t('card.handedOverFrom', { from: interview.handedOver.from, when: slackDate(interview.handedOver.at, tz, t.language) })));
  if (l.agenda) blocks.push(section(`*${t('card.agenda')}*\n${esc(l.agenda)}`));
  const facts = [
    interview.coaching ? t('card.coachingNeed', { need: t(`need.${interview.coaching.coachingNeed}`) }) : undefined,
    interview.clientExpectations?.feedbackExpectedAt
      ? t('card.feedbackExpected', { when: slackDate(interview.clientExpectations.feedbackExpectedAt, tz, t.language) })
      : undefined,
  ].filter((x): x is string => x !== undefined);
  if (interview.debrief || interview.clientFeedback || interview.loop) {
    const mark = (x: unknown) => t(x ? 'card.followUpDone' : 'card.followUpOpen');
    facts.push(t('card.followUp', { debrief: mark(interview.debrief), feedback: mark(interview.clientFeedback), loop: mark(interview.loop) }));
  }
  if (facts.length > 0) blocks.push(context(...facts));
  if (interview.changes.length > 0) blocks.push(section(changeHistory(interview, tz, t)));
  if (!finished) blocks.push(...interviewersSections(interview, t));
  blocks.push(context(progressLine(checklist, t, { next: !finished, then: 2 })));
  const confirmed = interview.done.logistics;
  if (confirmed) blocks.push(context(t('card.logisticsConfirmed', { user: confirmed.by, when: slackDate(confirmed.at, tz, t.language) })));
  if (!finished) {
    // What is left, not all 17 items: the full checklist is one click away (`Checklist`).
    const open = checklist.items.filter((i) => !i.done);
    if (open.length > 0) blocks.push(...lineSections(open.map((i) => `⬜ ${checklistText(i.id, t)}`), t('card.openItems', { count: open.length })));
    blocks.push(actions(BLOCK.cardActions, [...cardButtons(interview, t), moreMenu(interview, t)]));
    blocks.push(actions(BLOCK.cardDayActions, dayButtons(interview, t)));
  } else if (interview.status !== 'cancelled') {
    // A closed loop keeps only the follow-up forms, to correct what was logged; a cancelled interview none.
    blocks.push(actions(BLOCK.cardFollowUpActions, followUpButtons(interview, t)));
  }
  return {
    blocks: withPrimary(blocks, interview, checklist),
    text: plainText(t, 'card.notification', {
      id: interview.id,
      candidate: l.candidateName,
      client: l.clientCompany,
      when: fallbackDate(l.start, tz, t.language),
    }),
    metadata,
  };
}

/** Nothing left to prepare or do: the loop is closed or the interview was cancelled. */
function isFinished(interview: Pick<Interview, 'status' | 'loop'>): boolean {
  return interview.status === 'cancelled' || interview.loop !== undefined;
}

/**
 * How a finished interview ended: who cancelled it and when, or when the loop was closed with the
 * client's impression and the candidate's interest as far as they were logged.
 */
function outcomeLine(interview: Interview, tz: string, t: Translator): string | undefined {
  if (interview.cancelled) {
    return t('card.cancelled', { user: interview.cancelled.by, when: slackDate(interview.cancelled.at, tz, t.language) });
  }
  if (!interview.loop) return undefined;
  const parts = [t('card.outcome.loopClosed', { when: slackDate(interview.loop.closedAt, tz, t.language) })];
  if (interview.clientFeedback) parts.push(t('card.outcome.impression', { impression: t(`impression.${interview.clientFeedback.impression}`) }));
  if (interview.debrief) parts.push(t('card.outcome.interest', { level: interview.debrief.interestLevel }));
  return parts.join(' · ');
}

/** The last 5 changes, newest last: what happened, what was decided, the new start if moved. */
function changeHistory(interview: Interview, tz: string, t: Translator): string {
  const lines = interview.changes.slice(-5).map((c) =>
    t('card.changeLine', {
      when: slackDate(c.createdAt, tz, t.language),
      what: t(`changeWhat.${c.what}`),
      decision: t(`changeDecision.${c.decision}`),
      extra: c.newStart ? ` (${slackDate(c.newStart, tz, t.language)})` : '',
    }),
  );
  return `${t('card.changesTitle')}\n${lines.join('\n')}`;
}

function dayButtons(interview: Interview, t: Translator): Button[] {
  const id = String(interview.id);
  const out: Button[] = [...confirmationButtons(interview, t)];
  if (!interview.done.checkin) out.push(button(t('button.checkinDone'), ACTION.checkinDone, id));
  if (!interview.done.client_reminder) out.push(button(t('button.clientReminderDone'), ACTION.clientReminderDone, id));
  out.push(
    dangerButton(t('button.cancelInterview'), ACTION.cancelInterview, id, {
      title: t('confirm.cancel.title'),
      text: t('confirm.cancel.text', { id: interview.id }),
      yes: t('confirm.cancel.yes'),
      no: t('confirm.back'),
    }),
  );
  return out;
}

/** The less frequent actions, in one "Meer…" menu (the listener runs the same handler as a button). */
export const CARD_MENU: ReadonlyArray<{ action: string; label: MessageKey }> = [
  { action: ACTION.openBriefing, label: 'button.briefing' },
  { action: ACTION.editInterview, label: 'button.edit' },
  { action: ACTION.addToCalendar, label: 'button.addToCalendar' },
  { action: ACTION.openChange, label: 'button.change' },
  { action: ACTION.openDebrief, label: 'button.debrief' },
  { action: ACTION.openFeedback, label: 'button.feedback' },
  { action: ACTION.openLoop, label: 'button.closeLoop' },
];

function moreMenu(interview: Interview, t: Translator): StaticSelect {
  return {
    type: 'static_select',
    action_id: ACTION.cardMore,
    placeholder: plain(t('button.more'), 150),
    options: CARD_MENU.map((m) => option(t(m.label), `${m.action}:${interview.id}`)),
  };
}

function followUpButtons(interview: Interview, t: Translator): Button[] {
  const id = String(interview.id);
  return [
    button(t('button.debrief'), ACTION.openDebrief, id),
    button(t('button.feedback'), ACTION.openFeedback, id),
    button(t('button.closeLoop'), ACTION.openLoop, id),
  ];
}

function cardButtons(interview: Interview, t: Translator): Button[] {
  const id = String(interview.id);
  return [
    button(t('button.stakeholders'), ACTION.openStakeholders, id),
    button(t('button.context'), ACTION.openContext, id),
    button(t('button.coaching'), ACTION.openCoaching, id),
    button(t('button.expectations'), ACTION.openExpectations, id),
    button(t('button.checklist'), ACTION.openChecklist, id),
  ];
}

/** `Checklist`: all 17 items, ticked or open, grouped as the playbook lists them. */
export function buildChecklistModal(interview: Interview, t: Translator): ModalView {
  const checklist = deriveChecklist(interview);
  const blocks = [context(progressLine(checklist, t)), ...checklistSections(checklist, t)];
  return interviewModal(CALLBACK.checklistModal, t('modal.checklist.title', { id: interview.id }), interview, blocks, t, { submit: false });
}

/**
 * "*Checklist 9/17* · Volgende stap: …". `next: false` leaves out the next step, for an interview
 * where there is nothing left to do.
 */
export function progressLine(checklist: Checklist, t: Translator, options: { next?: boolean; then?: number } = {}): string {
  const progress = t('card.progress', { done: checklist.done, total: checklist.total });
  if (options.next === false) return `*${progress}*`;
  const next = checklist.next ? t('card.next', { item: checklistText(checklist.next.id, t) }) : t('card.allDone');
  // The card also names the few open items after the next one, so its state reads at a glance.
  const after = checklist.items.filter((i) => !i.done).slice(1, 1 + (options.then ?? 0));
  const then = after.length > 0 ? t('card.then', { items: after.map((i) => checklistText(i.id, t)).join('; ') }) : '';
  return `*${progress}* · ${next}${then}`;
}

/** Who the candidate will meet: name · role · say in the decision, one line each. */
function interviewersSections(interview: Interview, t: Translator): KnownBlock[] {
  if (interview.stakeholders.length === 0) return [context(t('card.noInterviewers'))];
  const lines = interview.stakeholders.map((s) => [`*${esc(s.name)}*`, s.role ? esc(s.role) : undefined, `_${t(`decisionPower.${s.decisionPower}`)}_`].filter(Boolean).join(' · '));
  return lineSections(lines, t('card.interviewers'));
}

/**
 * The card's one primary button: the action for the first open checklist item (the same order the
 * checklist reads), so the next thing to do is the obvious one to press.
 */
const ACTION_OF_ITEM: Record<ChecklistItemId, string | ((i: Interview) => string) | undefined> = {
  logistics_confirmed: ACTION.logisticsConfirmed,
  stakeholder_profiles: ACTION.openStakeholders,
  context_clear: ACTION.openContext,
  context_shared: ACTION.openCoaching,
  client_updates_shared: ACTION.openCoaching,
  coaching_check_done: ACTION.openCoaching,
  targeted_coaching: (i) => (coachingToConfirm(i) ? ACTION.coachingGiven : ACTION.openCoaching),
  gunfactor_discussed: ACTION.openCoaching,
  agenda_aligned: ACTION.openExpectations,
  evaluation_criteria: ACTION.openExpectations,
  timeline_expectations: ACTION.openExpectations,
  candidate_checkin: ACTION.checkinDone,
  client_reminder: ACTION.clientReminderDone,
  on_call: undefined,
  debrief_within_2h: ACTION.openDebrief,
  client_feedback_within_4h: ACTION.openFeedback,
  loop_closed_within_24h: ACTION.openLoop,
};

function withPrimary(blocks: KnownBlock[], interview: Interview, checklist: Checklist): KnownBlock[] {
  const rule = checklist.next ? ACTION_OF_ITEM[checklist.next.id] : undefined;
  const primary = typeof rule === 'function' ? rule(interview) : rule;
  let marked = false;
  return blocks.map((b) => {
    if (b.type !== 'actions') return b;
    const elements = b.elements.map((e) => {
      if (e.type !== 'button' || e.style === 'danger') return e;
      const { style: _style, ...rest } = e;
      if (!marked && e.action_id === primary) {
        marked = true;
        return { ...rest, style: 'primary' as const };
      }
      return rest;
    });
    return { ...b, elements };
  });
}

function checklistSections(checklist: Checklist, t: Translator): KnownBlock[] {
  return CHECKLIST_GROUPS.map((group) => {
    const lines = checklist.items
      .filter((i) => i.group === group)
      .map((i) => `${i.done ? '✅' : '⬜'} ${checklistText(i.id, t)}`);
    return section(`*${t(`checklist.group.${group}`)}*\n${lines.join('\n')}`);
  });
}

/**
 * The old owner's card after `overdragen`: who has it now, since when, and no buttons (the new
 * owner's card is the live one). Erased later, it says so like every other message.
 */
export function buildHandedOverCard(interview: Interview, handover: { to: string; by: string; at: Date }, tz: string, t: Translator): CardMessage {
  if (interview.erased) return buildInterviewCard(interview, tz, t);
  const l = interview.logistics;
  return {
    text: plainText(t, 'handover.notification', { id: interview.id }),
    blocks: [
      header(t('card.title', { id: interview.id, candidate: l.candidateName })),
      section(`${esc(l.clientCompany)} · ${slackDate(l.start, tz, t.language)}`),
      context(t('handover.done', { to: handover.to, by: handover.by, when: slackDate(handover.at, tz, t.language) })),
    ],
    metadata: { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: interview.id, kind: CARD_KIND } },
  };
}
