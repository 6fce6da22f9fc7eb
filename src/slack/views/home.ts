import type { HomeView, KnownBlock } from '@slack/types';
import { deriveChecklist } from '../../domain/checklist.js';
import type { Interview } from '../../domain/interview.js';
import { actions, button, context, divider, esc, header, LIMITS, section } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { ACTION, BLOCK } from '../ids.js';
import { slackDate } from '../format.js';
import { progressLine } from './interviewCard.js';
import { todayRows } from './today.js';
import { teamBlocks, type TeamData } from './team.js';

export const HOME_DAYS = 14;
/** Follow-up rows shown at most, so upcoming interviews always get room too. */
export const HOME_FOLLOW_UP_ROWS = 10;

export interface HomeData {
  /** For team leads and admins: "Team vandaag" before their own interviews. */
  team?: TeamData;
  /** Today's interviews in the consultant's zone (any state), shown first as "Vandaag", as of `now`. */
  today?: { interviews: Interview[]; now: Date };
  /** Upcoming interviews, soonest first (may be more than fit; the rest is summarised). */
  upcoming: Interview[];
  /** How many upcoming interviews exist in the window, for the "…and N more" line. */
  upcomingTotal: number;
  /** Finished interviews whose follow-up is still open, most recent first. */
  followUp: Interview[];
}

const BLOCKS_PER_ROW = 2;

function row(i: Interview, tz: string, t: Translator, followUp: boolean): KnownBlock[] {
  const l = i.logistics;
  const lines = [
    t('home.row', { id: i.id, when: slackDate(l.start, tz, t.language), candidate: esc(l.candidateName), client: esc(l.clientCompany) }),
    progressLine(deriveChecklist(i), t),
  ];
  if (followUp) lines.push(t('home.followUpMark'));
  const id = String(i.id);
  const buttons = followUp
    ? [
        button(t('button.debrief'), ACTION.openDebrief, id, 'primary'),
        button(t('button.feedback'), ACTION.openFeedback, id),
        button(t('button.closeLoop'), ACTION.openLoop, id),
      ]
    : [
        button(t('button.stakeholders'), ACTION.openStakeholders, id),
        button(t('button.context'), ACTION.openContext, id),
        button(t('button.coaching'), ACTION.openCoaching, id),
        button(t('button.expectations'), ACTION.openExpectations, id),
        button(t('button.edit'), ACTION.editInterview, id),
      ];
  return [section(lines.join('\n')), actions(`${BLOCK.homeRowPrefix}${i.id}`, buttons)];
}

/**
 * App Home: follow-up owed first (it is overdue by nature), then the next 14 days soonest first.
 * Never more than Slack's 100 blocks: rows that do not fit are counted in a closing line.
 */
export function buildHome(data: HomeData, tz: string, t: Translator): HomeView {
  const blocks: KnownBlock[] = [];
  if (data.team) blocks.push(...teamBlocks(data.team, tz, t), divider());
  blocks.push(header(t('home.title')), context(t('home.intro', { days: HOME_DAYS })));
  if (data.today && data.today.interviews.length > 0) {
    blocks.push(header(`📅 ${t('command.today.title')}`), ...todayRows(data.today.interviews, tz, t, data.today.now), divider());
  }
  const budget = LIMITS.viewBlocks - 1; // one block kept for the "…and N more" line
  const followUp = data.followUp.slice(0, HOME_FOLLOW_UP_ROWS);
  if (followUp.length > 0) {
    blocks.push(header(`⚠️ ${t('home.followUp')}`));
    for (const i of followUp) blocks.push(...row(i, tz, t, true));
    blocks.push(divider());
  }
  if (data.upcoming.length === 0 && followUp.length === 0) {
    blocks.push(section(t('home.empty', { days: HOME_DAYS })));
  } else if (data.upcoming.length > 0) {
    blocks.push(header(t('home.upcoming')));
    let shown = 0;
    for (const i of data.upcoming) {
      if (blocks.length + BLOCKS_PER_ROW > budget) break;
      blocks.push(...row(i, tz, t, false));
      shown += 1;
    }
    const hidden = data.upcomingTotal - shown;
    if (hidden > 0) blocks.push(context(t('home.more', { count: hidden })));
  }
  return { type: 'home', blocks };
}

/** How many upcoming rows can ever fit, so callers load no more than that. */
export const HOME_MAX_UPCOMING = Math.floor((LIMITS.viewBlocks - 4) / BLOCKS_PER_ROW);
