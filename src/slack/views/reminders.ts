import type { KnownBlock, MessageMetadata, ModalView } from '@slack/types';
import type { Button } from '@slack/types';
import { localDate, localParts } from '../../domain/localTime.js';
import { coachingToConfirm, deriveChecklist, missingPrep, type ChecklistItemId } from '../../domain/checklist.js';
import { interviewEnd, type Interview, type TimelineKind } from '../../domain/interview.js';
import { KIND_RULES, TASK_RULES, taskDeadline, TICKABLE_KINDS, type FormId, type Task } from '../../domain/rules.js';
import { snoozeUntil, SNOOZE_OPTIONS_MIN } from '../../domain/timeline.js';
import type { TimelineItem } from '../../domain/timelineItems.js';
import { actions, button, context, esc, LIMITS, plainText, section } from '../blocks.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { ACTION, BLOCK, CALLBACK, METADATA_EVENT } from '../ids.js';
import { interviewModal } from './formModal.js';
import { fallbackDate, hhmm, slackDate } from '../format.js';
import { contextConversationScript, copyableText } from './briefing.js';
import { formatDuration, relativeTo } from './durations.js';
import { buildInterviewCard } from './interviewCard.js';
import { confirmationButtons } from './confirmations.js';
import { candidateContact, clientAddressee, clientContact } from './contact.js';
import { checklistText, slaText } from './ruleText.js';

const MINUTE = 60_000;

export { formatDuration } from './durations.js';

/** "vandaag", "morgen" or the weekday, seen from `now` in the consultant's zone. */
export function relativeDay(target: Date, now: Date, tz: string, t: Translator): string {
  const day = (d: Date) => localDate(d, tz);
  if (day(target) === day(now)) return t('day.today');
  if (day(target) === day(new Date(now.getTime() + 24 * 3_600_000))) return t('day.tomorrow');
  const weekday = new Intl.DateTimeFormat(t.language === 'nl' ? 'nl-NL' : 'en-GB', { weekday: 'long', timeZone: tz }).format(target);
  return t('day.on', { weekday });
}

export function daypart(target: Date, tz: string, t: Translator): string {
  const hour = localParts(target, tz).hour;
  return t(hour < 12 ? 'daypart.morning' : hour < 18 ? 'daypart.afternoon' : 'daypart.evening');
}

export type ReminderStatus =
  | { type: 'open' }
  | { type: 'done'; by: string; at: Date }
  | { type: 'snoozed'; until: Date }
  | { type: 'cancelled' }
  | { type: 'superseded' }
  | { type: 'moved'; to: Date }
  | { type: 'handedOver'; to: string };

export interface ReminderMessage {
  text: string;
  blocks: KnownBlock[];
  metadata: MessageMetadata;
}


const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;


/** "nog 59 min" until `target`; "nu" when it is (about) now; how long ago when it has passed. */
export function timeLeft(target: Date, now: Date, t: Translator): string {
  const r = relativeTo(target, now, t);
  if (r.when === 'now') return t('time.now');
  return t(r.when === 'future' ? 'time.left' : 'time.ago', { duration: r.duration });
}

/** Which form holds each prep checklist item, and the card action that opens it. */
const FORM_OF_ITEM: Partial<Record<ChecklistItemId, { action: string; label: MessageKey }>> = {
  stakeholder_profiles: { action: ACTION.openStakeholders, label: 'button.stakeholders' },
  context_clear: { action: ACTION.openContext, label: 'button.context' },
  context_shared: { action: ACTION.openCoaching, label: 'button.coaching' },
  client_updates_shared: { action: ACTION.openCoaching, label: 'button.coaching' },
  coaching_check_done: { action: ACTION.openCoaching, label: 'button.coaching' },
  targeted_coaching: { action: ACTION.openCoaching, label: 'button.coaching' },
  gunfactor_discussed: { action: ACTION.openCoaching, label: 'button.coaching' },
  agenda_aligned: { action: ACTION.openExpectations, label: 'button.expectations' },
  evaluation_criteria: { action: ACTION.openExpectations, label: 'button.expectations' },
  timeline_expectations: { action: ACTION.openExpectations, label: 'button.expectations' },
};

