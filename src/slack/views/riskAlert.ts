import type { KnownBlock } from '@slack/types';
import { candidateInitials, interviewEnd, type Interview } from '../../domain/interview.js';
import type { RiskAlert } from '../../domain/repositories.js';
import { actions, button, context, esc, fields, plainText, section } from '../blocks.js';
import { isMessageKey, type MessageKey, type Translator } from '../i18n/index.js';
import { ACTION, BLOCK, METADATA_EVENT } from '../ids.js';
import { slackDate } from '../format.js';
import { formatSla, relativeTo } from './durations.js';
import { RISK_OCCURRENCE, slaMinutes } from '../../domain/rules.js';
import { checklistText } from './ruleText.js';
import type { ChecklistItemId } from '../../domain/checklist.js';
import type { ReminderMessage } from './reminders.js';

/** The reasons measured against a follow-up SLA after the interview end. */
export type OverdueReason = 'debrief_overdue' | 'client_feedback_overdue' | 'loop_overdue';

/** The follow-up SLAs the overdue alerts name, from the rule table. */
export const SLA_HOURS = {
  debrief_overdue: slaMinutes('debrief') / 60,
  client_feedback_overdue: slaMinutes('client_feedback') / 60,
  loop_overdue: slaMinutes('loop') / 60,
};

export interface RiskAlertOptions {
  /** The consultant's zone: when the channel's zone (`tz`) differs, every time says its zone. */
  ownerTz?: string;
  /**
   * The moment the message speaks for (the time left until the interview is counted from it):
   * the posting moment when posting. Default: when the alert was raised (`createdAt`).
   */
  now?: Date;
  /**
   * Each follow-up SLA in hours after the interview end ("niet binnen 2 uur"). Without it an
   * overdue reason says how long after the interview end it was raised ("2 u 5 min na het interview").
   */
  slaHours?: Partial<Record<OverdueReason, number>>;
}

type AlertFields = Pick<RiskAlert, 'id' | 'reason' | 'detail' | 'claimedBy' | 'claimedAt' | 'resolvedAt' | 'createdAt'> &
  Partial<Pick<RiskAlert, 'occurrence'>>;

/** An alert about a date the interview has since moved away from (rules.ts RISK_OCCURRENCE). */
const aboutOldDate = (alert: AlertFields, i: Interview) =>
  RISK_OCCURRENCE[alert.reason] === 'plan' && alert.occurrence !== undefined && alert.occurrence < i.plan;

/** "nog 59 min tot het interview", "het interview begint nu", "het interview is 5 min geleden begonnen". */
function untilStart(i: Interview, at: Date, t: Translator): string {
  const r = relativeTo(i.logistics.start, at, t);
  return r.when === 'now' ? t('risk.start.now') : t(`risk.start.${r.when}`, { duration: r.duration });
}

/** "3 u 0 min na het interview" (or "direct na het interview" when it has only just ended). */
function afterEnd(i: Interview, at: Date, t: Translator): string {
  const r = relativeTo(interviewEnd(i), at, t);
  return r.when === 'now' ? t('risk.end.now') : t(`risk.end.${r.when}`, { duration: r.duration });
}

/** Why: fixed for some reasons, computed from the interview times for the others — never a stale "2 uur voor". */
function reasonText(alert: AlertFields, i: Interview, t: Translator, options: RiskAlertOptions): string {
  const at = options.now ?? alert.createdAt;
  switch (alert.reason) {
    case 'prep_incomplete':
    case 'context_risk':
      // Counted against the new start it would say something untrue about the old date.
      return t(`risk.reason.${alert.reason}`, { when: aboutOldDate(alert, i) ? t('risk.start.oldDate') : untilStart(i, at, t) });
    case 'debrief_overdue':
    case 'client_feedback_overdue':
    case 'loop_overdue': {
      const hours = options.slaHours?.[alert.reason];
      return hours === undefined
        ? t(`risk.reason.${alert.reason}.open`, { after: afterEnd(i, at, t) })
        : t(`risk.reason.${alert.reason}`, { hours: formatSla(hours * 60, t) });
    }
    case 'coaching_intensive':
    case 'last_minute_change':
      return t(`risk.reason.${alert.reason}`);
  }
}

/**
 * Reason details are stored as codes (never personal data) and translated here, each reason from
 * its own catalogue. A channel gets no coaching judgements and no health facts: the warning signals
 * of an intensive coaching need and what caused a last-minute change (e.g. "kandidaat ziek") stay in
 * the consultant's DM; a change shows only the decision taken.
 */
