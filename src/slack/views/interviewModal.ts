import type { ModalView } from '@slack/types';
import { FORMATS, type Interview } from '../../domain/interview.js';
import { DURATION_DEFAULT, DURATION_MAX, DURATION_MIN, TEXT_LIMITS } from '../../domain/validation.js';
import { input, numberInput, option, plain, section, staticSelect, textInput as text, LIMITS } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { CALLBACK, inputActionId, LOGISTICS_BLOCK } from '../ids.js';
import type { InterviewModalMetadata } from './state.js';



/** The logistics modal (SPEC "Logistics"): empty for a new interview, prefilled for an edit. */
export function buildInterviewModal(interview: Interview | undefined, t: Translator): ModalView {
  const l = interview?.logistics;
  // The revision lets a stale second tab be refused instead of overwriting newer data.
  const metadata: InterviewModalMetadata = interview ? { interviewId: interview.id, revision: interview.revision } : {};
  const formatOptions = FORMATS.map((f) => option(t(`format.${f}`), f));
  return {
    type: 'modal',
    callback_id: CALLBACK.interviewModal,
    title: plain(t(interview ? 'modal.edit.title' : 'modal.new.title'), LIMITS.modalTitle),
    submit: plain(t('modal.submit'), LIMITS.modalTitle),
    close: plain(t('modal.close'), LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    // A submitted edit must not leave a stale copy behind in Slack's view stack.
    clear_on_close: true,
    notify_on_close: false,
    blocks: [
      section(t('modal.logistics.intro')),
      input(
        LOGISTICS_BLOCK.candidateName,
        t('field.candidateName'),
        text(LOGISTICS_BLOCK.candidateName, l?.candidateName, TEXT_LIMITS.candidateName, {
          placeholder: t('field.candidateName.placeholder'),
        }),
      ),
      input(
        LOGISTICS_BLOCK.candidatePhone,
        t('field.candidatePhone'),
        text(LOGISTICS_BLOCK.candidatePhone, l?.candidatePhone, TEXT_LIMITS.candidatePhone),
        { optional: true },
      ),
      input(
        LOGISTICS_BLOCK.candidateEmail,
        t('field.candidateEmail'),
        text(LOGISTICS_BLOCK.candidateEmail, l?.candidateEmail, TEXT_LIMITS.candidateEmail),
        { optional: true },
      ),
      input(
        LOGISTICS_BLOCK.clientCompany,
        t('field.clientCompany'),
        text(LOGISTICS_BLOCK.clientCompany, l?.clientCompany, TEXT_LIMITS.clientCompany),
      ),
      input(
        LOGISTICS_BLOCK.clientContactName,
        t('field.clientContactName'),
        text(LOGISTICS_BLOCK.clientContactName, l?.clientContactName, TEXT_LIMITS.clientContactName),
        { optional: true, hint: t('field.clientContactName.hint') },
      ),
      input(
        LOGISTICS_BLOCK.clientContactPhone,
        t('field.clientContactPhone'),
        text(LOGISTICS_BLOCK.clientContactPhone, l?.clientContactPhone, TEXT_LIMITS.clientContactPhone),
        { optional: true },
      ),
      input(
        LOGISTICS_BLOCK.clientContactEmail,
        t('field.clientContactEmail'),
        text(LOGISTICS_BLOCK.clientContactEmail, l?.clientContactEmail, TEXT_LIMITS.clientContactEmail),
        { optional: true },
      ),
      input(
        LOGISTICS_BLOCK.roleTitle,
        t('field.roleTitle'),
        text(LOGISTICS_BLOCK.roleTitle, l?.roleTitle, TEXT_LIMITS.roleTitle),
      ),
      input(LOGISTICS_BLOCK.startEpochSeconds, t('field.start'), {
        type: 'datetimepicker',
        action_id: inputActionId(LOGISTICS_BLOCK.startEpochSeconds),
        ...(l ? { initial_date_time: Math.floor(l.start.getTime() / 1000) } : {}),
      }),
      input(
        LOGISTICS_BLOCK.durationMin,
        t('field.durationMin'),
        numberInput(LOGISTICS_BLOCK.durationMin, l?.durationMin ?? DURATION_DEFAULT, DURATION_MIN, DURATION_MAX),
      ),
      input(
        LOGISTICS_BLOCK.location,
        t('field.location'),
        text(LOGISTICS_BLOCK.location, l?.location, TEXT_LIMITS.location, {
          placeholder: t('field.location.placeholder'),
        }),
      ),
      input(LOGISTICS_BLOCK.format, t('field.format'), staticSelect(LOGISTICS_BLOCK.format, formatOptions, l?.format)),
      input(
        LOGISTICS_BLOCK.agenda,
        t('field.agenda'),
        text(LOGISTICS_BLOCK.agenda, l?.agenda, TEXT_LIMITS.agenda, { multiline: true }),
        { optional: true },
      ),
    ],
  };
}