const FORM_BUTTON: Record<FormId, { action: string; label: MessageKey }> = {
  coaching: { action: ACTION.openCoaching, label: 'button.coaching' },
  expectations: { action: ACTION.openExpectations, label: 'button.expectations' },
  debrief: { action: ACTION.openDebrief, label: 'button.debrief' },
  feedback: { action: ACTION.openFeedback, label: 'button.feedback' },
  loop: { action: ACTION.openLoop, label: 'button.closeLoop' },
};

/**
 * The messages that list what is still missing ("Nog open", with a button per form or confirmation):
 * rendered again after every change, so they never show a done item as open, nor a live button for it.
 */
export const LISTS_MISSING_ITEMS: ReadonlySet<TimelineKind> = new Set<TimelineKind>(['prep_incomplete_risk', 'catch_up']);

/** "Nog open" with each missing item, and one button per form that can fill them. */
function missingBlocks(i: Interview, t: Translator, blockId: string): KnownBlock[] {
  const missing = missingPrep(deriveChecklist(i));
  if (missing.length === 0) return [];
  const lines = missing.map((id) => `• ${checklistText(id, t)}`);
  const forms = new Map<string, Button>();
  for (const id of missing) {
    // Coaching already checked: what is missing is the consultant's confirmation, not the form.
    if (id === 'targeted_coaching' && coachingToConfirm(i)) continue;
    const form = FORM_OF_ITEM[id];
    if (form && !forms.has(form.action)) forms.set(form.action, button(t(form.label), form.action, String(i.id)));
  }
  // What only the consultant can confirm gets its confirmation button, not a form.
  const buttons = [...confirmationButtons(i, t), ...forms.values()];
  const out: KnownBlock[] = [section(`${t('reminder.missing.title')}\n${lines.join('\n')}`)];
  if (buttons.length > 0) out.push(actions(blockId, buttons));
  return out;
}