function detailText(alert: Pick<RiskAlert, 'reason' | 'detail'>, t: Translator): string | undefined {
  if (!alert.detail) return undefined;
  const labels = (prefix: string, codes: string[]) =>
    codes.map((code) => `${prefix}${code}`).filter((k): k is MessageKey => isMessageKey(k)).map((k) => t(k));
  const codes = alert.detail.split(',').map((c) => c.trim()).filter(Boolean);
  const known = (() => {
    switch (alert.reason) {
      case 'context_risk':
        return labels('risk.detail.context.', codes);
      case 'prep_incomplete':
        return codes.filter((c) => isMessageKey(`checklist.${c}`)).map((c) => checklistText(c as ChecklistItemId, t));
      case 'last_minute_change':
        // Stored as "what:decision".
        return labels('changeDecision.', codes.map((c) => c.split(':')[1] ?? ''));
      default:
        return [];
    }
  })();
  if (known.length === 0) return undefined;
  return t(alert.reason === 'prep_incomplete' ? 'risk.detail.missing' : 'risk.detail.prefix', { detail: known.join('; ') });
}

/**
 * A risk moment for the team channel: who (mention), which client, the candidate's initials only —
 * never the full name in a channel — why, when, and `Opgepakt` for the team lead.
 */
export function buildRiskAlert(
  alert: AlertFields,
  i: Interview,
  tz: string,
  t: Translator,
  options: RiskAlertOptions = {},
): ReminderMessage {
  const reason = reasonText(alert, i, t, options);
  const when = (d: Date) => slackDate(d, tz, t.language, { zone: options.ownerTz !== undefined && options.ownerTz !== tz });
  // SPEC's {interview_id, reason}, plus the alert's own id: a post interrupted by a crash is found
  // again in the channel history by it.
  const metadata = { event_type: METADATA_EVENT.risk, event_payload: { interview_id: i.id, reason: alert.reason, alert_id: alert.id } };
  if (i.erased) {
    const text = `*${t('risk.title', { reason })}*\n${t('erased.message', { id: i.id })}`;
    return { text: plainText(t, 'erased.message', { id: i.id }), blocks: [section(text)], metadata };
  }
  const initials = candidateInitials(i.logistics.candidateName);
  const blocks: KnownBlock[] = [
    section(`*${t('risk.title', { reason })}*`),
    fields([
      [t('risk.consultant'), `<@${i.ownerId}>`],
      [t('risk.client'), esc(i.logistics.clientCompany)],
      [t('risk.candidate'), esc(initials)],
      [t('risk.when'), when(i.logistics.start)],
    ]),
  ];
  const detail = detailText(alert, t);
  if (detail) blocks.push(context(detail));
  blocks.push(context(t('risk.footer')));
  const status: string[] = [];
  if (alert.claimedBy && alert.claimedAt) status.push(t('risk.claimed', { user: alert.claimedBy, when: when(alert.claimedAt) }));
  if (aboutOldDate(alert, i)) status.push(t('risk.moved', { when: when(i.logistics.start) }));
  else if (alert.resolvedAt) status.push(t('risk.resolved', { when: when(alert.resolvedAt) }));
  if (status.length > 0) blocks.push(section(status.join('\n')));
  if (!alert.claimedBy && !alert.resolvedAt && !aboutOldDate(alert, i)) {
    blocks.push(actions(BLOCK.riskActions, [button(t('button.claim'), ACTION.claimRisk, String(alert.id), 'primary')]));
  }
  return {
    text: plainText(t, 'risk.notification', { title: t('risk.title', { reason }), client: i.logistics.clientCompany, initials }),
    blocks,
    metadata,
  };
}

/**
 * A team lead's copy of an alert nobody claimed in time (issue 15): the alert as it is, in the lead's
 * zone, with the same `Opgepakt`, opened by why it reached them. Claimed anywhere, every copy shows it.
 */
export function buildEscalation(alert: RiskAlert, i: Interview, tz: string, t: Translator, afterMinutes: number, ownerTz?: string): ReminderMessage {
  const base = buildRiskAlert(alert, i, tz, t, { now: alert.postedAt ?? alert.createdAt, slaHours: SLA_HOURS, ownerTz });
  if (i.erased) return base;
  return {
    ...base,
    blocks: [context(t('risk.escalated', { minutes: afterMinutes })), ...base.blocks],
    metadata: { ...base.metadata, event_payload: { ...base.metadata.event_payload, escalation: true } },
  };
}
