import type { Button } from '@slack/types';
import { coachingToConfirm } from '../../domain/checklist.js';
import type { Interview } from '../../domain/interview.js';
import { confirmButton } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { ACTION } from '../ids.js';

/** The confirmations the checklist waits for (rules.ts tasks), each behind Slack's confirm dialog. */
export function confirmationButtons(interview: Interview, t: Translator): Button[] {
  const id = String(interview.id);
  const dialog = (what: 'logistics' | 'coaching') => ({
    title: t(`confirm.${what}.title`),
    text: t(`confirm.${what}.text`, { id: interview.id }),
    yes: t(`confirm.${what}.yes`),
    no: t('confirm.back'),
  });
  const out: Button[] = [];
  if (!interview.done.logistics) out.push(confirmButton(t('button.logisticsConfirmed'), ACTION.logisticsConfirmed, id, dialog('logistics')));
  if (coachingToConfirm(interview)) out.push(confirmButton(t('button.coachingGiven'), ACTION.coachingGiven, id, dialog('coaching')));
  return out;
}