/** The playbook's script for the moment, filled in from the record (the part worth copying). */
function body(kind: TimelineKind, i: Interview, tz: string, t: Translator, now: Date): KnownBlock[] {
  const l = i.logistics;
  const candidate = esc(l.candidateName);
  const day = relativeDay(l.start, now, tz, t);
  const left = timeLeft(l.start, now, t);
  const overdue = (task: 'debrief' | 'client_feedback' | 'loop', key: MessageKey, params: Record<string, string>): KnownBlock[] => {
    const deadline = taskDeadline(task, l) as Date;
    const out: KnownBlock[] = [section(t(key, { ...params, sla: slaText(task, t), deadline: slackDate(deadline, tz, t.language) }))];
    const late = relativeTo(deadline, now, t);
    // Sent on time, an overdue alert says only that the deadline passed; later it says by how much.
    if (late.when === 'past') out.push(context(t('reminder.overdue.lateBy', { late: late.duration })));
    return out;
  };
  // Where the message asks to call or write someone: how to reach them, as tappable links.
  const reachCandidate = () => context(candidateContact(l, t) ?? t('contact.missing.candidate', { candidate }));
  const reachClient = () => context(clientContact(l, t) ?? t('contact.missing.client', { client: esc(l.clientCompany) }));
  switch (kind) {
    case 'prep_candidate':
      return [
        section(t('reminder.prep_candidate.intro', { candidate })),
        section(t('reminder.prep_candidate.context')),
        section(copyableText(contextConversationScript(i, tz, t))),
        // Client news only when the consultant recorded some: never a script full of [placeholders].
        ...(i.coaching?.updatesText?.trim()
          ? [section(t('reminder.prep_candidate.updates')), section(copyableText(t('script.updates', { day, updates: esc(i.coaching.updatesText.trim()) })))]
          : [context(t('reminder.prep_candidate.noUpdates', { client: esc(l.clientCompany) }))]),
        section(t('reminder.prep_candidate.question')),
      ];
    case 'prep_client': {
      const decider = i.stakeholders.find((s) => s.decisionPower === 'decision_maker') ?? i.stakeholders[0];
      const contactName = l.clientContactName ?? decider?.name;
      return [
        section(
          t('reminder.prep_client.intro', {
            contact: contactName ? esc(contactName) : t('reminder.prep_client.contactUnknown'),
            client: esc(l.clientCompany),
          }),
        ),
        reachClient(),
        section(t('reminder.prep_client.criteria')),
        section(copyableText(t('script.criteria', { day }))),
        section(t('reminder.prep_client.timeline')),
        section(copyableText(t('script.timeline', { candidate: esc(firstName(l.candidateName)) }))),
      ];
    }
    case 'candidate_checkin':
      return [
        section(t('reminder.candidate_checkin.intro', { candidate, left })),
        reachCandidate(),
        section(copyableText(t('script.checkin', { daypart: daypart(l.start, tz, t) }))),
      ];
    case 'client_reminder':
      return [
        section(t('reminder.client_reminder.intro', { client: clientAddressee(l), left })),
        reachClient(),
        section(
          copyableText(
            t('script.clientReminder', {
              candidate: esc(l.candidateName),
              candidateFirst: esc(firstName(l.candidateName)),
              time: hhmm(l.start, tz),
            }),
          ),
        ),
      ];
    case 'on_call':
      return [section(t('reminder.on_call', { candidate, end: slackDate(interviewEnd(i), tz, t.language) }))];
    case 'candidate_debrief_due':
      return [section(t('reminder.candidate_debrief_due', { candidate, sla: slaText('debrief', t) })), reachCandidate(), section(t('reminder.debrief.prompts'))];
    case 'prep_incomplete_risk':
      return [section(t('reminder.prep_incomplete_risk', { left })), ...missingBlocks(i, t, BLOCK.reminderForms)];
    case 'candidate_debrief_overdue':
      return [...overdue('debrief', 'reminder.overdue.debrief', { candidate }), reachCandidate(), section(t('reminder.debrief.prompts'))];
    case 'client_feedback_overdue':
      return [...overdue('client_feedback', 'reminder.overdue.feedback', { client: clientAddressee(l) }), reachClient()];
    case 'loop_overdue':
      return overdue('loop', 'reminder.overdue.loop', {});
    case 'catch_up':
      return [];
  }
}

const reminderMetadata = (i: Interview, item: Pick<TimelineItem, 'kind' | 'plan'>): MessageMetadata => ({
  event_type: METADATA_EVENT.reminder,
  event_payload: { interview_id: i.id, kind: item.kind, plan: item.plan },
});

/**
 * A timeline DM: heading, the script for the moment, progress, and the buttons — or, once handled,
 * a status line instead of the buttons. A reminder that comes more than 5 minutes late says so.
 */
export function buildReminder(args: {
  item: Pick<TimelineItem, 'id' | 'kind' | 'dueAt' | 'plan'>;
  interview: Interview;
  tz: string;
  t: Translator;
  now: Date;
  status?: ReminderStatus;
}): ReminderMessage {
  const { item, interview: i, tz, t, now } = args;
  const status = args.status ?? { type: 'open' };
  const metadata = reminderMetadata(i, item);
  if (i.erased) return erasedMessage(i.id, t, metadata);
  const l = i.logistics;
  const kindLabel = t(`kind.${item.kind}` as MessageKey);
  const blocks: KnownBlock[] = [
    section(
      t('reminder.head', {
        kind: kindLabel,
        id: i.id,
        candidate: esc(l.candidateName),
        client: esc(l.clientCompany),
        when: slackDate(l.start, tz, t.language),
      }),
    ),
  ];
  if (status.type === 'moved') {
    blocks.push({ ...context(t('reminder.status.moved', { when: slackDate(status.to, tz, t.language) })), block_id: BLOCK.reminderStatus });
    return { text: plainText(t, 'reminder.status.moved', { when: fallbackDate(status.to, tz, t.language) }), blocks, metadata };
  }
  const lateBy = now.getTime() - item.dueAt.getTime();
  if (status.type === 'open' && lateBy > 5 * MINUTE && KIND_RULES[item.kind].usefulUntil !== 'never') {
    blocks.push(context(t('reminder.late', { late: formatDuration(lateBy, t) })));
  }
  blocks.push(...body(item.kind, i, tz, t, now));
  blocks.push(...statusBlocks(item, i, tz, t, now, status));
  return {
    text: plainText(t, 'reminder.notification', { kind: kindLabel, id: i.id, candidate: l.candidateName, client: l.clientCompany }),
    blocks: blocks.slice(0, LIMITS.messageBlocks),
    metadata,
  };
}

