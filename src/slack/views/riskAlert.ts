import type { KnownBlock } from '@slack/types';
import { candidateInitials, type Interview } from '../../domain/interview.js';
import type { RiskAlert } from '../../domain/repositories.js';
import { actions, button, context, esc, fields, section } from '../blocks.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { ACTION, BLOCK, METADATA_EVENT } from '../ids.js';
import { slackDate } from '../format.js';
import type { ReminderMessage } from './reminders.js';

/** Reason details are stored as codes (never personal data) and translated here. */
function detailText(alert: Pick<RiskAlert, 'reason' | 'detail'>, t: Translator): string | undefined {
  if (!alert.detail) return undefined;
  const codes = alert.detail.split(/[,:]/).filter(Boolean);
  const words = codes.map((code) => {
    const candidates: string[] = [`risk.detail.context.${code}`, `signal.${code}`, `changeWhat.${code}`, `changeDecision.${code}`];
    const key = candidates.find((k) => Object.hasOwn(t.catalogue, k)) as MessageKey | undefined;
    return key ? t(key) : undefined;
  });
  const known = words.filter((w): w is string => w !== undefined);
  return known.length > 0 ? t('risk.detail.prefix', { detail: known.join('; ') }) : undefined;
}

/**
 * A risk moment for the team channel: who (mention), which client, the candidate's initials only —
 * never the full name in a channel — why, when, and `Opgepakt` for the team lead.
 */
export function buildRiskAlert(
  alert: Pick<RiskAlert, 'id' | 'reason' | 'detail' | 'claimedBy' | 'claimedAt' | 'resolvedAt'>,
  i: Interview,
  tz: string,
  t: Translator,
): ReminderMessage {
  const reason = t(`risk.reason.${alert.reason}` as MessageKey);
  const metadata = { event_type: METADATA_EVENT.risk, event_payload: { interview_id: i.id, reason: alert.reason } };
  if (i.erased) {
    const text = `*${t('risk.title', { reason })}*\n${t('erased.message', { id: i.id })}`;
    return { text: t('erased.message', { id: i.id }), blocks: [section(text)], metadata };
  }
  const initials = candidateInitials(i.logistics.candidateName);
  const blocks: KnownBlock[] = [
    section(`*${t('risk.title', { reason })}*`),
    fields([
      [t('risk.consultant'), `<@${i.ownerId}>`],
      [t('risk.client'), esc(i.logistics.clientCompany)],
      [t('risk.candidate'), esc(initials)],
      [t('risk.when'), slackDate(i.logistics.start, tz, t.language)],
    ]),
  ];
  const detail = detailText(alert, t);
  if (detail) blocks.push(context(detail));
  blocks.push(context(t('risk.footer')));
  const status: string[] = [];
  if (alert.claimedBy && alert.claimedAt) status.push(t('risk.claimed', { user: alert.claimedBy, when: slackDate(alert.claimedAt, tz, t.language) }));
  if (alert.resolvedAt) status.push(t('risk.resolved', { when: slackDate(alert.resolvedAt, tz, t.language) }));
  if (status.length > 0) blocks.push(section(status.join('\n')));
  if (!alert.claimedBy && !alert.resolvedAt) {
    blocks.push(actions(BLOCK.riskActions, [button(t('button.claim'), ACTION.claimRisk, String(alert.id), 'primary')]));
  }
  return {
    text: `${t('risk.title', { reason })} · ${i.logistics.clientCompany} · ${initials}`,
    blocks,
    metadata,
  };
}
