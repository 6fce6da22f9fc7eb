import type { KnownBlock, ModalView } from '@slack/types';
import {
  DECISION_POWERS,
  DIRECTNESS,
  FORMALITIES,
  MAX_STAKEHOLDERS,
  SENIORITIES,
  type Interview,
  type Stakeholder,
} from '../../domain/interview.js';
import { TEXT_LIMITS } from '../../domain/validation.js';
import {
  actions,
  button,
  context,
  dangerButton,
  divider,
  esc,
  input,
  LIMITS,
  option,
  plain,
  radioButtons,
  section,
  staticSelect,
  textInput,
} from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { ACTION, BLOCK, CALLBACK, CULTURE_BLOCK, ROW_ACTION, STAKEHOLDER_BLOCK } from '../ids.js';
import { contextConversationScript, copyableText } from './briefing.js';
import type { ForInterviewMetadata, StakeholderModalMetadata } from './state.js';

function stakeholderSummary(s: Stakeholder, t: Translator): string {
  const title = [s.role, s.seniority ? t(`seniority.${s.seniority}`) : undefined].filter(Boolean).map((x) => esc(x as string));
  const lines = [
    `*${esc(s.name)}*${title.length ? ` · ${title.join(' · ')}` : ''} · _${t(`decisionPower.${s.decisionPower}`)}_`,
  ];
  if (s.communicationStyle) lines.push(t('stakeholders.style', { text: esc(s.communicationStyle) }));
  if (s.keyInterests) lines.push(t('stakeholders.interests', { text: esc(s.keyInterests) }));
  return lines.join('\n');
}

/**
 * "Gesprekspartners": the interviewers with edit/remove per row, `Toevoegen`, the culture notes
 * (saved with the modal's submit) and the candidate briefing generated from the profiles.
 */
export function buildStakeholdersModal(interview: Interview, tz: string, t: Translator): ModalView {
  const value = (s: Stakeholder) => `${interview.id}:${s.id}`;
  const blocks: KnownBlock[] = [
    section(
      t('stakeholders.intro', {
        id: interview.id,
        candidate: esc(interview.logistics.candidateName),
        client: esc(interview.logistics.clientCompany),
      }),
    ),
  ];
  if (interview.stakeholders.length === 0) blocks.push(context(t('stakeholders.empty')));
  for (const s of interview.stakeholders) {
    blocks.push(section(stakeholderSummary(s, t)));
    blocks.push(
      actions(`${BLOCK.stakeholderRowPrefix}${s.id}`, [
        button(t('button.edit'), `${ROW_ACTION.editStakeholder.prefix}${s.id}`, value(s)),
        dangerButton(t('button.remove'), `${ROW_ACTION.removeStakeholder.prefix}${s.id}`, value(s), {
          title: t('confirm.removeStakeholder.title'),
          text: t('confirm.removeStakeholder.text', { name: s.name }),
          yes: t('button.remove'),
          no: t('confirm.no'),
        }),
      ]),
    );
  }
  if (interview.stakeholders.length < MAX_STAKEHOLDERS) {
    blocks.push(actions(BLOCK.stakeholderAdd, [button(t('button.add'), ACTION.addStakeholder, String(interview.id), 'primary')]));
  } else {
    blocks.push(context(t('stakeholders.max', { max: MAX_STAKEHOLDERS })));
  }
  const c = interview.culture;
  blocks.push(
    divider(),
    section(t('stakeholders.cultureTitle')),
    input(
      CULTURE_BLOCK.formality,
      t('field.culture.formality'),
      radioButtons(CULTURE_BLOCK.formality, FORMALITIES.map((f) => option(capitalise(t(`culture.${f}`)), f)), c.formality),
      { optional: true },
    ),
    input(
      CULTURE_BLOCK.directness,
      t('field.culture.directness'),
      radioButtons(CULTURE_BLOCK.directness, DIRECTNESS.map((d) => option(capitalise(t(`culture.${d}`)), d)), c.directness),
      { optional: true },
    ),
    input(
      CULTURE_BLOCK.notes,
      t('field.culture.notes'),
      textInput(CULTURE_BLOCK.notes, c.notes, TEXT_LIMITS.cultureNotes, { multiline: true }),
      { optional: true },
    ),
    divider(),
    section(t('stakeholders.briefingTitle')),
    section(copyableText(contextConversationScript(interview, tz, t))),
  );
  const metadata: ForInterviewMetadata = { interviewId: interview.id };
  return {
    type: 'modal',
    callback_id: CALLBACK.stakeholdersModal,
    title: plain(t('modal.stakeholders.title'), LIMITS.modalTitle),
    submit: plain(t('modal.submit'), LIMITS.modalTitle),
    close: plain(t('button.close'), LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** The pushed add/edit form for one interviewer. */
export function buildStakeholderModal(
  interviewId: number,
  stakeholder: Stakeholder | undefined,
  t: Translator,
  parentViewId?: string,
): ModalView {
  const s = stakeholder;
  const metadata: StakeholderModalMetadata = {
    interviewId,
    ...(s ? { stakeholderId: s.id } : {}),
    ...(parentViewId ? { parentViewId } : {}),
  };
  return {
    type: 'modal',
    callback_id: CALLBACK.stakeholderModal,
    title: plain(t(s ? 'modal.stakeholder.edit.title' : 'modal.stakeholder.new.title'), LIMITS.modalTitle),
    submit: plain(t('modal.submit'), LIMITS.modalTitle),
    close: plain(t('modal.close'), LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      input(STAKEHOLDER_BLOCK.name, t('field.stakeholder.name'), textInput(STAKEHOLDER_BLOCK.name, s?.name, TEXT_LIMITS.stakeholderName)),
      input(
        STAKEHOLDER_BLOCK.role,
        t('field.stakeholder.role'),
        textInput(STAKEHOLDER_BLOCK.role, s?.role, TEXT_LIMITS.stakeholderRole),
        { optional: true },
      ),
      input(
        STAKEHOLDER_BLOCK.seniority,
        t('field.stakeholder.seniority'),
        staticSelect(STAKEHOLDER_BLOCK.seniority, SENIORITIES.map((x) => option(t(`seniority.${x}`), x)), s?.seniority),
        { optional: true },
      ),
      input(
        STAKEHOLDER_BLOCK.decisionPower,
        t('field.stakeholder.decisionPower'),
        radioButtons(
          STAKEHOLDER_BLOCK.decisionPower,
          DECISION_POWERS.map((d) => option(t(`decisionPower.${d}`), d)),
          s?.decisionPower ?? 'unknown',
        ),
      ),
      input(
        STAKEHOLDER_BLOCK.communicationStyle,
        t('field.stakeholder.style'),
        textInput(STAKEHOLDER_BLOCK.communicationStyle, s?.communicationStyle, TEXT_LIMITS.communicationStyle, {
          placeholder: t('field.stakeholder.style.placeholder'),
        }),
        { optional: true },
      ),
      input(
        STAKEHOLDER_BLOCK.keyInterests,
        t('field.stakeholder.interests'),
        textInput(STAKEHOLDER_BLOCK.keyInterests, s?.keyInterests, TEXT_LIMITS.keyInterests, {
          multiline: true,
          placeholder: t('field.stakeholder.interests.placeholder'),
        }),
        { optional: true },
      ),
    ],
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