/** After `Gedaan`: who and when, and — when the task's form still wants data — which, with a button. */
function doneBlocks(item: Pick<TimelineItem, 'kind'>, i: Interview, tz: string, t: Translator, by: string, at: Date, blockId: string = BLOCK.reminderStatus): KnownBlock[] {
  const statusKey = KIND_RULES[item.kind].gedaanMeans === 'acknowledge' ? 'reminder.status.acknowledged' : 'reminder.status.done';
  const out: KnownBlock[] = [{ ...context(t(statusKey, { user: by, when: slackDate(at, tz, t.language) })), block_id: blockId }];
  const wants = stillWanted(KIND_RULES[item.kind].gedaan, i, t);
  if (wants) {
    out.push(section(wants.text));
    out.push(actions(`${blockId}_form`, [button(t(wants.button.label), wants.button.action, String(i.id))]));
  }
  return out;
}

/** What a task's form still wants after `Gedaan`, unless the form was filled in already. */
export function stillWanted(task: Task | undefined, i: Interview, t: Translator): { text: string; button: { action: string; label: MessageKey } } | undefined {
  const wants = task ? TASK_RULES[task].stillWants : undefined;
  if (!task || !wants || TASK_RULES[task].loggedAt(i) !== undefined) return undefined;
  const fields = wants.fields.map((f) => t(`wants.${f}` as MessageKey)).join(', ');
  return { text: t('reminder.stillWants', { form: t(FORM_BUTTON[wants.form].label), fields }), button: FORM_BUTTON[wants.form] };
}

function statusBlocks(
  item: Pick<TimelineItem, 'id' | 'kind'>,
  i: Interview,
  tz: string,
  t: Translator,
  now: Date,
  status: ReminderStatus,
): KnownBlock[] {
  const when = (d: Date) => slackDate(d, tz, t.language);
  switch (status.type) {
    case 'done':
      return doneBlocks(item, i, tz, t, status.by, status.at);
    case 'snoozed':
      return [{ ...context(t('reminder.status.snoozed', { when: when(status.until) })), block_id: BLOCK.reminderStatus }];
    case 'cancelled':
      return [{ ...context(t('reminder.status.cancelled')), block_id: BLOCK.reminderStatus }];
    case 'superseded':
      return [{ ...context(t('reminder.status.rescheduled')), block_id: BLOCK.reminderStatus }];
    case 'moved':
      return [{ ...context(t('reminder.status.moved', { when: when(status.to) })), block_id: BLOCK.reminderStatus }];
    case 'handedOver':
      return [{ ...context(t('reminder.status.handedOver', { to: status.to })), block_id: BLOCK.reminderStatus }];
    case 'open': {
      const value = String(item.id);
      const buttons = [];
      if (TICKABLE_KINDS.has(item.kind)) {
        const label = KIND_RULES[item.kind].gedaanMeans === 'acknowledge' ? 'button.onCallAck' : 'button.done';
        buttons.push(button(t(label), ACTION.reminderDone, value, 'primary'));
      }
      const [short, long] = SNOOZE_OPTIONS_MIN;
      if (snoozeUntil(item.kind, i, now, short)) buttons.push(button(t('button.snooze15'), ACTION.reminderSnooze15, value));
      if (snoozeUntil(item.kind, i, now, long)) buttons.push(button(t('button.snooze60'), ACTION.reminderSnooze60, value));
      buttons.push(button(t('button.open'), ACTION.reminderOpen, value));
      const out: KnownBlock[] = [actions(BLOCK.reminderActions, buttons)];
      if (KIND_RULES[item.kind].offersChange) {
        out.push(context(t('reminder.change')));
        out.push(actions(BLOCK.reminderChange, [button(t('button.change'), ACTION.openChange, String(i.id), 'danger')]));
      }
      return out;
    }
  }
}

