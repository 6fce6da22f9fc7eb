import type { KnownBlock } from '@slack/types';
import { deriveChecklist } from '../../domain/checklist.js';
import { candidateInitials, type Interview } from '../../domain/interview.js';
import { localDate } from '../../domain/localTime.js';
import type { RiskAlert } from '../../domain/repositories.js';
import { context, esc, header, packLines, plainText, section } from '../blocks.js';
import { hhmm, slackDate } from '../format.js';
import type { Translator } from '../i18n/index.js';
import type { EphemeralReply } from './commandResponses.js';

/** Interviews loaded for the two days (a team of 40 consultants with a few each fits). */
export const TEAM_MAX_INTERVIEWS = 200;
/** Open alerts loaded for the list. */
export const TEAM_MAX_ALERTS = 100;
/** Sections the team part may use, so the lead's own part of the Home tab keeps its room. */
const MAX_SECTIONS = { perDay: 3, alerts: 3 };

export interface TeamData {
  /** The whole team's interviews from the start of today until the end of tomorrow (lead's zone). */
  interviews: Interview[];
  /** Open alerts nobody claimed, oldest first, with their interviews. */
  alerts: Array<{ alert: RiskAlert; interview: Interview }>;
  now: Date;
}

/**
 * "Team vandaag" (issue 15): for team leads and admins, today's and tomorrow's interviews of the
 * whole team — time, consultant, client, candidate initials, progress, open risks — then the risk
 * moments nobody picked up, oldest first. Lines packed into few sections: 40 interviews take a
 * handful of blocks, far inside Slack's 100; what does not fit is counted, never cut silently.
 */
export function teamBlocks(data: TeamData, tz: string, t: Translator): KnownBlock[] {
  const openByInterview = new Map<number, RiskAlert[]>();
  for (const { alert } of data.alerts) openByInterview.set(alert.interviewId, [...(openByInterview.get(alert.interviewId) ?? []), alert]);
  const today = localDate(data.now, tz);
  const sorted = [...data.interviews].sort((a, b) => a.logistics.start.getTime() - b.logistics.start.getTime());
  const days = [
    { title: 'team.today' as const, interviews: sorted.filter((i) => localDate(i.logistics.start, tz) === today) },
    { title: 'team.tomorrow' as const, interviews: sorted.filter((i) => localDate(i.logistics.start, tz) !== today) },
  ];
  const blocks: KnownBlock[] = [header(t('team.title')), context(t('team.intro'))];
  for (const day of days) {
    const lines = day.interviews.map((i) => row(i, openByInterview.get(i.id) ?? [], tz, t));
    blocks.push(...packed(t(day.title, { count: day.interviews.length }), lines, MAX_SECTIONS.perDay, t));
  }
  const alertLines = data.alerts.map(({ alert, interview }) =>
    t('team.alert', {
      since: slackDate(alert.createdAt, tz, t.language),
      reason: t(`team.reason.${alert.reason}`),
      id: alert.interviewId,
      client: esc(interview.logistics.clientCompany),
      initials: esc(candidateInitials(interview.logistics.candidateName)),
      owner: interview.ownerId,
    }),
  );
  if (alertLines.length === 0) blocks.push(section(`${t('team.alerts', { count: 0 })}\n${t('team.noAlerts')}`));
  else blocks.push(...packed(t('team.alerts', { count: alertLines.length }), alertLines, MAX_SECTIONS.alerts, t));
  return blocks;
}

function row(i: Interview, open: RiskAlert[], tz: string, t: Translator): string {
  const checklist = deriveChecklist(i);
  const reasons = [...new Set(open.map((a) => t(`team.reason.${a.reason}`)))].join(', ');
  return t('team.row', {
    time: hhmm(i.logistics.start, tz),
    owner: i.ownerId,
    client: esc(i.logistics.clientCompany),
    initials: esc(candidateInitials(i.logistics.candidateName)),
    progress: t('card.progress', { done: checklist.done, total: checklist.total }),
    risk: reasons ? t('team.risk', { reasons }) : '',
  });
}

/** A titled list in at most `max` sections, with "…en nog N." for what does not fit. */
function packed(title: string, lines: string[], max: number, t: Translator): KnownBlock[] {
  if (lines.length === 0) return [section(`${title}\n${t('team.none')}`)];
  const { sections, shown } = packLines(lines, max, title);
  return shown < lines.length ? [...sections, context(t('team.more', { count: lines.length - shown }))] : sections;
}

/** `/interviewprep team`: the same as the Home tab's "Team vandaag", as an ephemeral reply. */
export function buildTeam(data: TeamData, tz: string, t: Translator): EphemeralReply {
  return { response_type: 'ephemeral', text: plainText(t, 'team.title'), blocks: teamBlocks(data, tz, t) };
}
