import type { KnownBlock, ModalView } from '@slack/types';
import { MAX_STAKEHOLDERS, type Interview, type Stakeholder } from '../../domain/interview.js';
import { actions, button, context, dangerButton, divider, esc, section } from '../blocks.js';
import { cultureForm, stakeholderForm } from '../forms/index.js';
import type { Translator } from '../i18n/index.js';
import { ACTION, BLOCK, ROW_ACTION } from '../ids.js';
import { contextConversationScript, copyableText } from './briefing.js';
import { formModal, interviewModal } from './formModal.js';
import type { StakeholderModalMetadata } from './state.js';

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
  blocks.push(
    divider(),
    section(t('stakeholders.cultureTitle')),
    ...cultureForm.inputs(interview.culture, t),
    divider(),
    section(t('stakeholders.briefingTitle')),
    section(copyableText(contextConversationScript(interview, tz, t))),
  );
  // Its own inputs are the culture notes (`Opslaan`); rows are saved as they change, so the other
  // button says `Sluiten`, not `Annuleren`.
  return interviewModal(cultureForm.callbackId, t('modal.stakeholders.title'), interview, blocks, t, { close: t('button.close') });
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
  return formModal(
    {
      callbackId: stakeholderForm.callbackId,
      title: t(s ? 'modal.stakeholder.edit.title' : 'modal.stakeholder.new.title'),
      metadata,
      blocks: stakeholderForm.inputs(s, t),
    },
    t,
  );
}