/**
 * One message for an interview logged (or moved) so late that some moments had already passed: what
 * is still worth doing before T, each with its script and its own `Gedaan`, and what is missing.
 * `covered` are the caught-up items of the plan (their ids are the buttons' values).
 */
export function buildCatchUp(args: {
  item: Pick<TimelineItem, 'id' | 'kind' | 'plan'>;
  interview: Interview;
  covered: Pick<TimelineItem, 'id' | 'kind' | 'dueAt' | 'plan'>[];
  tz: string;
  t: Translator;
  now: Date;
  status?: ReminderStatus;
}): ReminderMessage {
  const { item, interview: i, tz, t, now } = args;
  const metadata = reminderMetadata(i, item);
  if (i.erased) return erasedMessage(i.id, t, metadata);
  const l = i.logistics;
  const head = t('catchUp.title', {
    id: i.id,
    candidate: esc(l.candidateName),
    client: esc(l.clientCompany),
    when: slackDate(l.start, tz, t.language),
    left: timeLeft(l.start, now, t),
  });
  const blocks: KnownBlock[] = [section(head)];
  const status = args.status ?? { type: 'open' };
  if (status.type === 'moved' || status.type === 'cancelled') {
    const key = status.type === 'moved' ? t('reminder.status.moved', { when: slackDate(status.to, tz, t.language) }) : t('reminder.status.cancelled');
    blocks.push({ ...context(key), block_id: BLOCK.reminderStatus });
    const text = status.type === 'moved'
      ? plainText(t, 'reminder.status.moved', { when: fallbackDate(status.to, tz, t.language) })
      : plainText(t, 'reminder.status.cancelled');
    return { text, blocks, metadata };
  }
  blocks.push(context(t('catchUp.intro')));
  for (const [n, x] of args.covered.entries()) {
    const task = KIND_RULES[x.kind].gedaan;
    const done = task ? i.done[task] : undefined;
    blocks.push(section(`*${t(`kind.${x.kind}` as MessageKey)}*`));
    if (done) {
      blocks.push(...doneBlocks(x, i, tz, t, done.by, done.at, `${BLOCK.reminderStatus}_${n}`));
      continue;
    }
    if (task && TASK_RULES[task].loggedAt(i)) {
      blocks.push(context(t('catchUp.alreadyLogged')));
      continue;
    }
    blocks.push(...body(x.kind, i, tz, t, now));
    if (TICKABLE_KINDS.has(x.kind)) {
      blocks.push(actions(`${BLOCK.reminderActions}_${n}`, [
        button(t('button.done'), ACTION.reminderDone, String(x.id), 'primary'),
        button(t('button.open'), ACTION.reminderOpen, String(x.id)),
      ]));
    }
  }
  const missing = missingBlocks(i, t, BLOCK.reminderForms);
  if (missing.length > 0 && l.start.getTime() > now.getTime()) blocks.push(...missing);
  const text = plainText(t, 'catchUp.title', { id: i.id, candidate: l.candidateName, client: l.clientCompany, when: fallbackDate(l.start, tz, t.language), left: timeLeft(l.start, now, t) });
  return { text, blocks: fitBlocks(blocks, t), metadata };
}

/**
 * What a sent reminder's message says now, from the record alone (so a rewrite retried later, or
 * after a crash, still says the truth): moved to another date, cancelled, done (by `Gedaan`, ✅ or
 * the form), replaced by the message that came back after `Later`, waiting until later, or open.
 * `ts` is the message being rewritten: once the item was sent again, the old message is superseded.
 */
