import type { ModalView } from '@slack/types';
import type { Interview } from '../../domain/interview.js';
import { divider, section } from '../blocks.js';
import { changeForm, coachingForm, expectationsForm } from '../forms/index.js';
import type { Translator } from '../i18n/index.js';
import { slackDate } from '../format.js';
import { contextConversationScript, copyableText } from './briefing.js';
import { aboutInterview, interviewModal } from './formModal.js';

/** Playbook phases 1-3 as modals: coaching check, client expectations, last-minute change. */

/** Phase 1: the coaching check, prefilled when it was logged before (a second call refines it). */
export function buildCoachingModal(i: Interview, tz: string, t: Translator): ModalView {
  return interviewModal(
    coachingForm.callbackId,
    t('modal.coaching.title'),
    i,
    [
      section(t('coaching.intro', aboutInterview(i))),
      section(t('coaching.scriptsTitle')),
      section(copyableText(contextConversationScript(i, tz, t))),
      divider(),
      ...coachingForm.inputs(i.coaching, t),
    ],
    t,
  );
}

/** Phase 2: client expectations. */
export function buildExpectationsModal(i: Interview, t: Translator): ModalView {
  return interviewModal(
    expectationsForm.callbackId,
    t('modal.expectations.title'),
    i,
    [section(t('expectations.intro', aboutInterview(i))), ...expectationsForm.inputs(i.clientExpectations, t)],
    t,
  );
}

/** Phase 3: what happened at the last minute and what was decided. */
export function buildChangeModal(i: Interview, tz: string, t: Translator): ModalView {
  return interviewModal(
    changeForm.callbackId,
    t('modal.change.title'),
    i,
    [section(t('change.intro', { ...aboutInterview(i), when: slackDate(i.logistics.start, tz, t.language) })), ...changeForm.inputs(undefined, t)],
    t,
  );
}
