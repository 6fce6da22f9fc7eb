import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Interview } from '../../../domain/interview.js';
import type { ListenerDeps } from '../../context.js';
import { notifyUser } from '../../services/notify.js';
import { classifySlackError } from '../../slackErrors.js';
import { buildHelp, buildUpcomingList, LIST_LIMIT } from '../../views/commandResponses.js';
import { buildInterviewModal } from '../../views/interviewModal.js';
import { parseCommand } from './parse.js';
import { loadAccessible, loadWritable, refusalText } from '../../services/access.js';
import { buildHandoverModal } from '../../views/handoverModal.js';
import { isHandedOverTooLate } from '../views/handoverSubmission.js';
import { buildEraseModal } from '../../views/eraseModal.js';
import { computeStats, periodRange } from '../../../domain/stats.js';
import { statsSection } from '../../views/stats.js';
import { ackNow } from '../../ack.js';
import { plainText } from '../../blocks.js';
import { localDay } from '../../../domain/localTime.js';
import { buildToday, TODAY_MAX } from '../../views/today.js';
import { buildTeam } from '../../views/team.js';
import { loadTeam } from '../../services/team.js';

/**
 * /interviewprep: every reply that needs no Slack call travels in the acknowledgement itself
 * (an ephemeral message), so it works in any channel and costs one round trip.
 */
export function interviewprepCommand(deps: ListenerDeps) {
  return async ({ command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const { t } = deps;
    const parsed = parseCommand(command.text);
    /** The interview, or undefined after the refusal was answered (foreign, gone, erased for a change). */
    const loadOrRefuse = async (load: () => Promise<Interview>): Promise<Interview | undefined> => {
      try {
        return await load();
      } catch (error) {
        const text = refusalText(deps, error);
        if (text === undefined) throw error;
        await ackNow(ack, { response_type: 'ephemeral', text });
        return undefined;
      }
    };
    /** Acks, then opens the modal; a failure is told to the user in plain words, never a spinner. */
    const ackAndOpen = async (build: () => ModalView | Promise<ModalView>, what: string): Promise<void> => {
      await ackNow(ack);
      try {
        await deps.client.views.open({ trigger_id: command.trigger_id, view: await build() });
      } catch (error) {
        deps.logger.warn({ slackError: classifySlackError(error).code }, `views.open failed for ${what}`);
        await notifyUser(deps.client, deps.logger, { user: command.user_id }, t('command.openFailed'));
      }
    };
    switch (parsed.kind) {
      case 'new':
        await ackAndOpen(() => buildInterviewModal(undefined, t), 'new interview');
        return;
      case 'list': {
        const now = deps.now();
        const query = { ownerId: command.user_id, from: now };
        const upcoming = await deps.interviews.listUpcoming({ ...query, limit: LIST_LIMIT });
        const total = upcoming.length < LIST_LIMIT ? upcoming.length : await deps.interviews.countUpcoming(query);
        await ackNow(ack, buildUpcomingList(upcoming, total, await deps.timezones.cached(command.user_id), t));
        return;
      }
      case 'today': {
        const now = deps.now();
        const tz = await deps.timezones.cached(command.user_id);
        const today = await deps.interviews.listUpcoming({ ownerId: command.user_id, ...localDay(now, tz), limit: TODAY_MAX });
        await ackNow(ack, buildToday(today, tz, t, now));
        return;
      }
      case 'team': {
        if (!deps.leads.has(command.user_id)) {
          await ackNow(ack, { response_type: 'ephemeral', text: plainText(t, 'team.onlyLeads') });
          return;
        }
        const now = deps.now();
        const tz = await deps.timezones.cached(command.user_id);
        await ackNow(ack, buildTeam(await loadTeam(deps, tz, now), tz, t));
        return;
      }
      case 'stats': {
        const range = periodRange(parsed.period, deps.now());
        const blocks = [statsSection(computeStats(await deps.interviews.statsRows({ ownerId: command.user_id, ...range }), command.user_id), 'me', parsed.period, t)];
        if (deps.admins.has(command.user_id)) {
          blocks.push(statsSection(computeStats(await deps.interviews.statsRows(range)), 'team', parsed.period, t));
        }
        await ackNow(ack, { response_type: 'ephemeral', text: plainText(t, 'stats.scope.me'), blocks });
        return;
      }
      case 'erase':
      case 'export': {
        const interview = await loadOrRefuse(() => loadAccessible(deps, parsed.id, command.user_id));
        if (!interview) return;
        if (parsed.kind === 'export') {
          await ackNow(ack, { response_type: 'ephemeral', text: t('export.started', { id: interview.id }) });
          try {
            await deps.privacy.export(interview, command.user_id, deps.now());
          } catch (error) {
            deps.logger.error({ interviewId: interview.id, slackError: classifySlackError(error).code }, 'export failed');
            await notifyUser(deps.client, deps.logger, { user: command.user_id }, t('export.failed', { id: interview.id }));
          }
          return;
        }
        if (interview.erased) {
          // Nothing left to confirm: say so at once instead of a dialog about "[verwijderd]".
          await ackNow(ack, { response_type: 'ephemeral', text: t('erase.already', { id: interview.id }) });
          return;
        }
        await ackAndOpen(() => buildEraseModal(interview, t), 'erase');
        return;
      }
      case 'handover': {
        const interview = await loadOrRefuse(() => loadWritable(deps, parsed.id, command.user_id));
        if (!interview) return;
        if (isHandedOverTooLate(interview)) {
          await ackNow(ack, { response_type: 'ephemeral', text: t('validation.handoverFinished') });
          return;
        }
        await ackAndOpen(async () => buildHandoverModal(interview, parsed.to, await deps.timezones.cached(command.user_id), t), 'handover');
        return;
      }
      case 'settings': {
        const settings = deps.settings;
        if (!settings.save) {
          await ackNow(ack, { response_type: 'ephemeral', text: t('settings.fromEnvironment') });
          return;
        }
        let current = settings.current;
        if (parsed.change) {
          if (!deps.admins.has(command.user_id)) {
            await ackNow(ack, { response_type: 'ephemeral', text: t('settings.onlyAdmins') });
            return;
          }
          current = await settings.save(parsed.change, command.user_id, deps.now());
        }
        const list = (ids: ReadonlySet<string>) => (ids.size > 0 ? [...ids].map((u) => `<@${u}>`).join(', ') : t('settings.none'));
        const summary = t('settings.summary', {
          channel: current.riskAlertChannel ? `<#${current.riskAlertChannel}>` : t('settings.none'),
          admins: list(current.admins),
          leads: list(current.teamLeads),
        });
        await ackNow(ack, { response_type: 'ephemeral', text: parsed.change ? `${t('settings.saved')}\n${summary}` : summary });
        return;
      }
      case 'needsId':
        await ackNow(ack, { response_type: 'ephemeral', text: t('command.needsId', { word: parsed.word }) });
        return;
      case 'help':
        await ackNow(ack, buildHelp(t));
        return;
      case 'unknown':
        await ackNow(ack, buildHelp(t, parsed.input));
        return;
    }
  };
}