export function statusFromRecord(item: TimelineItem, i: Interview, ts: string | undefined, now: Date): ReminderStatus {
  if (item.plan !== i.plan) return { type: 'moved', to: i.logistics.start };
  if (i.status === 'cancelled') return { type: 'cancelled' };
  if (item.doneAt) return { type: 'done', by: item.doneBy ?? i.ownerId, at: item.doneAt };
  const task = KIND_RULES[item.kind].gedaan;
  const done = task ? i.done[task] : undefined;
  if (done) return { type: 'done', by: done.by, at: done.at };
  // Sent to the previous owner: the colleague has it now (their own messages come from here on).
  if (i.handedOver && item.sentAt && item.sentAt.getTime() <= i.handedOver.at.getTime()) return { type: 'handedOver', to: i.ownerId };
  if (ts !== undefined && item.ts !== undefined && item.ts !== ts) return { type: 'superseded' };
  if (item.state === 'pending' && item.snoozedUntil && item.snoozedUntil.getTime() > now.getTime()) return { type: 'snoozed', until: item.snoozedUntil };
  return { type: 'open' };
}

/**
 * The message of any timeline item: its reminder, or for the catch-up the moments it stands in for
 * (`covered`; not needed for a status that replaces the content, e.g. moved or erased).
 */
export function buildTimelineMessage(args: {
  item: Pick<TimelineItem, 'id' | 'kind' | 'dueAt' | 'plan'>;
  interview: Interview;
  covered?: Pick<TimelineItem, 'id' | 'kind' | 'dueAt' | 'plan'>[];
  tz: string;
  t: Translator;
  now: Date;
  status?: ReminderStatus;
}): ReminderMessage {
  return args.item.kind === 'catch_up' ? buildCatchUp({ ...args, covered: args.covered ?? [] }) : buildReminder(args);
}

/** What any message about an erased interview says instead: no name, no buttons. */
export function erasedMessage(id: number, t: Translator, metadata?: MessageMetadata): ReminderMessage {
  const message = { text: plainText(t, 'erased.message', { id }), blocks: [section(t('erased.message', { id }))] };
  return { ...message, metadata: metadata ?? { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: id } } };
}

/** Keeps a message within Slack's 50 blocks, saying so (the card has the rest) rather than cutting silently. */
function fitBlocks(blocks: KnownBlock[], t: Translator): KnownBlock[] {
  if (blocks.length <= LIMITS.messageBlocks) return blocks;
  return [...blocks.slice(0, LIMITS.messageBlocks - 1), context(t('catchUp.more'))];
}

/** One DM per interview listing what was not sent because its moment passed while the bot was down. */
export function buildMissedSummary(i: Interview, items: Pick<TimelineItem, 'kind' | 'dueAt'>[], tz: string, t: Translator): ReminderMessage {
  const l = i.logistics;
  const lines = items.map((x) => t('missed.item', { kind: t(`kind.${x.kind}` as MessageKey), when: slackDate(x.dueAt, tz, t.language) }));
  return {
    text: plainText(t, 'missed.title', { id: i.id, candidate: l.candidateName, client: l.clientCompany }),
    blocks: [
      section(t('missed.title', { id: i.id, candidate: esc(l.candidateName), client: esc(l.clientCompany) })),
      section(lines.join('\n')),
      context(t('missed.footer')),
    ],
    metadata: { event_type: METADATA_EVENT.reminder, event_payload: { interview_id: i.id, kind: 'missed_summary' } },
  };
}

/** The card's content in a modal: what `Openen` shows for moments that have no form of their own. */
export function buildOverviewModal(i: Interview, tz: string, t: Translator): ModalView {
  return interviewModal(CALLBACK.overviewModal, t('modal.overview.title'), i, buildInterviewCard(i, tz, t).blocks, t, { submit: false });
}

